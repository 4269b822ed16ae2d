"""Export the warehouse as Parquet: a directory per table, hive-partitioned by period and source.

`<dir>/postings/month=2026-11/source=greenhouse/data_0.parquet` and so on: engines that read hive
partitions (DuckDB, Polars, Spark, Athena) get `month` and `source` back as columns and skip the
partitions a query filters out. A posting's month is that of posted_at (first_seen when the source
gives no date), the same date the views count it by; a posting's skills, roles and sightings are
filed under their posting's month and source, so one partition holds everything about its postings.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from warehouse.db import connect

_POSTING_MONTH = "strftime(coalesce(p.posted_at, p.first_seen), '%Y-%m')"

# Table → (query giving its rows plus the partition columns, partition columns). Constants only.
EXPORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "postings": (f"SELECT p.*, {_POSTING_MONTH} AS month FROM postings p", ("month", "source")),
    "posting_skills": (
        f"SELECT s.*, {_POSTING_MONTH} AS month, p.source FROM posting_skills s JOIN postings p USING (posting_id)",
        ("month", "source"),
    ),
    "posting_roles": (
        f"SELECT r.*, {_POSTING_MONTH} AS month, p.source FROM posting_roles r JOIN postings p USING (posting_id)",
        ("month", "source"),
    ),
    "sightings": (
        "SELECT s.*, strftime(s.seen_at, '%Y-%m') AS month, p.source "
        "FROM sightings s JOIN postings p USING (posting_id)",
        ("month", "source"),
    ),
    "board_crawls": ("SELECT *, strftime(crawled_at, '%Y-%m') AS month FROM board_crawls", ("month", "source")),
    "rejects": ("SELECT *, strftime(rejected_at, '%Y-%m') AS month FROM rejects", ("month", "source")),
    "runs": ("SELECT *, strftime(started_at, '%Y-%m') AS month FROM runs", ("month", "source")),
    "loaded_files": ("SELECT *, strftime(loaded_at, '%Y-%m') AS month FROM loaded_files", ("month",)),
    # Small lookups: one file each.
    "skills": ("SELECT * FROM skills", ()),
    "roles": ("SELECT * FROM roles", ()),
    "schema_version": ("SELECT * FROM schema_version", ()),
}


@dataclass(frozen=True)
class ExportedTable:
    table: str
    rows: int
    files: int
    path: Path
    partitioned_by: tuple[str, ...]


def export_parquet(db_path: str | Path, out_dir: str | Path) -> list[ExportedTable]:
    """Write every table under `out_dir/<table>/`, replacing what a previous export left there.

    An empty table still gets one (empty) file, so readers find its columns; a table an older
    warehouse does not have yet is skipped."""
    out_dir = Path(out_dir).absolute()
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(db_path, read_only=True)  # one connection: every table from the same snapshot
    try:
        present = {
            t
            for (t,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
        }
        exported = []
        for table, (query, partitions) in EXPORTS.items():
            if table not in present:
                continue
            target = out_dir / table
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            rows = 0
            if partitions:
                ((rows,),) = con.execute(
                    f"COPY ({query}) TO {_literal(target)} (FORMAT parquet, PARTITION_BY ({', '.join(partitions)}))"
                ).fetchall()
            if not rows:
                ((rows,),) = con.execute(
                    f"COPY ({query}) TO {_literal(target / 'data_0.parquet')} (FORMAT parquet)"
                ).fetchall()
            files = sum(1 for _ in target.rglob("*.parquet"))
            exported.append(ExportedTable(table, int(rows), files, target, partitions if rows else ()))
        return exported
    finally:
        con.close()


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"  # COPY takes no bound parameter for its target
