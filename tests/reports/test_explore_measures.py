"""What the explorer counts: new postings where a job first appeared, active postings in every period a
crawl saw it open, coverage from postings and crawls, and each duplicate cluster once whatever roles
are picked. Checked on a handful of our own rows, through the unpacked cube the page reads."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest
from report_warehouse import PostingFactory, write_warehouse

from reports import explore_measures
from reports.explore_data import build_data
from warehouse.db import connect

CRAWLS = {"c1": datetime(2026, 1, 5, 6), "c2": datetime(2026, 1, 12, 6), "c3": datetime(2026, 2, 2, 6)}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    factory = PostingFactory()
    crawled = factory.add("ml_engineer", date(2026, 1, 5), day=0, skills=("python",), source="greenhouse")
    # An HN post covers its thread's month (board = the thread's id).
    imported = factory.add(
        "ml_engineer", date(2015, 2, 23), day=0, skills=("tensorflow",), source="hn", board="9051005"
    )
    factory.add(
        "ai_engineer",
        date(2026, 1, 5),
        day=1,
        skills=("rag",),
        roles=({"role": "ai_engineer"}, {"role": "ml_engineer"}),
    )
    # One job on two boards, a week apart: one cluster, first seen on the earlier, with both skills.
    first = factory.add("data_scientist", date(2026, 1, 26), day=0, skills=("sql",), source="lever")
    factory.add("data_scientist", date(2026, 2, 2), day=0, skills=("python",), source="greenhouse", cluster_id=first)
    frames = factory.frames()
    frames["sightings"] = pl.DataFrame(
        [(run, crawled, seen) for run, seen in CRAWLS.items()]
        + [("file-import", imported, datetime(2026, 1, 12, 9)), ("lever-import", first, datetime(2026, 2, 3, 9))],
        schema=["run_id", "posting_id", "seen_at"],
        orient="row",
    )
    frames["board_crawls"] = pl.DataFrame(
        [(run, "greenhouse", "acme", f"{run}.jsonl", seen, "ok") for run, seen in CRAWLS.items()],
        schema=["run_id", "source", "board", "landing_file", "crawled_at", "status"],
        orient="row",
    )
    return write_warehouse(tmp_path_factory.mktemp("measures") / "warehouse.duckdb", frames)


@pytest.fixture(scope="module")
def data(warehouse):
    con = connect(warehouse, read_only=True)
    try:
        yield build_data(con)
    finally:
        con.close()


def rows(data: dict, grain: str, measure: str) -> pl.DataFrame:
    """The cube's columns (p, r, g, s, n), as the page reads them."""
    packed = data["grains"][grain][measure]
    packed = data["grains"][grain][packed] if isinstance(packed, str) else packed
    return pl.DataFrame(packed)


def postings(data: dict, grain: str, measure: str, roles: str | list[str], skill: str | None = None) -> dict[str, int]:
    """Clusters per period label for the picked role tokens in all regions, as the page adds them up: a role set
    (one per cluster) counts when it holds any picked token."""
    picked_tokens = {data["roles"]["token"].index(role) for role in ([roles] if isinstance(roles, str) else roles)}
    sets = [i for i, tokens in enumerate(data["roleSets"]) if picked_tokens & set(tokens)]
    s = -1 if skill is None else data["skills"]["id"].index(skill)
    picked = (
        rows(data, grain, measure)
        .filter(pl.col("r").is_in(sets) & (pl.col("s") == s) & (pl.col("g") == 0))
        .group_by("p")
        .agg(pl.col("n").sum())
    )
    labels = data["grains"][grain]["periods"]
    return {labels[p]: n for p, n in picked.iter_rows()}


def test_a_crawled_posting_is_new_once_and_active_in_every_week_a_crawl_saw_it(data):
    assert postings(data, "week", "new", "ml_engineer", "python") == {"2026-W02": 1}
    assert postings(data, "week", "active", "ml_engineer", "python") == {"2026-W02": 1, "2026-W03": 1, "2026-W06": 1}
    assert postings(data, "month", "active", "ml_engineer", "python") == {"2026-01": 1, "2026-02": 1}


def test_an_imported_posting_is_active_only_where_it_was_posted(data):
    # Its only sighting is the import in 2026, which says nothing about when the job was open.
    assert postings(data, "year", "active", "ml_engineer", "tensorflow") == {"2015": 1}


def test_a_post_for_two_roles_counts_once_when_both_are_picked(data):
    set_of_both = [i for i, tokens in enumerate(data["roleSets"]) if len(tokens) == 2]
    assert len(set_of_both) == 1
    assert postings(data, "month", "new", "ai_engineer") == {"2026-01": 1}
    assert postings(data, "month", "new", "ml_engineer")["2026-01"] == 2  # the crawled posting and the two-role post
    assert postings(data, "month", "new", ["ai_engineer", "ml_engineer"])["2026-01"] == 2  # not 3


def test_a_duplicate_cluster_counts_once_where_it_first_appeared_with_every_skill_of_its_postings(data):
    assert postings(data, "week", "new", "data_scientist") == {"2026-W05": 1}
    assert postings(data, "week", "new", "data_scientist", "python") == {"2026-W05": 1}
    assert postings(data, "week", "new", "data_scientist", "sql") == {"2026-W05": 1}
    # Active: open in both weeks its postings were seen (no board crawl, so their first days).
    assert postings(data, "week", "active", "data_scientist") == {"2026-W05": 1, "2026-W06": 1}


def test_covered_periods_are_the_warehouses_coverage(warehouse, data):
    # Crawled weeks, the crawled board's history back to its oldest listing, the HN thread's month
    # (its weeks), and the span of an imported file's postings: the report's `period_coverage`.
    con = connect(warehouse, read_only=True)
    try:
        weeks = explore_measures.covered_periods(con, "week").column("period").to_pylist()
    finally:
        con.close()
    con = connect(warehouse, read_only=True)
    try:
        expected = [
            d
            for (d,) in con.execute(
                "SELECT period_start FROM period_coverage(period := 'week') WHERE covered ORDER BY 1"
            ).fetchall()
        ]
    finally:
        con.close()
    assert weeks == expected
    assert {date(2015, 2, 23), date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 26), date(2026, 2, 2)} <= set(weeks)
    years = data["grains"]["year"]
    assert (years["periods"][0], years["periods"][-1], len(years["periods"])) == ("2015", "2026", 12)
    assert [label for label, covered in zip(years["periods"], years["covered"]) if covered] == ["2015", "2026"]


def test_an_unknown_grain_is_refused_before_it_reaches_sql(warehouse):
    con = connect(warehouse, read_only=True)
    try:
        with pytest.raises(ValueError, match="unknown grain"):
            explore_measures.covered_periods(con, "day'); DROP TABLE postings; --")
    finally:
        con.close()


def test_companies_tied_at_the_eighth_place_are_taken_by_name(tmp_path):
    # Ten companies, each with one recent ML-engineer posting naming Python and none before: a tie
    # throughout. Added in reverse name order, so the pick follows the names, not the warehouse's order.
    factory = PostingFactory()
    names = [f"Company {letter}" for letter in "JIHGFEDCBA"]
    for name in names:
        factory.add("ml_engineer", date(2026, 11, 2), skills=("python",), company=name)
    db = write_warehouse(tmp_path / "ties.duckdb", factory.frames())
    con = connect(db, read_only=True)
    try:
        companies = build_data(con)["companies"]
    finally:
        con.close()
    rows = pl.DataFrame(companies["rows"])
    assert rows["recent"].to_list() == [1] * 8 and rows["base"].to_list() == [0] * 8
    assert [companies["names"][c] for c in rows["company"]] == sorted(names)[:8]
