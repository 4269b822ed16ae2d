"""Recruitee careers-site API → items.

`GET https://<company>.recruitee.com/api/offers/` answers `{"offers": [...]}`. An offer's text is
split in two HTML fields, `description` and `requirements`; both are kept, in that order. Work
mode is three flags (`remote`, `hybrid`, `on_site`), pay a `salary` block whose amounts are
decimal strings (`{"min": "75.00", "max": "95.00", "period": "year", "currency": "USD"}`, all
null when unpublished), and timestamps read "2026-08-11 20:45:29 UTC".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from contract.posting import PostingItem, new_item
from contract.salary import Salary
from crawlers.extractors.common import remote_from_text, salary_period, to_number
from crawlers.extractors.workable import place

SOURCE = "recruitee"


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per offer of a company's careers site."""
    return [
        _offer_item(offer, board)
        for offer in payload.get("offers") or []
        if isinstance(offer, dict) and offer.get("id") is not None
    ]


def utc_timestamp(value: str | None) -> str | None:
    """ "2026-08-11 20:45:29 UTC" → "2026-08-11T20:45:29+00:00"; anything unparsable → None."""
    if not value or not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().removesuffix(" UTC").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # Recruitee states UTC in words rather than as an offset
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def salary_of(offer: dict[str, Any]) -> Salary | None:
    block = offer.get("salary") or {}
    low, high = to_number(block.get("min")), to_number(block.get("max"))
    if low is None and high is None:
        return None
    currency = (block.get("currency") or "").upper() or None
    return Salary(low, high, currency, salary_period(block.get("period")))


def _remote(offer: dict[str, Any], location: str | None) -> str | None:
    if offer.get("hybrid") is True:
        return "hybrid"
    if offer.get("remote") is True:
        return "remote"
    if offer.get("on_site") is True:
        return "onsite"
    return remote_from_text(location)


def _location(offer: dict[str, Any]) -> str | None:
    # The `location` field can be a label ("Remote job"); city/state/country say where.
    composed = place(offer.get("city"), offer.get("state_name"), offer.get("country"))
    return composed or (offer.get("location") or "").strip() or None


def _offer_item(offer: dict[str, Any], board: str) -> PostingItem:
    location = _location(offer)
    salary = salary_of(offer)
    text = "\n".join(part for part in (offer.get("description"), offer.get("requirements")) if part)
    return new_item(
        source=SOURCE,
        source_id=str(offer["id"]),
        board=board,
        url=offer.get("careers_url"),
        company=(offer.get("company_name") or "").strip() or board,
        title=(offer.get("title") or "").strip(),
        location=location,
        remote=_remote(offer, location or offer.get("location")),
        description_html=text or None,
        posted_at=utc_timestamp(offer.get("published_at") or offer.get("created_at")),
        updated_at=utc_timestamp(offer.get("updated_at")),
        **(salary.as_item_fields() if salary else {}),
        raw=offer,
    )
