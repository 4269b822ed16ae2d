"""The long-horizon view's data: the 12 calendar quarters ending with the report period, per section.

Counting follows reports/membership.py exactly (a duplicate cluster counts once, as its earliest
posting; multi-role posts count in each role; sections as everywhere in the report), so the shares
here are the shares of every other table, only summed per calendar quarter. The last quarter ends
where the report period ends: it is partial when the report period is not a quarter's last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from reports.load import WarehouseFrames
from reports.membership import (
    counted_postings,
    role_rows,
    section_members,
    signature_sections,
    title_variant,
    with_signature,
)
from reports.periods import KINDS, ReportWindows, period_label, period_start, shift
from reports.taxonomy import SECTIONS

QUARTER = KINDS["quarter"]
QUARTERS = 12  # three years: long enough for a move that took years, short enough to stay current
MIN_COVERED = 8  # fewer covered quarters than this and a section's long trends are `too_few`


@dataclass(frozen=True)
class QuarterWindow:
    """Quarter starts (oldest first) and the exclusive end of the data the report may see."""

    starts: tuple[date, ...]
    end: date

    @property
    def start(self) -> date:
        return self.starts[0]

    @property
    def labels(self) -> list[str]:
        return [period_label(QUARTER, s) for s in self.starts]

    @property
    def last_partial(self) -> bool:
        return self.end < shift(QUARTER, self.starts[-1], 1)

    def months_seen(self, start: date) -> list[date]:
        """The months of the quarter starting `start` that begin before the window ends."""
        months = [shift(KINDS["month"], start, i) for i in range(3)]
        return [m for m in months if m < self.end]

    def part_seen(self, start: date) -> float:
        """The part of the quarter the window reaches (1.0, except a partial last quarter)."""
        end = min(shift(QUARTER, start, 1), self.end)
        return (end - start).days / (shift(QUARTER, start, 1) - start).days


def quarter_window(windows: ReportWindows, quarters: int = QUARTERS) -> QuarterWindow:
    last = period_start(QUARTER, windows.end - timedelta(days=1))
    return QuarterWindow(tuple(shift(QUARTER, last, i - quarters + 1) for i in range(quarters)), windows.end)


def months_with_data(month_postings: dict[date, int]) -> dict[date, float]:
    """month_start → share of it the data covers, until sources record coverage: a month with at
    least one posting from any source (HN: a month with a thread) is covered whole.

    The one place that decides coverage for the long-horizon view: a recorded coverage table
    (month → share of boards covered) can stand in for this dict unchanged.
    """
    return {month: 1.0 for month, postings in month_postings.items() if postings > 0}


def quarter_coverage(window: QuarterWindow, month_shares: dict[date, float]) -> list[float]:
    """For each quarter, the part of it the data covers: 0 = unknown, 1 = all of it.

    The mean coverage of the quarter's months the window reaches, times the part of the quarter
    it reaches (a partial last quarter). A quarter with no coverage is left out of every test
    (unknown, never zero); the part covered is the exposure of the postings-per-quarter test, so
    a quarter with one month of data out of three is not read as a collapse.
    """
    out = []
    for start in window.starts:
        seen = window.months_seen(start)
        covered = sum(month_shares.get(m, 0.0) for m in seen)
        out.append(window.part_seen(start) * covered / len(seen) if seen else 0.0)
    return out


@dataclass(frozen=True)
class QuarterAggregates:
    """Small tables (grain in each comment); quarter_start is the calendar quarter's first day."""

    window: QuarterWindow
    sections: pl.DataFrame  # section, quarter_start → postings
    skills: pl.DataFrame  # section, skill_id, quarter_start → mentions
    titles: pl.DataFrame  # section, variant, quarter_start → postings, variant_text (most posted spelling)
    months: pl.DataFrame  # month_start → postings (all postings, counted once per cluster)


def _in_window(window: QuarterWindow) -> pl.Expr:
    day = pl.coalesce("posted_at", "first_seen")
    return (day >= pl.lit(window.start)) & (day < pl.lit(window.end))


def aggregate_quarters(frames: WarehouseFrames, windows: ReportWindows) -> QuarterAggregates:
    """One pass over the warehouse frames (one collect) for the 12 quarters of the long view."""
    window = quarter_window(windows)
    clustered, listed = pl.collect_all(
        [
            frames.postings.select(pl.col("cluster_id").is_not_null().any()),
            frames.posting_roles.select(pl.len() > 0),
        ]
    )
    # Deduplicate over the whole history first, then keep the window: a cluster whose earliest
    # posting is older than the window is not counted again when a copy reappears inside it.
    counted = counted_postings(frames.postings, QUARTER.every, deduplicate=bool(clustered.item())).filter(
        _in_window(window)
    )
    counted = with_signature(counted, frames.posting_roles, listed_roles=bool(listed.item()))
    counted = counted.with_columns(sig_code=pl.col("signature").hash())
    quarter = pl.col("period_start").alias("quarter_start")
    signature_quarters = counted.group_by("signature", quarter).agg(
        postings=pl.len(), sig_code=pl.col("sig_code").first()
    )
    signature_skills = (
        counted.select("posting_key", "sig_code", quarter)
        .join(frames.posting_skills, on="posting_key", how="inner")
        .group_by("sig_code", "skill_no", "quarter_start")
        .agg(mentions=pl.len())
    )
    months = counted.group_by(
        pl.coalesce("posted_at", "first_seen").dt.truncate("1mo").dt.date().alias("month_start")
    ).agg(postings=pl.len())
    collected = pl.collect_all(
        [signature_quarters, signature_skills, *_title_queries(counted, frames), months, frames.skill_ids]
    )
    sig_quarters, sig_skills, implicit_titles, explicit_titles, months, skill_ids = collected
    to_sections = signature_sections(sig_quarters["signature"].unique().to_list())
    titles = _title_table(implicit_titles, explicit_titles, to_sections)
    codes = sig_quarters.select("sig_code", "signature").unique("sig_code")
    sections = (
        sig_quarters.join(to_sections, on="signature")
        .group_by("section", "quarter_start")
        .agg(pl.col("postings").sum())
    )
    skills = (
        sig_skills.join(codes, on="sig_code")
        .join(skill_ids, on="skill_no")
        .join(to_sections, on="signature")
        .group_by("section", "skill_id", "quarter_start")
        .agg(pl.col("mentions").sum())
    )
    keep = pl.col("section").is_in(list(SECTIONS))
    return QuarterAggregates(window, sections.filter(keep), skills.filter(keep), titles, months)


def _title_queries(counted: pl.LazyFrame, frames: WarehouseFrames) -> list[pl.LazyFrame]:
    """Title counts before the variants are derived, as two small tables.

    Postings without posting_roles rows (most of them) carry one title into every section of their
    signature: grouped by (signature, title, quarter) here, spread over sections after the collect.
    Posts listing roles read each role's own title (membership.section_members' rules), on that
    subset only. Variants are then derived once per distinct title, never once per posting.
    """
    listed = frames.posting_roles.select("posting_id").unique()
    implicit = (
        counted.join(listed, on="posting_id", how="anti")
        .group_by("signature", "title", "period_start")
        .agg(postings=pl.len())
    )
    explicit = counted.join(listed, on="posting_id", how="semi").with_columns(
        pl.lit(None, pl.String).alias(c) for c in ("variant", "variant_text")
    )
    members = section_members(explicit, role_rows(explicit, frames.posting_roles))
    return [implicit, members.group_by("section", "title", "period_start").agg(postings=pl.len())]


def _title_table(implicit: pl.DataFrame, explicit: pl.DataFrame, to_sections: pl.DataFrame) -> pl.DataFrame:
    """section, variant, quarter_start → postings, variant_text (the variant's most posted spelling)."""
    spread = implicit.join(to_sections, on="signature").select("section", "title", "period_start", "postings")
    per_title = pl.concat([spread, explicit.select(spread.columns)], how="vertical_relaxed").filter(
        pl.col("section").is_in(list(SECTIONS))
    )
    variants = per_title.select("title").unique().with_columns(title_variant())
    per_text = (
        per_title.join(variants, on="title", how="left", nulls_equal=True)
        .drop_nulls("variant")
        .group_by("section", "variant", "variant_text", "period_start")
        .agg(pl.col("postings").sum())
    )
    display = (
        per_text.group_by("section", "variant", "variant_text")
        .agg(pl.col("postings").sum())
        .sort(["postings", "variant_text"], descending=[True, False])
        .group_by("section", "variant", maintain_order=True)
        .first()
        .select("section", "variant", "variant_text")
    )
    return (
        per_text.group_by("section", "variant", pl.col("period_start").alias("quarter_start"))
        .agg(pl.col("postings").sum())
        .join(display, on=["section", "variant"], how="left")
    )
