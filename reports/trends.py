"""Pure Polars: from the warehouse frames to the small per-role, per-skill, per-week tables.

The big tables are touched once: `aggregate()` builds every lazy query over them and collects
them together (`pl.collect_all`, which shares the common scans). Everything after that works on
tables of a few hundred or thousand rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from reports.load import WarehouseFrames
from reports.periods import ReportWindows
from reports.taxonomy import ALL_ML, ML_ROLES, OTHER_ROLE

PERIODS = ("week", "previous_week", "recent", "baseline")
TOP_LABELS = 5  # titles and companies shown per role


# ── expression functions ────────────────────────────────────────────────────────────────────────


def posting_week() -> pl.Expr:
    """Monday of the ISO week a posting belongs to: its own date, else when we first saw it."""
    return pl.coalesce("posted_at", "first_seen").dt.truncate("1w").dt.date().alias("week_start")


def week_in(start: date, end: date) -> pl.Expr:
    """week_start in [start, end)."""
    return pl.col("week_start").is_between(pl.lit(start), pl.lit(end), closed="left")


def period_conditions(windows: ReportWindows) -> dict[str, pl.Expr]:
    return {
        "week": pl.col("week_start") == pl.lit(windows.week_start),
        "previous_week": pl.col("week_start") == pl.lit(windows.previous_week_start),
        "recent": week_in(windows.recent_start, windows.recent_end),
        "baseline": week_in(windows.baseline_start, windows.baseline_end),
    }


def sums_by_period(value: str, windows: ReportWindows) -> list[pl.Expr]:
    """One column per period: the sum of `value` over the weeks in that period."""
    return [
        pl.when(condition).then(pl.col(value)).otherwise(0).sum().alias(period)
        for period, condition in period_conditions(windows).items()
    ]


def share(numerator: str, denominator: str) -> pl.Expr:
    """numerator / denominator, null when there is nothing to divide by."""
    return pl.when(pl.col(denominator) > 0).then(pl.col(numerator) / pl.col(denominator)).otherwise(None)


def is_ml_role() -> pl.Expr:
    return pl.col("role").is_in(ML_ROLES)


# ── the one pass over the big tables ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Aggregates:
    """Small tables collected from the warehouse frames."""

    weekly_postings: pl.DataFrame  # role, specialism, focus, week_start → postings
    weekly_mentions: pl.DataFrame  # role, skill_id, week_start → mentions (compared windows only)
    week_titles: pl.DataFrame  # role, title → postings (report week)
    week_companies: pl.DataFrame  # role, company → postings (report week)
    skills: pl.DataFrame
    roles: pl.DataFrame


def aggregate(frames: WarehouseFrames, windows: ReportWindows) -> Aggregates:
    postings = frames.postings.with_columns(posting_week())
    weekly_postings = postings.group_by("role", "specialism", "focus", "week_start").agg(postings=pl.len())
    compared = postings.filter(is_ml_role(), week_in(windows.baseline_start, windows.week_end))
    weekly_mentions = (
        frames.posting_skills.join(compared.select("posting_id", "role", "week_start"), on="posting_id", how="inner")
        .group_by("role", "skill_id", "week_start")
        .agg(mentions=pl.len())
    )
    in_report_week = postings.filter(is_ml_role(), pl.col("week_start") == pl.lit(windows.week_start))
    week_titles = in_report_week.group_by("role", "title").agg(postings=pl.len())
    week_companies = in_report_week.drop_nulls("company").group_by("role", "company").agg(postings=pl.len())
    collected = pl.collect_all(
        [weekly_postings, weekly_mentions, week_titles, week_companies, frames.skills, frames.roles]
    )
    return Aggregates(*collected)


# ── small-table computations ────────────────────────────────────────────────────────────────────


def with_all_ml(frame: pl.DataFrame, keys: list[str], values: list[str]) -> pl.DataFrame:
    """Append the overview's rows: ML roles summed (a posting has one role, so sums are exact)."""
    overview = (
        frame.filter(is_ml_role())
        .group_by(keys)
        .agg(pl.col(values).sum())
        .select(pl.lit(ALL_ML).alias("role"), *keys, *values)
    )
    return pl.concat([frame.select("role", *keys, *values), overview], how="vertical_relaxed")


def role_period_counts(weekly_postings: pl.DataFrame, windows: ReportWindows) -> pl.DataFrame:
    """role → postings in each period, for every ML role, `other` and the overview (zeros kept)."""
    every_role = pl.DataFrame({"role": [*ML_ROLES, OTHER_ROLE, ALL_ML]})
    counts = (
        with_all_ml(weekly_postings.drop_nulls("week_start"), ["week_start"], ["postings"])
        .group_by("role")
        .agg(sums_by_period("postings", windows))
    )
    return every_role.join(counts, on="role", how="left").fill_null(0)


def breakdown_period_counts(weekly_postings: pl.DataFrame, role: str, column: str, windows: ReportWindows) -> pl.DataFrame:
    """For one role: its specialism (or focus) value → postings in each period."""
    return (
        weekly_postings.filter(pl.col("role") == role)
        .drop_nulls("week_start")
        .group_by(pl.col(column).alias("value"))
        .agg(sums_by_period("postings", windows))
    )


def weekly_series(weekly_postings: pl.DataFrame, first_week: date | None, last_week: date) -> pl.DataFrame:
    """role, week_start, postings for every week from the first data week to the report week."""
    roles = pl.DataFrame({"role": [*ML_ROLES, OTHER_ROLE, ALL_ML]})
    if first_week is None or first_week > last_week:
        return roles.with_columns(week_start=pl.lit(None, pl.Date), postings=pl.lit(0, pl.UInt32)).clear()
    weeks = pl.DataFrame({"week_start": pl.date_range(first_week, last_week, "1w", eager=True)})
    counts = (
        with_all_ml(weekly_postings.drop_nulls("week_start"), ["week_start"], ["postings"])
        .group_by("role", "week_start")
        .agg(pl.col("postings").sum())
    )
    return (
        roles.join(weeks, how="cross")
        .join(counts, on=["role", "week_start"], how="left")
        .with_columns(pl.col("postings").fill_null(0))
        .sort("role", "week_start")
    )


def skill_period_table(aggregates: Aggregates, role_counts: pl.DataFrame, windows: ReportWindows) -> pl.DataFrame:
    """role, skill_id, name → mentions and share in each period (every skill mentioned in the windows)."""
    mentions = (
        with_all_ml(aggregates.weekly_mentions, ["skill_id", "week_start"], ["mentions"])
        .group_by("role", "skill_id")
        .agg(sums_by_period("mentions", windows))
    )
    totals = role_counts.select("role", *(pl.col(p).alias(f"{p}_postings") for p in PERIODS))
    names = aggregates.skills.select("skill_id", "name").unique("skill_id")
    return (
        mentions.join(totals, on="role", how="left")
        .join(names, on="skill_id", how="left")
        .with_columns(
            pl.col("name").fill_null(pl.col("skill_id")),
            *(share(p, f"{p}_postings").alias(f"{p}_share") for p in PERIODS),
        )
        .sort("role", "skill_id")
    )


def top_labels(counts: pl.DataFrame, label: str, limit: int = TOP_LABELS) -> pl.DataFrame:
    """The `limit` most frequent labels per role (and for the overview), ties broken by label."""
    return (
        with_all_ml(counts, [label], ["postings"])
        .sort(["role", "postings", label], descending=[False, True, False])
        .group_by("role", maintain_order=True)
        .head(limit)
    )


def data_quality(weekly_postings: pl.DataFrame) -> dict[str, int]:
    """How many postings the role sections cannot place, and why."""
    role = pl.col("role")
    row = weekly_postings.select(
        total=pl.col("postings").sum(),
        ml_roles=pl.col("postings").filter(is_ml_role()).sum(),
        other_role=pl.col("postings").filter(role == OTHER_ROLE).sum(),
        without_role=pl.col("postings").filter(role.is_null() | (role.str.strip_chars() == "")).sum(),
        unknown_role=pl.col("postings")
        .filter(role.is_not_null() & (role.str.strip_chars() != "") & ~role.is_in([*ML_ROLES, OTHER_ROLE]))
        .sum(),
        without_date=pl.col("postings").filter(pl.col("week_start").is_null()).sum(),
    ).row(0, named=True)
    return {key: int(value or 0) for key, value in row.items()}
