"""Every table of a warehouse as sorted rows, leaving out the columns a test names (to compare two
warehouses built the same way at different times: run ids and timestamps differ, nothing else may)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def every_table(db_path: Path, leave_out: dict[str, set[str]], folder: Path | None = None) -> dict[str, list[tuple]]:
    """{table: its rows sorted}, without the columns `leave_out` names per table; `folder`, where
    a text holds it (landing file paths), reads `<folder>`."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        snapshot = {}
        for table in tables:
            columns = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]
                ).fetchall()
                if c not in leave_out.get(table, set())
            ]
            # A table whose every column is left out is compared by its number of rows.
            rows = con.execute(f"SELECT {', '.join(columns) or 'count(*)'} FROM {table}").fetchall()
            if folder is not None:
                rows = [tuple(_without(v, str(folder)) for v in row) for row in rows]
            snapshot[table] = sorted(rows, key=repr)
        return snapshot
    finally:
        con.close()


def _without(value: object, folder: str) -> object:
    return value.replace(folder, "<folder>") if isinstance(value, str) else value
