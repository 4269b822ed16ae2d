"""The Muse public jobs API → items.

`GET themuse.com/api/public/jobs?page=N` (pages count from 0) answers `{page, page_count,
items_per_page, took, timed_out, total, results: [...], aggregations}`. A result has an integer
`id`, `name` (the title), HTML `contents`, `publication_date` (ISO, "Z"), `locations` [{name}]
("Flexible / Remote" for remote jobs), `levels`, `categories`, `refs.landing_page` and
`company` {id, short_name, name}. There is no salary field.

Archives written by other tools often wrap saved results as `{"jobs": [...]}` or keep a bare
list; both are read too, so `jobpulse import --format themuse` takes them as they are.
"""

from __future__ import annotations

from typing import Any

from contract.posting import PostingItem, new_item
from crawlers.extractors.common import remote_from_text

SOURCE = "themuse"


def results_of(payload: dict[str, Any] | list[Any]) -> list[Any]:
    """The result objects of an API page, of a `{"jobs": [...]}` archive, or of a bare list."""
    if isinstance(payload, list):
        return payload
    return payload.get("results") or payload.get("jobs") or []


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job result (an API page, a `{"jobs": [...]}` archive or a bare list)."""
    board = board or SOURCE  # one feed: its items are filed under the aggregator
    return [
        _result_item(result, board)
        for result in results_of(payload)
        if isinstance(result, dict) and result.get("id") is not None
    ]


def _location(result: dict[str, Any]) -> str | None:
    names = [place.get("name", "").strip() for place in result.get("locations") or [] if isinstance(place, dict)]
    # Names carry their own commas ("New York, NY"), so several places are joined with "; ".
    return "; ".join(name for name in names if name) or None


def _result_item(result: dict[str, Any], board: str) -> PostingItem:
    location = _location(result)
    company = result.get("company") or {}
    return new_item(
        source=SOURCE,
        source_id=str(result["id"]),
        board=board,
        url=(result.get("refs") or {}).get("landing_page"),
        company=(company.get("name") or "").strip() or None,
        title=(result.get("name") or "").strip(),
        location=location,
        remote=remote_from_text(location),
        description_html=result.get("contents") or None,
        posted_at=result.get("publication_date") or None,
        raw=result,
    )
