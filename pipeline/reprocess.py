"""`jobpulse reprocess`: re-derive roles and skills of stored postings after a taxonomy change.

Postings keep their title, company and normalized text, so nothing is re-crawled: rows whose
`taxonomy_version` differs from the current one (or all, with force) are re-derived in batches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from pipeline.normalize.batch import TAXONOMY_COLUMNS, NormalizedBatch, derive_taxonomy
from warehouse.seed import sync_taxonomy
from warehouse.taxonomy import TAXONOMY_VERSION


@dataclass(frozen=True)
class ReprocessResult:
    postings: int
    version: str


def reprocess(
    con: duckdb.DuckDBPyConnection,
    *,
    force: bool = False,
    batch_size: int = 50_000,
    progress: Callable[[str], None] | None = None,
) -> ReprocessResult:
    """Bring every posting's derived columns and skills up to the current taxonomy, in one transaction."""
    stale = "TRUE" if force else "taxonomy_version IS DISTINCT FROM ?"
    params = [] if force else [TAXONOMY_VERSION]
    done, last_id = 0, ""
    con.execute("BEGIN")
    try:
        sync_taxonomy(con)
        while True:
            # Keyset paging: rows already brought up to date are not selected twice.
            batch = con.sql(
                f"""SELECT posting_id, source, title, company, description_text FROM postings
                    WHERE {stale} AND posting_id > ? ORDER BY posting_id LIMIT {int(batch_size)}""",
                params=[*params, last_id],
            ).pl()
            if batch.is_empty():
                break
            apply_derived(con, derive_taxonomy(batch))
            done += batch.height
            last_id = batch["posting_id"][-1]
            if progress:
                progress(f"{done:,} postings re-derived")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return ReprocessResult(done, TAXONOMY_VERSION)


def apply_derived(con: duckdb.DuckDBPyConnection, derived: NormalizedBatch) -> None:
    """Write re-derived columns, skills and roles over those of the same postings."""
    con.register("reprocessed", derived.postings.select("posting_id", *TAXONOMY_COLUMNS).to_arrow())
    con.register("reprocessed_skills", derived.posting_skills.to_arrow())
    con.register("reprocessed_roles", derived.posting_roles.to_arrow())
    try:
        con.execute(
            "UPDATE postings SET "
            + ", ".join(f"{c} = r.{c}" for c in TAXONOMY_COLUMNS)
            + " FROM reprocessed r WHERE postings.posting_id = r.posting_id"
        )
        con.execute("DELETE FROM posting_skills WHERE posting_id IN (SELECT posting_id FROM reprocessed)")
        con.execute("INSERT INTO posting_skills SELECT posting_id, skill_id FROM reprocessed_skills")
        con.execute("DELETE FROM posting_roles WHERE posting_id IN (SELECT posting_id FROM reprocessed)")
        con.execute("INSERT INTO posting_roles BY NAME SELECT * FROM reprocessed_roles")
    finally:
        con.unregister("reprocessed")
        con.unregister("reprocessed_skills")
        con.unregister("reprocessed_roles")
