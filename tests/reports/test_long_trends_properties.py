"""Invariants of the long view over arbitrary small warehouses (Hypothesis): counts fit inside their
sections, shares are shares, gaps stay gaps, and every call agrees with its own statistics."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_warehouse import PostingFactory

from reports.load import WarehouseFrames
from reports.long_trends import LongRules, long_horizon
from reports.periods import choose_report_period
from reports.quarters import aggregate_quarters
from reports.taxonomy import ML_ROLES

WINDOWS = choose_report_period(date(2026, 9, 2), "month", "2026-08")  # quarters 2023-Q4 … 2026-Q3 (partial)
LOOSE = LongRules(min_mentions=1, min_covered=2)  # test every item, so small warehouses exercise the calls

postings = st.lists(
    st.fixed_dictionaries(
        {
            "role": st.sampled_from([*ML_ROLES, "other", ""]),
            "days_back": st.integers(
                min_value=-40, max_value=1300
            ),  # some after the report period, some before the window
            "skills": st.sets(st.sampled_from(["python", "sql", "rag", "pytorch"])),
            "specialism": st.sampled_from([None, "ml_platform"]),
            "cluster_id": st.sampled_from([None, None, "job-a", "job-b"]),
            "listed": st.sampled_from([(), ("data_scientist",), ("ml_engineer", "research_engineer")]),
        }
    ),
    max_size=120,
)


def long_view(rows: list[dict]) -> dict[str, dict]:
    factory = PostingFactory()
    for row in rows:
        roles = tuple({"role": role, "title": role} for role in row["listed"])
        factory.add(
            row["role"],
            date(2026, 8, 31) - timedelta(days=row["days_back"]),
            day=0,
            skills=tuple(sorted(row["skills"])),
            specialism=row["specialism"],
            cluster_id=row["cluster_id"],
            roles=roles,
        )
    frames = WarehouseFrames.from_frames(**factory.frames())
    return long_horizon(aggregate_quarters(frames, WINDOWS), {}, LOOSE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings)
def test_counts_fit_shares_are_shares_and_gaps_stay_gaps(rows):
    for section in long_view(rows).values():
        horizon = section["long_horizon"]
        assert [p is None for p in horizon["postings"]] == [not c for c in horizon["covered"]]
        entries = section["long_trends"] + section["long_title_trends"]
        for entry in entries:
            for count, share, postings_then in zip(entry["counts"], entry["shares"], horizon["postings"]):
                assert (count is None) == (postings_then is None)
                if count is not None:
                    assert 0 <= count <= postings_then
                    assert share is None if postings_then == 0 else abs(share - count / postings_then) < 1e-6
            assert (entry["q"] is None) == (entry["direction"] == "too_few")
            if entry["q"] is not None:
                assert 0.0 <= entry["p"] <= entry["q"] + 1e-12 and entry["q"] <= 1.0  # BH never lowers a p-value
            if entry["direction"] in ("rising", "falling"):
                assert entry["q"] < LOOSE.alpha and (entry["z"] > 0) == (entry["direction"] == "rising")
            yoy = entry["yoy"]
            for share in (yoy["last_year_share"], yoy["year_before_share"], entry["span"]["first_year_share"]):
                assert share is None or 0.0 <= share <= 1.0
