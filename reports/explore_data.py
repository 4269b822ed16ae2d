"""The explorer's data: aggregate counts only (no posting text), columnar and dictionary-encoded.

Counting unit: a duplicate cluster (warehouse/SCHEMA.md, "How postings are counted"). Each cluster
carries ONE role set (every role token it hires for, as bits), one country and one work place, so
the browser can add rows up for any pick of roles without counting a cluster twice. Rows:

- `grains[grain][measure]`: columns p (period), r (role set), g (region), s (skill), n (clusters).
  Region 0 is all regions, then each work place, then each country; a cluster has one of each, so
  every region's rows are exact. Weeks carry region 0 only, and months, quarters and years split
  by region the section totals (s = -1, the share's denominator) and the REGIONAL_SKILLS most named
  skills: that bounds the file however many postings there are. New postings count a cluster in
  the period it first appeared (so quarters and years are sums of months); active postings in every
  period it was seen open.
- `titles.grains[grain]`: (period, role, title variant) → clusters, with (period, role) totals.
- `companies`: per (role token, skill), the companies naming the skill most in the recent window,
  with their counts in the recent and baseline windows and their postings of that role there.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from reports import explore_measures as m
from reports.explore_clusters import stage_clusters
from reports.explore_titles import companies, titles

REGIONAL_SKILLS = 120


def build_data(con) -> dict:
    """Everything the page embeds, from an open read-only warehouse connection."""
    clusters = stage_clusters(con)
    # Skills come numbered most named first: the first REGIONAL_SKILLS get regional rows.
    skill_ids = pl.from_arrow(m.skill_names(con, "x_skill_numbers"))
    period_dates = {}
    for grain in m.GRAINS:
        covered = pl.from_arrow(m.covered_periods(con, grain))["period"]
        period_dates[grain] = (_period_range(covered, grain), set(covered.to_list()))
    new = _new_cells(con)
    active = None if clusters.same_measures else _active_cells(con)
    grains = {}
    for grain, (periods, covered_set) in period_dates.items():
        by_region = grain != "week"
        grains[grain] = {
            "periods": [_label(p, grain) for p in periods],
            "starts": [int((p - date(1970, 1, 1)).days) * 86400 for p in periods],
            "covered": [int(p in covered_set) for p in periods],
            "regions": by_region,
            "new": _cube(new[grain], periods),
            "active": "new" if active is None else _cube(active[grain], periods),
        }
    periods = {grain: dates for grain, (dates, _) in period_dates.items()}
    return {
        "skills": {
            "id": skill_ids["skill_id"].to_list(),
            "name": skill_ids["name"].to_list(),
            "category": skill_ids["category"].to_list(),
        },
        "regionalSkills": min(REGIONAL_SKILLS, skill_ids.height),
        "roles": _role_names(con, clusters.tokens),
        "roleSets": [[i for i in range(len(clusters.tokens)) if mask >> i & 1] for mask in clusters.masks],
        "regions": clusters.regions,
        "grains": grains,
        "titles": titles(con, periods),
        "companies": companies(con, clusters.masks, grains["month"]),
    }


# Region g 0 is all regions, then each work place (gw), then each country (gc); a cluster has one
# of each, so every region's rows are exact. Regional rows only for the section totals (s = -1, the
# share's denominator) and the REGIONAL_SKILLS most named skills: the rest are too thin to split by
# place, and they are what would make the file grow with the data. Weeks are never split.
_REGION = "CASE WHEN grouping(gw) = 0 THEN gw WHEN grouping(gc) = 0 THEN gc ELSE 0 END::INTEGER"
_REGIONAL = f"s < {REGIONAL_SKILLS}"  # skill -1, the totals, included


def _mentions(period: str, clusters: str = "x_facts", skills: str = "x_skills") -> str:
    """Rows (period…, r, gw, gc, s): one per cluster with s = -1, one per skill it names."""
    return f"""(SELECT {period}, r, gw, gc, -1::SMALLINT AS s FROM {clusters}
               UNION ALL SELECT {period}, r, gw, gc, s FROM {skills})"""


def _new_cells(con) -> dict[str, pl.DataFrame]:
    """New postings per (period, role set, region, skill) at every grain, from two passes over the
    (cluster, skill) rows: weeks and months of all regions, then months by region for the regional
    skills only (GROUPING SETS). Quarters are sums of months and years sums of quarters (a cluster
    is new in one day only)."""
    rows = _mentions("week, month")
    # (week, month) pairs are few (a week spans one month or two): one grouping, summed both ways.
    both = con.sql(f"SELECT week, month, r, s, count(*) AS n FROM {rows} GROUP BY week, month, r, s").pl().lazy()
    weeks, months = [
        both.group_by(period, "r", "s")
        .agg(pl.col("n").sum())
        .select(period=period, r="r", s="s", g=pl.lit(0, pl.Int32), n="n")
        for period in ("week", "month")
    ]
    regional = con.sql(f"""SELECT month AS period, r, s, {_REGION} AS g, count(*) AS n
                           FROM {rows} WHERE {_REGIONAL}
                           GROUP BY GROUPING SETS ((month, r, gw, s), (month, r, gc, s))""").pl()
    months = pl.concat([months.collect(), regional], how="vertical_relaxed")
    out = {"week": weeks.collect(), "month": months}
    # Years from quarters, not months: half the rows to group, the same sums.
    for grain, finer in (("quarter", "month"), ("year", "quarter")):
        out[grain] = (
            out[finer].group_by(pl.col("period").dt.truncate(m.TRUNCATE[grain]), "r", "s", "g").agg(pl.col("n").sum())
        )
    return out


def _active_cells(con) -> dict[str, pl.DataFrame]:
    """Active postings: a cluster counts in every period it was seen open, once per period; every
    grain from the same two passes, each (cluster, grain, period) once."""
    grains = ", ".join(f"('{grain}')" for grain in m.GRAINS)  # known names (explore_measures.GRAINS)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE x_seen AS
                    SELECT DISTINCT cluster, grain, date_trunc(grain, day)::DATE AS period
                    FROM x_open, (VALUES {grains}) grains (grain)""")
    rows = _mentions("grain, period", "x_seen JOIN x_facts USING (cluster)", "x_seen JOIN x_skills USING (cluster)")
    everywhere = con.sql(
        f"SELECT grain, period, r, s, 0 AS g, count(*) AS n FROM {rows} GROUP BY grain, period, r, s"
    ).pl()
    regional = con.sql(f"""SELECT grain, period, r, s, {_REGION} AS g, count(*) AS n FROM {rows}
                           WHERE grain <> 'week' AND {_REGIONAL}
                           GROUP BY GROUPING SETS ((grain, period, r, gw, s), (grain, period, r, gc, s))""").pl()
    cells = pl.concat([everywhere, regional], how="vertical_relaxed")
    return {grain: cells.filter(pl.col("grain") == grain).drop("grain") for grain in m.GRAINS}


def _cube(cells: pl.DataFrame, periods: list[date]) -> dict[str, pl.Series]:
    """(p, r, g, s) → n over the periods shown (a period's number is its place in `periods`),
    sorted by skill and period so the compressed file stays small; columns as small binary
    integers (explore_page embeds them as typed arrays)."""
    cube = cells.join(m.period_index(periods), on="period")
    # One integer sort key (s, p, r, g: 11 + 16 + 12 + 8 bits) sorts several times faster than four columns.
    key = ((pl.col("s").cast(pl.Int64) + 1) * 2**16 + pl.col("p")) * 2**20 + pl.col("r") * 2**8 + pl.col("g")
    cube = cube.sort(key)
    return {
        "p": cube["p"].cast(pl.Int16),
        "r": cube["r"].cast(pl.Int16),
        "g": cube["g"].cast(pl.Int16),
        "s": cube["s"].cast(pl.Int16),
        "n": cube["n"].cast(pl.Int32),
    }


def _role_names(con, tokens: list[str]) -> dict:
    names = {r["role_id"]: r["name"] for r in pl.from_arrow(m.role_names(con)).iter_rows(named=True)}
    labels = []
    for token in tokens:
        role, _, sub = token.partition("/")
        labels.append(names.get(role, role) + (f" — {names.get(sub, sub)}" if sub else ""))
    return {"token": tokens, "name": labels}


def _period_range(covered: pl.Series, grain: str) -> list[date]:
    """Every period from the first covered to the last: uncovered ones stay in, as gaps."""
    if covered.is_empty():
        return []
    return pl.date_range(covered.min(), covered.max(), m.TRUNCATE[grain], eager=True).to_list()


def _label(day: date, grain: str) -> str:
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "month":
        return f"{day.year}-{day.month:02d}"
    if grain == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)
