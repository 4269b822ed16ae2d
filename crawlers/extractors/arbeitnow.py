"""Arbeitnow job board API → items.

`GET arbeitnow.com/api/job-board-api?page=N` answers `{"data": [...], "links": {"first", "last",
"prev", "next"}, "meta": {"current_page", "per_page", …}}`; `links.next` is null on the last page.
A job has a `slug` (its id), `company_name`, `title`, HTML `description` (some employers' text
arrives entity-escaped once more: `&lt;p&gt;`), a `remote` flag, `location`, `url` and
`created_at` in Unix seconds. There is no salary field.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import parse_qs, urlsplit

from contract.posting import PostingItem, new_item
from crawlers.extractors.common import epoch_to_iso, remote_from_text

SOURCE = "arbeitnow"


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job of one page."""
    board = board or SOURCE  # one feed: its items are filed under the aggregator
    return [_job_item(job, board) for job in payload.get("data") or [] if isinstance(job, dict) and job.get("slug")]


def next_page(payload: dict[str, Any]) -> int | None:
    """The page number `links.next` points at, or None on the last page."""
    link = (payload.get("links") or {}).get("next")
    if not link:
        return None
    pages = parse_qs(urlsplit(link).query).get("page") or []
    current = (payload.get("meta") or {}).get("current_page")
    if pages and pages[-1].isdigit():
        return int(pages[-1])
    return int(current) + 1 if isinstance(current, int) else None


def description_html(text: str | None) -> str | None:
    """The job's HTML, with an entity-escaped employer text unescaped once.

    Arbeitnow appends its own (real) HTML footer after the employer's text, so an escaped text
    shows as "&lt;p&gt;…&lt;/p&gt;<p>Find more <a …>": only the part before the first real tag
    is unescaped.
    """
    if not text:
        return None
    if not text.lstrip().startswith("&lt;"):
        return text
    cut = text.find("<")
    escaped, footer = (text, "") if cut < 0 else (text[:cut], text[cut:])
    return html.unescape(escaped) + footer


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    location = (job.get("location") or "").strip() or None
    return new_item(
        source=SOURCE,
        source_id=str(job["slug"]),
        board=board,
        url=job.get("url"),
        company=(job.get("company_name") or "").strip() or None,
        title=(job.get("title") or "").strip(),
        location=location,
        # `remote: false` means "not fully remote", which may still be hybrid: only the text decides.
        remote="remote" if job.get("remote") is True else remote_from_text(location),
        description_html=description_html(job.get("description")),
        posted_at=epoch_to_iso(job.get("created_at")),
        raw=job,
    )
