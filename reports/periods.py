"""Calendar arithmetic for the report: which period it covers and which periods it compares.

A report has a period kind (ISO week, calendar month or calendar quarter), a report period, the
previous period, a recent window that ends with (and includes) the report period, and a baseline
window of the periods just before the recent window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class PeriodKind:
    name: str  # 'week' | 'month' | 'quarter'
    every: str  # the Polars duration a posting's date is truncated to
    recent: int  # periods in the recent window (ending with the report period)
    baseline: int  # periods in the baseline window (just before the recent window)
    months: int  # calendar months per period; 0 for weeks


# Windows sized so the baseline is twice (or more) the recent window and both hold enough postings.
KINDS = {
    "week": PeriodKind("week", "1w", recent=4, baseline=8, months=0),
    "month": PeriodKind("month", "1mo", recent=3, baseline=9, months=1),
    "quarter": PeriodKind("quarter", "1q", recent=1, baseline=4, months=3),
}

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
ONE_WEEK = timedelta(days=7)


def period_kind(name: str) -> PeriodKind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"period must be one of {', '.join(KINDS)}, got {name!r}") from None


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


def parse_period_label(kind: PeriodKind, label: str) -> date:
    """'2026-W47' | '2026-11' | '2026-Q4' → the first day of that period."""
    if kind.name == "week":
        return parse_iso_week(label)
    pattern, example = (_MONTH, "2026-11") if kind.name == "month" else (_QUARTER, "2026-Q4")
    match = pattern.match(label.strip())
    if not match:
        raise ValueError(f"expected a {kind.name} like {example}, got {label!r}")
    year, number = int(match[1]), int(match[2])
    if kind.name == "month" and not 1 <= number <= 12:
        raise ValueError(f"{label!r} is not a month")
    return date(year, number if kind.name == "month" else 3 * number - 2, 1)


def iso_week_label(day: date) -> str:
    """Any day → the ISO label of the week it falls in ('2026-W47')."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_label(kind: PeriodKind, start: date) -> str:
    if kind.name == "week":
        return iso_week_label(start)
    if kind.name == "month":
        return f"{start:%Y-%m}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def period_start(kind: PeriodKind, day: date) -> date:
    """The first day of the period `day` falls in."""
    if kind.name == "week":
        return day - timedelta(days=day.weekday())
    return date(day.year, day.month - (day.month - 1) % kind.months, 1)


def shift(kind: PeriodKind, start: date, periods: int) -> date:
    """The start of the period `periods` after (negative: before) the one starting on `start`."""
    if kind.name == "week":
        return start + periods * ONE_WEEK
    month_index = start.year * 12 + start.month - 1 + periods * kind.months
    return date(month_index // 12, month_index % 12 + 1, 1)


def latest_complete_period(kind: PeriodKind, as_of: date) -> date:
    """Start of the latest period that ended strictly before `as_of`.

    The period containing `as_of` is never complete before it (even on its last day, that day is
    not *before* as_of), so the answer is always the period before the one `as_of` falls in.
    """
    return shift(kind, period_start(kind, as_of), -1)


def latest_complete_week(as_of: date) -> date:
    return latest_complete_period(KINDS["week"], as_of)


@dataclass(frozen=True)
class ReportWindows:
    """The report period and the windows it is compared with; every `*_end` is exclusive."""

    start: date
    kind: PeriodKind = KINDS["week"]

    @property
    def end(self) -> date:
        return shift(self.kind, self.start, 1)

    @property
    def previous_start(self) -> date:
        return shift(self.kind, self.start, -1)

    @property
    def recent_start(self) -> date:
        return shift(self.kind, self.start, -(self.kind.recent - 1))

    @property
    def baseline_start(self) -> date:
        return shift(self.kind, self.recent_start, -self.kind.baseline)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.start)

    def baseline_periods_with_data(self, first_data_period: date | None) -> int:
        """Baseline periods on or after the warehouse's first period of data.

        Periods before the warehouse starts are unknown, not zero: counting them would make a
        young warehouse look like every role is growing.
        """
        if first_data_period is None:
            return 0
        covered, day = 0, self.baseline_start
        while day < self.recent_start:
            covered += day >= first_data_period
            day = shift(self.kind, day, 1)
        return covered

    def labels(self, first: date, last: date) -> list[tuple[date, str]]:
        """Every period from the one starting `first` to the one starting `last`, with labels."""
        out, day = [], first
        while day <= last:
            out.append((day, period_label(self.kind, day)))
            day = shift(self.kind, day, 1)
        return out

    def to_dict(self, first_data_period: date | None) -> dict:
        def span(start: date, end: date, periods: int) -> dict:
            return {
                "start": start.isoformat(),
                "end": (end - timedelta(days=1)).isoformat(),
                "first": period_label(self.kind, start),
                "last": period_label(self.kind, shift(self.kind, end, -1)),
                "periods": periods,
            }

        baseline = span(self.baseline_start, self.recent_start, self.kind.baseline)
        baseline["periods_with_data"] = self.baseline_periods_with_data(first_data_period)
        return {
            "kind": self.kind.name,
            "report_period": span(self.start, self.end, 1),
            "previous_period": span(self.previous_start, self.start, 1),
            "recent": span(self.recent_start, self.end, self.kind.recent),
            "baseline": baseline,
        }


def choose_report_period(as_of: date, period: str = "week", label: str | None = None) -> ReportWindows:
    """An explicit period label wins; otherwise the latest complete period before `as_of`."""
    kind = period_kind(period)
    start = parse_period_label(kind, label) if label else latest_complete_period(kind, as_of)
    return ReportWindows(start, kind)


def choose_report_week(as_of: date, week: str | None) -> ReportWindows:
    return choose_report_period(as_of, "week", week)
