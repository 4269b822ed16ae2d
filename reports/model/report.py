"""The whole report: its period and windows, the counts behind it, every section and block."""

from __future__ import annotations

from dataclasses import dataclass

from reports.model.blocks import Headline, Quality, Regions, RiserSkill
from reports.model.convert import ABSENT, Absent, Json
from reports.model.frozen import FROZEN
from reports.model.section import Section
from reports.skills import TrendRules


@dataclass(**FROZEN)
class Period:
    kind: str  # week, month or quarter
    label: str  # 2026-W47, 2026-11, 2026-Q4
    start: str
    end: str


@dataclass(**FROZEN)
class WindowSpan:
    """A compared window: its dates, first and last period labels, its periods and how many a source covered."""

    start: str
    end: str
    first: str
    last: str
    periods: int
    periods_with_data: int
    coverage: float | None


@dataclass(**FROZEN)
class Windows:
    kind: str
    report_period: WindowSpan
    previous_period: WindowSpan
    recent: WindowSpan
    baseline: WindowSpan


@dataclass(**FROZEN)
class Data:
    """What the warehouse holds and what was left out of the sections, and whether the report period has data."""

    postings_total: int
    postings_counted: int
    postings_ml_roles: int
    postings_other_role: int
    postings_without_role: int
    postings_unknown_role: int
    postings_without_date: int
    postings_duplicates: int
    postings_multi_role: int
    first_period: str | None
    last_period: str | None
    empty: bool
    report_period_empty: bool
    report_week_empty: bool  # alias kept for readers of the weekly-era JSON
    report_period_covered: bool


@dataclass(**FROZEN)
class Report:
    """The report. The generation stamp (schema, time, tool version) is set when the report is written
    (reports/build.py), regions and riser companies when the warehouse has their views."""

    schema_version: int | Absent = ABSENT
    generated_at: str | Absent = ABSENT
    jobpulse_version: str | Absent = ABSENT
    week: str  # the report period's label; the name predates months and quarters
    period: Period
    as_of: str
    windows: Windows
    rules: TrendRules
    data: Data
    overview: Section
    all_postings: Section
    roles: dict[str, Section]
    quality: Quality
    headline: Headline | Absent = ABSENT  # reports/headline.py, once every section is built
    history: list[Json]  # postings per source and its months of history (reports/history.py)
    survivors: list[Json]
    regions: Regions | None | Absent = ABSENT
    riser_companies: dict[str, list[RiserSkill]] | None | Absent = ABSENT

    @property
    def kind(self) -> str:
        """The period's noun: week, month or quarter."""
        return self.period.kind
