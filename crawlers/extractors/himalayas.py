"""Himalayas jobs API → items.

`GET himalayas.app/jobs/api?offset=O&limit=L` answers `{comments, updatedAt, offset, limit,
totalCount, jobs: [...]}` (saved copies may keep only `totalCount` and `jobs`). A job has a `guid`
(its Himalayas page URL, the stable id), `title`, `companyName`, HTML `description`, `pubDate`,
`minSalary`/`maxSalary`/`currency`/`salaryPeriod` ("annual", "hourly"; the amounts are null when
not published) and `locationRestrictions` (countries a candidate must live in; empty = anywhere).
"""

from __future__ import annotations

from typing import Any

from contract.posting import PostingItem, new_item
from contract.salary import Salary
from crawlers.extractors.common import epoch_ms_to_iso, epoch_to_iso, salary_period, to_number

SOURCE = "himalayas"
# The recorded responses carry Unix seconds; Himalayas' data dictionary says milliseconds.
# A value this large can only be milliseconds (seconds would be thousands of years ahead).
_MILLISECONDS_FROM = 10**11


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job of one page."""
    board = board or SOURCE  # one feed: its items are filed under the aggregator
    return [
        _job_item(job, board)
        for job in payload.get("jobs") or []
        if isinstance(job, dict) and (job.get("guid") or job.get("applicationLink"))
    ]


def published_at(value: Any) -> str | None:
    """`pubDate` in Unix seconds or milliseconds → ISO 8601 UTC."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= _MILLISECONDS_FROM:
        return epoch_ms_to_iso(value)
    return epoch_to_iso(value)


def _location(job: dict[str, Any]) -> str | None:
    names = []
    for place in job.get("locationRestrictions") or []:
        name = place.get("name") if isinstance(place, dict) else place
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return ", ".join(names) or None


def _salary(job: dict[str, Any]) -> Salary | None:
    low, high = to_number(job.get("minSalary")), to_number(job.get("maxSalary"))
    if low is None and high is None:
        return None
    currency = (job.get("currency") or "").upper() or None
    return Salary(low, high, currency, salary_period(job.get("salaryPeriod")))


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    salary = _salary(job)
    page = job.get("guid") or job.get("applicationLink")
    return new_item(
        source=SOURCE,
        source_id=str(page),
        board=board,
        url=page,
        company=(job.get("companyName") or "").strip() or None,
        title=(job.get("title") or "").strip(),
        location=_location(job),
        remote="remote",  # a remote-only board
        description_html=job.get("description") or None,
        posted_at=published_at(job.get("pubDate")),
        **(salary.as_item_fields() if salary else {}),
        raw=job,
    )
