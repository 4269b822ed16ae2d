"""Moves over years: per section, a trend test over the 12 quarters ending with the report period.

For every skill (and title variant) with enough mentions: its share of the section's postings per
covered quarter, the Cochran–Armitage trend test with an overdispersion allowance
(reports/trend_tests.py says why), Benjamini–Hochberg across the section's tested items, a
direction (rising, falling, flat, too_few) and the year-over-year change (the last four quarters
against the four before). Role volume is tested as the section's share of all postings: the count
of postings per quarter measures how much the sources covered as much as how much was hired, and
the share cancels that; all postings themselves get a Poisson (log-linear) trend test on counts.

A quarter the data does not cover is left out of every sum (never read as zero); a section with
fewer than MIN_COVERED covered quarters holding postings says `too_few`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import polars as pl

from reports.quarters import MIN_COVERED, QuarterAggregates, months_with_data, quarter_coverage
from reports.stats import benjamini_hochberg, wilson_interval
from reports.taxonomy import ALL_POSTINGS, SECTIONS
from reports.trend_tests import adjusted_for_dispersion, hit_sums, period_sums, trend_statistics, two_sided_p

YEAR = 4  # quarters


@dataclass(frozen=True)
class LongRules:
    """Thresholds of the long-horizon calls (written into the report's JSON and notes)."""

    alpha: float = 0.01  # on BH q, as for the short-term calls
    min_mentions: int = 20  # mentions over the covered quarters before a skill or title is tested
    min_covered: int = MIN_COVERED
    chart_items: int = 6  # per section, the strongest moves get a quarterly chart
    titles_listed: int = 20  # title variants kept per section besides those that moved (all are tested)


LONG_RULES = LongRules()


def _axis(aggregates: QuarterAggregates, month_shares: dict[date, float] | None) -> pl.DataFrame:
    window = aggregates.window
    if month_shares is None:  # no recorded coverage: a month with postings counts as covered
        month_shares = months_with_data(dict(aggregates.months.iter_rows()))
    coverage = quarter_coverage(window, month_shares)
    return pl.DataFrame(
        {
            "quarter_start": list(window.starts),
            "t": list(range(len(window.starts))),
            "covered": [part > 0 for part in coverage],
            "exposure": coverage,
        },
        schema={"quarter_start": pl.Date, "t": pl.Int64, "covered": pl.Boolean, "exposure": pl.Float64},
    )


def _denominators(aggregates: QuarterAggregates, axis: pl.DataFrame) -> pl.DataFrame:
    """group (= section), quarter_start, t, n (the section's postings), usable (covered and n > 0), every quarter."""
    grid = pl.DataFrame({"group": list(SECTIONS)}).join(axis, how="cross")
    return (
        grid.join(
            aggregates.sections.rename({"section": "group", "postings": "n"}), on=["group", "quarter_start"], how="left"
        )
        .with_columns(pl.col("n").fill_null(0).cast(pl.Float64))
        .with_columns(usable=pl.col("covered") & (pl.col("n") > 0))
    )


def _window_sum(value: str, first: int, last: int) -> pl.Expr:
    return pl.when(pl.col("t").is_between(first, last)).then(pl.col(value)).otherwise(0).sum()


def _tested(
    items: pl.DataFrame, denominators: pl.DataFrame, kind: str, min_hits: int, family: str | pl.Expr = "group"
) -> pl.DataFrame:
    """items: group, item, quarter_start, hits → one row per (group, item) with sums, statistics and
    per-quarter counts; `family` = the items sharing one dispersion estimate (a section's)."""
    usable = denominators.filter("usable")
    last = int(denominators["t"].max())
    per_group = usable.group_by("group").agg(
        *period_sums("n"),
        recent_n=_window_sum("n", last - YEAR + 1, last),
        previous_n=_window_sum("n", last - 2 * YEAR + 1, last - YEAR),
    )
    hits = items.join(usable.select("group", "quarter_start", "t", "n"), on=["group", "quarter_start"], how="inner")
    per_item = (
        hits.group_by("group", "item")
        .agg(
            *hit_sums("hits", "n"),
            recent_hits=_window_sum("hits", last - YEAR + 1, last),
            previous_hits=_window_sum("hits", last - 2 * YEAR + 1, last - YEAR),
            counts=pl.struct("t", "hits"),
        )
        .filter(pl.col("hits") >= min_hits)
    )
    tested = per_item.join(per_group, on="group", how="inner").with_columns(trend_statistics(kind))
    return tested.with_columns(adjusted_for_dispersion(family)).sort("group", "item")


def _ci(hits: int, total: int) -> list[float] | None:
    interval = wilson_interval(hits, total)
    return list(interval) if interval else None


def _share(hits: float, total: float) -> float | None:
    return hits / total if total else None


def _calls(rows: list[dict], usable_by_group: dict[str, int], rules: LongRules, *, one_family: bool = False) -> None:
    """direction, p, q on each row in place; BH within each group (the section's family), or
    across all rows when `one_family` (role volume: one test per section, corrected together)."""
    by_group: dict[str, list[dict]] = {}
    for row in rows:
        row["p"] = two_sided_p(row["z_adjusted"]) if row["z_adjusted"] is not None else 1.0
        enough = usable_by_group.get(row["group"], 0) >= rules.min_covered
        row["q"] = None
        row["direction"] = "too_few"
        if enough:
            by_group.setdefault("" if one_family else row["group"], []).append(row)
    for family in by_group.values():
        for row, q in zip(family, benjamini_hochberg([r["p"] for r in family])):
            row["q"] = q
            moved = q < rules.alpha and row["z_adjusted"] is not None
            row["direction"] = ("rising" if row["z_adjusted"] > 0 else "falling") if moved else "flat"


def _evidence(row: dict, quarters: int, totals: list[float], covered: list[bool]) -> dict:
    """The per-quarter counts and shares, the year-over-year comparison and the window's whole move.

    Per-quarter intervals are left to the charts (Wilson from counts and postings): with hundreds
    of skills per section they would be most of the report's JSON.
    """
    counts: list[int | None] = [None] * quarters
    for point in row["counts"]:
        counts[point["t"]] = int(point["hits"])
    counts = [(c or 0) if ok else None for c, ok in zip(counts, covered)]  # covered, none posted: 0 of 0
    shares = [round(c / n, 6) if c is not None and n else None for c, n in zip(counts, totals)]
    recent, previous = _share(row["recent_hits"], row["recent_n"]), _share(row["previous_hits"], row["previous_n"])
    # The window's whole move: its first four covered quarters against the last four (pooled).
    first = [i for i, c in enumerate(counts) if c is not None and totals[i] > 0][:YEAR]
    first_hits, first_n = sum(counts[i] for i in first), int(sum(totals[i] for i in first))
    first_share = _share(first_hits, first_n)
    return {
        "counts": counts,
        "shares": shares,
        "mentions_total": int(row["hits"]),
        "postings_total": int(row["total"]),
        "yoy": {
            "last_year_share": recent,
            "last_year_interval": _ci(int(row["recent_hits"]), int(row["recent_n"])),
            "last_year_counts": [int(row["recent_hits"]), int(row["recent_n"])],
            "year_before_share": previous,
            "year_before_interval": _ci(int(row["previous_hits"]), int(row["previous_n"])),
            "year_before_counts": [int(row["previous_hits"]), int(row["previous_n"])],
            "change_pts": (recent - previous) * 100 if recent is not None and previous is not None else None,
        },
        "span": {
            "first_year_share": first_share,
            "first_year_interval": _ci(first_hits, first_n),
            "first_year_counts": [first_hits, first_n],
            "first_year_quarters": len(first),
            "change_pts": (recent - first_share) * 100 if recent is not None and first_share is not None else None,
        },
        "z": row["z"],
        "dispersion": row["dispersion"],
        "p": row["p"],
        "q": row["q"],
        "direction": row["direction"],
    }


_ORDER = {"rising": 0, "falling": 0, "flat": 1, "too_few": 2}


def _ordered(entries: list[dict]) -> list[dict]:
    return sorted(
        entries, key=lambda e: (_ORDER[e["direction"]], e["q"] if e["q"] is not None else 1.0, -e["mentions_total"])
    )


def long_horizon(
    aggregates: QuarterAggregates,
    skill_names: dict[str, str],
    rules: LongRules = LONG_RULES,
    month_shares: dict[date, float] | None = None,
) -> dict[str, dict]:
    """section id → {long_horizon, long_trends, long_title_trends, long_volume_trend} for every section.
    `month_shares`: month start → share of it the sources cover (the warehouse's period_coverage);
    None for a warehouse that records no coverage."""
    axis = _axis(aggregates, month_shares)
    quarters = axis.height
    denominators = _denominators(aggregates, axis)
    totals = {g: part.sort("t") for (g,), part in denominators.partition_by("group", as_dict=True).items()}
    usable_by_group = {g: int(part["usable"].sum()) for g, part in totals.items()}

    skills = aggregates.skills.select(
        pl.col("section").alias("group"), pl.col("skill_id").alias("item"), "quarter_start", hits="mentions"
    )
    titles = aggregates.titles.select(
        pl.col("section").alias("group"), pl.col("variant").alias("item"), "quarter_start", hits="postings"
    )
    title_text = dict(
        aggregates.titles.select(pl.concat_str("section", "variant", separator="\x1f"), "variant_text")
        .unique()
        .iter_rows()
    )
    skill_rows = _tested(skills, denominators, "share", rules.min_mentions).to_dicts()
    title_rows = _tested(titles, denominators, "share", rules.min_mentions).to_dicts()
    volume_rows = _volume_rows(aggregates, denominators, axis)
    for family in (skill_rows, title_rows):
        _calls(family, usable_by_group, rules)
    _calls(
        volume_rows, {row["group"]: usable_by_group.get(ALL_POSTINGS, 0) for row in volume_rows}, rules, one_family=True
    )

    out: dict[str, dict] = {}
    for group in SECTIONS:
        part = totals[group]
        n = part["n"].to_list()
        out[group] = {
            "long_horizon": {
                "quarters": [f"{s.year}-Q{(s.month - 1) // 3 + 1}" for s in aggregates.window.starts],
                "starts": [s.isoformat() for s in aggregates.window.starts],
                "postings": [int(v) if c else None for v, c in zip(n, part["covered"].to_list())],
                "covered": part["covered"].to_list(),
                "coverage": [round(c, 4) for c in axis["exposure"].to_list()],
                "covered_quarters": usable_by_group[group],
                "status": "ok" if usable_by_group[group] >= rules.min_covered else "too_few",
                "last_quarter_partial": aggregates.window.last_partial,
                "through": _last_day(aggregates.window.end),
                "rules": asdict(rules),
            },
            "long_trends": [],
            "long_title_trends": [],
            "long_volume_trend": None,
        }
    for row in skill_rows:
        part = totals[row["group"]]
        entry = {"skill_id": row["item"], "name": skill_names.get(row["item"], row["item"])}
        out[row["group"]]["long_trends"].append(
            entry | _evidence(row, quarters, part["n"].to_list(), part["covered"].to_list())
        )
    for row in _listed_titles(title_rows, rules):
        part = totals[row["group"]]
        entry = {"variant": row["item"], "title": title_text.get(f"{row['group']}\x1f{row['item']}", row["item"])}
        out[row["group"]]["long_title_trends"].append(
            entry | _evidence(row, quarters, part["n"].to_list(), part["covered"].to_list())
        )
    for row in volume_rows:
        out[row["group"]]["long_volume_trend"] = _volume_entry(row, quarters, totals)
    for section in out.values():
        section["long_trends"] = _ordered(section["long_trends"])
        section["long_title_trends"] = _ordered(section["long_title_trends"])
    return out


def _listed_titles(rows: list[dict], rules: LongRules) -> list[dict]:
    """Every variant that moved, and the most posted of the rest: titles have a long tail (one
    spelling per company), and BH has already been applied over all tested variants."""
    kept, rest = [], {}
    for row in rows:
        (kept if row["direction"] in ("rising", "falling") else rest.setdefault(row["group"], [])).append(row)
    for group_rows in rest.values():
        kept += sorted(group_rows, key=lambda r: (-r["hits"], r["item"]))[: rules.titles_listed]
    return kept


def _last_day(end: date) -> str:
    return date.fromordinal(end.toordinal() - 1).isoformat()


def _volume_rows(aggregates: QuarterAggregates, denominators: pl.DataFrame, axis: pl.DataFrame) -> list[dict]:
    """Each section's postings as a share of all postings per quarter; all postings as a count per exposure."""
    everything = denominators.filter(pl.col("group") == ALL_POSTINGS).select(
        "quarter_start", "t", "covered", "n", "usable"
    )
    shares_of = pl.DataFrame({"group": [s for s in SECTIONS if s != ALL_POSTINGS]}).join(everything, how="cross")
    items = aggregates.sections.filter(pl.col("section") != ALL_POSTINGS).select(
        pl.col("section").alias("group"), pl.col("section").alias("item"), "quarter_start", hits="postings"
    )
    rows = _tested(items, shares_of, "share", 1, family=pl.lit(0)).to_dicts()  # one family: every section's volume
    counts = aggregates.sections.filter(pl.col("section") == ALL_POSTINGS).select(
        pl.col("section").alias("group"), pl.col("section").alias("item"), "quarter_start", hits="postings"
    )
    exposure = everything.join(axis.select("quarter_start", "exposure"), on="quarter_start").select(
        pl.lit(ALL_POSTINGS).alias("group"), "quarter_start", "t", "covered", "usable", n="exposure"
    )
    rows += _tested(counts, exposure, "count", 1).to_dicts()
    for row in rows:
        row["measure"] = "postings_per_quarter" if row["group"] == ALL_POSTINGS else "share_of_all_postings"
    return rows


def _volume_entry(row: dict, quarters: int, totals: dict[str, pl.DataFrame]) -> dict:
    everything = totals[ALL_POSTINGS]
    usable = everything["usable"].to_list()
    if row["measure"] == "share_of_all_postings":
        totals = [int(n) if ok else None for n, ok in zip(everything["n"].to_list(), usable)]
        return {
            "measure": row["measure"],
            "totals": totals,
            **_evidence(row, quarters, everything["n"].to_list(), usable),
        }
    counts: list[int | None] = [int(n) if ok else None for n, ok in zip(everything["n"].to_list(), usable)]
    rate = {k: row[f"{k}_hits"] / row[f"{k}_n"] if row[f"{k}_n"] else None for k in ("recent", "previous")}
    change = (rate["recent"] / rate["previous"] - 1) * 100 if rate["recent"] and rate["previous"] else None
    return {
        "measure": row["measure"],
        "counts": counts,
        "mentions_total": int(row["hits"]),
        "yoy": {
            "last_year_per_quarter": rate["recent"],
            "year_before_per_quarter": rate["previous"],
            "change_pct": change,
        },
        "z": row["z"],
        "dispersion": row["dispersion"],
        "p": row["p"],
        "q": row["q"],
        "direction": row["direction"],
    }
