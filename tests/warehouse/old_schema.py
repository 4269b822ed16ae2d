"""A warehouse as jobpulse wrote it at an older schema version, for the tests of each upgrade."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.db import MIGRATIONS


def warehouse_at_version(path: Path, version: int, applied_at: datetime) -> duckdb.DuckDBPyConnection:
    """A new file with migrations 001…`version` applied and recorded in `schema_version`, open so the
    test can add the rows it upgrades (the caller closes it)."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
    for script in sorted(Path(str(MIGRATIONS)).glob("*.sql")):
        number = int(script.name.split("_", 1)[0])
        if number <= version:
            con.execute(script.read_text())
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, applied_at])
    return con
