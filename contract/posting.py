"""The one item schema every source emits: the crawl → load contract (one JSON object per line).

Extractors build these dicts; the landing file is their JSON Lines dump; ingest reads them back.
Only `source`, `source_id` and `title` are required; every other field may be None when a source
does not have it. Dates are ISO 8601 strings (UTC where the source says so).
"""

from __future__ import annotations

from typing import Any, TypedDict


class PostingItem(TypedDict, total=False):
    source: str  # "greenhouse", "lever", "ashby", "hn", ...
    source_id: str  # the source's own id, unique within the source
    board: str | None  # the board token / company slug crawled, or the HN thread id
    url: str | None
    company: str | None
    title: str
    location: str | None
    remote: str | None  # "remote" | "hybrid" | "onsite" when the source says so
    description_html: str | None  # HTML (already unescaped once where the API entity-escapes it)
    posted_at: str | None  # when the posting was first published
    updated_at: str | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None  # ISO 4217, only when the source states it
    salary_period: str | None  # "hour" | "day" | "week" | "month" | "year"
    salary_text: str | None  # pay as a person wrote it ("$150k-$200k", "$14/hr"); normalization reads it
    raw: dict[str, Any]  # the source's record as returned, for re-processing without re-crawling


REQUIRED_FIELDS = ("source", "source_id", "title")

FIELDS = tuple(PostingItem.__annotations__)


def new_item(**fields: Any) -> PostingItem:
    """An item with every schema field present (None when not given), so landing files are uniform."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    item: dict[str, Any] = {name: None for name in FIELDS}
    item["raw"] = {}
    item.update(fields)
    return item  # type: ignore[return-value]
