"""Greenhouse Job Board API → items.

`GET boards-api.greenhouse.io/v1/boards/<token>/jobs?content=true` answers
`{"jobs": [...], "meta": {"total": N}}`. With `content=true` each job's `content` is HTML that
Greenhouse entity-escapes once more (`&lt;p&gt;…`), so it is unescaped exactly once here; without
it the job has no `content` and the item's description is None.
"""

from __future__ import annotations

import html
from typing import Any

from contract.posting import PostingItem, new_item
from crawlers.extractors.common import each_record, refused, remote_from_text

SOURCE = "greenhouse"


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job of a board's jobs listing (with or without `content`); a job without an
    id, or one that is not an object, is a refusal saying so (see common.refused)."""
    return each_record(payload.get("jobs") or [], lambda job: _job_item(job, board), SOURCE, board)


def declared_total(payload: dict[str, Any]) -> int | None:
    """How many jobs the board says it has (`meta.total`), or None when it does not say."""
    meta = payload.get("meta")
    total = meta.get("total") if isinstance(meta, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    if not isinstance(job, dict):
        return refused(SOURCE, board, f"job is a JSON {type(job).__name__}, not an object", job)
    if job.get("id") is None or job.get("id") == "":
        return refused(SOURCE, board, "job has no id", job)
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
