"""Pure Polars: from the warehouse frames to the small per-section, per-skill, per-period tables.

The big tables are touched once: `aggregate()` builds every lazy query over them and collects
them together (`pl.collect_all`, which shares the common scans). Everything after that works on
tables of a few hundred or thousand rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from contract.roles import OTHER_ROLE
from reports.load import WarehouseFrames
from reports.membership import (
    counted_postings,
    period_start,
    role_rows,
    section_members,
    signature_roles,
    signature_sections,
    title_variant,
    with_signature,
)
from reports.periods import ReportWindows
from reports.taxonomy import BREAKDOWNS, SECTIONS

PERIODS = ("current", "previous", "recent", "baseline")
TOP_COMPANIES = 5
SALARY_STATS = {"median": 0.5, "p25": 0.25, "p75": 0.75}


# ── expression functions ────────────────────────────────────────────────────────────────────────


def period_in(start: date, end: date) -> pl.Expr:
    """period_start in [start, end)."""
    return pl.col("period_start").is_between(pl.lit(start), pl.lit(end), closed="left")


def period_conditions(windows: ReportWindows) -> dict[str, pl.Expr]:
    return {
        "current": pl.col("period_start") == pl.lit(windows.start),
        "previous": pl.col("period_start") == pl.lit(windows.previous_start),
        "recent": period_in(windows.recent_start, windows.end),
        "baseline": period_in(windows.baseline_start, windows.recent_start),
    }


def sums_by_period(value: str, windows: ReportWindows) -> list[pl.Expr]:
    """One column per period: the sum of `value` over the periods in that window."""
    return [
        pl.when(condition).then(pl.col(value)).otherwise(0).sum().alias(period)
        for period, condition in period_conditions(windows).items()
    ]


def share(numerator: str, denominator: str) -> pl.Expr:
    """numerator / denominator, null when there is nothing to divide by."""
    return pl.when(pl.col(denominator) > 0).then(pl.col(numerator) / pl.col(denominator)).otherwise(None)


# ── the one pass over the big tables ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Aggregates:
    """Small tables collected from the warehouse frames (grain in each comment)."""

    section_periods: pl.DataFrame  # section, period_start → postings (whole history)
    skill_periods: pl.DataFrame  # section, skill_id, period_start → mentions (whole history)
    breakdowns: pl.DataFrame  # role, specialism, focus, period_start → postings (ML engineer, data scientist)
    titles: pl.DataFrame  # section, variant, variant_text, period_start → postings (compared windows)
    seniority: pl.DataFrame  # section, seniority, period_start → postings (compared windows)
    remote: pl.DataFrame  # section, remote, period_start → postings (compared windows)
    pay: pl.DataFrame  # section, seniority ('all' too), currency → postings, disclosed, pay stats (recent window)
    companies: pl.DataFrame  # section, company → postings (report period)
    sources: pl.DataFrame  # source, period_start → postings (every posting, duplicates included)
    boards: pl.DataFrame  # source → boards (distinct board tokens / threads its postings came from)
    roles_seen: pl.DataFrame  # role, period_start → clusters counted under it (also unknown and blank roles)
    multi_role: pl.DataFrame  # one row: counted postings listed under more than one role
    skills: pl.DataFrame
    roles: pl.DataFrame
    runs: pl.DataFrame
    rejects: pl.DataFrame


def _pay_stats() -> list[pl.Expr]:
    pay = pl.col("pay")
    stats = [pay.quantile(q, interpolation="linear").alias(name) for name, q in SALARY_STATS.items()]
    return [
        pl.len().alias("postings"),
        pay.is_not_null().sum().alias("disclosed"),
        *stats,
        pay.min().alias("min"),
        pay.max().alias("max"),
    ]


def aggregate(frames: WarehouseFrames, windows: ReportWindows) -> Aggregates:
    every = windows.kind.every
    # Two tiny looks first: a warehouse without clusters or posting_roles skips those rules' joins.
    clustered, listed = pl.collect_all(
        [
            frames.postings.select(pl.col("cluster_id").is_not_null().any()),
            frames.posting_roles.select(pl.len() > 0),
        ]
    )
    counted = with_signature(
        counted_postings(frames.postings, every, deduplicate=bool(clustered.item())),
        frames.posting_roles,
        listed_roles=bool(listed.item()),
    )
    # Whole history, grouped by signature (spread over sections after the collect); the skill rows
    # are the biggest table, so they join and group on integers only (signature hashed to sig_code).
    counted = counted.with_columns(sig_code=pl.col("signature").hash())
    signature_periods = counted.group_by("signature", "period_start").agg(
        postings=pl.len(), sig_code=pl.col("sig_code").first()
    )
    signature_skills = (
        counted.select("posting_key", "sig_code", "period_start")
        .join(frames.posting_skills, on="posting_key", how="inner")
        .group_by("sig_code", "skill_no", "period_start")
        .agg(mentions=pl.len())
    )
    # The compared windows only, one row per (posting, section): titles, seniority, work mode, pay.
    compared = counted.filter(period_in(windows.baseline_start, windows.end)).with_columns(title_variant())
    rows = role_rows(compared, frames.posting_roles)
    members = section_members(compared, rows).filter(pl.col("section").is_in([*SECTIONS, OTHER_ROLE]))
    # A role breaks down by one column only (ML engineers by specialism, data scientists by focus):
    # the other is dropped first, so two entries differing only there count once.
    own = {
        column: [role for role, (col, _) in BREAKDOWNS.items() if col == column] for column in ("specialism", "focus")
    }
    breakdowns = (
        rows.filter(pl.col("role").is_in(list(BREAKDOWNS)))
        .with_columns(
            pl.when(pl.col("role").is_in(roles)).then(pl.col(column)).alias(column) for column, roles in own.items()
        )
        .unique(["posting_id", "role", "specialism", "focus"])
        .group_by("role", "specialism", "focus", "period_start")
        .agg(postings=pl.len())
    )
    titles = members.group_by("section", "variant", "variant_text", "period_start").agg(postings=pl.len())
    seniority = members.group_by("section", "seniority", "period_start").agg(postings=pl.len())
    remote = members.group_by("section", "remote", "period_start").agg(postings=pl.len())
    recent = members.filter(period_in(windows.recent_start, windows.end))
    pay = pl.concat(
        [
            recent.group_by("section", "seniority", "currency").agg(_pay_stats()),
            recent.group_by("section", "currency").agg(_pay_stats()).with_columns(seniority=pl.lit("all")),
        ],
        how="diagonal_relaxed",
    )
    companies = fold_companies(members.filter(pl.col("period_start") == pl.lit(windows.start)).drop_nulls("company"))
    everything = frames.postings.with_columns(period_start(every))
    sources = everything.group_by("source", "period_start").agg(postings=pl.len())
    boards = frames.postings.group_by("source").agg(boards=pl.col("board").drop_nulls().n_unique())
    collected = pl.collect_all(
        [
            signature_periods,
            signature_skills,
            breakdowns,
            titles,
            seniority,
            remote,
            pay,
            companies,
            sources,
            boards,
            frames.skills,
            frames.roles,
            frames.runs,
            frames.rejects,
            frames.skill_ids,
        ]
    )
    signature_periods, signature_skills, skill_ids = collected[0], collected[1], collected[-1]
    codes = signature_periods.select("sig_code", "signature").unique("sig_code")
    signature_skills = (
        signature_skills.join(codes, on="sig_code").join(skill_ids, on="skill_no").drop("sig_code", "skill_no")
    )
    signatures = signature_periods["signature"].unique().to_list()
    to_sections, to_roles = signature_sections(signatures), signature_roles(signatures)
    spread = signature_periods.join(to_sections, on="signature")
    section_periods = spread.group_by("section", "period_start").agg(pl.col("postings").sum())
    skill_periods = (
        signature_skills.join(to_sections, on="signature")
        .group_by("section", "skill_id", "period_start")
        .agg(pl.col("mentions").sum())
    )
    roles_seen = (
        signature_periods.join(to_roles, on="signature")
        .group_by("role", "period_start")
        .agg(clusters=pl.col("postings").sum())
    )
    multi = to_roles.group_by("signature").agg(roles=pl.len()).filter(pl.col("roles") > 1)
    multi_role = signature_periods.join(multi, on="signature", how="semi").select(multi_role=pl.col("postings").sum())
    return Aggregates(section_periods, skill_periods, *collected[2:10], roles_seen, multi_role, *collected[10:14])


# ── small-table computations ────────────────────────────────────────────────────────────────────


def section_period_counts(aggregates: Aggregates, windows: ReportWindows) -> pl.DataFrame:
    """section → postings in each period, for every section and `other` (zeros kept)."""
    every = pl.DataFrame({"section": [*SECTIONS, OTHER_ROLE]})
    counts = (
        aggregates.section_periods.drop_nulls("period_start")
        .group_by("section")
        .agg(sums_by_period("postings", windows))
    )
    return every.join(counts, on="section", how="left").fill_null(0)


def breakdown_period_counts(aggregates: Aggregates, role: str, windows: ReportWindows) -> pl.DataFrame:
    """For one role: its specialism (or focus) value → postings in each period."""
    column = BREAKDOWNS[role][0]
    return (
        aggregates.breakdowns.filter(pl.col("role") == role)
        .drop_nulls("period_start")
        .group_by(pl.col(column).alias("value"))
        .agg(sums_by_period("postings", windows))
    )


def period_series(aggregates: Aggregates, windows: ReportWindows, first: date | None) -> pl.DataFrame:
    """section, period_start, postings for every period from the first data period to the report period."""
    sections = pl.DataFrame({"section": [*SECTIONS, OTHER_ROLE]})
    if first is None or first > windows.start:
        return sections.with_columns(period_start=pl.lit(None, pl.Date), postings=pl.lit(0, pl.UInt32)).clear()
    periods = pl.DataFrame({"period_start": [start for start, _ in windows.labels(first, windows.start)]})
    return (
        sections.join(periods, how="cross")
        .join(aggregates.section_periods, on=["section", "period_start"], how="left")
        .with_columns(pl.col("postings").fill_null(0))
        .sort("section", "period_start")
    )


def skill_period_table(aggregates: Aggregates, section_counts: pl.DataFrame, windows: ReportWindows) -> pl.DataFrame:
    """section, skill_id, name → mentions and share in each window (every skill mentioned in them)."""
    mentions = (
        aggregates.skill_periods.filter(period_in(windows.baseline_start, windows.end))
        .group_by("section", "skill_id")
        .agg(sums_by_period("mentions", windows))
    )
    totals = section_counts.select("section", *(pl.col(p).alias(f"{p}_postings") for p in PERIODS))
    return (
        mentions.join(totals, on="section", how="left")
        .join(skill_names(aggregates), on="skill_id", how="left")
        .with_columns(
            pl.col("name").fill_null(pl.col("skill_id")),
            *(share(p, f"{p}_postings").alias(f"{p}_share") for p in PERIODS),
        )
        .sort("section", "skill_id")
    )


def skill_names(aggregates: Aggregates) -> pl.DataFrame:
    return aggregates.skills.select("skill_id", "name").unique("skill_id")


def skill_history(aggregates: Aggregates, series: pl.DataFrame) -> pl.DataFrame:
    """section, skill_id, period_start → mentions, postings, share (periods with a mention only)."""
    return (
        aggregates.skill_periods.drop_nulls("period_start")
        .join(series, on=["section", "period_start"], how="inner")
        .with_columns(share=share("mentions", "postings"))
        .sort("section", "skill_id", "period_start")
    )


def company_key(column: str = "company") -> pl.Expr:
    """One key per employer: a board slug (`lanternwicksecurity`) and its display name (`Lanternwick Security`)
    match."""
    key = pl.col(column).str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]", "")
    return pl.when(key == "").then(pl.col(column)).otherwise(key)


def fold_companies(postings: pl.LazyFrame) -> pl.LazyFrame:
    """section, company → postings, with the spellings of one employer counted together under its display name.

    The display name is the most used spelling that is not a bare slug (has a capital or a space), else the most
    used."""
    spellings = postings.group_by("section", "company").agg(postings=pl.len()).with_columns(key=company_key())
    slug = pl.col("company") == pl.col("company").str.to_lowercase().str.replace_all(r"\s", "")
    return (
        spellings.sort([slug, "postings", "company"], descending=[False, True, False])
        .group_by("section", "key", maintain_order=True)
        .agg(pl.col("company").first(), pl.col("postings").sum())
        .drop("key")
    )


def top_companies(aggregates: Aggregates, limit: int = TOP_COMPANIES) -> pl.DataFrame:
    return (
        aggregates.companies.sort(["section", "postings", "company"], descending=[False, True, False])
        .group_by("section", maintain_order=True)
        .head(limit)
    )


def counts_by_window(frame: pl.DataFrame, keys: list[str], windows: ReportWindows) -> pl.DataFrame:
    """Any `postings` table with period_start → keys + one column per window."""
    return frame.drop_nulls("period_start").group_by(keys).agg(sums_by_period("postings", windows))
