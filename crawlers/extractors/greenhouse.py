"""Greenhouse Job Board API → items.

`GET boards-api.greenhouse.io/v1/boards/<token>/jobs?content=true` answers
`{"jobs": [...], "meta": {"total": N}}`. With `content=true` each job's `content` is HTML that
Greenhouse entity-escapes once more (`&lt;p&gt;…`), so it is unescaped exactly once here; without
it the job has no `content` and the item's description is None.
"""

from __future__ import annotations

import html
from typing import Any

from crawlers.extractors.common import remote_from_text
from crawlers.items import PostingItem, new_item

SOURCE = "greenhouse"


def extract_jobs(payload: dict[str, Any], board: str) -> list[PostingItem]:
    """One item per job of a board's jobs listing (with or without `content`)."""
    return [_job_item(job, board) for job in payload.get("jobs") or [] if job.get("id") is not None]


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    location = (job.get("location") or {}).get("name") or None
    content = job.get("content")
    return new_item(
        source=SOURCE,
        source_id=str(job["id"]),
        board=board,
        url=job.get("absolute_url"),
        company=job.get("company_name") or board,
        title=(job.get("title") or "").strip(),
        location=location,
        remote=remote_from_text(location),
        description_html=html.unescape(content) if content else None,
        posted_at=job.get("first_published") or job.get("updated_at"),
        updated_at=job.get("updated_at"),
        raw=job,
    )
