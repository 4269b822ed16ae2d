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
from reports.explore_clusters import read_clusters

TRUNCATE = {"week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}
TOP_COUNTRIES = 25  # the rest are "other": a picker of 200 countries helps nobody
TITLES_PER_ROLE = 12
COMPANIES_PER_PICK = 8
TITLE_CHARS = 90
RECENT_MONTHS, BASELINE_MONTHS = 3, 12
REMOTES = ["remote", "hybrid", "onsite", "unknown work place"]
REGIONAL_SKILLS = 120


def build_data(con) -> dict:
    """Everything the page embeds, from an open read-only warehouse connection."""
    clusters = read_clusters(con)
    facts, skills = clusters.facts.lazy(), clusters.skills.with_columns(pl.col("s").cast(pl.Int32))
    # Skills come numbered most named first: the first REGIONAL_SKILLS get regional rows.
    skill_ids = pl.from_arrow(m.skill_names(con))

    tokens = clusters.tokens
    countries = _countries(facts)
    regions = ["all regions", *REMOTES, *countries]
    masks = facts.select("roles").unique().sort("roles").collect()["roles"].to_list()
    coded = facts.with_columns(
        r=pl.col("roles").replace_strict(masks, list(range(len(masks))), return_dtype=pl.Int32),
        gw=pl.col("remote").fill_null("unknown work place").replace_strict(REMOTES, list(range(1, len(REMOTES) + 1)), default=len(REMOTES), return_dtype=pl.Int32),
        gc=pl.col("country").fill_null("unknown country").replace_strict(
            countries, list(range(1 + len(REMOTES), len(regions))), default=regions.index("other countries"), return_dtype=pl.Int32),
    ).select("cluster", "first_day", "r", "gw", "gc", "company").collect()
    # Each (cluster, skill) with the cluster's cell, joined once and cut by every grain after.
    skilled = skills.join(coded, on="cluster")
    titles = clusters.titles.lazy()
    # Every cluster is seen open on its first day, so with no other sightings the measures agree.
    same_measures = clusters.open_days.height == coded.height
    active = None if same_measures else clusters.open_days.join(coded.drop("first_day", "company"), on="cluster")
    grains, period_dates, new_month = {}, {}, None
    for grain in m.GRAINS:
        covered = pl.from_arrow(m.covered_periods(con, grain))["period"]
        periods = period_dates[grain] = _period_range(covered, grain)
        index, covered_set = _period_index(periods), set(covered.to_list())
        by_region = grain != "week"
        if grain in ("quarter", "year"):
            # New postings add up over time (a cluster is new in one day only): sum the months.
            new_cells = new_month.lazy().with_columns(period=pl.col("period").dt.truncate(TRUNCATE[grain])).group_by(CELL).agg(pl.col("n").sum())
        else:
            # Weeks are not split by region: fold the places away before counting.
            cut = [pl.col("first_day").dt.truncate(TRUNCATE[grain]).alias("period")]
            cut += [] if by_region else [pl.lit(0, pl.Int32).alias("gw"), pl.lit(0, pl.Int32).alias("gc")]
            new_cells = _cells(coded.lazy().with_columns(cut), skilled.lazy().with_columns(cut))
        new_cells = new_cells.collect()
        if grain == "month":
            new_month = new_cells
        grains[grain] = {
            "periods": [_label(p, grain) for p in periods],
            "starts": [int((p - date(1970, 1, 1)).days) * 86400 for p in periods],
            "covered": [int(p in covered_set) for p in periods],
            "regions": by_region,
            "new": _cube(new_cells.lazy(), index, by_region),
        }
        if same_measures:
            grains[grain]["active"] = "new"
        else:
            seen = active.lazy().with_columns(period=pl.col("day").dt.truncate(TRUNCATE[grain])).unique(["cluster", "period"])
            grains[grain]["active"] = _cube(_cells(seen, seen.join(skills.lazy(), on="cluster")), index, by_region)
    title_data = _titles(titles, coded, period_dates)
    return {
        "skills": {"id": skill_ids["skill_id"].to_list(), "name": skill_ids["name"].to_list(), "category": skill_ids["category"].to_list()},
        "regionalSkills": min(REGIONAL_SKILLS, skill_ids.height),
        "roles": _role_names(con, tokens),
        "roleSets": [[i for i in range(len(tokens)) if mask >> i & 1] for mask in masks],
        "regions": regions,
        "grains": grains,
        "titles": title_data,
        "companies": _companies(coded.lazy(), skilled.lazy(), masks, grains["month"]),
    }


CELL = ["period", "r", "gw", "gc", "s"]


# One 64-bit key per cell: grouping millions of rows on one integer is several times faster than
# on five columns. Field widths: role sets < 4096, regions < 256, skills < 2047 (and -1).
_FIELDS = (("r", 4096), ("gw", 16), ("gc", 256), ("s", 2048))


def _cells(rows: pl.LazyFrame, mentioned: pl.LazyFrame) -> pl.LazyFrame:
    """Clusters per (period, role set, work place, country, skill) from a row per cluster and a row
    per (cluster, skill); skill -1 counts every cluster (the share's denominator). The finest cut,
    from which every region row is a sum."""
    def keyed(frame: pl.LazyFrame, skill: pl.Expr) -> pl.LazyFrame:
        key = pl.col("period").cast(pl.Int32).cast(pl.Int64)
        for name, size in _FIELDS:
            key = key * size + ((skill + 1) if name == "s" else pl.col(name)).cast(pl.Int64)
        return frame.select(key=key)

    counted = pl.concat([keyed(rows, pl.lit(-1)), keyed(mentioned, pl.col("s"))]).group_by("key").agg(n=pl.len())
    fields, rest = {}, pl.col("key")
    for name, size in reversed(_FIELDS):
        fields[name] = (rest % size - (1 if name == "s" else 0)).cast(pl.Int32)
        rest = rest // size
    return counted.select(period=rest.cast(pl.Int32).cast(pl.Date), **fields, n="n").select(*CELL, "n")


def _cube(cells: pl.LazyFrame, index: pl.LazyFrame, by_region: bool) -> dict:
    """(p, r, g, s) → n: region g 0 is all regions, then one row per work place and per country
    (each cluster has one of each). Regional rows only for the section totals and the
    REGIONAL_SKILLS most named skills: the rest are too thin to split by place, and they are what
    would make the file grow with the data."""
    cells = cells.join(index, on="period")
    parts = [cells.group_by("p", "r", "s").agg(pl.col("n").sum()).with_columns(g=pl.lit(0, pl.Int32))]
    if by_region:
        regional = cells.filter(pl.col("s") < REGIONAL_SKILLS)  # -1, the totals, included
        parts += [regional.group_by("p", "r", "s", column).agg(pl.col("n").sum()).rename({column: "g"}) for column in ("gw", "gc")]
    cube = pl.concat([part.select("p", "r", "g", "s", pl.col("n").cast(pl.Int64)) for part in parts]).sort(["s", "p", "r", "g"]).collect()
    return _packed(cube)


def _packed(cube: pl.DataFrame) -> dict[str, pl.Series]:
    """Columns as small binary integers (explore_page embeds them as typed arrays), sorted by skill
    and period so the compressed file stays small."""
    return {"p": cube["p"].cast(pl.Int16), "r": cube["r"].cast(pl.Int16), "g": cube["g"].cast(pl.Int16),
            "s": cube["s"].cast(pl.Int16), "n": cube["n"].cast(pl.Int32)}  # fmt: skip


def _titles(titles: pl.LazyFrame, coded: pl.DataFrame, period_dates: dict[str, list[date]]) -> dict:
    """Top title variants per role, and their clusters per period at every grain (each row of
    `titles` is a distinct (cluster, role, variant))."""
    firsts = titles.join(coded.lazy().select("cluster", "first_day"), on="cluster")
    spellings = firsts.group_by("role", "title_key", "title").agg(n=pl.len())
    top = (
        spellings.sort(["n", "title"], descending=[True, False])
        .group_by("role", "title_key").agg(title=pl.col("title").first(), n=pl.col("n").sum())  # the most used spelling
        .with_columns(key=pl.col("title_key").cast(pl.String))
        .sort(["role", "n", "key"], descending=[False, True, False])
        .group_by("role", maintain_order=True).head(TITLES_PER_ROLE)
        .with_columns(title=pl.col("title").str.slice(0, TITLE_CHARS))
        .collect()
        .with_row_index("t")
    )
    roles = sorted(top["role"].unique().to_list())
    out = {"roles": roles, "role": [roles.index(r) for r in top["role"]], "text": top["title"].to_list(), "grains": {}}
    role_no = pl.col("role").replace_strict(roles, list(range(len(roles))), default=-1, return_dtype=pl.Int32)
    picked = firsts.join(top.lazy().select("role", "title_key", pl.col("t").cast(pl.Int32)), on=["role", "title_key"]).with_columns(role_no).collect()
    per_role = firsts.select("cluster", "first_day", "role").unique(["cluster", "role"]).with_columns(role_no).filter(pl.col("role") >= 0).collect()
    month = None
    for grain, periods in period_dates.items():
        if grain in ("quarter", "year"):  # counted where each cluster first appeared: months add up
            cells = month.lazy().with_columns(pl.col("period").dt.truncate(TRUNCATE[grain])).group_by("period", "role", "t").agg(pl.col("n").sum())
        else:
            period = pl.col("first_day").dt.truncate(TRUNCATE[grain]).alias("period")
            totals = per_role.lazy().with_columns(period).group_by("period", "role").agg(n=pl.len(), t=pl.lit(-1, pl.Int32))
            counts = picked.lazy().with_columns(period).group_by("period", "role", "t").agg(n=pl.len())
            cells = pl.concat([totals.select("period", "role", "t", "n"), counts.select("period", "role", "t", "n")])
        cells = cells.collect()
        month = cells if grain == "month" else month
        cube = cells.lazy().join(_period_index(periods), on="period").sort(["t", "role", "p"]).collect()
        out["grains"][grain] = {"p": cube["p"].cast(pl.Int16), "role": cube["role"].cast(pl.Int16), "t": cube["t"].cast(pl.Int16), "n": cube["n"].cast(pl.Int32)}
    return out


def _companies(coded: pl.LazyFrame, skilled: pl.LazyFrame, masks: list[int], months: dict) -> dict:
    """Per (role token, skill): the companies naming the skill most in the recent window."""
    covered = [date.fromisoformat(label + "-01") for label, c in zip(months["periods"], months["covered"]) if c]
    if not covered:
        return {"recent": None, "baseline": None, "names": [], "rows": _columns(pl.DataFrame())}
    last = covered[-1]
    recent_start = _add_months(last, -(RECENT_MONTHS - 1))
    base_start = _add_months(recent_start, -BASELINE_MONTHS)
    role_tokens = pl.LazyFrame(  # role set number → each token in it (a few rows)
        [(r, i) for r, mask in enumerate(masks) for i in range(mask.bit_length()) if mask >> i & 1],
        schema={"r": pl.Int32, "token": pl.Int32}, orient="row",
    )

    def windowed(frame: pl.LazyFrame) -> pl.LazyFrame:
        return (frame.filter((pl.col("first_day") >= base_start) & pl.col("company").is_not_null())
                .with_columns(recent=pl.col("first_day") >= recent_start).join(role_tokens, on="r"))  # fmt: skip

    counts = {"recent": pl.col("recent").sum(), "base": (~pl.col("recent")).sum()}
    totals = windowed(coded).group_by("token", "company").agg(recent_total=counts["recent"], base_total=counts["base"])
    # Ties go to the company met first in the warehouse (its categorical code): integers sort fast.
    mentions = (
        windowed(skilled).group_by(key=(pl.col("token") * 2048 + pl.col("s") + 1).cast(pl.Int64) * 2**32 + pl.col("company").to_physical())
        .agg(pl.col("token").first(), pl.col("s").first(), pl.col("company").first(), **counts)  # one integer key: fast
        .sort(["token", "s", "recent", "base", "key"], descending=[False, False, True, True, False])
        .group_by("token", "s", maintain_order=True).head(COMPANIES_PER_PICK)
        .join(totals, on=["token", "company"], maintain_order="left")
        .with_columns(name=pl.col("company").cast(pl.String))
        .collect()
    )
    company_names = sorted(mentions["name"].unique().to_list())
    rows = mentions.with_columns(
        company=pl.col("name").replace_strict(company_names, list(range(len(company_names))), return_dtype=pl.Int32)
    ).select("token", "s", "company", "recent", "base", "recent_total", "base_total")
    return {
        "recent": [recent_start.isoformat(), _add_months(last, 1).isoformat()],
        "baseline": [base_start.isoformat(), recent_start.isoformat()],
        "names": company_names,
        "rows": _columns(rows),
    }


def _countries(facts: pl.LazyFrame) -> list[str]:
    ranked = (facts.filter(pl.col("country").is_not_null()).group_by("country").agg(n=pl.len())
              .sort(["n", "country"], descending=[True, False]).head(TOP_COUNTRIES).collect())  # fmt: skip
    return sorted(ranked["country"].to_list()) + ["other countries", "unknown country"]


def _role_names(con, tokens: list[str]) -> dict:
    names = {r["role_id"]: r["name"] for r in pl.from_arrow(m.role_names(con)).iter_rows(named=True)}
    labels = []
    for token in tokens:
        role, _, sub = token.partition("/")
        labels.append(names.get(role, role) + (f" — {names.get(sub, sub)}" if sub else ""))
    return {"token": tokens, "name": labels}


def _columns(frame: pl.DataFrame) -> dict:
    return {name: frame[name].to_list() for name in frame.columns}


def _period_range(covered: pl.Series, grain: str) -> list[date]:
    """Every period from the first covered to the last: uncovered ones stay in, as gaps."""
    if covered.is_empty():
        return []
    return pl.date_range(covered.min(), covered.max(), TRUNCATE[grain], eager=True).to_list()


def _label(day: date, grain: str) -> str:
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "month":
        return f"{day.year}-{day.month:02d}"
    if grain == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def _period_index(periods: list[date]) -> pl.LazyFrame:
    return pl.LazyFrame({"period": periods, "p": list(range(len(periods)))}, schema={"period": pl.Date, "p": pl.Int32})


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)
