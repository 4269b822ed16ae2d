"""An analyst's `quarterly_skill_shares()` and the report's `long_trends` give the same numbers.

The warehouse has what makes counting hard: a job reposted in a later quarter (one cluster), a
cluster whose earliest copy has no posted_at (first_seen counts), multi-role posts listed in
posting_roles, ML-platform engineers (a sub-section), a quarter without any data, and postings
after the report period.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report
from warehouse.db import connect

QUARTER_MIDS = [
    date(2023 + (m - 1) // 12, (m - 1) % 12 + 1, 10) for m in range(10, 46, 3)
]  # 2023-Q4 … 2026-Q3, mid-quarter
GAP = 5  # 2025-Q1: nothing at all
SECTIONS = ("ml_engineer", "ml_platform", "data_scientist", "all_ml", "all_postings")
SKILLS = ("pytorch", "python")
# Research engineers post only every other quarter: covered quarters where the section has none.
CASES = [(section, skill) for section in SECTIONS for skill in SKILLS] + [("research_engineer", "python")]


def planted() -> PostingFactory:
    factory = PostingFactory()
    for i, mid in enumerate(QUARTER_MIDS):
        if i == GAP:
            continue
        factory.add_week("ml_engineer", mid, 30, {"pytorch": 0.1 + 0.04 * i, "python": 0.6})
        factory.add_week("ml_engineer", mid, 8, {"python": 0.5}, specialism="ml_platform")
        factory.add_week("data_scientist", mid, 20, {"python": 0.8, "pytorch": 0.1})
        factory.add_week("other", mid, 40, {"python": 0.2})
        if i % 2 == 0:
            factory.add_week("research_engineer", mid, 8, {"python": 0.5})
        for j in range(3):  # HN-style posts: header role 'other', the openings listed in posting_roles
            factory.add(
                "other",
                mid,
                skills=("pytorch", "python")[: 1 + j % 2],
                roles=(
                    {"role": "data_scientist", "title": "Data Scientist"},
                    {"role": "ml_engineer", "specialism": "ml_platform", "title": "ML Platform Engineer"},
                ),
            )
        # The same job again next quarter: one cluster, counted once, in this quarter.
        factory.add("ml_engineer", mid, skills=("pytorch",), cluster_id=f"c{i}")
        factory.add("ml_engineer", mid + timedelta(days=91), skills=("pytorch", "python"), cluster_id=f"c{i}")
    # A cluster whose earliest copy carries no posted_at: it counts in the quarter it was first seen.
    factory.add("ml_engineer", QUARTER_MIDS[2], skills=("python",), dated=False, cluster_id="undated")
    factory.add("ml_engineer", QUARTER_MIDS[3], skills=("pytorch",), cluster_id="undated")
    factory.add_week("ml_engineer", date(2026, 9, 15), 50, {"pytorch": 1.0})  # after the report period
    return factory


@pytest.fixture(scope="module")
def report_and_warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long-sql")
    db = write_warehouse(folder / "w.duckdb", planted().frames())
    report = build_report(db, folder / "out", as_of=date(2026, 9, 2), period="month", period_label="2026-08")
    return report.summary, db


def macro_rows(db, section: str, skill: str, until: date) -> list[tuple]:
    con = connect(db)
    try:
        return con.execute(
            "SELECT quarter, covered, postings, with_skill, share FROM quarterly_skill_shares(?, ?, ?)",
            [section, skill, until],
        ).fetchall()
    finally:
        con.close()


def section_of(summary: dict, section: str) -> dict:
    if section == "all_ml":
        return summary["overview"]
    if section == "all_postings":
        return summary["all_postings"]
    parents = {"ml_platform": "ml_engineer"}
    return (
        summary["roles"][parents[section]]["subsections"][section] if section in parents else summary["roles"][section]
    )


@pytest.mark.parametrize(("section", "skill"), CASES)
def test_the_macro_gives_the_reports_quarterly_counts_and_shares(report_and_warehouse, section, skill):
    summary, db = report_and_warehouse
    report = section_of(summary, section)
    horizon = report["long_horizon"]
    trend = next(t for t in report["long_trends"] if t["skill_id"] == skill)
    until = date.fromisoformat(horizon["through"]) + timedelta(days=1)
    rows = macro_rows(db, section, skill, until)
    assert [r[0] for r in rows] == horizon["quarters"]
    assert [r[1] for r in rows] == horizon["covered"]
    assert [r[2] for r in rows] == horizon["postings"]
    assert [r[3] for r in rows] == trend["counts"]
    assert [r[4] for r in rows] == pytest.approx(trend["shares"], abs=5e-7)  # the JSON rounds shares to 6 decimals


def test_the_planted_complications_are_really_there(report_and_warehouse):
    summary, db = report_and_warehouse
    horizon = summary["roles"]["ml_engineer"]["long_horizon"]
    assert horizon["covered"][GAP] is False and horizon["last_quarter_partial"] is True
    # 30 + 8 + the listed posts (3) + the cluster's first copy (1) + its repost from last quarter (0)
    assert horizon["postings"][1] == 30 + 8 + 3 + 1
    assert horizon["postings"][2] == 30 + 8 + 3 + 1 + 1  # and the undated cluster, first seen here
    odd = summary["roles"]["research_engineer"]["long_horizon"]["postings"][1]
    assert odd == 0  # covered (others posted), but no research engineer: 0 postings, share unknown
