"""Remotive API → items.

`GET remotive.com/api/remote-jobs` answers `{"00-warning", "0-legal-notice", "job-count",
"total-job-count", "jobs": [...]}` (the notices are absent from some saved copies). A job has an
integer `id`, `url` (its Remotive page, which their terms ask users to link back to), `title`,
`company_name`, `candidate_required_location`, `publication_date` (no time zone), HTML
`description`, and `salary` as free text ("$55k - $100k", "$14/hr", or ""), handed over as the
item's `salary_text` for normalization to read.
"""

from __future__ import annotations

from typing import Any

from contract.posting import PostingItem, new_item

SOURCE = "remotive"


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job of the feed."""
    board = board or SOURCE  # one feed: its items are filed under the aggregator
    return [
        _job_item(job, board)
        for job in payload.get("jobs") or []
        if isinstance(job, dict) and job.get("id") is not None
    ]


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    return new_item(
        source=SOURCE,
        source_id=str(job["id"]),
        board=board,
        url=job.get("url"),
        company=(job.get("company_name") or "").strip() or None,
        title=(job.get("title") or "").strip(),
        location=(job.get("candidate_required_location") or "").strip() or None,
        remote="remote",  # a remote-only board
        description_html=job.get("description") or None,
        # Kept as sent (no offset); ingest reads offset-less timestamps as UTC.
        posted_at=job.get("publication_date") or None,
        salary_text=job["salary"].strip() or None if isinstance(job.get("salary"), str) else None,
        raw=job,
    )
