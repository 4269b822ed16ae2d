"""A section's long view: the calendar quarters it covers and the trends over years (reports/long_trends.py).

Field order is the JSON's key order.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.model.convert import ABSENT, Absent, Json
from reports.model.frozen import FROZEN


@dataclass(**FROZEN)
class LongRules:
    alpha: float
    min_mentions: int
    min_covered: int
    chart_items: int
    titles_listed: int


@dataclass(**FROZEN)
class YearOverYear:
    """The last 4 quarters pooled against the 4 before (None where a year has no covered quarter)."""

    last_year_share: float | None
    last_year_interval: list[float] | None
    last_year_counts: list[int] | None
    year_before_share: float | None
    year_before_interval: list[float] | None
    year_before_counts: list[int] | None
    change_pts: float | None


@dataclass(**FROZEN)
class Span:
    """The first 4 covered quarters, against which the change over the whole window is measured."""

    first_year_share: float | None
    first_year_interval: list[float] | None
    first_year_counts: list[int] | None
    first_year_quarters: int
    change_pts: float | None


@dataclass(**FROZEN)
class LongHorizon:
    """The calendar quarters the long-horizon trends look at, and whether there are enough of them."""

    quarters: list[str]
    starts: list[str]
    postings: list[int | None]
    covered: list[bool]
    coverage: list[float | None]
    covered_quarters: int
    status: str
    last_quarter_partial: bool
    through: str
    rules: LongRules


@dataclass(**FROZEN)
class LongTrend:
    """A skill's share per quarter and its trend test over years (`yoy`: last 4 quarters vs the 4 before)."""

    skill_id: str
    name: str
    counts: list[int | None]
    shares: list[float | None]
    mentions_total: int
    postings_total: int
    yoy: YearOverYear
    span: Span
    z: float | None
    dispersion: float | None
    p: float | None
    q: float | None
    direction: str


@dataclass(**FROZEN)
class LongTitleTrend:
    """A title variant's share per quarter, tested like a skill's."""

    variant: str
    title: str
    counts: list[int | None]
    shares: list[float | None]
    mentions_total: int
    postings_total: int
    yoy: YearOverYear
    span: Span
    z: float | None
    dispersion: float | None
    p: float | None
    q: float | None
    direction: str


@dataclass(**FROZEN)
class LongVolumeTrend:
    """A section's volume over years: postings per quarter (all postings; no totals, shares or span), or a
    role's share of all postings per quarter (`totals` the postings of all roles each quarter)."""

    measure: str  # postings_per_quarter or share_of_all_postings
    totals: list[int | None] | Absent = ABSENT
    counts: list[int | None]
    shares: list[float | None] | Absent = ABSENT
    mentions_total: int
    postings_total: int | Absent = ABSENT
    yoy: Json  # shares year over year (as YearOverYear), or postings per quarter and their change in percent
    span: Span | Absent = ABSENT
    z: float | None
    dispersion: float | None
    p: float | None
    q: float | None
    direction: str
