"""Publish the warehouse atomically, so analysts can read it while a run writes.

DuckDB lets one process write a database file, and while it does no other process may open that
file, not even to read. So a run never writes the *published* file. It copies it to a staging file
next to it (or starts empty), writes the copy, checkpoints it, and renames it over the published
path with `os.replace` — atomic on one filesystem. A reader that opened the old file keeps reading
it (its inode lives until closed), the next reader opens the new one, and nobody sees half a run.
A run that fails removes its copy: the published file stays exactly as it was.

Only one run may stage a given warehouse at a time (a lock file beside it); a second one fails
fast with `PublishBusy` rather than publish a copy that misses the first run's work.

The copy costs the size of the warehouse on every write (a reflink clone, where the filesystem
has them, costs next to nothing). A one-shot write (`publish_after`: ingest, import, `sql --write`)
therefore writes the published file in place when no reader holds it (pipeline/publish_in_place.py:
atomic through DuckDB's own storage, readers that arrive meanwhile read the state before it) and
copies only when a reader is there, or when its caller asks (large loads and reprocess, whose
changes would wait in memory: pipeline/published_loads.py). The weekly run stays on the copy: its
crawl keeps the write open for as long as the sources take, so readers would meet it.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from pipeline.publish_in_place import CannotWriteInPlace, remove_killed_write, write_in_place
from warehouse.db import CLI_STORAGE_VERSION, NO_EXTENSION_LOADING, connect

T = TypeVar("T")

STAGING_MARK = ".staging-"


class PublishBusy(RuntimeError):
    """Another run is already writing a staging copy of this warehouse."""


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>\S+) \(PID (?P<pid>\d+)\)")


def lock_conflict(exc: BaseException, db_path: str | Path) -> str | None:
    """One line for a user when `exc` is DuckDB refusing a file another process holds open (who
    holds it and what to do), else None."""
    text = str(exc)
    if "Could not set lock on file" not in text:
        return None
    holder = _LOCK_HOLDER.search(text)
    who = f"{Path(holder['program']).name} (PID {holder['pid']})" if holder else "another process"
    return f"{db_path} is held open by {who}; close that session or wait for it to finish, then try again"


@contextmanager
def staged(db_path: str | Path) -> Iterator[Path]:
    """Yield a private writable copy of the warehouse; publish it if the block succeeds.

    On success the copy is checkpointed (so it needs no WAL) and renamed over `db_path`. On any
    exception it is deleted and the exception propagates. Close every connection to the staging
    path before the block ends."""
    db_path = Path(db_path).absolute()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db_path), _staging(db_path) as staging:
        yield staging


@contextmanager
def _staging(db_path: Path) -> Iterator[Path]:
    # staged() without the writer lock, which the caller holds.
    _remove_leftovers(db_path)
    # A name of its own per run: DuckDB caches open databases by path within a process.
    staging = db_path.with_name(f"{db_path.name}{STAGING_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        copy_published(db_path, staging)
        yield staging
        _checkpoint(staging)
    except BaseException:
        _remove_database(staging)
        raise
    os.replace(staging, db_path)
    _fsync_dir(db_path.parent)
    # A WAL beside the published file belonged to the file just replaced (its content was
    # copied into the staging file before the run); left there it would be replayed onto ours.
    _wal(db_path).unlink(missing_ok=True)


def copy_published(db_path: Path, staging: Path) -> None:
    """Start the staging file from the published one (or leave it absent: connect() creates it).

    A file in a storage format the DuckDB CLI cannot read (written before jobpulse pinned the
    format) is rebuilt table by table into the readable format instead of copied byte for byte."""
    if not db_path.exists():
        return
    con = duckdb.connect(config=NO_EXTENSION_LOADING)
    try:
        con.execute(f"ATTACH {_literal(db_path)} AS published (READ_ONLY)")
        ((tags,),) = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'published'").fetchall()
        if tags.get("storage_version", "").startswith(CLI_STORAGE_VERSION):
            con.execute("DETACH published")
            clone_or_copy(db_path, staging)
            if _wal(db_path).exists():  # left by a writer that stopped before checkpointing
                shutil.copyfile(_wal(db_path), _wal(staging))
            return
        con.execute(f"ATTACH {_literal(staging)} AS staging (STORAGE_VERSION '{CLI_STORAGE_VERSION}')")
        con.execute("COPY FROM DATABASE published TO staging")
    finally:
        con.close()


FICLONE = 0x40049409  # linux/fs.h: the target shares the source's blocks, copied on write


def clone_or_copy(source: Path, target: Path) -> str:
    """Copy a file: a reflink clone where the filesystem shares blocks (XFS, Btrfs; instant, whatever
    the size), else a byte copy (ext4, tmpfs refuse the clone). Returns "clone" or "copy"."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
            return "clone"
        except OSError:
            pass  # EOPNOTSUPP, EXDEV, ENOTTY (another system): copy instead
    shutil.copyfile(source, target)
    return "copy"


def _checkpoint(staging: Path) -> None:
    con = connect(staging)  # also creates the file (with the schema) when the run wrote nothing
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = _wal(staging)
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError(f"{staging} still has a write-ahead log: a connection to it is still open")
    wal.unlink(missing_ok=True)


@contextmanager
def _writer_lock(db_path: Path) -> Iterator[None]:
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishBusy(
                f"another run is writing {db_path} (it holds {lock_path}); try again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_leftovers(db_path: Path) -> None:
    # Staging files (and an in-place link) of runs that were killed; we hold the lock, so no live run owns one.
    for leftover in db_path.parent.glob(f"{db_path.name}{STAGING_MARK}*"):
        leftover.unlink(missing_ok=True)
    remove_killed_write(db_path)


def _remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    _wal(path).unlink(missing_ok=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"  # ATTACH takes no bound parameters


def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse file read-write; the message says who and what to do."""


def publish_after(db_path: str | Path, load: Callable[[duckdb.DuckDBPyConnection], T], *, copy: bool = False) -> T:
    """Run `load(con)` on the warehouse and publish it atomically, so readers never fail or see
    half a load, and a failed load leaves the published file as it was: in place when no reader
    holds the file, else (or with `copy`) on a staging copy.

    The one way a one-shot write (ingest, import, reprocess, `sql --write`) reaches the warehouse;
    the weekly flow stages its whole run on a copy (`staged`)."""
    db_path = Path(db_path).absolute()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _writer_lock(db_path):
            if not copy:
                try:
                    return write_in_place(db_path, load)
                except CannotWriteInPlace:
                    pass
            with _staging(db_path) as staging:
                con = connect(staging)
                try:
                    return load(con)
                finally:
                    con.close()
    except PublishBusy:
        raise
    except Exception as exc:
        raise_if_locked(exc, db_path)
        raise


def raise_if_locked(exc: BaseException, db_path: str | Path) -> None:
    """Turn DuckDB's lock error for `db_path` into WarehouseLocked (one line); leave others alone."""
    message = lock_conflict(exc, db_path)
    if message:
        raise WarehouseLocked(message) from None
