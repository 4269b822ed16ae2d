"""Active postings per period: a job counted in every period it was seen open.

New postings (the report's main measure) count a duplicate cluster once, in the period of its
earliest posting. Active postings count it in every period one of its postings was seen open: at
the posting's own date and at every crawl that listed it (the warehouse's `posting_seen` view,
which keeps imported records and HN posts at their own date). A company reposting the same HN
ad every month is one cluster seen in each of those months: one new posting, active in each month.
The same rules as `active_postings()` in SQL; tests hold one against the other.
"""

from __future__ import annotations

import polars as pl

from reports.load import WarehouseFrames
from reports.membership import signature_sections, with_signature


def active_section_periods(frames: WarehouseFrames, every: str, *, listed_roles: bool) -> pl.DataFrame:
    """section, period_start → active (distinct clusters seen open in the period, in that section)."""
    postings = frames.postings.select(
        "posting_id", "posting_key", "role", "specialism", "focus", cluster=pl.coalesce("cluster_id", "posting_id")
    )
    signed = with_signature(postings, frames.posting_roles, listed_roles=listed_roles)
    # Integer keys: a warehouse crawled weekly holds several sightings per posting.
    seen = frames.seen.select("posting_key", period_start=pl.col("seen_at").dt.truncate(every).dt.date())
    per_signature = (
        seen.join(signed.select("posting_key", "cluster", "signature"), on="posting_key", how="inner")
        .select("cluster", "signature", "period_start")
        .unique()
        .collect()
    )
    if not per_signature.height:
        return pl.DataFrame(schema={"section": pl.String, "period_start": pl.Date, "active": pl.UInt32})
    sections = signature_sections(per_signature["signature"].unique().to_list())
    return (
        per_signature.join(sections, on="signature")
        .select("section", "cluster", "period_start")
        .unique()
        .group_by("section", "period_start")
        .agg(active=pl.len())
    )
