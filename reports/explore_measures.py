"""What the explorer counts, one function per concept, each a DuckDB query over the warehouse.

Every function takes an open (read-only) connection and returns an Arrow table, so the explorer's
data builder does not care where the answer comes from. Each one is written against the base
tables with a fallback definition; when the warehouse gains coverage and new/active views, point the
function at the view and nothing else changes:

- `covered_periods`   fallback: a period is covered when a posting was first posted in it or a
                      board crawl ran in it (no coverage table yet). Uncovered periods are "no
                      data", drawn as gaps, never as zero.
- `cluster_facts`     one row per duplicate cluster: when it first appeared (new postings are
                      counted there), the role tokens it hires for, its country and work place.
- `cluster_skills`    one row per (cluster, skill named by any of its postings).
- `active_days`       one row per (cluster, day it was seen open): its first day plus every
                      sighting made by a board crawl. Imported history carries only its import
                      time as a sighting, which says nothing about when the job was open, so
                      sightings without a board crawl behind them are left out.
- `title_assignments` one row per (cluster, role, folded title) for the title-variants view.

Grain names are DuckDB date_trunc parts: week (ISO, Monday), month, quarter, year.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

GRAINS = ("week", "month", "quarter", "year")

# Role tokens: the role itself, and role/specialism or role/focus, so a picker of "ML engineer" or
# "ML engineer — ML platform" matches a cluster by set membership (a cluster counts once however
# many of its tokens are picked).
_ROLE_TOKENS = """
    SELECT cluster_id, role AS token FROM role_postings
    UNION SELECT cluster_id, role || '/' || specialism FROM role_postings WHERE specialism IS NOT NULL
    UNION SELECT cluster_id, role || '/' || focus FROM role_postings WHERE focus IS NOT NULL
"""


def covered_periods(con: duckdb.DuckDBPyConnection, grain: str) -> pa.Table:
    """Period starts (column `period`, DATE) in which some source covered the market."""
    _check(grain)
    return con.sql(
        f"""
        SELECT DISTINCT date_trunc('{grain}', day)::DATE AS period FROM (
            SELECT coalesce(posted_at, first_seen)::DATE AS day FROM postings
            UNION ALL SELECT crawled_at::DATE FROM board_crawls WHERE status = 'ok'
        ) WHERE day IS NOT NULL ORDER BY period
        """
    ).to_arrow_table()


def cluster_facts(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """cluster (uint64 key), first_day (DATE), roles ('a,b/c' sorted tokens), country, remote."""
    return con.sql(
        f"""
        WITH tokens AS ({_ROLE_TOKENS}),
        role_sets AS (SELECT cluster_id, string_agg(token, ',' ORDER BY token) AS roles FROM tokens GROUP BY cluster_id),
        firsts AS (
            SELECT coalesce(cluster_id, posting_id) AS cluster_id,
                   min(coalesce(posted_at, first_seen))::DATE AS first_day,
                   arg_min(country, coalesce(posted_at, first_seen)) AS country,
                   arg_min(remote, coalesce(posted_at, first_seen)) AS remote
            FROM postings GROUP BY 1
        )
        SELECT hash(f.cluster_id) AS cluster, f.first_day, r.roles, f.country, f.remote
        FROM firsts f JOIN role_sets r USING (cluster_id)
        WHERE f.first_day IS NOT NULL
        """
    ).to_arrow_table()


def cluster_skills(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """cluster (uint64 key), skill_id: each skill any posting of the cluster names, once."""
    return con.sql(
        """
        SELECT DISTINCT hash(coalesce(p.cluster_id, p.posting_id)) AS cluster, s.skill_id
        FROM posting_skills s JOIN postings p USING (posting_id)
        """
    ).to_arrow_table()


def active_days(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """cluster (uint64 key), day (DATE): the days a cluster was seen open."""
    return con.sql(
        """
        SELECT DISTINCT hash(coalesce(p.cluster_id, p.posting_id)) AS cluster, d.day
        FROM (
            SELECT posting_id, coalesce(posted_at, first_seen)::DATE AS day FROM postings
            UNION ALL
            SELECT s.posting_id, s.seen_at::DATE FROM sightings s
            WHERE s.run_id IN (SELECT run_id FROM board_crawls)
        ) d JOIN postings p USING (posting_id)
        WHERE d.day IS NOT NULL
        """
    ).to_arrow_table()


def title_assignments(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """cluster (uint64 key), role, title_key (case and spaces folded), title (as written)."""
    return con.sql(
        """
        SELECT DISTINCT hash(cluster_id) AS cluster, role,
               lower(regexp_replace(trim(title), '\\s+', ' ', 'g')) AS title_key, title
        FROM role_postings WHERE title IS NOT NULL AND trim(title) <> ''
        """
    ).to_arrow_table()


def company_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """cluster (uint64 key), company: the company of the cluster's first posting."""
    return con.sql(
        """
        SELECT hash(coalesce(cluster_id, posting_id)) AS cluster,
               arg_min(company, coalesce(posted_at, first_seen)) AS company
        FROM postings GROUP BY 1 HAVING company IS NOT NULL
        """
    ).to_arrow_table()


def skill_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    return con.sql("SELECT skill_id, name, category FROM skills ORDER BY skill_id").to_arrow_table()


def role_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    return con.sql("SELECT role_id, name, kind, parent_role FROM roles").to_arrow_table()


def _check(grain: str) -> None:
    if grain not in GRAINS:  # grain is formatted into SQL as a date_trunc part: only known names
        raise ValueError(f"unknown grain {grain!r} (known: {', '.join(GRAINS)})")
