"""One report section (a role, a specialism or focus, all ML roles, all postings) and its blocks.

Shares are fractions in [0, 1], `change_pts` percentage points, None where undefined or where a
window had no coverage (unknown, never 0). Field order is the JSON's key order.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.model.convert import ABSENT, Absent
from reports.model.frozen import FROZEN
from reports.model.long_horizon import LongHorizon, LongTitleTrend, LongTrend, LongVolumeTrend


@dataclass(**FROZEN)
class SeriesPoint:
    """One period of the section's history: new and active postings, None when no source covered it."""

    period: str
    start: str
    postings: int | None
    active: int | None
    coverage: float | None


@dataclass(**FROZEN)
class ActiveVolume:
    """Jobs seen open (the second measure beside new postings)."""

    measure: str
    current: int | None
    recent_per_period: float | None
    baseline_per_period: float | None


@dataclass(**FROZEN)
class Volume:
    """New postings in the compared windows and the rate test between recent and baseline."""

    measure: str
    current: int | None
    previous: int | None
    week: int | None  # aliases of current/previous kept for readers of the weekly-era JSON
    previous_week: int | None
    change: int | None
    change_pct: float | None
    recent_total: int
    baseline_total: int
    recent_per_period: float | None
    baseline_per_period: float | None
    ratio: float | None
    p_value: float | None
    verdict: str
    coverage: dict[str, float | None]
    active: ActiveVolume
    series: list[SeriesPoint]


@dataclass(**FROZEN)
class Breakdown:
    """Postings of one specialism or focus of a role in each compared window."""

    name: str
    kind: str
    current: int | None
    previous: int | None
    recent: int | None
    baseline: int | None


@dataclass(**FROZEN)
class SkillTrend:
    """One skill's recent vs baseline share, its test and its call."""

    skill_id: str
    name: str
    recent_share: float | None
    baseline_share: float | None
    recent_mentions: int
    baseline_mentions: int
    change_pts: float | None
    z: float | None
    p: float | None
    q: float | None
    call: str
    category: str


@dataclass(**FROZEN)
class TopSkill:
    """One of the most asked skills of the report period, with the recent vs baseline comparison beside it."""

    skill_id: str
    name: str
    share: float | None
    ci_low: float | None
    ci_high: float | None
    mentions: int
    previous_share: float | None
    previous_mentions: int | None
    change_pts: float | None
    current_postings: int | None
    previous_postings: int | None
    recent_share: float | None
    baseline_share: float | None
    trend_change_pts: float | None
    q: float | None
    call: str | None
    category: str


@dataclass(**FROZEN)
class HistoryLine:
    skill_id: str
    name: str
    shares: list[float | None]


@dataclass(**FROZEN)
class SkillHistory:
    """Trailing `smoothing`-period shares of the charted skills over every period of the series."""

    periods: list[str]
    smoothing: int
    skills: list[HistoryLine]


@dataclass(**FROZEN)
class TitleTrend:
    """A title variant (the title without level words) tested like a skill."""

    variant: str
    title: str
    current: int | None
    recent_share: float | None
    baseline_share: float | None
    recent_mentions: int
    baseline_mentions: int
    change_pts: float | None
    z: float | None
    p: float | None
    q: float | None
    call: str
    category: str


@dataclass(**FROZEN)
class Titles:
    top: list[TitleTrend]
    growing: list[TitleTrend]


@dataclass(**FROZEN)
class MixShare:
    """One value of a mix (seniority, work mode): its counts and shares per window."""

    value: str
    current: int | None
    recent: int | None
    baseline: int | None
    current_share: float | None
    recent_share: float | None
    baseline_share: float | None
    change_pts: float | None


@dataclass(**FROZEN)
class Remote:
    values: list[MixShare]
    remote_share: float | None
    remote_ci: list[float] | None
    known_share: float | None


@dataclass(**FROZEN)
class PayDisclosure:
    seniority: str
    postings: int
    disclosed: int
    share: float | None


@dataclass(**FROZEN)
class PayRange:
    """Annual pay of one seniority in one currency, from at least MIN_PAY_POSTINGS postings."""

    seniority: str
    currency: str
    disclosed: int
    median: float | None
    p25: float | None
    p75: float | None
    min: float | None
    max: float | None


@dataclass(**FROZEN)
class Salary:
    disclosure: list[PayDisclosure]
    by_seniority: list[PayRange]


@dataclass(**FROZEN)
class Company:
    label: str
    postings: int


@dataclass(**FROZEN)
class ArticleRow:
    """One skill of the article check: the data's recent share, rank and call for it."""

    skill_id: str
    name: str
    recent_share: float | None
    recent_rank: int | None
    call: str | None
    category: str


@dataclass(**FROZEN)
class Section:
    """Everything the report says about one group of postings; `subsections` only on roles, `by_role` and
    `other` only on the overview, the `long_*` blocks only when the warehouse has quarters to test."""

    id: str
    name: str
    postings: Volume
    specialisms: dict[str, Breakdown]
    top_skills: list[TopSkill]
    trends: list[SkillTrend]
    risers: list[SkillTrend]
    fallers: list[SkillTrend]
    categories: dict[str, list[str]]
    emerging: list[SkillTrend]
    dropped: list[SkillTrend]
    skill_history: SkillHistory
    titles: Titles
    seniority: list[MixShare]
    remote: Remote
    salary: Salary
    top_companies: list[Company]
    article_check: list[ArticleRow]
    article_unlisted: list[ArticleRow]
    long_horizon: LongHorizon | Absent = ABSENT
    long_trends: list[LongTrend] | Absent = ABSENT
    long_title_trends: list[LongTitleTrend] | Absent = ABSENT
    long_volume_trend: LongVolumeTrend | None | Absent = ABSENT
    by_role: dict[str, dict[str, int]] | Absent = ABSENT
    other: dict[str, int] | Absent = ABSENT
    subsections: dict[str, Section] | Absent = ABSENT
