"""SmartRecruiters Posting API → items.

Two endpoints make one posting:
- the list `GET api.smartrecruiters.com/v1/companies/<id>/postings?offset=&limit=` answers
  `{offset, limit, totalFound, content: [...]}`: title, location, dates, but no job ad;
- the detail `GET …/postings/<postingId>` repeats those fields and adds `postingUrl` and the job ad,
  `jobAd.sections.{companyDescription, jobDescription, qualifications, additionalInformation}`,
  each `{title, text}` with `text` in HTML (not entity-escaped).

`posting_item(listing, detail, board)` merges the two; a listing whose detail is missing (a saved
list page, or a posting withdrawn between the two calls) still makes an item, without description.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from contract.posting import PostingItem, new_item
from crawlers.extractors.common import remote_from_text

SOURCE = "smartrecruiters"
JOB_AD_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
PUBLIC_URL = "https://jobs.smartrecruiters.com/{company}/{posting}"


def listing_page(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """(the postings of one list page, `totalFound` — the company's total over all pages)."""
    listings = [p for p in payload.get("content") or [] if isinstance(p, dict) and p.get("id")]
    total = payload.get("totalFound")
    return listings, total if isinstance(total, int) else len(listings)


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """Items of one response: a list page (no descriptions) or one posting's detail. The spider,
    which has both, merges a listing with its detail through `posting_item`."""
    if isinstance(payload, dict) and "content" in payload:
        listings, _ = listing_page(payload)
        return [posting_item(listing, None, board) for listing in listings]
    if isinstance(payload, dict) and payload.get("id"):
        return [posting_item(payload, payload, board)]
    return []


def job_ad_html(detail: dict[str, Any] | None) -> str | None:
    """The job ad's sections in their reading order, each under its title; empty ones dropped."""
    sections = ((detail or {}).get("jobAd") or {}).get("sections") or {}
    parts = []
    for key in JOB_AD_SECTIONS:
        section = sections.get(key) or {}
        text = (section.get("text") or "").strip()
        if text:
            title = (section.get("title") or "").strip()
            parts.append(f"<h3>{html.escape(title, quote=False)}</h3>\n{text}" if title else text)
    return "\n".join(parts) or None


def iso_utc(value: str | None) -> str | None:
    """ "2026-06-24T10:00:11.853Z" → "2026-06-24T10:00:11.853000+00:00"; unparsable → None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _location(location: dict[str, Any]) -> str | None:
    if location.get("fullLocation"):
        return location["fullLocation"]
    parts = [location.get(k) for k in ("city", "region", "country")]
    return ", ".join(str(p) for p in parts if p) or None


def _remote(location: dict[str, Any], text: str | None) -> str | None:
    # Both flags are always sent; both false is the API saying "on site".
    if location.get("hybrid") is True:
        return "hybrid"
    if location.get("remote") is True:
        return "remote"
    if location.get("remote") is False and location.get("hybrid") in (False, None):
        return "onsite"
    return remote_from_text(text)


def posting_item(listing: dict[str, Any], detail: dict[str, Any] | None, board: str | None) -> PostingItem:
    """One item from a list record and, when fetched, its detail record (the detail wins)."""
    record = {**listing, **(detail or {})}
    company = record.get("company") or {}
    location = record.get("location") or {}
    location_text = _location(location)
    identifier = company.get("identifier") or board
    return new_item(
        source=SOURCE,
        source_id=str(record["id"]),
        board=board,
        url=record.get("postingUrl") or PUBLIC_URL.format(company=identifier, posting=record["id"]),
        company=company.get("name") or board,
        title=(record.get("name") or "").strip(),
        location=location_text,
        remote=_remote(location, location_text),
        description_html=job_ad_html(detail),
        posted_at=iso_utc(record.get("releasedDate")),
        raw=record,
    )
