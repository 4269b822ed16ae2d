"""What the explorer counts, one function per concept, each a DuckDB query over the warehouse.

Each function (but `covered_periods`, which answers directly) returns the text of one SELECT over
the base tables; explore_clusters.py stages their rows as temporary tables on the read-only
connection and the counting runs in DuckDB. When the warehouse gains coverage and new/active views,
point the function at the view and nothing else changes:

- `covered_periods`   the warehouse's period_coverage; uncovered periods are "no data", drawn as
                      gaps, never as zero.
- `first_appearances` one row per posting: its duplicate cluster and the day it first appeared
                      (posted_at, else first_seen): new postings are counted there.
- `open_sightings`    one row per (posting, day a board crawl saw it open). Imported history carries
                      only its import time as a sighting, which says nothing about when the job was
                      open, so sightings without a board crawl behind them are left out; a posting
                      is also open on the day it first appeared (explore_clusters adds that).
- `role_assignments`  one row per (posting, role it hires for, title): posting_roles, else postings.
- `skill_numbers`     one row per skill some posting names, numbered most named first.
- `skill_mentions`    one row per (posting, skill named), by that number.

Grain names are DuckDB date_trunc parts: week (ISO, Monday), month, quarter, year.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pyarrow as pa

GRAINS = ("week", "month", "quarter", "year")
TRUNCATE = {"week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}  # the same periods in Polars


def covered_periods(con: duckdb.DuckDBPyConnection, grain: str) -> pa.Table:
    """Period starts (column `period`, DATE) in which some source covered the market: the
    warehouse's `period_coverage` (SCHEMA.md), so the explorer's gaps are the report's gaps. A
    warehouse that records no coverage at all falls back, as the report does, to periods with postings."""
    _check(grain)
    recorded = con.sql(f"SELECT period_start AS period, covered FROM period_coverage(period := '{grain}')")
    if recorded.aggregate("count(*)").fetchall()[0][0]:
        return recorded.filter("covered").select("period").order("period").to_arrow_table()
    return con.sql(
        f"""
        SELECT DISTINCT date_trunc('{grain}', coalesce(posted_at, first_seen))::DATE AS period FROM postings
        WHERE coalesce(posted_at, first_seen) IS NOT NULL ORDER BY period
        """
    ).to_arrow_table()


def first_appearances() -> str:
    """posting_id, cluster (uint64 hash of its cluster id), day (DATE), country, remote, company."""
    return """
        SELECT posting_id, hash(coalesce(cluster_id, posting_id)) AS cluster,
               coalesce(posted_at, first_seen)::DATE AS day, country, remote, company
        FROM postings WHERE coalesce(posted_at, first_seen) IS NOT NULL
    """


def open_sightings() -> str:
    """posting_id, day: the days a board crawl saw the posting open."""
    return """
        SELECT DISTINCT s.posting_id, s.seen_at::DATE AS day FROM sightings s
        WHERE s.run_id IN (SELECT run_id FROM board_crawls)
    """


def role_assignments() -> str:
    """posting_id, role, specialism, focus, title, single: what each posting hires for (`single`:
    the posting's only row, from postings itself, so it needs no de-duplicating)."""
    return """
        SELECT posting_id, role, specialism, focus, title, false AS single FROM posting_roles
        UNION ALL
        SELECT posting_id, role, specialism, focus, title, true FROM postings
        WHERE posting_id NOT IN (SELECT posting_id FROM posting_roles)
    """


def skill_numbers() -> str:
    """skill_id, s: skills numbered by how many postings name them (most named first, ties by id):
    small integers travel and group far faster than millions of skill ids, and rank the skills too."""
    return """
        SELECT skill_id, (row_number() OVER (ORDER BY count(*) DESC, skill_id) - 1)::SMALLINT AS s
        FROM posting_skills GROUP BY skill_id
    """


def skill_mentions(numbers: str) -> str:
    """posting_id, s: each skill a posting names, by its number in the table `numbers`."""
    return f"SELECT p.posting_id, n.s FROM posting_skills p JOIN {numbers} n USING (skill_id)"


def skill_names(con: duckdb.DuckDBPyConnection, numbers: str) -> pa.Table:
    """s, skill_id, name, category of every skill in the table `numbers`, by s."""
    return con.sql(
        f"SELECT n.s, n.skill_id, coalesce(k.name, n.skill_id) AS name, coalesce(k.category, '') AS category "
        f"FROM {numbers} n LEFT JOIN skills k USING (skill_id) ORDER BY n.s"
    ).to_arrow_table()


def role_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    return con.sql("SELECT role_id, name, kind, parent_role FROM roles").to_arrow_table()


def period_index(periods: list[date]) -> pl.DataFrame:
    """period (DATE) → p, its place among the periods shown."""
    return pl.DataFrame({"period": periods, "p": list(range(len(periods)))}, schema={"period": pl.Date, "p": pl.Int32})


def _check(grain: str) -> None:
    if grain not in GRAINS:  # grain is formatted into SQL as a date_trunc part: only known names
        raise ValueError(f"unknown grain {grain!r} (known: {', '.join(GRAINS)})")
