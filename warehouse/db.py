"""The single way to open the warehouse: `connect()` creates or upgrades the schema on write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.in_place_reads import open_beside_writer

MIGRATIONS = resources.files("warehouse") / "migrations"
VIEWS = resources.files("warehouse") / "views.sql"
# New files are written in the storage format of DuckDB 1.5 so the PyPI `duckdb-cli` (1.5.x) and
# tools on an older DuckDB can open them; DuckDB keeps a file's format for its whole life.
CLI_STORAGE_VERSION = "v1.5.0"
# No connection of ours downloads or loads an extension behind the user's back (a query naming an
# unknown function must fail, not fetch code); what the product needs is built into the wheel.
NO_EXTENSION_LOADING = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class WarehouseMissing(FileNotFoundError):
    """Raised when a read-only connection is asked for a warehouse file that does not exist."""


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; a writable connection first applies any pending migrations."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise WarehouseMissing(f"no warehouse at {path} (run `jobpulse demo` or `jobpulse ingest` first)")
        # A write in place holds the file for a moment; the reader gets the state before it, not an error.
        return _utc(open_beside_writer(path, _open_read_only))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        create_file(path)
    con = _utc(duckdb.connect(str(path), config=NO_EXTENSION_LOADING))
    try:
        migrate(con)
        apply_views(con)
    except BaseException:
        con.close()  # an open connection would keep the file locked for the rest of the process
        raise
    return con


def _open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=NO_EXTENSION_LOADING)


def create_file(path: Path, storage_version: str = CLI_STORAGE_VERSION) -> None:
    """Create an empty database file in the given storage format (a connect() option cannot: the
    format is chosen by ATTACH, and a config option would have to match on every later connect)."""
    literal = "'" + str(path).replace("'", "''") + "'"  # ATTACH takes no bound parameters
    with duckdb.connect(config=NO_EXTENSION_LOADING) as boot:
        boot.execute(f"ATTACH {literal} AS fresh (STORAGE_VERSION '{storage_version}')")
        boot.execute("DETACH fresh")


def storage_version(con: duckdb.DuckDBPyConnection) -> str:
    """The storage format of the connection's file, e.g. 'v1.5.0+' or 'v2.0.0+'."""
    ((tags,),) = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    return tags.get("storage_version", "")


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view and table macro; they hold no data, so they are replaced, not migrated."""
    con.execute("BEGIN")
    try:
        con.execute(VIEWS.read_text())
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _utc(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    # Every timestamp in the warehouse is naive UTC; now() must agree whatever the machine's zone.
    con.execute("SET TimeZone = 'UTC'")
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
    # fetchall, not fetchone: DuckDB 2.0 refuses the next query while a result is unfinished.
    ((version,),) = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()
    return int(version)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the file's version, each in its own transaction."""
    current = schema_version(con)
    for script in sorted(MIGRATIONS.iterdir(), key=lambda p: p.name):
        if not script.name.endswith(".sql"):
            continue
        version = int(script.name.split("_", 1)[0])
        if version <= current:
            continue
        con.execute("BEGIN")
        try:
            con.execute(script.read_text())
            con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, or ROLLBACK when the block raises."""
    con.execute("BEGIN")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
