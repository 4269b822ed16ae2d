"""The explorer's second and third views, counted in DuckDB over the clusters explore_clusters.py
staged: title variants within a role over time, and the companies behind a skill."""

from __future__ import annotations

from datetime import date

import polars as pl

from reports import explore_measures as m

TITLES_PER_ROLE = 12
TITLE_CHARS = 90
COMPANIES_PER_PICK = 8
RECENT_MONTHS, BASELINE_MONTHS = 3, 12


def titles(con, period_dates: dict[str, list[date]]) -> dict:
    """Top title variants per role, and their clusters per period at every grain, with the role's
    clusters (that have a title) per period as t = -1. New postings: where each cluster first appeared."""
    spellings = con.sql("""SELECT x.role, k.title_key, k.title, x.n
                           FROM (SELECT role, ti, count(*) AS n FROM x_titles GROUP BY ALL) x
                           JOIN x_title_names k USING (ti)""").pl()  # one row per distinct spelling, not per posting
    top = (
        spellings.sort(["n", "title"], descending=[True, False])
        .group_by("role", "title_key")
        .agg(title=pl.col("title").first(), n=pl.col("n").sum())  # the most used spelling
        .sort(["role", "n", "title_key"], descending=[False, True, False])
        .group_by("role", maintain_order=True)
        .head(TITLES_PER_ROLE)
        .with_columns(title=pl.col("title").str.slice(0, TITLE_CHARS))
        .with_row_index("t")
    )
    roles = sorted(top["role"].unique().to_list())
    out = {"roles": roles, "role": [roles.index(r) for r in top["role"]], "text": top["title"].to_list(), "grains": {}}
    con.register("x_top_titles", top.select("role", "title_key", pl.col("t").cast(pl.Int32)).to_arrow())
    keys = "(SELECT DISTINCT k, title_key FROM x_title_names)"
    try:
        # Weeks and months in one pass; quarters and years are sums of months.
        cells = con.sql(f"""
            WITH rows AS (
                SELECT week, month, role, -1 AS t FROM (SELECT DISTINCT cluster, role, week, month FROM x_titles)
                WHERE role IN (SELECT role FROM x_top_titles)
                UNION ALL
                SELECT x.week, x.month, x.role, top.t
                FROM x_titles x JOIN {keys} USING (k) JOIN x_top_titles top USING (role, title_key))
            SELECT coalesce(week, month) AS period, grouping(week) = 0 AS weekly, role, t, count(*) AS n
            FROM rows GROUP BY GROUPING SETS ((week, role, t), (month, role, t))""").pl()
    finally:
        con.unregister("x_top_titles")
    cells = cells.with_columns(
        role=pl.col("role").replace_strict(roles, list(range(len(roles))), return_dtype=pl.Int32)
    )
    months = cells.filter(~pl.col("weekly"))
    by_grain = {"week": cells.filter(pl.col("weekly")), "month": months}
    for grain in ("quarter", "year"):
        by_grain[grain] = months.group_by(pl.col("period").dt.truncate(m.TRUNCATE[grain]), "role", "t").agg(
            pl.col("n").sum()
        )
    for grain, periods in period_dates.items():
        cube = by_grain[grain].join(m.period_index(periods), on="period").sort(["t", "role", "p"])
        out["grains"][grain] = {
            "p": cube["p"].cast(pl.Int16),
            "role": cube["role"].cast(pl.Int16),
            "t": cube["t"].cast(pl.Int16),
            "n": cube["n"].cast(pl.Int32),
        }
    return out


def companies(con, masks: list[int], months: dict) -> dict:
    """Per (role token, skill): the companies naming the skill most in the recent window (ties by
    name), with their counts in the recent and baseline windows and their postings of that role
    there. The windows start on month starts, so a cluster's month places it."""
    covered = [date.fromisoformat(label + "-01") for label, c in zip(months["periods"], months["covered"]) if c]
    if not covered:
        return {"recent": None, "baseline": None, "names": [], "rows": {}}
    last = covered[-1]
    recent_start = _add_months(last, -(RECENT_MONTHS - 1))
    base_start = _add_months(recent_start, -BASELINE_MONTHS)
    role_tokens = pl.DataFrame(  # role set number → each token in it
        [(r, i) for r, mask in enumerate(masks) for i in range(mask.bit_length()) if mask >> i & 1],
        schema={"r": pl.Int32, "token": pl.Int32},
        orient="row",
    )
    con.register("x_role_tokens", role_tokens.to_arrow())
    try:
        # Each cluster once per token of its role set. Recent counts first: a company below the
        # eighth recent count of a (token, skill) cannot make its top eight, so baseline counts are
        # needed only for those at or above it (or for every company when fewer than eight name
        # it recently): semi and anti joins to those few, since a join of every baseline row to
        # the recent counts cost more than the rest of the query. Then a top-k per (token, skill) on
        # one sort key: recent, baseline, name (c).
        rows = con.sql(
            f"""
            WITH windowed AS (SELECT cluster, token, c, month >= ? AS recent FROM x_facts JOIN x_role_tokens USING (r)
                              WHERE month >= ? AND c IS NOT NULL),
            mentioned AS (SELECT token, s, c, month >= ? AS recent FROM x_skills JOIN x_role_tokens USING (r)
                          WHERE month >= ? AND c IS NOT NULL),
            recent AS (SELECT token, s, c, count(*) AS recent FROM mentioned WHERE recent GROUP BY token, s, c),
            cut AS (SELECT token, s,
                           CASE WHEN count(*) >= {COMPANIES_PER_PICK}
                                THEN max(recent, {COMPANIES_PER_PICK})[{COMPANIES_PER_PICK}] ELSE 0 END AS cut
                    FROM recent GROUP BY token, s),
            full_picks AS (SELECT token, s, cut FROM cut WHERE cut > 0),
            kept AS (SELECT token, s, c FROM recent JOIN full_picks USING (token, s) WHERE recent >= cut),
            base AS (SELECT token, s, c, count(*) AS base FROM (
                         SELECT token, s, c FROM mentioned m ANTI JOIN full_picks USING (token, s) WHERE NOT m.recent
                         UNION ALL
                         SELECT token, s, c FROM mentioned m SEMI JOIN kept USING (token, s, c) WHERE NOT m.recent)
                     GROUP BY token, s, c),
            mentions AS (SELECT token, s, c, coalesce(r.recent, 0) AS recent, coalesce(b.base, 0) AS base
                         FROM recent r FULL JOIN base b USING (token, s, c) LEFT JOIN cut USING (token, s)
                         WHERE coalesce(cut.cut, 0) = 0 OR r.recent >= cut.cut),
            top AS (SELECT token, s, unnest(max_by({{'c': c, 'recent': recent, 'base': base}},
                                                   recent::HUGEINT * 18446744073709551616
                                                   + base::HUGEINT * 4294967296 - c,
                                                   {COMPANIES_PER_PICK}), recursive := true)
                    FROM mentions GROUP BY token, s),
            totals AS (SELECT token, c, count(*) FILTER (WHERE recent) AS recent_total,
                              count(*) FILTER (WHERE NOT recent) AS base_total
                       FROM windowed WHERE c IN (SELECT c FROM top) GROUP BY token, c)
            SELECT token::INTEGER AS token, s, company, recent::INTEGER AS recent, base::INTEGER AS base,
                   recent_total::INTEGER AS recent_total, base_total::INTEGER AS base_total
            FROM top JOIN totals USING (token, c) JOIN x_companies USING (c)
            ORDER BY token, s, recent DESC, base DESC, c
            """,
            params=[recent_start, base_start, recent_start, base_start],
        ).pl()
    finally:
        con.unregister("x_role_tokens")
    names = sorted(rows["company"].unique().to_list())
    rows = rows.with_columns(
        company=pl.col("company").replace_strict(names, list(range(len(names))), return_dtype=pl.Int32)
    )
    return {
        "recent": [recent_start.isoformat(), _add_months(last, 1).isoformat()],
        "baseline": [base_start.isoformat(), recent_start.isoformat()],
        "names": names,
        # Columns of integers, embedded as typed arrays: as lists, 35,000 rows at 1M postings cost
        # a quarter million Python objects to walk and print as JSON.
        "rows": {name: rows[name].cast(pl.Int32) for name in rows.columns},
    }


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)
