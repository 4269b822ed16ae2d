"""ISO-week arithmetic for the report: which week it covers and which weeks it compares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

RECENT_WEEKS = 4  # the recent window ends with (and includes) the report week
BASELINE_WEEKS = 8  # the baseline window is the weeks just before the recent window

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
ONE_WEEK = timedelta(days=7)


def parse_iso_week(label: str) -> date:
    """'2026-W47' → the Monday that starts that ISO week."""
    match = _ISO_WEEK.match(label.strip())
    if not match:
        raise ValueError(f"expected an ISO week like 2026-W47, got {label!r}")
    year, week = int(match[1]), int(match[2])
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as exc:  # e.g. W53 of a 52-week year
        raise ValueError(f"{label!r} is not a week of {year}: {exc}") from None


def iso_week_label(day: date) -> str:
    """Any day → the ISO label of the week it falls in ('2026-W47')."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def latest_complete_week(as_of: date) -> date:
    """Monday of the latest Mon–Sun week that ended strictly before `as_of`.

    The week containing `as_of` is never complete before it (even on a Sunday, that Sunday is not
    *before* as_of), so the answer is always the week before the one `as_of` falls in.
    """
    return week_monday(as_of) - ONE_WEEK


@dataclass(frozen=True)
class ReportWindows:
    """The report week and the windows it is compared with; every `*_end` is exclusive."""

    week_start: date

    @property
    def week_end(self) -> date:
        return self.week_start + ONE_WEEK

    @property
    def previous_week_start(self) -> date:
        return self.week_start - ONE_WEEK

    @property
    def recent_start(self) -> date:
        return self.week_start - (RECENT_WEEKS - 1) * ONE_WEEK

    @property
    def recent_end(self) -> date:
        return self.week_end

    @property
    def baseline_start(self) -> date:
        return self.recent_start - BASELINE_WEEKS * ONE_WEEK

    @property
    def baseline_end(self) -> date:
        return self.recent_start

    @property
    def label(self) -> str:
        return iso_week_label(self.week_start)

    def baseline_weeks_with_data(self, first_data_week: date | None) -> int:
        """Baseline weeks on or after the warehouse's first week of data.

        Weeks before the warehouse starts are unknown, not zero: counting them would make a
        young warehouse look like every role is growing.
        """
        if first_data_week is None:
            return 0
        uncovered = (max(first_data_week, self.baseline_start) - self.baseline_start).days // 7
        return max(0, BASELINE_WEEKS - uncovered)

    def to_dict(self, first_data_week: date | None) -> dict:
        def span(start: date, end: date, weeks: int) -> dict:
            last = end - ONE_WEEK
            return {
                "start": start.isoformat(),
                "end": (end - timedelta(days=1)).isoformat(),
                "first_week": iso_week_label(start),
                "last_week": iso_week_label(last),
                "weeks": weeks,
            }

        baseline = span(self.baseline_start, self.baseline_end, BASELINE_WEEKS)
        baseline["weeks_with_data"] = self.baseline_weeks_with_data(first_data_week)
        return {
            "report_week": span(self.week_start, self.week_end, 1),
            "previous_week": span(self.previous_week_start, self.week_start, 1),
            "recent": span(self.recent_start, self.recent_end, RECENT_WEEKS),
            "baseline": baseline,
        }


def choose_report_week(as_of: date, week: str | None) -> ReportWindows:
    """An explicit ISO week wins; otherwise the latest complete week before `as_of`."""
    start = parse_iso_week(week) if week else latest_complete_week(as_of)
    return ReportWindows(week_start=start)
