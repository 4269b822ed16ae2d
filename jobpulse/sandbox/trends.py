"""The trends planted in the sandbox corpus — the ground truth the report must recover.

This module is the ONE place they are written down. The corpus generator reads them to decide
what each posting mentions; tests and the demo read them (via `planted_trends()`) to check that
the report finds them.

Shape in time: a trend holds its start share until `ramp_weeks` before the corpus end, then moves
linearly to its end share on the last day. Why not linear over the whole period: the report
compares the last 4 weeks with the 8 weeks before them, and a straight line over 30 weeks only
moves ~20% of its range between those windows — at ~100 ai_engineer postings per window that is
noise. A 12-week ramp puts half the range between the windows, enough for significance.
Skill shares are realised by error diffusion (sampling.choose_skills), so the data follows these
lines within a posting or two in any window; the volume trend is realised by coin flips.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The 4 + 8 weeks the report compares.
DEFAULT_RAMP_WEEKS = 12


@dataclass(frozen=True)
class PlantedTrend:
    """One planted trend.

    `skill` set: the share of `role`'s postings that mention the skill.
    `skill` None: a volume trend — the share of ALL postings (HN and ATS alike) that are `role`.
    kind 'rare': exactly `rare_count` postings of `role` mention the skill, all in the last complete
    ISO week of the period (`last_full_week`), and no other posting does — a count far too small
    to be called a trend.
    """

    role: str
    skill: str | None
    kind: str  # 'rising' | 'falling' | 'stable' | 'rare'
    start_share: float
    end_share: float
    rare_count: int = 0
    ramp_weeks: int = DEFAULT_RAMP_WEEKS

    @property
    def is_volume(self) -> bool:
        return self.skill is None

    def share_on(self, day: dt.date, end: dt.date, weeks: int) -> float:
        """The planted share on `day` for a corpus whose last day is `end` and spans `weeks` weeks."""
        ramp_days = 7 * min(self.ramp_weeks, weeks)
        ramp_start = end - dt.timedelta(days=ramp_days - 1)
        if day <= ramp_start:
            return self.start_share
        progress = min(1.0, (day - ramp_start).days / max(1, ramp_days - 1))
        return self.start_share + (self.end_share - self.start_share) * progress


PLANTED_TRENDS: tuple[PlantedTrend, ...] = (
    # AI engineers move onto LLM/RAG work.
    PlantedTrend("ai_engineer", "rag", "rising", 0.10, 0.75),
    PlantedTrend("ai_engineer", "llm", "rising", 0.40, 0.95),
    # ML engineers switch frameworks.
    PlantedTrend("ml_engineer", "pytorch", "rising", 0.25, 0.75),
    PlantedTrend("ml_engineer", "tensorflow", "falling", 0.65, 0.10),
    # More AI Engineer postings: their share of all postings (and so their weekly count) grows.
    PlantedTrend("ai_engineer", None, "rising", 0.04, 0.24),
    # Controls: exactly flat, so any "trend" the report finds here is a false positive.
    PlantedTrend("data_scientist", "python", "stable", 0.85, 0.85),
    PlantedTrend("data_scientist", "sql", "stable", 0.65, 0.65),
    PlantedTrend("ml_engineer", "docker", "stable", 0.45, 0.45),
    PlantedTrend("research_engineer", "python", "stable", 0.85, 0.85),
    # A handful of mentions in the last week only: never a trend, whatever the ratio says.
    PlantedTrend("research_scientist", "julia", "rare", 0.0, 0.0, rare_count=3),
)


def last_full_week(end: dt.date) -> tuple[dt.date, dt.date]:
    """(Monday, Sunday) of the last complete ISO week ending on or before `end` — the week a
    report run on the day after `end` looks at. When `end` is a Sunday, the last 7 days."""
    sunday = end - dt.timedelta(days=(end.weekday() + 1) % 7)
    return sunday - dt.timedelta(days=6), sunday


def planted_trends() -> tuple[PlantedTrend, ...]:
    """All planted trends (skill and volume), in a stable order."""
    return PLANTED_TRENDS


def skill_trends_for(role: str) -> dict[str, PlantedTrend]:
    """Skill trends (not volume, not rare) that override `role`'s base skill profile."""
    return {t.skill: t for t in PLANTED_TRENDS if t.role == role and t.skill is not None and t.kind != "rare"}


def volume_trend_for(role: str) -> PlantedTrend | None:
    return next((t for t in PLANTED_TRENDS if t.role == role and t.is_volume), None)


def rare_skills() -> frozenset[str]:
    """Skills that only the 'rare' trend may plant (the generator never samples them)."""
    return frozenset(t.skill for t in PLANTED_TRENDS if t.kind == "rare" and t.skill)
