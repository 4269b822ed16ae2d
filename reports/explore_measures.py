"""What the explorer counts, one function per concept, each a DuckDB query over the warehouse.

Every function takes an open (read-only) connection and returns an Arrow table, so the explorer's
data builder does not care where the answer comes from. Each one is written against the base
tables with a fallback definition; when the warehouse gains coverage and new/active views, point the
function at the view and nothing else changes:

- `covered_periods`   fallback: a period is covered when a posting was first posted in it or a
                      board crawl ran in it (no coverage table yet). Uncovered periods are "no
                      data", drawn as gaps, never as zero.
- `first_appearances` one row per posting: its duplicate cluster and the day it first appeared
                      (posted_at, else first_seen): new postings are counted there.
- `open_sightings`    one row per (posting, day a board crawl saw it open). Imported history carries
                      only its import time as a sighting, which says nothing about when the job was
                      open, so sightings without a board crawl behind them are left out; a posting
                      is also open on the day it first appeared (explore_clusters adds that).
- `role_assignments`  one row per (posting, role it hires for, title): posting_roles, else postings.
- `skill_mentions`    one row per (posting, skill named), skills numbered most named first.

They are plain scans keyed by a 64-bit hash of posting_id: the clustering, joins and counting run
in Polars (explore_clusters.py), which is where a million postings stay fast.

Grain names are DuckDB date_trunc parts: week (ISO, Monday), month, quarter, year.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

GRAINS = ("week", "month", "quarter", "year")


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


def first_appearances(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """posting_key, cluster (uint64 hashes), day (DATE), country, remote, company."""
    return con.sql(
        """
        SELECT hash(posting_id) AS posting_key, hash(coalesce(cluster_id, posting_id)) AS cluster,
               coalesce(posted_at, first_seen)::DATE AS day, country, remote, company
        FROM postings WHERE coalesce(posted_at, first_seen) IS NOT NULL
        """
    ).to_arrow_table()


def open_sightings(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """posting_key, day: the days a board crawl saw the posting open."""
    return con.sql(
        """
        SELECT DISTINCT hash(s.posting_id) AS posting_key, s.seen_at::DATE AS day FROM sightings s
        WHERE s.run_id IN (SELECT run_id FROM board_crawls)
        """
    ).to_arrow_table()


def role_assignments(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """posting_key, role, specialism, focus, title: what each posting hires for."""
    return con.sql(
        """
        SELECT hash(posting_id) AS posting_key, role, specialism, focus, title FROM posting_roles
        UNION ALL
        SELECT hash(posting_id), role, specialism, focus, title FROM postings
        WHERE posting_id NOT IN (SELECT posting_id FROM posting_roles)
        """
    ).to_arrow_table()


# Skills numbered by how many postings name them (most named first, ties by id): small integers
# travel and join far faster than millions of skill ids, and the numbers rank the skills too.
_SKILL_NUMBERS = """
    WITH numbered AS (
        SELECT skill_id, (row_number() OVER (ORDER BY count(*) DESC, skill_id) - 1)::SMALLINT AS s
        FROM posting_skills GROUP BY skill_id
    )
"""


def skill_mentions(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """posting_key, s: the number `skill_names` gives the skill."""
    return con.sql(
        _SKILL_NUMBERS + "SELECT hash(p.posting_id) AS posting_key, n.s FROM posting_skills p JOIN numbered n USING (skill_id)"
    ).to_arrow_table()


def skill_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """s, skill_id, name, category of every skill some posting names, by s."""
    return con.sql(
        _SKILL_NUMBERS + "SELECT n.s, n.skill_id, coalesce(k.name, n.skill_id) AS name, coalesce(k.category, '') AS category "
        "FROM numbered n LEFT JOIN skills k USING (skill_id) ORDER BY n.s"
    ).to_arrow_table()


def role_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    return con.sql("SELECT role_id, name, kind, parent_role FROM roles").to_arrow_table()


def _check(grain: str) -> None:
    if grain not in GRAINS:  # grain is formatted into SQL as a date_trunc part: only known names
        raise ValueError(f"unknown grain {grain!r} (known: {', '.join(GRAINS)})")
