"""The report's blocks beside the sections: the headline ("what moved"), data quality, regions, riser companies.

Field order is the JSON's key order. A source's last crawl stays plain JSON (`Json`): its keys are
the crawler's recorded stats, which the data-quality table reads with defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.model.convert import Json
from reports.model.frozen import FROZEN


@dataclass(**FROZEN)
class LongMove:
    """A skill that moved over years: its last 4 quarters against its first 4 covered ones."""

    skill_id: str
    name: str
    direction: str
    q: float | None
    last_year_share: float | None
    last_year_interval: list[float] | None
    last_year_counts: list[int] | None
    first_year_share: float | None
    first_year_interval: list[float] | None
    first_year_counts: list[int] | None
    change_pts: float | None
    yoy_change_pts: float | None


@dataclass(**FROZEN)
class ShortMove:
    """A skill that moved between the baseline and the recent window."""

    skill_id: str
    name: str
    direction: str
    q: float | None
    recent_share: float | None
    recent_interval: list[float] | None
    recent_counts: list[int]
    baseline_share: float | None
    baseline_counts: list[int]
    change_pts: float | None


@dataclass(**FROZEN)
class ShortVolume:
    verdict: str
    p: float | None
    recent_total: int
    baseline_total: int
    ratio: float | None


@dataclass(**FROZEN)
class LongVolume:
    direction: str  # too_few when the section has no volume trend over years
    q: float | None
    measure: str | None
    yoy: Json | None  # the section's LongVolumeTrend.yoy


@dataclass(**FROZEN)
class VolumeMoves:
    """A section's volume call short term (rate test) and over years (trend test)."""

    short: ShortVolume
    long: LongVolume


@dataclass(**FROZEN)
class HeadlineRole:
    id: str
    name: str
    long: list[LongMove]
    short: list[ShortMove]
    volume: VolumeMoves


@dataclass(**FROZEN)
class GridSkill:
    skill_id: str
    name: str


@dataclass(**FROZEN)
class GridCell:
    direction: str
    change_pts: float | None
    q: float | None
    recent_share: float | None
    baseline_share: float | None


@dataclass(**FROZEN)
class GridRow:
    id: str
    name: str
    cells: dict[str, GridCell]  # tested skills only; a skill without a cell had too few mentions


@dataclass(**FROZEN)
class Grid:
    skills: list[GridSkill]
    roles: list[GridRow]


@dataclass(**FROZEN)
class Headline:
    """ "What moved", read first: per role its moves over years and short term, the grid, the market, the gaps."""

    roles: list[HeadlineRole]
    grid: Grid
    gaps: list[str]
    market: VolumeMoves


@dataclass(**FROZEN)
class PostingCounts:
    raw: int
    counted: int
    duplicates: int
    multi_role: int
    without_date: int
    without_role: int
    unknown_role: int
    other_role: int


@dataclass(**FROZEN)
class SourceQuality:
    """One source's postings per window and its crawls; `last_crawl` is the crawl's recorded stats."""

    source: str
    total: int
    current: int
    previous: int
    recent: int
    baseline: int
    boards_seen: int
    crawl_runs: int
    failed_crawls: int
    last_crawl: Json | None


@dataclass(**FROZEN)
class RejectReason:
    """Input records refused at ingest for one reason of one source."""

    source: str | None
    reason: str
    rejects: int
    last_rejected_at: str | None


@dataclass(**FROZEN)
class Rejects:
    total: int
    by_reason: list[RejectReason]


@dataclass(**FROZEN)
class WindowCoverage:
    """How much of a window sources covered: periods, covered ones, mean share, gaps and partly covered ones."""

    periods: int
    covered_periods: int
    share: float | None
    gaps: list[str]
    partial: list[str]


@dataclass(**FROZEN)
class QualityCoverage:
    recorded: bool
    windows: dict[str, WindowCoverage]
    history: WindowCoverage | None


@dataclass(**FROZEN)
class Quality:
    postings: PostingCounts
    sources: list[SourceQuality]
    rejects: Rejects
    flags: list[str]
    coverage: QualityCoverage


@dataclass(**FROZEN)
class RegionWindow:
    start: str
    end: str
    postings: int


@dataclass(**FROZEN)
class RegionShare:
    """A country's or a work place's share of ML postings in each window, and its call."""

    value: str
    recent: int
    baseline: int
    recent_share: float | None
    baseline_share: float | None
    change_pts: float | None
    p_value: float | None
    q_value: float | None
    verdict: str
    kind: str  # country or workplace


@dataclass(**FROZEN)
class Regions:
    """Countries and workplaces of ML postings, recent vs baseline window (reports/regions.py)."""

    recent: RegionWindow
    baseline: RegionWindow
    countries: list[RegionShare]
    workplaces: list[RegionShare]


@dataclass(**FROZEN)
class RiserCompany:
    """Postings of the role naming the rising skill at one company, in each window."""

    company: str
    recent: int
    baseline: int


@dataclass(**FROZEN)
class RiserSkill:
    """A rising skill of a role and the companies whose postings carried its rise (reports/riser_companies.py)."""

    skill_id: str
    name: str
    change_pts: float | None
    companies: list[RiserCompany]
