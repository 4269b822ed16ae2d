"""Read the warehouse, read-only, into Polars LazyFrames (through Arrow) and let go of the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from warehouse.db import connect

# Only the columns the report uses: description_text and raw are most of the file's bytes.
POSTING_COLUMNS = ("posting_id", "role", "specialism", "focus", "title", "company", "posted_at", "first_seen")
POSTING_SKILL_COLUMNS = ("posting_id", "skill_id")
SKILL_COLUMNS = ("skill_id", "name", "category")
ROLE_COLUMNS = ("role_id", "name", "kind", "parent_role")

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "postings": {
        "posting_id": pl.String(),
        "role": pl.String(),
        "specialism": pl.String(),
        "focus": pl.String(),
        "title": pl.String(),
        "company": pl.String(),
        "posted_at": pl.Datetime("us"),
        "first_seen": pl.Datetime("us"),
    },
    "posting_skills": {"posting_id": pl.String(), "skill_id": pl.String()},
    "skills": {"skill_id": pl.String(), "name": pl.String(), "category": pl.String()},
    "roles": {"role_id": pl.String(), "name": pl.String(), "kind": pl.String(), "parent_role": pl.String()},
}


class NotAWarehouse(ValueError):
    """The file opened, but it does not hold the jobpulse tables."""


@dataclass(frozen=True)
class WarehouseFrames:
    """The four tables the report reads, as LazyFrames over data already in memory."""

    postings: pl.LazyFrame
    posting_skills: pl.LazyFrame
    skills: pl.LazyFrame
    roles: pl.LazyFrame

    @classmethod
    def from_frames(cls, **frames: pl.DataFrame | pl.LazyFrame) -> WarehouseFrames:
        """Build from in-memory frames (tests, notebooks); missing tables are empty."""
        lazy = {}
        for table, schema in SCHEMAS.items():
            frame = frames.get(table)
            frame = pl.DataFrame(schema=schema) if frame is None else frame
            lazy[table] = frame.lazy().select(pl.col(name).cast(dtype) for name, dtype in schema.items())
        return cls(**lazy)


def _table_query(table: str, columns: tuple[str, ...]) -> str:
    # Identifiers come from the constants above, never from input.
    return f"SELECT {', '.join(columns)} FROM {table}"


def load_warehouse(db_path: str | Path) -> WarehouseFrames:
    """Open the DuckDB file read-only, copy the report's columns out through Arrow, close it."""
    con = connect(db_path, read_only=True)
    try:
        present = {name for (name,) in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}
        missing = set(SCHEMAS) - present
        if missing:
            raise NotAWarehouse(f"{db_path} has no {', '.join(sorted(missing))} table(s); is it a jobpulse warehouse?")
        arrow_tables = {
            "postings": con.sql(_table_query("postings", POSTING_COLUMNS)).to_arrow_table(),
            "posting_skills": con.sql(_table_query("posting_skills", POSTING_SKILL_COLUMNS)).to_arrow_table(),
            "skills": con.sql(_table_query("skills", SKILL_COLUMNS)).to_arrow_table(),
            "roles": con.sql(_table_query("roles", ROLE_COLUMNS)).to_arrow_table(),
        }
    finally:
        con.close()
    return WarehouseFrames.from_frames(**{name: pl.from_arrow(table) for name, table in arrow_tables.items()})
