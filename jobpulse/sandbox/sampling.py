"""Random draws for the corpus: posting days, role mix, skills, titles, seniority.

Every draw goes through the `random.Random` passed in and iterates in a fixed order (tuples,
sorted keys — never a set), so a seed reproduces the corpus byte for byte on any interpreter.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re

from contract.roles import ROLE_IDS

from . import vocabulary as vocab
from .other_roles import OTHER_KINDS
from .roles import BASE_ROLE_SHARES, ML_KINDS, PostingKind, Title
from .trends import rare_skills, skill_trends_for, volume_trend_for

ALL_KINDS: tuple[PostingKind, ...] = ML_KINDS + OTHER_KINDS
KINDS_BY_ROLE: dict[str, tuple[PostingKind, ...]] = {
    role: tuple(k for k in ALL_KINDS if k.role == role) for role in (*BASE_ROLE_SHARES, "ai_engineer")
}
ROLE_ORDER = ROLE_IDS

# Mild growth of the whole market over the period, and quiet weekends.
VOLUME_GROWTH = 0.25
WEEKDAY_WEIGHT = (1.0, 1.05, 1.05, 1.0, 0.9, 0.25, 0.2)


class Period:
    """The `weeks` weeks ending on `end` (inclusive), with per-day caches of the planted shares."""

    def __init__(self, end: dt.date, weeks: int):
        self.end, self.weeks = end, weeks
        self.start = end - dt.timedelta(days=7 * weeks - 1)
        self.days = tuple(self.start + dt.timedelta(days=i) for i in range(7 * weeks))
        self._role_weights: dict[dt.date, list[float]] = {}
        self._skill_odds: dict[tuple[str, dt.date], list[tuple[str, float, bool]]] = {}
        self._trend_carry: dict[tuple[str, str], float] = {}

    def progress(self, day: dt.date) -> float:
        return (day - self.start).days / max(1, len(self.days) - 1)


def posting_days(period: Period, n: int, rng: random.Random) -> list[dt.date]:
    """`n` posting days, volume growing mildly over the period, sorted."""
    weights = [WEEKDAY_WEIGHT[d.weekday()] * (1 + VOLUME_GROWTH * period.progress(d)) for d in period.days]
    cumulative = list(itertools.accumulate(weights))
    return sorted(rng.choices(period.days, cum_weights=cumulative, k=n))


_VOLUME_TRENDS = {role: t for role in ROLE_ORDER if (t := volume_trend_for(role)) is not None}


def role_shares(day: dt.date, period: Period) -> dict[str, float]:
    """Share of postings per role on `day`: volume trends take their share, the rest scale."""
    fixed = {role: t.share_on(day, period.end, period.weeks) for role, t in _VOLUME_TRENDS.items()}
    rest = 1.0 - sum(fixed.values())
    base_total = sum(BASE_ROLE_SHARES.values())
    return {role: fixed[role] if role in fixed else rest * BASE_ROLE_SHARES[role] / base_total for role in ROLE_ORDER}


_KIND_CUM_WEIGHTS = {role: list(itertools.accumulate(k.weight for k in kinds)) for role, kinds in KINDS_BY_ROLE.items()}


def pick_kind(day: dt.date, period: Period, rng: random.Random) -> PostingKind:
    cumulative = period._role_weights.get(day)
    if cumulative is None:
        shares = role_shares(day, period)
        cumulative = period._role_weights[day] = list(itertools.accumulate(shares[r] for r in ROLE_ORDER))
    role = rng.choices(ROLE_ORDER, cum_weights=cumulative)[0]
    return rng.choices(KINDS_BY_ROLE[role], cum_weights=_KIND_CUM_WEIGHTS[role])[0]


_RARE = rare_skills()


def skill_odds(kind: PostingKind, day: dt.date, period: Period) -> list[tuple[str, float, bool]]:
    """(skill, probability of a mention, planted?) for `kind` on `day`; trends override."""
    key = (kind.key, day)
    odds = period._skill_odds.get(key)
    if odds is None:
        probabilities = dict(kind.profile)
        trends = skill_trends_for(kind.role)
        for skill, trend in trends.items():
            probabilities[skill] = trend.share_on(day, period.end, period.weeks)
        odds = period._skill_odds[key] = [
            (s, probabilities[s], s in trends) for s in sorted(probabilities) if s not in _RARE
        ]
    return odds


def choose_skills(kind: PostingKind, day: dt.date, period: Period, rng: random.Random) -> frozenset[str]:
    """Skills this posting will mention: base profile, with the planted trends overriding it.

    Planted skills are drawn by error diffusion instead of coin flips: per (role, skill) a carry
    accumulates the planted share and a mention is due each time it passes 1. Realised shares then
    follow the planted line within a posting or two in any window, so the demo's trends are
    unmistakable at 4,000 postings and the stable controls stay flat, whatever the seed.
    """
    draw, carry, chosen = rng.random, period._trend_carry, []
    for skill, p, planted in skill_odds(kind, day, period):
        if planted:
            key = (kind.role, skill)
            level = carry.get(key, draw()) + p
            if level >= 1.0:
                chosen.append(skill)
                level -= 1.0
            carry[key] = level
        elif draw() < p:
            chosen.append(skill)
    return frozenset(chosen)


def pick_title(kind: PostingKind, chosen: frozenset[str], rng: random.Random) -> Title:
    eligible = [t for t in kind.titles if t.needs <= chosen]
    return rng.choice(eligible or [t for t in kind.titles if not t.needs])


_ML_IN_TITLE = re.compile(r"\bML\b|Machine Learning")


def skills_named_by_title(title: str) -> frozenset[str]:
    """Skills a title names beyond its `needs` (which the description names anyway)."""
    named = {"machine_learning"} if _ML_IN_TITLE.search(title) else set()
    if "MLOps" in title:
        named.add("mlops")
    return frozenset(named)


_LEVEL_WORDS = {
    "Senior": "senior",
    "Staff": "staff",
    "Lead": "lead",
    "Principal": "principal",
    "Junior": "junior",
    "Group": "lead",
}


def add_seniority(title: str, rng: random.Random) -> tuple[str, str | None, float]:
    """(full title, seniority id, pay factor); titles that already carry a level keep it."""
    if (first := title.split()[0]) in _LEVEL_WORDS:
        return title, _LEVEL_WORDS[first], 1.25
    affix, level, factor, _ = rng.choices(vocab.SENIORITY, [s[3] for s in vocab.SENIORITY])[0]
    if affix.startswith(" "):
        # Suffixes go before a qualifier: "Data Scientist II, Analytics", "… Intern - Multimodal".
        for sep in (",", " - "):
            head, found, tail = title.partition(sep)
            if found:
                return f"{head}{affix}{found}{tail}", level, factor
        return f"{title}{affix}", level, factor
    return f"{affix}{title}", level, factor


def years_for(level: str | None, rng: random.Random) -> int:
    return {"intern": 0, "junior": 1, "mid": 2, None: 3, "senior": 5, "lead": 6, "staff": 8, "principal": 10}.get(
        level, 3
    ) + rng.randint(0, 1)
