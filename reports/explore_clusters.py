"""From posting rows to duplicate clusters, the explorer's counting unit (warehouse/SCHEMA.md: a
cluster counts once; it has a skill when any of its postings names it; a post hiring for several
roles counts for each), staged in DuckDB as temporary tables on the read-only connection (they live
in memory and vanish with it; the warehouse file is never written). No posting row reaches Python:
only the handful of role combinations and the distinct titles do.

Tables staged, each keyed by `cluster` (a 64-bit hash of the cluster id):

- `x_facts`   cluster, first_day, week, month (period keys, computed once), r (role set number),
              gw (work place region), gc (country region), c (company number in `x_companies`, by
              name): one row per cluster with a role, its place and company those of the posting
              that appeared first;
- `x_skills`  s, and the cluster's x_facts columns but first_day: once per skill any posting of
              the cluster names (joined once here, so every count after reads it without a join);
- `x_open`    cluster, day: the days it was seen open, its first day included (only when that
              differs from the first days, `Clusters.same_measures`);
- `x_titles`  cluster, role, k (title folded for case and spaces), ti (one spelling of it), both
              numbers into `x_title_names` (ti, k, title, title_key), and the cluster's week and
              month (joined once here, so the titles' counts need no join).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from reports import explore_measures as m

TOP_COUNTRIES = 25  # the rest are "other": a picker of 200 countries helps nobody
REMOTES = ["remote", "hybrid", "onsite", "unknown work place"]


@dataclass(frozen=True)
class Clusters:
    tokens: list[str]  # role tokens: 'ml_engineer', 'ml_engineer/ml_platform', …; bit i of a role set is tokens[i]
    masks: list[int]  # role set number r → its bit mask, ascending
    regions: list[str]  # region g → its name: all regions, each work place, each country
    same_measures: bool  # every cluster seen open on its first day only: active postings are new postings


def stage_clusters(con) -> Clusters:
    """Stage the x_* tables on `con` (read-only is fine) and describe their codes."""
    run = con.execute
    run("SET enable_progress_bar = false")
    run(f"CREATE OR REPLACE TEMP TABLE x_postings AS {m.first_appearances()}")
    # Most postings are a cluster of their own: only the others are mapped, through a small left join.
    run(
        "CREATE OR REPLACE TEMP TABLE x_moved AS "
        "SELECT posting_id, cluster FROM x_postings WHERE cluster <> hash(posting_id)"
    )
    shared = run("SELECT count(*) FROM x_moved").fetchall()[0][0] > 0
    distinct = "DISTINCT" if shared else ""  # several postings of one cluster may name the same skill
    into_cluster = (
        "coalesce(x_moved.cluster, hash(rows.posting_id)) AS cluster" if shared else "hash(rows.posting_id) AS cluster"
    )
    moved = "LEFT JOIN x_moved USING (posting_id)" if shared else ""  # nothing to map: no join at all
    # A row is alone in its cluster when its posting has one role row and no other posting joins it:
    # those (most) skip the grouping that folds a cluster's rows into one.
    run(
        f"""CREATE OR REPLACE TEMP TABLE x_assignments AS
            SELECT {into_cluster}, role, specialism, focus, title, single AND NOT ? AS single
            FROM ({m.role_assignments()}) rows {moved}""",
        [shared],
    )
    tokens = _stage_role_masks(con)
    first = "QUALIFY row_number() OVER (PARTITION BY cluster ORDER BY day, hash(posting_id)) = 1" if shared else ""
    run(f"""CREATE OR REPLACE TEMP TABLE x_firsts AS
            WITH firsts AS (SELECT cluster, day, country, remote, company FROM x_postings {first}),
            masked AS (SELECT cluster, single, k.mask FROM x_assignments a
                       JOIN x_role_masks k ON a.role = k.role AND a.specialism IS NOT DISTINCT FROM k.specialism
                                           AND a.focus IS NOT DISTINCT FROM k.focus),
            roles AS (SELECT cluster, mask AS roles FROM masked WHERE single
                      UNION ALL SELECT cluster, bit_or(mask) FROM masked WHERE NOT single GROUP BY cluster)
            SELECT f.*, r.roles FROM firsts f JOIN roles r USING (cluster)""")
    masks = [mask for (mask,) in run("SELECT DISTINCT roles FROM x_firsts ORDER BY roles").fetchall()]
    ranked = run(
        """SELECT country FROM x_firsts WHERE country IS NOT NULL GROUP BY country
                    ORDER BY count(*) DESC, country LIMIT ?""",
        [TOP_COUNTRIES],
    ).fetchall()
    countries = sorted(c for (c,) in ranked) + ["other countries", "unknown country"]
    regions = ["all regions", *REMOTES, *countries]
    # Companies by number, in name order: integers group fast, and ties between them break by name.
    run("""CREATE OR REPLACE TEMP TABLE x_companies AS
           SELECT company, (row_number() OVER (ORDER BY company) - 1)::INTEGER AS c
           FROM (SELECT DISTINCT company FROM x_firsts WHERE company IS NOT NULL)""")
    # list_position is 1-based: work places are regions 1–4, countries follow them.
    run(
        """CREATE OR REPLACE TEMP TABLE x_facts AS
           SELECT cluster, day AS first_day, date_trunc('week', day)::DATE AS week,
                  date_trunc('month', day)::DATE AS month,
                  (list_position(?::BIGINT[], roles) - 1)::INTEGER AS r,
                  coalesce(list_position(?::VARCHAR[], coalesce(remote, 'unknown work place')), ?)::INTEGER AS gw,
                  coalesce(list_position(?::VARCHAR[], coalesce(country, 'unknown country')) + ?, ?)::INTEGER AS gc,
                  c
           FROM x_firsts LEFT JOIN x_companies USING (company)""",
        [masks, REMOTES, len(REMOTES), countries, len(REMOTES), regions.index("other countries")],
    )
    run("CREATE OR REPLACE TEMP TABLE x_skill_numbers AS " + m.skill_numbers())
    run(f"""CREATE OR REPLACE TEMP TABLE x_skills AS
            WITH named AS (SELECT {distinct} {into_cluster}, s
                           FROM ({m.skill_mentions("x_skill_numbers")}) rows {moved})
            SELECT named.s, f.cluster, f.week, f.month, f.r, f.gw, f.gc, f.c
            FROM named JOIN x_facts f USING (cluster)""")
    run(
        f"CREATE OR REPLACE TEMP TABLE x_sighted AS SELECT {into_cluster}, day FROM ({m.open_sightings()}) rows {moved}"
    )
    # Every cluster is seen open on its first day, so with no other open days the measures agree.
    same = not shared and run("SELECT count(*) FROM x_sighted").fetchall()[0][0] == 0
    if not same:
        run(
            "CREATE OR REPLACE TEMP TABLE x_open AS "
            "SELECT cluster, day FROM x_postings UNION SELECT cluster, day FROM x_sighted"
        )
        same = run("SELECT (SELECT count(*) FROM x_open) = (SELECT count(*) FROM x_facts)").fetchall()[0][0]
    _stage_titles(con)
    return Clusters(tokens=tokens, masks=masks, regions=regions, same_measures=same)


def _stage_role_masks(con) -> list[str]:
    """The role tokens present, and (as x_role_masks) per (role, specialism, focus) its tokens' bit mask."""
    combos = con.sql("SELECT DISTINCT role, specialism, focus FROM x_assignments WHERE role IS NOT NULL").pl()

    def tokens_of(row: dict) -> list[str]:
        return [row["role"]] + [f"{row['role']}/{row[k]}" for k in ("specialism", "focus") if row[k] is not None]

    rows = combos.to_dicts()  # a handful of combinations, not postings
    tokens = sorted({t for row in rows for t in tokens_of(row)})
    masks = combos.with_columns(
        mask=pl.Series([sum(1 << tokens.index(t) for t in tokens_of(row)) for row in rows], dtype=pl.Int64)
    )
    con.register("x_role_masks_frame", masks.to_arrow())
    con.execute("CREATE OR REPLACE TEMP TABLE x_role_masks AS SELECT * FROM x_role_masks_frame")
    con.unregister("x_role_masks_frame")
    return tokens


def _stage_titles(con) -> None:
    """Titles folded for case and spacing once per distinct spelling (Polars, Unicode-aware), as
    x_title_names (ti: spelling number, in text order; k: folded title number), then one row per
    (cluster, role, folded title) of the clusters counted, with its first spelling and the cluster's
    week and month: integers and dates, so the million-row grouping stays quick and needs no join."""
    spellings = (
        con.sql("SELECT DISTINCT title FROM x_assignments WHERE title IS NOT NULL")
        .pl()
        .with_columns(title_key=pl.col("title").str.strip_chars().str.replace_all(r"\s+", " ").str.to_lowercase())
        .filter(pl.col("title_key") != "")
        .sort("title")
        .with_columns(ti=pl.int_range(pl.len(), dtype=pl.Int32), k=pl.col("title_key").rank("dense").cast(pl.Int32))
    )
    con.register("x_title_names_frame", spellings.to_arrow())
    con.execute("CREATE OR REPLACE TEMP TABLE x_title_names AS SELECT * FROM x_title_names_frame")
    con.unregister("x_title_names_frame")
    con.execute("""CREATE OR REPLACE TEMP TABLE x_titles AS
                   WITH named AS (SELECT a.cluster, a.role, a.single, k.k, k.ti, f.week, f.month FROM x_assignments a
                                  JOIN x_title_names k USING (title) JOIN x_facts f USING (cluster))
                   SELECT cluster, role, k, ti, week, month FROM named WHERE single
                   UNION ALL SELECT cluster, role, k, min(ti), week, month FROM named WHERE NOT single
                             GROUP BY cluster, role, k, week, month""")
