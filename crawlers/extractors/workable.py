"""Workable → items, from either of its two public endpoints.

- The widget API `GET apply.workable.com/api/v1/widget/accounts/<account>?details=true` answers
  `{name, jobs: [...]}`; with `details=true` each job carries its full `description` (HTML).
  Dates are plain days (`published_on: "2026-08-05"`); `telecommuting` flags remote jobs.
- The v3 list `POST apply.workable.com/api/v3/accounts/<account>/jobs` answers `{total, results}`:
  no description, but `published` as a timestamp and `workplace` (remote | hybrid | on_site).

Both name a job by its `shortcode`, so the same job has the same source_id whichever was read.
"""

from __future__ import annotations

from typing import Any

from contract.posting import PostingItem, new_item
from crawlers.extractors.common import remote_from_text

SOURCE = "workable"
JOB_URL = "https://apply.workable.com/j/{shortcode}"
_WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "on_site": "onsite", "onsite": "onsite"}


def place(city: str | None, region: str | None, country: str | None) -> str | None:
    """ "Paris, Île-de-France, France"; a part equal to the one before it is said once."""
    parts: list[str] = []
    for part in (city, region, country):
        if part and part.strip() and (not parts or parts[-1] != part.strip()):
            parts.append(part.strip())
    return ", ".join(parts) or None


def _widget_items(payload: dict[str, Any], board: str | None) -> list[PostingItem]:
    """One item per job of an account's widget listing (descriptions only with `details=true`)."""
    company = (payload.get("name") or "").strip() or board
    return [
        _widget_item(job, company, board)
        for job in payload.get("jobs") or []
        if isinstance(job, dict) and job.get("shortcode")
    ]


def _widget_item(job: dict[str, Any], company: str | None, board: str | None) -> PostingItem:
    location = place(job.get("city"), job.get("state"), job.get("country"))
    return new_item(
        source=SOURCE,
        source_id=str(job["shortcode"]),
        board=board,
        url=job.get("url") or job.get("shortlink") or JOB_URL.format(shortcode=job["shortcode"]),
        company=company,
        title=(job.get("title") or "").strip(),
        location=location,
        # `telecommuting: false` covers on-site and hybrid alike, so only `true` is a statement.
        remote="remote" if job.get("telecommuting") is True else remote_from_text(location),
        description_html=job.get("description") or None,
        posted_at=job.get("published_on") or job.get("created_at") or None,
        raw=job,
    )


def _v3_items(payload: dict[str, Any], board: str | None) -> list[PostingItem]:
    """One item per job of a v3 `{total, results}` page (no descriptions in this shape)."""
    return [
        _v3_item(job, board) for job in payload.get("results") or [] if isinstance(job, dict) and job.get("shortcode")
    ]


def _v3_item(job: dict[str, Any], board: str | None) -> PostingItem:
    where = job.get("location") or {}
    location = place(where.get("city"), where.get("region"), where.get("country"))
    workplace = _WORKPLACE.get((job.get("workplace") or "").lower())
    return new_item(
        source=SOURCE,
        source_id=str(job["shortcode"]),
        board=board,
        url=JOB_URL.format(shortcode=job["shortcode"]),
        company=board,  # the v3 list does not name the account's company; the board slug does
        title=(job.get("title") or "").strip(),
        location=location,
        remote=workplace or ("remote" if job.get("remote") is True else remote_from_text(location)),
        posted_at=job.get("published") or None,
        raw=job,
    )


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job of either shape: the widget `{name, jobs}` (what the spider reads) or a v3
    `{total, results}` page (saved responses)."""
    if isinstance(payload, dict) and "results" in payload:
        return _v3_items(payload, board)
    return _widget_items(payload if isinstance(payload, dict) else {}, board)
