"""`jobpulse reprocess`: re-derive roles and skills of stored postings after a taxonomy change.

Postings keep their title, company and normalized text, so nothing is re-crawled: rows whose
`taxonomy_version` differs from the current one (or all, with force) are re-derived.

Set-based, in two phases inside one transaction (a failure changes nothing):
1. one scan streams the stale postings in batches; each batch is re-derived and its rows written to
   Parquet files in a temporary folder (no write to the warehouse, so the scan is never re-run and
   memory holds one batch);
2. one statement per table applies them all: an UPDATE of the postings' derived columns, and each
   of the skill and role tables loses the stale postings' rows and gains the new ones.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipeline.normalize.batch import TAXONOMY_COLUMNS, NormalizedBatch, derive_taxonomy
from pipeline.warehouse_load import prepare_for_load
from warehouse.seed import sync_taxonomy
from warehouse.taxonomy import TAXONOMY_VERSION

# Its one transaction deletes and re-inserts the skill and role rows of every stale posting, and DuckDB
# keeps the primary-key index it changes in memory: at 1,000,000 postings the DELETE ran out of a 512 MB
# limit. DuckDB's default (80% of RAM) would let its block cache grow with the warehouse instead.
REPROCESS_MEMORY_LIMIT = "4GB"


@dataclass(frozen=True)
class ReprocessResult:
    postings: int
    version: str


def reprocess(
    con: duckdb.DuckDBPyConnection,
    *,
    force: bool = False,
    batch_size: int = 20_000,  # as ingest's: re-deriving 50,000 at once took the process past 2 GB
    progress: Callable[[str], None] | None = None,
) -> ReprocessResult:
    """Bring every posting's derived columns and skills up to the current taxonomy, in one transaction."""
    prepare_for_load(con, memory_limit=REPROCESS_MEMORY_LIMIT)
    with tempfile.TemporaryDirectory(prefix="jobpulse-reprocess-") as tmp:
        parts = Path(tmp)
        con.execute("BEGIN")
        try:
            sync_taxonomy(con)
            done = _derive_stale(con, parts, force=force, batch_size=batch_size, progress=progress)
            if done:
                _apply(con, *(_parts(parts, name) for name in ("postings", "skills", "roles")))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return ReprocessResult(done, TAXONOMY_VERSION)


def _derive_stale(
    con: duckdb.DuckDBPyConnection,
    parts: Path,
    *,
    force: bool,
    batch_size: int,
    progress: Callable[[str], None] | None,
) -> int:
    """Phase 1: the stale postings, re-derived a batch at a time into Parquet parts; returns how many."""
    stale = "TRUE" if force else "taxonomy_version IS DISTINCT FROM ?"
    reader = con.sql(
        f"SELECT posting_id, source, title, company, description_text FROM postings WHERE {stale}",
        params=[] if force else [TAXONOMY_VERSION],
    ).to_arrow_reader(batch_size)
    done = 0
    for number, arrow in enumerate(reader):
        batch = pl.from_arrow(arrow)
        if batch.is_empty():
            continue
        derived = derive_taxonomy(batch)
        derived.postings.select("posting_id", *TAXONOMY_COLUMNS).write_parquet(parts / f"postings-{number}.parquet")
        derived.posting_skills.write_parquet(parts / f"skills-{number}.parquet")
        derived.posting_roles.write_parquet(parts / f"roles-{number}.parquet")
        done += batch.height
        if progress:
            progress(f"{done:,} postings re-derived")
    return done


def _apply(con: duckdb.DuckDBPyConnection, postings: str, skills: str, roles: str) -> None:
    """Phase 2: one statement per change. Each argument is a table expression: a registered frame, or
    `read_parquet('…')` of every part at once."""
    con.execute(
        "UPDATE postings SET "
        + ", ".join(f"{c} = r.{c}" for c in TAXONOMY_COLUMNS)
        + f" FROM {postings} r WHERE postings.posting_id = r.posting_id"
    )
    for table, derived, columns in (("posting_skills", skills, "posting_id, skill_id"), ("posting_roles", roles, "*")):
        con.execute(f"DELETE FROM {table} WHERE posting_id IN (SELECT posting_id FROM {postings})")
        con.execute(f"INSERT INTO {table} BY NAME SELECT {columns} FROM {derived}")


def _parts(parts: Path, name: str) -> str:
    return "read_parquet('" + str(parts / f"{name}-*.parquet").replace("'", "''") + "')"


def apply_derived(con: duckdb.DuckDBPyConnection, derived: NormalizedBatch) -> None:
    """Write re-derived columns, skills and roles over those of the same postings (one page of the
    partitioned reprocess, pipeline/partitioned_reprocess.py)."""
    con.register("reprocessed", derived.postings.select("posting_id", *TAXONOMY_COLUMNS).to_arrow())
    con.register("reprocessed_skills", derived.posting_skills.to_arrow())
    con.register("reprocessed_roles", derived.posting_roles.to_arrow())
    try:
        _apply(con, "reprocessed", "reprocessed_skills", "reprocessed_roles")
    finally:
        con.unregister("reprocessed")
        con.unregister("reprocessed_skills")
        con.unregister("reprocessed_roles")
