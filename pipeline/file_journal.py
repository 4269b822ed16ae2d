"""Undo journal for one landing file: nothing of a file that fails is left in the warehouse.

A big file loads in batches, each committed on its own, because DuckDB keeps a transaction's
changes in memory until it commits (measured: ~3 KB per posting, so one transaction per file would
need gigabytes at a million postings). To still make a file all-or-nothing, each batch first
journals, in the same transaction, what it is about to change: the prior rows of postings it will
update (with their skills and roles), and which postings and sightings it adds. A file that fails
is rolled back from the journal in one transaction (`undo`); a file that succeeds drops it
(`finish`). The journal is a set of ordinary tables, committed with the batches, so a load killed
half-way is undone by the next ingest (`recover`) instead of staying half in the warehouse. They
exist only while a file loads (published warehouses never hold them) and are copied from the live
tables' columns each time, so they always match the schema.
"""

from __future__ import annotations

import duckdb

# (journal table, the table whose prior rows it keeps)
PRIOR = (
    ("_journal_postings", "postings"),
    ("_journal_posting_skills", "posting_skills"),
    ("_journal_posting_roles", "posting_roles"),
)
ADDED = "_journal_added"  # kind 'posting' | 'sighting', posting_id, run_id (for sightings)
RUN = "_journal_run"  # the ingest run whose rejects the file wrote
TABLES = (*(journal for journal, _ in PRIOR), ADDED, RUN)

_ADDED_POSTINGS = f"SELECT posting_id FROM {ADDED} WHERE kind = 'posting'"
_TOUCHED = f"SELECT posting_id FROM _journal_postings UNION ALL {_ADDED_POSTINGS}"


def begin(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Start an empty journal for the file loaded by ingest run `run_id`."""
    drop(con)
    for journal, table in PRIOR:
        con.execute(f"CREATE TABLE {journal} AS SELECT * FROM {table} LIMIT 0")
    con.execute(f"CREATE TABLE {ADDED} (kind VARCHAR NOT NULL, posting_id VARCHAR NOT NULL, run_id VARCHAR)")
    con.execute(f"CREATE TABLE {RUN} AS SELECT ?::VARCHAR AS run_id", [run_id])


def record(con: duckdb.DuckDBPyConnection, crawl_run: str) -> None:
    """Before a batch (registered as `batch_postings`) is upserted: journal what it will change.
    Only a posting's state before the file counts, so a posting already journaled is skipped."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _journal_batch AS
        SELECT p.posting_id FROM postings p SEMI JOIN batch_postings b USING (posting_id)
        ANTI JOIN _journal_postings j USING (posting_id) ANTI JOIN ({_ADDED_POSTINGS}) a USING (posting_id)""")
    for journal, table in PRIOR:
        con.execute(f"INSERT INTO {journal} SELECT t.* FROM {table} t SEMI JOIN _journal_batch USING (posting_id)")
    con.execute(f"""
        INSERT INTO {ADDED} SELECT DISTINCT 'posting', b.posting_id, NULL FROM batch_postings b
        ANTI JOIN postings p USING (posting_id) ANTI JOIN ({_ADDED_POSTINGS}) a USING (posting_id)""")
    con.execute(
        f"""
        INSERT INTO {ADDED} SELECT DISTINCT 'sighting', b.posting_id, ?::VARCHAR FROM batch_postings b
        ANTI JOIN (SELECT posting_id FROM sightings WHERE run_id = ?) s USING (posting_id)""",
        [crawl_run, crawl_run],
    )
    con.execute("DROP TABLE _journal_batch")


def undo(con: duckdb.DuckDBPyConnection) -> None:
    """Put back everything the journaled file changed, and drop the journal (call inside a
    transaction, after the failed batch's own transaction was rolled back)."""
    if not exists(con):
        return  # the file failed before its journal began: it changed nothing
    for _, table in reversed(PRIOR):
        con.execute(f"DELETE FROM {table} WHERE posting_id IN ({_TOUCHED})")
    for journal, table in PRIOR:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {journal}")
    con.execute(
        f"DELETE FROM sightings s USING {ADDED} a "
        "WHERE a.kind = 'sighting' AND s.run_id = a.run_id AND s.posting_id = a.posting_id"
    )
    con.execute(f"DELETE FROM rejects WHERE run_id IN (SELECT run_id FROM {RUN})")
    drop(con)


def recover(con: duckdb.DuckDBPyConnection) -> str | None:
    """Undo a file whose load was killed half-way (its journal is still here); returns the
    interrupted ingest run's id, or None when there was nothing to undo."""
    if not exists(con):
        return None
    ((run_id,),) = con.execute(f"SELECT any_value(run_id) FROM {RUN}").fetchall()
    undo(con)
    return run_id


def exists(con: duckdb.DuckDBPyConnection) -> bool:
    ((count,),) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ?",
        [RUN],
    ).fetchall()
    return count > 0


def drop(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
