"""The report finds the trends planted in a synthetic warehouse, and calls nothing it should not."""

from datetime import date, timedelta

import pytest
from planted_trends import REPORT_WEEK, trend_of, weeks_back
from report_warehouse import PostingFactory

from reports.load import WarehouseFrames
from reports.periods import ReportWindows
from reports.skills import RULES, call_skill_trends, growth_category
from reports.summary import build_summary


def test_a_skill_going_from_10_to_60_percent_is_rising(ml_engineer):
    rag = trend_of(ml_engineer, "rag")
    assert rag["call"] == "rising"
    assert rag["baseline_share"] == pytest.approx(0.1, abs=0.01)
    assert rag["recent_share"] == pytest.approx(0.6, abs=0.02)
    assert rag["change_pts"] > 45 and rag["q"] < 0.01
    assert [t["skill_id"] for t in ml_engineer["risers"]] == ["rag"]


def test_a_skill_flat_at_80_percent_is_stable(ml_engineer):
    python = trend_of(ml_engineer, "python")
    assert python["call"] == "stable" and python["category"] == "stable"
    assert abs(python["change_pts"]) < 2


def test_a_skill_going_from_50_to_10_percent_is_falling(ml_engineer):
    assert trend_of(ml_engineer, "tensorflow")["category"] == "declining"
    assert [t["skill_id"] for t in ml_engineer["fallers"]] == ["tensorflow"]


def test_a_five_point_move_on_a_small_sample_is_not_called(ml_engineer):
    pytorch = trend_of(ml_engineer, "pytorch")
    assert pytorch["change_pts"] == pytest.approx(5, abs=1.5)
    assert pytorch["call"] == "stable" and pytorch["q"] > 0.01


def test_a_skill_with_three_mentions_is_too_few_never_rising(ml_engineer):
    julia = trend_of(ml_engineer, "julia")
    assert julia["recent_mentions"] + julia["baseline_mentions"] == 3
    assert julia["call"] == "too_few" and julia["q"] is None and julia["category"] == "too few to tell"


def test_a_significant_move_smaller_than_five_points_is_stable():
    # 50% → 53% over 40k postings each side: z ≈ 8.5, but only 3 points.
    rows = [
        {
            "skill_id": "sql",
            "name": "SQL",
            "recent": 21_200,
            "recent_postings": 40_000,
            "baseline": 20_000,
            "baseline_postings": 40_000,
            "recent_share": 0.53,
            "baseline_share": 0.5,
        }
    ]
    (sql,) = call_skill_trends(rows, RULES)
    assert sql["q"] < 1e-10 and sql["call"] == "stable"


@pytest.mark.parametrize(
    ("call", "baseline", "recent", "category"),
    [
        ("rising", 0.10, 0.60, "rapidly growing"),
        ("rising", 0.30, 0.60, "rapidly growing"),
        ("rising", 0.30, 0.50, "growing"),
        ("rising", 0.0, 0.20, "rapidly growing"),
        ("falling", 0.50, 0.10, "declining"),
        ("stable", 0.30, 0.90, "stable"),
        ("too_few", 0.0, 0.50, "too few to tell"),
    ],
)
def test_growth_categories_follow_the_written_rule(call, baseline, recent, category):
    assert growth_category({"call": call, "baseline_share": baseline, "recent_share": recent}, RULES) == category


def test_planted_skills_land_in_their_growth_categories(planted_report):
    roles = planted_report.summary["roles"]
    assert "rag" in roles["ml_engineer"]["categories"]["rapidly growing"]  # 10% → 60%
    assert "dbt" in roles["data_scientist"]["categories"]["growing"]  # 28% → 52%: rising, not doubled
    assert "tensorflow" in roles["ml_engineer"]["categories"]["declining"]
    every = [s for skills in roles["ml_engineer"]["categories"].values() for s in skills]
    assert sorted(every) == sorted(t["skill_id"] for t in roles["ml_engineer"]["trends"])  # each skill exactly once


def test_emerging_and_dropped_skills(planted_report):
    ai = planted_report.summary["roles"]["ai_engineer"]
    assert [t["skill_id"] for t in ai["emerging"]] == ["mcp"]  # 0% → 30%
    assert [t["skill_id"] for t in ai["dropped"]] == ["tensorflow"]  # 50% → 0%
    assert "llm" not in {t["skill_id"] for t in ai["emerging"] + ai["dropped"]}  # 70% throughout


def test_every_skill_mentioned_in_the_windows_has_a_trend_row(ml_engineer):
    assert {t["skill_id"] for t in ml_engineer["trends"]} == {"rag", "python", "tensorflow", "pytorch", "julia", "xss"}


@pytest.mark.parametrize(
    ("role", "verdict"),
    [
        ("ai_engineer", "growing"),
        ("research_scientist", "shrinking"),
        ("data_scientist", "steady"),
        ("ml_engineer", "steady"),
        ("research_engineer", "steady"),
    ],
)
def test_volume_verdicts(planted_report, role, verdict):
    assert planted_report.summary["roles"][role]["postings"]["verdict"] == verdict


def test_too_few_recent_postings_stay_steady_however_small_p(planted_report):
    volume = planted_report.summary["roles"]["research_engineer"]["postings"]
    assert volume["recent_total"] == 16 and volume["p_value"] < 0.01


def test_volume_numbers_for_the_report_week(planted_report):
    volume = planted_report.summary["roles"]["ai_engineer"]["postings"]
    assert (volume["current"], volume["previous"], volume["change"]) == (40, 40, 0)
    assert (volume["week"], volume["previous_week"]) == (40, 40)  # the weekly-era names still answer
    assert volume["recent_per_period"] == 40 and volume["baseline_per_period"] == 5 and volume["ratio"] == 8
    assert volume["series"][-1] == {
        "period": "2026-W47",
        "start": "2026-11-16",
        "postings": 40,
        "active": 40,
        "coverage": 1.0,
    }
    assert len(volume["series"]) == 14


def test_top_skills_carry_a_wilson_interval_and_the_change(ml_engineer):
    top = ml_engineer["top_skills"]
    assert [s["skill_id"] for s in top[:2]] == ["python", "rag"]
    python = top[0]
    assert python["mentions"] == 24 and python["share"] == pytest.approx(24 / 32)
    assert python["ci_low"] < python["share"] < python["ci_high"]
    assert python["ci_high"] - python["ci_low"] == pytest.approx(0.29, abs=0.02)  # n = 32: about ±15 points
    assert python["previous_share"] == pytest.approx(0.8)
    assert python["change_pts"] == pytest.approx((24 / 32 - 0.8) * 100)


def test_specialisms_and_focus_are_sub_counts_and_sub_sections(planted_report):
    ml = planted_report.summary["roles"]["ml_engineer"]
    assert ml["specialisms"]["ml_platform"]["current"] == 20
    assert ml["specialisms"]["ml_hardware"]["current"] == 10 and ml["specialisms"]["unspecified"]["previous"] == 10
    assert ml["specialisms"]["ml_solutions_architect"]["recent"] == 0
    platform = ml["subsections"]["ml_platform"]
    assert platform["postings"]["current"] == 20 and trend_of(platform, "rag")["call"] == "rising"
    ds = planted_report.summary["roles"]["data_scientist"]
    assert (ds["specialisms"]["analytics"]["current"], ds["specialisms"]["modelling"]["current"]) == (15, 10)
    assert set(ds["subsections"]) == {"analytics", "modelling"} and set(ml["subsections"]) == {
        "ml_platform",
        "ml_hardware",
        "ml_solutions_architect",
    }


def test_other_role_is_left_out_of_roles_but_counted_in_the_overview(planted_report):
    summary = planted_report.summary
    assert summary["overview"]["other"]["current"] == 10
    assert summary["overview"]["postings"]["current"] == sum(
        r["postings"]["current"] for r in summary["roles"].values()
    )
    assert summary["all_postings"]["postings"]["current"] == summary["overview"]["postings"]["current"] + 10
    assert summary["data"]["postings_other_role"] == 140


def test_a_posting_without_posted_at_falls_back_to_first_seen():
    factory = PostingFactory()
    factory.add("ai_engineer", REPORT_WEEK, dated=False)  # first_seen in the report week
    factory.add("ai_engineer", weeks_back(1), day=6)  # posted Sunday of W46 …
    factory.postings[-1]["first_seen"] += timedelta(days=2)  # … first seen in W47: still W46
    summary = build_summary(
        WarehouseFrames.from_frames(**factory.frames()), ReportWindows(REPORT_WEEK), date(2026, 11, 25)
    )
    volume = summary["roles"]["ai_engineer"]["postings"]
    assert (volume["current"], volume["previous"]) == (1, 1)
