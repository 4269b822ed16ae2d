"""Ashby posting API → items.

`GET api.ashbyhq.com/posting-api/job-board/<org>?includeCompensation=true` answers
`{"apiVersion": "1", "jobs": [...]}`. Jobs with `isListed: false` are hidden from the public board
and skipped. With `includeCompensation=true` a job may carry `compensation` whose salary sits in
`summaryComponents` (one range over all tiers) or per tier in `compensationTiers[].components`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from contract.posting import PostingItem, new_item
from contract.salary import Salary
from crawlers.extractors.common import each_record, refused, remote_from_text, salary_period, to_number

SOURCE = "ashby"
_WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "on-site": "onsite"}


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per listed job of an organisation's job board (an unlisted job is not a posting);
    a job without an id is a refusal."""

    def item(job: Any) -> PostingItem:
        if not isinstance(job, dict) or not job.get("id"):
            return refused(SOURCE, board, "job has no id", job)
        return _job_item(job, board)

    jobs = [job for job in payload.get("jobs") or [] if not (isinstance(job, dict) and job.get("isListed") is False)]
    return each_record(jobs, item, SOURCE, board)


def _salary_components(compensation: dict[str, Any]) -> Iterable[dict[str, Any]]:
    yield from compensation.get("summaryComponents") or []
    for tier in compensation.get("compensationTiers") or []:
        yield from tier.get("components") or []


def salary_from_compensation(compensation: dict[str, Any] | None) -> Salary | None:
    """The salary range of a job: the summary component if any, else the widest span over tiers.

    Tiers are location zones of one job; their union (lowest min, highest max) is only taken over
    components sharing the first one's currency and interval, so mixed units are never blended.
    """
    salaries = [
        component
        for component in _salary_components(compensation or {})
        if component.get("compensationType") == "Salary"
        and (to_number(component.get("minValue")) or to_number(component.get("maxValue")))
    ]
    if not salaries:
        return None
    first = salaries[0]
    same_unit = [
        component
        for component in salaries
        if (component.get("currencyCode"), component.get("interval"))
        == (first.get("currencyCode"), first.get("interval"))
    ]
    lows = [n for n in (to_number(c.get("minValue")) for c in same_unit) if n is not None]
    highs = [n for n in (to_number(c.get("maxValue")) for c in same_unit) if n is not None]
    return Salary(
        min(lows) if lows else None,
        max(highs) if highs else None,
        first.get("currencyCode") or None,
        salary_period(first.get("interval")),
    )


def _remote(job: dict[str, Any]) -> str | None:
    workplace = (job.get("workplaceType") or "").lower()
    if workplace in _WORKPLACE:
        return _WORKPLACE[workplace]
    if job.get("isRemote") is True:
        return "remote"
    return remote_from_text(job.get("location"))


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    salary = salary_from_compensation(job.get("compensation"))
    return new_item(
        source=SOURCE,
        source_id=str(job["id"]),
        board=board,
        url=job.get("jobUrl"),
        company=board,  # the posting API does not name the organisation; the board slug does
        title=(job.get("title") or "").strip(),
        location=job.get("location") or None,
        remote=_remote(job),
        description_html=job.get("descriptionHtml") or None,
        posted_at=job.get("publishedAt"),
        updated_at=job.get("updatedAt"),
        **(salary.as_item_fields() if salary else {}),
        raw=job,
    )
