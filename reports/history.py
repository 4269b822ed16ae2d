"""How much history each source brings: the span of its postings' dates, for the report's reader.

A first report reads very differently when HN brings three years of threads and the ATS boards
only what is open today; this small table says which is which. Dates are posting dates (first
seen when a source gives none). A board's earlier dates are jobs still open when it was crawled,
not weeks it was watched: that is said under the table, and no trend is drawn from it here.
"""

from __future__ import annotations

import polars as pl


def source_history(postings: pl.LazyFrame) -> list[dict]:
    """Per source: postings, first and last posting date, and calendar months with any posting."""
    day = pl.coalesce("posted_at", "first_seen").dt.date()
    rows = (
        postings.select("source", day.alias("day"))
        .drop_nulls()
        .group_by("source")
        .agg(
            postings=pl.len(),
            first=pl.col("day").min(),
            last=pl.col("day").max(),
            months=pl.col("day").dt.truncate("1mo").n_unique(),
        )
        .sort("first", "source")
        .collect()
    )
    return [
        {
            "source": r["source"],
            "postings": int(r["postings"]),
            "first": r["first"].isoformat(),
            "last": r["last"].isoformat(),
            "months": int(r["months"]),
        }
        for r in rows.to_dicts()
    ]


def survivors(postings: pl.LazyFrame) -> list[dict]:
    """Per board source: postings published before the source's first crawl, by month published.

    These are the jobs that were still open when the source was first crawled: a labelled series
    of its own, never a covered period (what closed before that crawl is missing), never a trend."""
    rows = (
        postings.filter(pl.col("source") != "hn")
        .with_columns(first_crawl=pl.col("first_seen").min().over("source"))
        .filter(pl.col("posted_at") < pl.col("first_crawl"))
        .group_by("source", month=pl.col("posted_at").dt.truncate("1mo").dt.date())
        .agg(postings=pl.len(), first_crawl=pl.col("first_crawl").first().dt.date())
        .sort("source", "month")
        .collect()
    )
    out: dict[str, dict] = {}
    for r in rows.to_dicts():
        entry = out.setdefault(
            r["source"], {"source": r["source"], "first_crawl": r["first_crawl"].isoformat(), "months": []}
        )
        entry["months"].append({"month": r["month"].isoformat()[:7], "postings": int(r["postings"])})
    return list(out.values())


SURVIVORS_NOTE = (
    "Still open at the first crawl: postings a source published before it was first crawled, by month "
    "published. Only the jobs that survived to that crawl are here (those that closed earlier are missing), "
    "so these months are not covered periods and no trend is read from them."
)


NOTE = (
    "Posting dates (first seen when a source gives none). HN threads and imported trackers bring past months; "
    "job boards list only what is open when crawled, so their earlier dates are jobs that were still open, "
    "not periods the board was watched."
)


def history_lines(rows: list[dict], kept: list[dict] = ()) -> list[str]:
    """The Markdown table of the report's `history` and its `survivors` (empty when there is no history)."""
    if not rows:
        return []
    lines = [
        "## History by source",
        "",
        "| Source | Postings | From | To | Months with postings |",
        "|---|---:|---|---|---:|",
    ]
    lines += [f"| {r['source']} | {r['postings']} | {r['first']} | {r['last']} | {r['months']} |" for r in rows]
    lines += ["", f"_{NOTE}_", ""]
    for entry in kept:
        months = ", ".join(f"{m['month']}: {m['postings']}" for m in entry["months"])
        lines.append(f"- {entry['source']} (first crawled {entry['first_crawl']}): {months}")
    if kept:
        lines += ["", f"_{SURVIVORS_NOTE}_", ""]
    return lines
