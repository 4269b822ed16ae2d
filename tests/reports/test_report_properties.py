"""Invariants over arbitrary small warehouses (Hypothesis): shares are shares, counts add up."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_warehouse import PostingFactory

from reports.load import WarehouseFrames
from reports.periods import ReportWindows
from reports.summary import build_summary
from reports.taxonomy import ML_ROLES

REPORT_WEEK = date(2026, 11, 16)
PERIOD_KEYS = {"week": "week", "previous_week": "previous_week", "recent_total": "recent", "baseline_total": "baseline"}

postings = st.lists(
    st.fixed_dictionaries({
        "role": st.sampled_from([*ML_ROLES, "other", "mystery", ""]),
        "weeks_back": st.integers(min_value=-1, max_value=15),
        "day": st.integers(min_value=0, max_value=6),
        "dated": st.booleans(),
        "skills": st.sets(st.sampled_from(["python", "sql", "rag", "llm", "julia"])),
        "specialism": st.sampled_from([None, "ml_platform", "ml_hardware"]),
        "focus": st.sampled_from([None, "analytics", "modelling"]),
    }),  # fmt: skip
    max_size=120,
)


def _summary(rows: list[dict]) -> dict:
    factory = PostingFactory()
    for row in rows:
        factory.add(row["role"], REPORT_WEEK - timedelta(weeks=row["weeks_back"]), skills=tuple(sorted(row["skills"])),
                    day=row["day"], dated=row["dated"], specialism=row["specialism"], focus=row["focus"])  # fmt: skip
    return build_summary(WarehouseFrames.from_frames(**factory.frames()), ReportWindows(REPORT_WEEK), date(2026, 11, 25))


def _shares(summary: dict):
    for section in [summary["overview"], *summary["roles"].values()]:
        for skill in section["top_skills"]:
            yield skill["share"]
            yield skill["previous_share"]
        for trend in section["trends"]:
            yield trend["recent_share"]
            yield trend["baseline_share"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings)
def test_shares_are_within_zero_and_one(rows):
    summary = _summary(rows)
    assert all(0.0 <= share <= 1.0 for share in _shares(summary) if share is not None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings)
def test_role_counts_add_up_to_the_overview(rows):
    summary = _summary(rows)
    roles, overview = summary["roles"], summary["overview"]
    for key, period in PERIOD_KEYS.items():
        assert sum(role["postings"][key] for role in roles.values()) == overview["postings"][key]
        assert all(overview["by_role"][name][period] == roles[name]["postings"][key] for name in ML_ROLES)
        for name in ("ml_engineer", "data_scientist"):
            assert sum(part[period] for part in roles[name]["specialisms"].values()) == roles[name]["postings"][key]
    # the report week, counted by hand: a posting's day, as a week offset (dated or not, it lands the same week)
    in_week = sum(1 for r in rows if r["role"] in ML_ROLES and r["weeks_back"] == 0)
    assert overview["postings"]["week"] == in_week
    assert overview["other"]["week"] == sum(1 for r in rows if r["role"] == "other" and r["weeks_back"] == 0)
    overview_series = [point["postings"] for point in overview["postings"]["series"]]
    role_series = [[point["postings"] for point in role["postings"]["series"]] for role in roles.values()]
    assert overview_series == [sum(week) for week in zip(*role_series, strict=True)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings)
def test_mentions_never_exceed_postings_and_calls_follow_the_rule(rows):
    summary = _summary(rows)
    for section in [summary["overview"], *summary["roles"].values()]:
        for skill in section["top_skills"]:
            assert skill["mentions"] <= section["postings"]["week"]
        for trend in section["trends"]:
            assert trend["recent_mentions"] <= section["postings"]["recent_total"]
            assert trend["baseline_mentions"] <= section["postings"]["baseline_total"]
            if trend["call"] in ("rising", "falling"):
                assert trend["recent_mentions"] + trend["baseline_mentions"] >= 10 and trend["q"] < 0.01
                assert abs(trend["change_pts"]) >= 5
