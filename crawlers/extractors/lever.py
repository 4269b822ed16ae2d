"""Lever Postings API → items.

`GET api.lever.co/v0/postings/<company>?mode=json` answers a bare JSON array of postings.
Lever's `description` is the opening *and* the body combined; newer postings also carry them
apart as `opening` + `descriptionBody`. Using the parts when they exist (and `description` only
for the older shape) keeps the opening from appearing twice.
"""

from __future__ import annotations

from typing import Any

from contract.posting import PostingItem, new_item
from contract.salary import Salary
from crawlers.extractors.common import each_record, epoch_ms_to_iso, refused, remote_from_text, salary_period, to_number

SOURCE = "lever"
_WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "on-site": "onsite"}


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per posting of a company's postings page; one without an id is a refusal."""

    def item(posting: Any) -> PostingItem:
        if not isinstance(posting, dict) or not posting.get("id"):
            return refused(SOURCE, board, "posting has no id", posting)
        return _posting_item(posting, board)

    return each_record(payload or [], item, SOURCE, board)


def description_html(posting: dict[str, Any]) -> str | None:
    """The posting's full HTML: opening, body, each list as `<h3>text</h3><ul>items</ul>`, closing."""
    if posting.get("descriptionBody") is not None:
        parts = [posting.get("opening"), posting.get("descriptionBody")]
    else:
        parts = [posting.get("description")]
    for section in posting.get("lists") or []:
        heading = section.get("text") or ""
        items = section.get("content") or ""
        parts.append(f"<h3>{heading}</h3><ul>{items}</ul>")
    parts.append(posting.get("additional"))
    joined = "\n".join(part for part in parts if part)
    return joined or None


def _salary(posting: dict[str, Any]) -> Salary | None:
    salary_range = posting.get("salaryRange") or {}
    low, high = to_number(salary_range.get("min")), to_number(salary_range.get("max"))
    if low is None and high is None:
        return None
    currency = (salary_range.get("currency") or "").upper() or None
    return Salary(low, high, currency, salary_period(salary_range.get("interval")))


def _posting_item(posting: dict[str, Any], board: str) -> PostingItem:
    categories = posting.get("categories") or {}
    location = categories.get("location") or ", ".join(categories.get("allLocations") or []) or None
    workplace = (posting.get("workplaceType") or "").lower()
    salary = _salary(posting)
    return new_item(
        source=SOURCE,
        source_id=str(posting["id"]),
        board=board,
        url=posting.get("hostedUrl"),
        company=board,  # the Postings API does not name the company; the board slug does
        title=(posting.get("text") or "").strip(),
        location=location,
        # "unspecified" and older postings without the field fall back to the location text.
        remote=_WORKPLACE.get(workplace) or remote_from_text(location),
        description_html=description_html(posting),
        posted_at=epoch_ms_to_iso(posting.get("createdAt")),
        updated_at=epoch_ms_to_iso(posting.get("updatedAt")),
        **(salary.as_item_fields() if salary else {}),
        raw=posting,
    )
