"""Write the published warehouse in place when no reader holds it: no copy, so a small write costs
what it writes, not the size of the warehouse (the reader side: warehouse/in_place_reads.py).

Atomicity comes from DuckDB's own storage, held back until the write is done. The writer opens the
file through a hard link (`<db>.writing`), so its write-ahead log is `<db>.writing.wal`, a name
no one else replays. Automatic checkpoints and optimistic writes of large appends are off, so every
commit of the write (ingest commits each batch) goes to that log and the file's bytes stay those
of the published state until the one checkpoint at the end, which DuckDB makes atomic (new blocks
first, then the header). So:

- a write that fails detaches without checkpointing and deletes its log: the file is byte for
  byte as it was;
- a write that is killed leaves the link and its log, which nothing reads; readers open the file
  as published, and the next write deletes both;
- a reader that meets the write reads the state before it (warehouse/in_place_reads.py).

DuckDB decides whether a reader is present: the write's ATTACH takes the file's lock, and fails
when a reader's shared lock is on it. That lock is per process, so a reader in the writing process
itself is looked for among the process's open files. When there is a reader (and for a first
write, a write-ahead log left beside the published file, or a file in an older storage format)
the caller copies instead (pipeline/publish.py). The price of holding checkpoints back: what the
write changed stays with DuckDB (in memory; its temporary folder is `<db>.writing.tmp/`) until the
end: measured, +100–130 MiB peak for 30,000 postings imported into 1,000,000 (README, Ingest speed).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from warehouse.db import CLI_STORAGE_VERSION, NO_EXTENSION_LOADING, apply_views, migrate
from warehouse.in_place_reads import (
    freeze_headers,
    frozen,
    headers,
    published_headers,
    remove_reader_leftovers,
    writing_in_place,
    writing_link,
)

T = TypeVar("T")

# A checkpoint would write the file before the write is over; none happens until we ask for it.
HOLD_CHECKPOINTS = {
    **NO_EXTENSION_LOADING,
    "checkpoint_threshold": "1000TB",
    "auto_checkpoint_skip_wal_threshold": 2**62,
    "enable_optimistic_write": False,
}


class CannotWriteInPlace(Exception):
    """The write must go to a copy; the message says why (for logs and tests)."""


def write_in_place(db_path: Path, load: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run `load(con)` on the published file itself and checkpoint it once at the end; undo it all
    if `load` raises. CannotWriteInPlace before anything is written when the file needs a copy.

    Call holding the writer lock (pipeline/publish.py), so no other write runs beside this one."""
    if not db_path.exists():
        raise CannotWriteInPlace("no published warehouse yet")
    if _wal(db_path).exists():
        raise CannotWriteInPlace("a write-ahead log beside the published file")  # replayed by the copy
    if _open_in_this_process(db_path):
        # DuckDB's lock is per process: it would let us write under our own reader's feet.
        raise CannotWriteInPlace("this process holds the published file open")
    with writing_in_place(db_path):
        return _write(db_path, load)


def _write(db_path: Path, load: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    link = writing_link(db_path)
    remove_killed_write(db_path)
    freeze_headers(db_path)
    try:
        link.hardlink_to(db_path)  # before the lock is taken: a reader that meets the lock finds the link
    except OSError as exc:
        raise CannotWriteInPlace(f"no hard link here ({exc.strerror})") from None
    try:
        con, name = _attach(link)
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    try:
        migrate(con)
        apply_views(con)
        result = load(con)
    except BaseException as exc:
        _detach(con, name)
        remove_killed_write(db_path)
        if headers(db_path) != published_headers(db_path):
            raise RuntimeError(
                f"the write checkpointed {db_path} before it failed: what it committed until then stays"
            ) from exc
        raise
    with frozen(db_path, exclusive=True):  # waits for readers copying the old state
        con.execute(f"CHECKPOINT {_identifier(name)}")
        _detach(con, name)
        if _wal(link).exists() and _wal(link).stat().st_size > 0:
            raise RuntimeError(f"{link} still has a write-ahead log after its checkpoint")
        remove_killed_write(db_path)
        remove_reader_leftovers(db_path)
    return result


def remove_killed_write(db_path: Path) -> None:
    """The link, log and spill folder of an in-place write that ended; call holding the writer lock."""
    link = writing_link(db_path)
    _wal(link).unlink(missing_ok=True)
    shutil.rmtree(link.with_name(link.name + ".tmp"), ignore_errors=True)
    link.unlink(missing_ok=True)


def _open_in_this_process(db_path: Path) -> bool:
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return True  # no way to tell here: assume so, and copy
    target = db_path.stat()
    for fd in fds.iterdir():
        try:
            held = fd.stat()
        except OSError:
            continue  # closed since it was listed (the listing's own descriptor, for one)
        if (held.st_dev, held.st_ino) == (target.st_dev, target.st_ino):
            return True
    return False


def _attach(link: Path) -> tuple[duckdb.DuckDBPyConnection, str]:
    # DuckDB's temporary folder beside the file, as for a file it opens itself (an instance without
    # a file of its own would use `.tmp` in the working directory).
    config = {**HOLD_CHECKPOINTS, "temp_directory": str(link.with_name(link.name + ".tmp"))}
    con = duckdb.connect(config=config)
    try:
        con.execute("SET checkpoint_on_detach = 'DISABLED'")  # a failed write detaches without writing
        con.execute("SET TimeZone = 'UTC'")  # as warehouse.db.connect: timestamps are naive UTC
        try:
            con.execute(f"ATTACH {_literal(link)}")
        except duckdb.Error as exc:
            if "Could not set lock" in str(exc):
                raise CannotWriteInPlace("a reader holds the published file") from None
            raise
        ((name, tags),) = con.execute(
            "SELECT database_name, tags FROM duckdb_databases() WHERE path = ?", [str(link)]
        ).fetchall()
        if not tags.get("storage_version", "").startswith(CLI_STORAGE_VERSION):
            con.execute(f"DETACH {_identifier(name)}")
            raise CannotWriteInPlace("the file is in an older storage format; a copy rewrites it")
        con.execute(f"USE {_identifier(name)}")
    except BaseException:
        con.close()
        raise
    return con, name


def _detach(con: duckdb.DuckDBPyConnection, name: str) -> None:
    try:
        try:
            con.execute("ROLLBACK")  # a load that raised inside its own BEGIN
        except duckdb.TransactionException:
            pass  # none was open
        con.execute("USE memory")
        con.execute(f"DETACH {_identifier(name)}")
    finally:
        con.close()


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"  # ATTACH takes no bound parameters


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
