"""Invariants over arbitrary small warehouses (Hypothesis): shares are shares, intervals hold them, counts add up.

The postings may be duplicates of each other (cluster ids) and may list several roles (posting_roles).
"""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_warehouse import PostingFactory

from reports.load import WarehouseFrames
from reports.periods import ReportWindows
from reports.summary import build_summary
from reports.tables import sections
from reports.taxonomy import ML_ROLES, SUBSECTIONS

REPORT_WEEK = date(2026, 11, 16)
PERIODS = ("current", "previous", "recent", "baseline")
ROLES = [*ML_ROLES, "other", "mystery", ""]
SPECIALISMS = [None, "ml_platform", "ml_hardware"]
FOCUSES = [None, "analytics", "modelling"]

role_entries = st.fixed_dictionaries(
    {
        "role": st.sampled_from(ROLES),
        "specialism": st.sampled_from(SPECIALISMS),
        "focus": st.sampled_from(FOCUSES),
        "seniority": st.sampled_from([None, "senior", "mid"]),
        "title": st.sampled_from(["AI Engineer", "Senior ML Engineer", "Analyst"]),
    }
)
postings = st.lists(
    st.fixed_dictionaries(
        {
            "role": st.sampled_from(ROLES),
            "weeks_back": st.integers(min_value=-1, max_value=15),
            "day": st.integers(min_value=0, max_value=6),
            "dated": st.booleans(),
            "skills": st.sets(st.sampled_from(["python", "sql", "rag", "llm", "julia"])),
            "specialism": st.sampled_from(SPECIALISMS),
            "focus": st.sampled_from(FOCUSES),
            "cluster_id": st.sampled_from([None, None, "job-a", "job-b"]),
            "remote": st.sampled_from([None, "remote", "onsite"]),
            "pay": st.sampled_from([None, (90_000.0, 120_000.0), (50.0, 60.0)]),
            "roles": st.lists(role_entries, max_size=2, unique_by=lambda r: (r["role"], r["title"])),
        }
    ),
    max_size=80,
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _summary(rows: list[dict]) -> dict:
    factory = PostingFactory()
    for row in rows:
        pay = (
            dict(zip(("salary_min", "salary_max"), row["pay"]), salary_period="year", salary_currency="USD")
            if row["pay"]
            else {}
        )
        factory.add(
            row["role"],
            REPORT_WEEK - timedelta(weeks=row["weeks_back"]),
            skills=tuple(sorted(row["skills"])),
            day=row["day"],
            dated=row["dated"],
            specialism=row["specialism"],
            focus=row["focus"],
            cluster_id=row["cluster_id"],
            remote=row["remote"],
            roles=tuple(row["roles"]),
            **pay,
        )
    return build_summary(
        WarehouseFrames.from_frames(**factory.frames()), ReportWindows(REPORT_WEEK), date(2026, 11, 25)
    )


def _shares(section: dict):
    for skill in section["top_skills"]:
        yield from (skill["share"], skill["previous_share"], skill["ci_low"], skill["ci_high"])
    for trend in section["trends"] + section["titles"]["top"] + section["seniority"] + section["remote"]["values"]:
        yield from (trend["recent_share"], trend["baseline_share"])
    yield from (section["remote"]["remote_share"], section["remote"]["known_share"])
    yield from (d["share"] for d in section["salary"]["disclosure"])
    yield from (s for line in section["skill_history"]["skills"] for s in line["shares"])


@SETTINGS
@given(postings)
def test_shares_are_shares_and_intervals_contain_them(rows):
    for _, section in sections(_summary(rows)):
        assert all(0.0 <= share <= 1.0 for share in _shares(section) if share is not None)
        for skill in section["top_skills"]:
            assert skill["ci_low"] <= skill["share"] <= skill["ci_high"]
            assert skill["mentions"] <= _n(section["postings"]["current"])
        if section["remote"]["remote_ci"]:
            low, high = section["remote"]["remote_ci"]
            assert low <= section["remote"]["remote_share"] <= high
        for trend in section["trends"]:
            assert trend["recent_mentions"] <= section["postings"]["recent_total"]
            assert trend["baseline_mentions"] <= section["postings"]["baseline_total"]
            if trend["call"] in ("rising", "falling"):
                assert trend["recent_mentions"] + trend["baseline_mentions"] >= 10 and trend["q"] < 0.01
                assert abs(trend["change_pts"]) >= 5


def _n(count: int | None) -> int:
    """A period without coverage has no count (None); for sums it adds nothing."""
    return 0 if count is None else count


@SETTINGS
@given(postings)
def test_counts_add_up(rows):
    summary = _summary(rows)
    roles, overview, everything = summary["roles"], summary["overview"], summary["all_postings"]
    multi_role = any(row["roles"] for row in rows)
    for period, key in zip(PERIODS, ("current", "previous", "recent_total", "baseline_total"), strict=True):
        # An uncovered period is None in every section alike.
        assert len({role["postings"][key] is None for _, role in sections(summary)}) == 1
        role_sum = sum(_n(role["postings"][key]) for role in roles.values())
        # A post listed under several ML roles counts in each role but once in the overview.
        assert role_sum >= _n(overview["postings"][key]) if multi_role else role_sum == _n(overview["postings"][key])
        assert max(_n(overview["postings"][key]), overview["other"][period]) <= _n(everything["postings"][key])
        if not multi_role:  # without posting_roles a posting is ML, other, or neither
            assert _n(overview["postings"][key]) + overview["other"][period] <= _n(everything["postings"][key])
        assert all(overview["by_role"][name][period] == _n(roles[name]["postings"][key]) for name in ML_ROLES)
        for sub, parent in SUBSECTIONS.items():
            assert _n(roles[parent]["subsections"][sub]["postings"][key]) <= _n(roles[parent]["postings"][key])
            assert _n(roles[parent]["subsections"][sub]["postings"][key]) == _n(
                roles[parent]["specialisms"][sub][period]
            )
    for _, section in sections(summary):
        # The mixes (one row per posting and section) agree with the volume (one count per signature).
        for mix in (section["seniority"], section["remote"]["values"]):
            assert sum(_n(entry["recent"]) for entry in mix) == section["postings"]["recent_total"]
    overview_series = [point["postings"] for point in overview["postings"]["series"]]
    role_series = [[point["postings"] for point in role["postings"]["series"]] for role in roles.values()]
    if not multi_role:
        assert overview_series == [None if None in week else sum(week) for week in zip(*role_series, strict=True)]
        unclustered = [r for r in rows if r["cluster_id"] is None]
        in_week = sum(1 for r in unclustered if r["role"] in ML_ROLES and r["weeks_back"] == 0)
        assert _n(overview["postings"]["current"]) - in_week in range(0, 3)  # plus at most one posting per cluster
    counted = summary["quality"]["postings"]
    assert counted["raw"] == len(rows) and counted["counted"] == counted["raw"] - counted["duplicates"]
    assert counted["counted"] == len([r for r in rows if r["cluster_id"] is None]) + len(
        {r["cluster_id"] for r in rows} - {None}
    )
