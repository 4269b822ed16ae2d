"""RemoteOK API → items.

`GET remoteok.com/api` answers one JSON array: element 0 is `{last_updated, legal}` (the API terms,
not a job), every other element a job (`id` as a string, `epoch`, `date`, `company`, `position`,
`tags`, HTML `description`, `location`, `salary_min`/`salary_max`, `url`).

Their terms ask users to link back to the job's page on Remote OK and name Remote OK as the source:
items keep `url` pointing at that page and `source` = "remoteok". Salaries are USD per year
(RemoteOK's documentation); 0 means "not given".
"""

from __future__ import annotations

import re
from typing import Any

from contract.posting import PostingItem, new_item
from contract.salary import Salary
from crawlers.extractors.common import epoch_to_iso, to_number

SOURCE = "remoteok"

# UTF-8 read as Latin-1 ("â\x80\x99" for "’"): RemoteOK's descriptions often arrive that way.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per job of the feed; the legal notice (and anything without an id) is skipped."""
    board = board or SOURCE  # one feed: its items are filed under the aggregator
    return [
        _job_item(job, board)
        for job in payload or []
        if isinstance(job, dict) and job.get("id") not in (None, "") and "legal" not in job
    ]


def repair_mojibake(text: str | None) -> str | None:
    """Undo one round of UTF-8-as-Latin-1 when that is clearly what happened; else leave it alone."""
    if not text or not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text  # mixed or already-correct text: a wrong "repair" would be worse


def _salary(job: dict[str, Any]) -> Salary | None:
    low, high = to_number(job.get("salary_min")), to_number(job.get("salary_max"))
    if low is None and high is None:
        return None
    return Salary(low, high, "USD", "year")


def _job_item(job: dict[str, Any], board: str) -> PostingItem:
    salary = _salary(job)
    return new_item(
        source=SOURCE,
        source_id=str(job["id"]),
        board=board,
        url=job.get("url") or job.get("apply_url"),
        company=(job.get("company") or "").strip() or None,
        title=(repair_mojibake(job.get("position")) or "").strip(),
        # Recorded locations look like "Orlando, " — the trailing separator says nothing.
        location=(job.get("location") or "").strip(" ,") or None,
        remote="remote",  # a remote-only board
        description_html=repair_mojibake(job.get("description")) or None,
        posted_at=job.get("date") or epoch_to_iso(job.get("epoch")),
        **(salary.as_item_fields() if salary else {}),
        raw=job,
    )
