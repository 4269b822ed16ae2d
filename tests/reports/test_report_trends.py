"""The report finds the trends planted in a synthetic warehouse, and calls nothing it should not."""

from datetime import date, timedelta

import pytest
from planted_trends import REPORT_WEEK, trend_of, weeks_back
from report_warehouse import PostingFactory

from reports.load import WarehouseFrames
from reports.periods import ReportWindows
from reports.summary import RULES, build_summary, call_skill_trends


def test_a_skill_going_from_10_to_60_percent_is_rising(ml_engineer):
    rag = trend_of(ml_engineer, "rag")
    assert rag["call"] == "rising"
    assert rag["baseline_share"] == pytest.approx(0.1, abs=0.01)
    assert rag["recent_share"] == pytest.approx(0.6, abs=0.02)
    assert rag["change_pts"] > 45 and rag["q"] < 0.01
    assert [t["skill_id"] for t in ml_engineer["risers"]] == ["rag"]


def test_a_skill_flat_at_80_percent_is_stable(ml_engineer):
    python = trend_of(ml_engineer, "python")
    assert python["call"] == "stable"
    assert abs(python["change_pts"]) < 2


def test_a_skill_going_from_50_to_10_percent_is_falling(ml_engineer):
    assert trend_of(ml_engineer, "tensorflow")["call"] == "falling"
    assert [t["skill_id"] for t in ml_engineer["fallers"]] == ["tensorflow"]


def test_a_five_point_move_on_a_small_sample_is_not_called(ml_engineer):
    pytorch = trend_of(ml_engineer, "pytorch")
    assert pytorch["change_pts"] == pytest.approx(5, abs=1.5)
    assert pytorch["call"] == "stable" and pytorch["q"] > 0.01


def test_a_skill_with_three_mentions_is_too_few_never_rising(ml_engineer):
    julia = trend_of(ml_engineer, "julia")
    assert julia["recent_mentions"] + julia["baseline_mentions"] == 3
    assert julia["call"] == "too_few" and julia["q"] is None


def test_a_significant_move_smaller_than_five_points_is_stable():
    # 50% → 53% over 40k postings each side: z ≈ 8.5, but only 3 points.
    rows = [{"skill_id": "sql", "name": "SQL", "recent": 21_200, "recent_postings": 40_000, "baseline": 20_000,
             "baseline_postings": 40_000, "recent_share": 0.53, "baseline_share": 0.5}]  # fmt: skip
    (sql,) = call_skill_trends(rows, RULES)
    assert sql["q"] < 1e-10 and sql["call"] == "stable"


def test_every_skill_mentioned_in_the_windows_has_a_trend_row(ml_engineer):
    assert {t["skill_id"] for t in ml_engineer["trends"]} == {"rag", "python", "tensorflow", "pytorch", "julia", "xss"}


@pytest.mark.parametrize(
    ("role", "verdict"),
    [("ai_engineer", "growing"), ("research_scientist", "shrinking"), ("data_scientist", "steady"), ("ml_engineer", "steady"),
     ("research_engineer", "steady")],
)  # fmt: skip
def test_volume_verdicts(planted_report, role, verdict):
    assert planted_report.summary["roles"][role]["postings"]["verdict"] == verdict


def test_too_few_recent_postings_stay_steady_however_small_p(planted_report):
    volume = planted_report.summary["roles"]["research_engineer"]["postings"]
    assert volume["recent_total"] == 16 and volume["p_value"] < 0.01


def test_volume_numbers_for_the_report_week(planted_report):
    volume = planted_report.summary["roles"]["ai_engineer"]["postings"]
    assert (volume["week"], volume["previous_week"], volume["change"]) == (40, 40, 0)
    assert volume["recent_per_week"] == 40 and volume["baseline_per_week"] == 5 and volume["ratio"] == 8
    assert volume["series"][-1] == {"week": "2026-W47", "week_start": "2026-11-16", "postings": 40}
    assert len(volume["series"]) == 14


def test_top_skills_are_ranked_by_share_with_the_previous_week(ml_engineer):
    top = ml_engineer["top_skills"]
    assert [s["skill_id"] for s in top[:2]] == ["python", "rag"]
    assert top[0]["mentions"] == 24 and top[0]["share"] == pytest.approx(24 / 32)
    assert top[0]["previous_share"] == pytest.approx(0.8)


def test_specialisms_and_focus_are_sub_counts(planted_report):
    specialisms = planted_report.summary["roles"]["ml_engineer"]["specialisms"]
    assert specialisms["ml_platform"]["week"] == 20
    assert specialisms["ml_hardware"]["week"] == 10 and specialisms["unspecified"]["previous_week"] == 10
    assert specialisms["ml_solutions_architect"]["recent"] == 0
    focus = planted_report.summary["roles"]["data_scientist"]["specialisms"]
    assert (focus["analytics"]["week"], focus["modelling"]["week"]) == (15, 10)


def test_other_role_is_left_out_of_roles_but_counted_in_the_overview(planted_report):
    overview = planted_report.summary["overview"]
    assert overview["other"]["week"] == 10
    assert overview["postings"]["week"] == sum(role["postings"]["week"] for role in planted_report.summary["roles"].values())
    assert planted_report.summary["data"]["postings_other_role"] == 140


def test_a_posting_without_posted_at_falls_back_to_first_seen():
    factory = PostingFactory()
    factory.add("ai_engineer", REPORT_WEEK, dated=False)  # first_seen in the report week
    factory.add("ai_engineer", weeks_back(1), day=6)  # posted Sunday of W46 …
    factory.postings[-1]["first_seen"] += timedelta(days=2)  # … first seen in W47: still W46
    summary = build_summary(WarehouseFrames.from_frames(**factory.frames()), ReportWindows(REPORT_WEEK), date(2026, 11, 25))
    volume = summary["roles"]["ai_engineer"]["postings"]
    assert (volume["week"], volume["previous_week"]) == (1, 1)
