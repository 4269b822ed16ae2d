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
    """section, period_start → active (distinct clusters seen open in the period, in that section).

    A weekly-crawled warehouse holds several sightings per posting, so everything joins and
    deduplicates on integer keys (hashed cluster and signature) and text returns only per signature.
    """
    postings = frames.postings.select(
        "posting_id",
        "posting_key",
        "role",
        "specialism",
        "focus",
        cluster=pl.coalesce("cluster_id", "posting_id").hash(),
    )
    signed = with_signature(postings, frames.posting_roles, listed_roles=listed_roles).with_columns(
        sig=pl.col("signature").hash()
    )
    seen = frames.seen.select("posting_key", period_start=pl.col("seen_at").dt.truncate(every).dt.date()).unique()
    per_signature, codes = pl.collect_all(
        [
            seen.join(signed.select("posting_key", "cluster", "sig"), on="posting_key", how="inner")
            .select("cluster", "sig", "period_start")
            .unique(),
            signed.select("sig", "signature").unique("sig"),
        ]
    )
    if not per_signature.height:
        return pl.DataFrame(schema={"section": pl.String, "period_start": pl.Date, "active": pl.UInt32})
    sections = codes.join(signature_sections(codes["signature"].to_list()), on="signature").select("sig", "section")
    # Almost every job has one signature, so its count adds up per (signature, period); only jobs
    # whose postings differ in roles need the distinct count per section.
    mixed = (
        per_signature.group_by("cluster")
        .agg(signatures=pl.col("sig").n_unique())
        .filter(pl.col("signatures") > 1)
        .select("cluster")
    )
    single = (
        per_signature.join(mixed, on="cluster", how="anti")
        .group_by("sig", "period_start")
        .agg(active=pl.len())
        .join(sections, on="sig")
        .group_by("section", "period_start")
        .agg(pl.col("active").sum())
    )
    several = (
        per_signature.join(mixed, on="cluster", how="semi")
        .join(sections, on="sig")
        .select("section", "cluster", "period_start")
        .unique()
        .group_by("section", "period_start")
        .agg(active=pl.len())
    )
    return (
        pl.concat([single, several], how="vertical_relaxed")
        .group_by("section", "period_start")
        .agg(pl.col("active").sum())
    )
