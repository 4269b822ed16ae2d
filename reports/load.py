"""Read the warehouse, read-only, into Polars LazyFrames (through Arrow) and let go of the file.

Only the columns the report uses are read (description_text and raw are most of the file's
bytes). Columns and tables newer than the warehouse file (schema v2: salary_annual_*, country,
cluster_id, posting_roles) read as NULL / empty, so an older warehouse still gets a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from warehouse.db import connect

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "postings": {
        "posting_id": pl.String(),
        "posting_key": pl.UInt64(),  # a 64-bit hash of posting_id: joins millions of skill rows fast
        "source": pl.String(),
        "board": pl.String(),
        "role": pl.String(),
        "specialism": pl.String(),
        "focus": pl.String(),
        "seniority": pl.String(),
        "title": pl.String(),
        "company": pl.String(),
        "remote": pl.String(),
        "salary_min": pl.Float64(),
        "salary_max": pl.Float64(),
        "salary_currency": pl.String(),
        "salary_period": pl.String(),
        "salary_annual_min": pl.Float64(),
        "salary_annual_max": pl.Float64(),
        "cluster_id": pl.String(),
        "posted_at": pl.Datetime("us"),
        "first_seen": pl.Datetime("us"),
    },
    # posting_skills arrives as integer keys (tens of millions of rows join and group far faster
    # on integers than on text); skill_ids maps skill_no back to the skill id.
    "posting_skills": {"posting_key": pl.UInt64(), "skill_no": pl.UInt32()},
    "skill_ids": {"skill_no": pl.UInt32(), "skill_id": pl.String()},
    "skills": {"skill_id": pl.String(), "name": pl.String(), "category": pl.String()},
    "roles": {"role_id": pl.String(), "name": pl.String(), "kind": pl.String(), "parent_role": pl.String()},
    "posting_roles": {
        "posting_id": pl.String(),
        "role": pl.String(),
        "specialism": pl.String(),
        "focus": pl.String(),
        "seniority": pl.String(),
        "title": pl.String(),
    },
    "runs": {
        "run_id": pl.String(),
        "kind": pl.String(),
        "source": pl.String(),
        "started_at": pl.Datetime("us"),
        "status": pl.String(),
        "items": pl.Int64(),
        "loaded": pl.Int64(),
        "rejected": pl.Int64(),
        "detail": pl.String(),  # the JSON text
    },
    # Coverage per period of every kind (period_coverage() rows; the long-horizon trends look at
    # quarters whatever the report's period) and every moment a posting was seen open (the
    # posting_seen view: its date and its crawl sightings), for the active measure.
    "coverage": {"kind": pl.String(), "period_start": pl.Date(), "share": pl.Float64()},
    "seen": {"posting_key": pl.UInt64(), "seen_at": pl.Datetime("us")},
    # Rejects arrive counted by (source, reason): the refused records themselves can be large.
    "rejects": {
        "source": pl.String(),
        "reason": pl.String(),
        "rejects": pl.Int64(),
        "last_rejected_at": pl.Datetime("us"),
    },
}
REQUIRED_TABLES = ("postings", "posting_skills", "skills", "roles")
SQL_TYPES = {pl.String(): "VARCHAR", pl.Float64(): "DOUBLE", pl.Int64(): "BIGINT", pl.Datetime("us"): "TIMESTAMP"}
_SKILL_NUMBERS = (
    "WITH ids AS (SELECT skill_id, CAST(row_number() OVER (ORDER BY skill_id) - 1 AS UINTEGER) AS skill_no "
    "FROM (SELECT DISTINCT skill_id FROM posting_skills)) "
)
QUERIES = {  # tables read with more than a column list
    "rejects": (
        "SELECT source, reason, count(*) AS rejects, max(rejected_at) AS last_rejected_at FROM rejects GROUP BY ALL"
    ),
    "posting_skills": _SKILL_NUMBERS
    + "SELECT hash(p.posting_id) AS posting_key, ids.skill_no FROM posting_skills p JOIN ids USING (skill_id)",
    "skill_ids": _SKILL_NUMBERS + "SELECT skill_no, skill_id FROM ids",
    "coverage": " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, period_start, share FROM period_coverage(period := '{kind}')"
        for kind in ("week", "month", "quarter")
    ),
    "seen": "SELECT hash(posting_id) AS posting_key, seen_at FROM posting_seen",
}
DERIVED = ("skill_ids", "coverage", "seen")  # read through views and macros, not a table of that name


class NotAWarehouse(ValueError):
    """The file opened, but it does not hold the jobpulse tables."""


@dataclass(frozen=True)
class WarehouseFrames:
    """The tables the report reads, as LazyFrames over data already in memory."""

    postings: pl.LazyFrame
    posting_skills: pl.LazyFrame
    skills: pl.LazyFrame
    roles: pl.LazyFrame
    posting_roles: pl.LazyFrame
    runs: pl.LazyFrame
    rejects: pl.LazyFrame
    skill_ids: pl.LazyFrame
    coverage: pl.LazyFrame
    seen: pl.LazyFrame

    @classmethod
    def from_frames(cls, **frames: pl.DataFrame | pl.LazyFrame) -> WarehouseFrames:
        """Build from in-memory frames (tests, notebooks); missing tables and columns are empty/NULL.

        posting_skills may be given as (posting_id, skill_id) text, as the warehouse stores it.
        """
        frames = _with_integer_keys(frames)
        lazy = {}
        for table, schema in SCHEMAS.items():
            frame = frames.get(table)
            frame = pl.LazyFrame(schema=schema) if frame is None else frame.lazy()
            present = set(frame.collect_schema().names())
            lazy[table] = frame.select(
                (pl.col(name) if name in present else pl.lit(None)).cast(dtype).alias(name)
                for name, dtype in schema.items()
            )
        return cls(**lazy)


def _with_integer_keys(frames: dict) -> dict:
    frames = dict(frames)
    if frames.get("postings") is not None and "posting_key" not in frames["postings"].lazy().collect_schema().names():
        frames["postings"] = frames["postings"].lazy().with_columns(posting_key=pl.col("posting_id").hash())
    seen = frames.get("seen")
    if seen is None and frames.get("postings") is not None:  # no sightings given: each posting seen at its date
        seen = (
            frames["postings"]
            .lazy()
            .select(
                "posting_id",
                seen_at=pl.coalesce(
                    *(c for c in ("posted_at", "first_seen") if c in frames["postings"].lazy().collect_schema().names())
                ),
            )
        )
    if seen is not None and "posting_id" in seen.lazy().collect_schema().names():
        frames["seen"] = seen.lazy().select(posting_key=pl.col("posting_id").hash(), seen_at="seen_at")
    skills = frames.get("posting_skills")
    if skills is not None and "skill_id" in skills.lazy().collect_schema().names():
        ids = skills.lazy().select("skill_id").unique().sort("skill_id").with_row_index("skill_no")
        frames["skill_ids"] = ids
        frames["posting_skills"] = (
            skills.lazy().join(ids, on="skill_id").select(posting_key=pl.col("posting_id").hash(), skill_no="skill_no")
        )
    return frames


def _column_sql(name: str, dtype: pl.DataType, present: set[str]) -> str:
    # Identifiers come from SCHEMAS, never from input.
    if name == "posting_key":
        return "hash(posting_id) AS posting_key"
    if name not in present:
        return f"CAST(NULL AS {SQL_TYPES[dtype]}) AS {name}"
    return f"CAST({name} AS VARCHAR) AS {name}" if name == "detail" else name


def _query(table: str, schema: dict[str, pl.DataType], columns: dict[str, set[str]]) -> str:
    if table == "seen" and "posting_seen" not in columns:  # older than the views: each posting seen at its date
        return "SELECT hash(posting_id) AS posting_key, coalesce(posted_at, first_seen) AS seen_at FROM postings"
    return (
        QUERIES.get(table)
        or f"SELECT {', '.join(_column_sql(n, t, columns[table]) for n, t in schema.items())} FROM {table}"
    )


def load_warehouse(db_path: str | Path) -> WarehouseFrames:
    """Open the DuckDB file read-only, copy the report's columns out through Arrow, close it."""
    con = connect(db_path, read_only=True)
    try:
        rows = con.sql("SELECT table_name, column_name FROM information_schema.columns").fetchall()
        columns: dict[str, set[str]] = {}
        for table, column in rows:
            columns.setdefault(table, set()).add(column)
        missing = [t for t in REQUIRED_TABLES if t not in columns]
        if missing:
            raise NotAWarehouse(f"{db_path} has no {', '.join(missing)} table(s); is it a jobpulse warehouse?")
        arrow_tables = {}
        for table, schema in SCHEMAS.items():
            if table not in columns and table not in DERIVED:
                continue  # an optional table the file predates: from_frames makes it empty
            if table == "coverage" and "posting_seen" not in columns:
                continue  # a file older than the coverage views (opened read-only, so never upgraded)
            arrow_tables[table] = con.sql(_query(table, schema, columns)).to_arrow_table()
    finally:
        con.close()
    return WarehouseFrames.from_frames(**{name: pl.from_arrow(table) for name, table in arrow_tables.items()})
