"""Every table behind the report, flat and long (one `section` column), written as CSV and Parquet.

The JSON summary nests by section for the renderers; analysts want the same numbers as tables they
can load in one line (`pl.read_parquet`, `read_csv_auto`), so each nested list becomes one table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from reports.formatting import BIDI_CONTROLS
from reports.taxonomy import ML_ROLES

# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…);
# text cells that do are prefixed with an apostrophe in the CSV. Number columns are untouched.
FORMULA_START = r"^[=+\-@\t\r]"

VOLUME_KEYS = (
    "measure",
    "current",
    "previous",
    "change",
    "change_pct",
    "recent_total",
    "baseline_total",
    "recent_per_period",
    "baseline_per_period",
    "ratio",
    "p_value",
    "verdict",
)
TREND_KEYS = (
    "skill_id",
    "name",
    "recent_share",
    "baseline_share",
    "recent_mentions",
    "baseline_mentions",
    "change_pts",
    "z",
    "p",
    "q",
    "call",
    "category",
)


def sections(summary: dict) -> Iterator[tuple[str, dict]]:
    """Every section of the report, sub-sections included, with its id."""
    yield summary["overview"]["id"], summary["overview"]
    for role in ML_ROLES:
        section = summary["roles"][role]
        yield role, section
        yield from section["subsections"].items()
    yield summary["all_postings"]["id"], summary["all_postings"]


def _frame(rows: list[dict], columns: tuple[str, ...]) -> pl.DataFrame:
    """Rows → a DataFrame with exactly `columns`; all-null columns become strings (CSV/Parquet friendly)."""
    frame = pl.DataFrame(
        [{c: row.get(c) for c in columns} for row in rows], schema=list(columns), infer_schema_length=None
    )
    return frame.with_columns(pl.col(c).cast(pl.String) for c, dtype in frame.schema.items() if dtype == pl.Null)


def _per_section(summary: dict, pick, columns: tuple[str, ...]) -> pl.DataFrame:
    rows = [{"section": sid, **item} for sid, section in sections(summary) for item in pick(section)]
    return _frame(rows, ("section", *columns))


def report_tables(summary: dict, history: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """name → table, for every list the report shows (plus the whole skill-share history)."""

    def volume(section: dict) -> list[dict]:
        return [{k: section["postings"][k] for k in VOLUME_KEYS}]

    def article(section: dict) -> list[dict]:
        return [{"in_article": True, **c} for c in section["article_check"]] + [
            {"in_article": False, **c} for c in section["article_unlisted"]
        ]

    def sources() -> list[dict]:
        rows = []
        for s in summary["quality"]["sources"]:
            last = s["last_crawl"] or {}
            rows.append(
                {
                    **{k: v for k, v in s.items() if k != "last_crawl"},
                    "last_crawl_started_at": last.get("started_at"),
                    "last_crawl_status": last.get("status"),
                    "last_crawl_requests": last.get("requests"),
                    "last_crawl_responses_by_status": json.dumps(last.get("responses_by_status")) if last else None,
                    "last_crawl_items": last.get("items"),
                    "last_crawl_errors": last.get("errors"),
                    "last_crawl_boards": len(last["boards"]) if last.get("boards") is not None else None,
                }
            )
        return rows

    mix_keys = (
        "value",
        "current",
        "recent",
        "baseline",
        "current_share",
        "recent_share",
        "baseline_share",
        "change_pts",
    )
    source_keys = (
        "source",
        "total",
        "current",
        "previous",
        "recent",
        "baseline",
        "boards_seen",
        "crawl_runs",
        "failed_crawls",
        "last_crawl_started_at",
        "last_crawl_status",
        "last_crawl_requests",
        "last_crawl_responses_by_status",
        "last_crawl_items",
        "last_crawl_errors",
        "last_crawl_boards",
    )
    return {
        "volume": _per_section(summary, volume, VOLUME_KEYS),
        "period_series": _per_section(
            summary, lambda s: s["postings"]["series"], ("period", "start", "postings", "active", "coverage")
        ),
        "top_skills": _per_section(
            summary,
            lambda s: [{"rank": i, **t} for i, t in enumerate(s["top_skills"], 1)],
            (
                "rank",
                "skill_id",
                "name",
                "share",
                "ci_low",
                "ci_high",
                "mentions",
                "current_postings",
                "previous_share",
                "previous_mentions",
                "previous_postings",
                "change_pts",
                "baseline_share",
                "recent_share",
                "trend_change_pts",
                "q",
                "call",
                "category",
            ),
        ),
        "skill_trends": _per_section(summary, lambda s: s["trends"], TREND_KEYS),
        "emerging_dropped": _per_section(
            summary,
            lambda s: (
                [{"kind": "emerging", **t} for t in s["emerging"]] + [{"kind": "dropped", **t} for t in s["dropped"]]
            ),
            ("kind", *TREND_KEYS),
        ),
        "skill_history": history.select(
            "section", "skill_id", pl.col("period_start").alias("start"), "mentions", "postings", "share"
        ).sort("section", "skill_id", "start"),
        "title_variants": _per_section(
            summary,
            lambda s: s["titles"]["top"],
            (
                "variant",
                "title",
                "current",
                "recent_share",
                "baseline_share",
                "recent_mentions",
                "baseline_mentions",
                "change_pts",
                "q",
                "call",
                "category",
            ),
        ),
        "seniority": _per_section(summary, lambda s: s["seniority"], mix_keys),
        "work_mode": _per_section(summary, lambda s: s["remote"]["values"], mix_keys),
        "pay": _per_section(
            summary,
            lambda s: s["salary"]["by_seniority"],
            ("seniority", "currency", "disclosed", "median", "p25", "p75", "min", "max"),
        ),
        "pay_disclosure": _per_section(
            summary, lambda s: s["salary"]["disclosure"], ("seniority", "postings", "disclosed", "share")
        ),
        "article_check": _per_section(
            summary, article, ("in_article", "skill_id", "name", "recent_share", "recent_rank", "call", "category")
        ),
        "companies": _per_section(summary, lambda s: s["top_companies"], ("label", "postings")),
        "sources": _frame(sources(), source_keys),
        "rejects": _frame(
            summary["quality"]["rejects"]["by_reason"], ("source", "reason", "rejects", "last_rejected_at")
        ),
        "flags": _frame([{"flag": f} for f in summary["quality"]["flags"]], ("flag",)),
    }


def inert_for_spreadsheets(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would evaluate as a formula, made plain text ('=… → \'=…)."""
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, dtype in frame.schema.items()
        if dtype == pl.String
    )


def write_tables(tables: dict[str, pl.DataFrame], folder: Path) -> list[Path]:
    """`<name>.csv` and `<name>.parquet` per table; files of tables no longer produced are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        clean = frame.with_columns(pl.col(pl.String).str.replace_all(f"[{BIDI_CONTROLS}]", ""))
        for suffix, write in ((".csv", inert_for_spreadsheets(clean).write_csv), (".parquet", clean.write_parquet)):
            path = folder / f"{name}{suffix}"
            partial = path.with_name(path.name + ".partial")
            write(partial)
            partial.replace(path)
            written.append(path)
    for stale in set(folder.iterdir()) - set(written):
        if stale.suffix in (".csv", ".parquet"):
            stale.unlink()
    return written
