"""The planted trends (jobpulse/sandbox/trends.py) are really in the corpus.

Measured the way the report compares: the last 4 weeks against the 8 weeks before them, on the
ground truth each posting carries (`Posting.skills`, `Posting.role`).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from jobpulse.sandbox import generate_corpus, planted_trends
from jobpulse.sandbox.trends import PlantedTrend, last_full_week

KINDS = {"rising", "falling", "stable", "rare"}
ROLES = {"data_scientist", "ml_engineer", "ai_engineer", "research_scientist", "research_engineer", "other"}


def windows(corpus):
    """(postings in the 8 weeks before the last 4, postings in the last 4 weeks)."""
    last_start = corpus.end - dt.timedelta(weeks=4) + dt.timedelta(days=1)
    before_start = last_start - dt.timedelta(weeks=8)
    before = [p for p in corpus.postings if before_start <= p.posted_on < last_start]
    last = [p for p in corpus.postings if p.posted_on >= last_start]
    return before, last


def share(trend: PlantedTrend, postings) -> tuple[int, int]:
    """(hits, base): skill mentions among the role's postings, or the role among all postings."""
    if trend.is_volume:
        return sum(p.role == trend.role for p in postings), len(postings)
    of_role = [p for p in postings if p.role == trend.role]
    return sum(trend.skill in p.skills for p in of_role), len(of_role)


def z_score(before: tuple[int, int], last: tuple[int, int]) -> float:
    (k1, n1), (k2, n2) = before, last
    pooled = (k1 + k2) / (n1 + n2)
    return (k2 / n2 - k1 / n1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))


def by_kind(kind: str) -> list[PlantedTrend]:
    return [t for t in planted_trends() if t.kind == kind]


def label(trend: PlantedTrend) -> str:
    return f"{trend.role}:{trend.skill or 'volume'}"


# --- the table itself ---------------------------------------------------------------------------


def test_the_table_holds_what_the_demo_promises():
    table = {(t.role, t.skill, t.kind) for t in planted_trends()}
    assert {
        ("ai_engineer", "rag", "rising"),
        ("ai_engineer", "llm", "rising"),
        ("ml_engineer", "pytorch", "rising"),
        ("ml_engineer", "tensorflow", "falling"),
        ("ai_engineer", None, "rising"),
        ("data_scientist", "python", "stable"),
        ("data_scientist", "sql", "stable"),
        ("research_scientist", "julia", "rare"),
    } <= table
    assert all(t.kind in KINDS and t.role in ROLES for t in planted_trends())
    assert all(0 <= t.start_share <= 1 and 0 <= t.end_share <= 1 for t in planted_trends())
    assert all(t.start_share == t.end_share for t in by_kind("stable"))


def test_a_trend_is_flat_then_moves_linearly_to_its_end_share():
    trend = PlantedTrend("ai_engineer", "rag", "rising", 0.1, 0.7, ramp_weeks=12)
    end = dt.date(2026, 11, 22)
    assert trend.share_on(end - dt.timedelta(weeks=20), end, 30) == 0.1
    assert trend.share_on(end, end, 30) == pytest.approx(0.7)
    middle = trend.share_on(end - dt.timedelta(days=41), end, 30)
    assert 0.35 < middle < 0.45


# --- in the data --------------------------------------------------------------------------------


@pytest.mark.parametrize("trend", by_kind("rising") + by_kind("falling"), ids=label)
def test_rising_and_falling_trends_are_significant_last_4_vs_previous_8_weeks(corpus, trend):
    before, last = windows(corpus)
    z = z_score(share(trend, before), share(trend, last))
    assert (z > 3.5) if trend.kind == "rising" else (z < -3.5), f"z = {z:.1f}"


@pytest.mark.parametrize("trend", by_kind("stable"), ids=label)
def test_stable_trends_are_flat(corpus, trend):
    before, last = windows(corpus)
    (k1, n1), (k2, n2) = share(trend, before), share(trend, last)
    assert abs(k1 / n1 - trend.start_share) < 0.03 and abs(k2 / n2 - trend.start_share) < 0.03
    assert abs(z_score((k1, n1), (k2, n2))) < 1.0


def test_ai_engineer_postings_per_week_clearly_rise(corpus):
    weekly = [0] * corpus.weeks
    for p in corpus.postings:
        if p.role == "ai_engineer":
            weekly[(p.posted_on - corpus.start).days // 7] += 1
    assert sum(weekly[-4:]) > 1.8 * sum(weekly[-12:-8])
    assert sum(weekly[-4:]) / 4 > 20 and sum(weekly[:8]) / 8 < 10


@pytest.mark.parametrize("end", [dt.date(2026, 11, 22), dt.date(2026, 11, 26)], ids=["Sunday", "Thursday"])
@pytest.mark.parametrize("trend", by_kind("rare"), ids=label)
def test_the_rare_skill_has_a_handful_of_mentions_in_the_last_full_week_only(trend, end):
    corpus = generate_corpus(end=end)
    mentions = [p for p in corpus.postings if trend.skill in p.skills]
    assert len(mentions) == trend.rare_count
    assert all(p.role == trend.role for p in mentions)
    monday, sunday = last_full_week(end)
    assert sunday.weekday() == 6 and sunday <= end
    assert all(monday <= p.posted_on <= sunday for p in mentions)
    assert not any(trend.skill in p.skills for p in corpus.hn_job_posts())


def test_hn_posts_follow_the_same_trends(corpus):
    """HN is a small share, but it must not contradict the ATS boards."""
    ai_posts = [p for p in corpus.hn_job_posts() if "ai_engineer" in p.roles]
    early = [p for p in ai_posts if p.created_at.date() < corpus.end - dt.timedelta(weeks=12)]
    late = [p for p in ai_posts if p.created_at.date() >= corpus.end - dt.timedelta(weeks=8)]
    assert len(late) > len(early) / 18 * 8  # more per week late than early
    assert sum("rag" in p.skills for p in late) / len(late) > sum("rag" in p.skills for p in early) / len(early)
