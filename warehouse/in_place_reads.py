"""Reading the warehouse while a write changes it in place (the writer: pipeline/publish_in_place.py).

A write that finds no reader holding the published file writes that file itself, through a hard
link named `<db>.writing`, instead of copying it. DuckDB then refuses every other process the
file, readers included. The writer keeps every change in its write-ahead log beside the link and
leaves the file's bytes alone until its final checkpoint, so until then the file on disk *is* the
state published before the write. A reader that meets the writer therefore does not fail:

- it retries for a short grace period (a small write is over by then) and opens the new state;
- after that it copies the published file, which still holds the old state, to a private snapshot
  beside it and reads that — whole runs only, the old one. `<db>.frozen` keeps the two apart: a
  reader holds it shared while it copies, the writer exclusively while it checkpoints (the copy
  waits for the checkpoint, or the checkpoint for the copy, never a mix). It also holds the file's
  headers as published before the write: a copy whose headers differ (the write checkpointed
  mid-way, e.g. a `CHECKPOINT` typed into `sql --write`) is not the old state, and the reader
  waits for the write to end instead.

Any other holder of the file (someone's DuckDB session writing it) is still reported at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

WRITING_LINK = ".writing"
SNAPSHOT_MARK = ".snapshot-"
GRACE_SECONDS = 1.0
# A DuckDB file starts with its main header and two database headers, a 4 KiB block each; a
# checkpoint ends by writing one of the latter, so equal headers mean no checkpoint in between.
HEADER_BYTES = 3 * 4096
_POLL_SECONDS = 0.05


def writing_link(db_path: Path) -> Path:
    """The name an in-place writer opens the published file by; it exists only while one writes."""
    return db_path.with_name(db_path.name + WRITING_LINK)


@contextmanager
def writing_in_place(db_path: Path) -> Iterator[None]:
    """Held by the in-place writer for as long as its link may exist (`<db>.writer.lock`)."""
    with open(db_path.with_name(db_path.name + ".writer.lock"), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _writing_in_place(db_path: Path) -> bool:
    # A link whose writer was killed is a leftover: then the lock is someone else's, reported as is.
    if not writing_link(db_path).exists():
        return False
    try:
        lock = open(db_path.with_name(db_path.name + ".writer.lock"), "rb")  # readers may not write here
    except FileNotFoundError:
        return False
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def headers(path: Path) -> bytes:
    with open(path, "rb") as file:
        return file.read(HEADER_BYTES)


def freeze_headers(db_path: Path) -> None:
    """Keep the published file's headers in `<db>.frozen` (the writer, before it opens the file)."""
    with frozen(db_path, exclusive=True):
        _frozen_path(db_path).write_bytes(headers(db_path))


def published_headers(db_path: Path) -> bytes:
    """The headers kept by `freeze_headers`: the file as published before the current write."""
    return _frozen_path(db_path).read_bytes()


def _frozen_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".frozen")


@contextmanager
def frozen(db_path: Path, *, exclusive: bool, wait: bool = True) -> Iterator[bool]:
    """Hold `<db>.frozen`: shared while a reader copies the published file, exclusive while the
    writer checkpoints into it. Yields False (holding nothing) when `wait` is off and it is taken."""
    try:  # a reader opens it read-only: it may not write beside the warehouse
        lock = open(_frozen_path(db_path), "a+" if exclusive else "rb")
    except FileNotFoundError:
        yield False  # no writer has made it: none is writing in place
        return
    with lock:
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB)
        try:
            fcntl.flock(lock, mode)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def open_beside_writer(
    db_path: Path, open_file: Callable[[Path], duckdb.DuckDBPyConnection], *, grace: float = GRACE_SECONDS
) -> duckdb.DuckDBPyConnection:
    """`open_file(db_path)`, or, while an in-place write holds the file, the state before it."""
    deadline = time.monotonic() + grace
    writer_gone = False
    while True:
        try:
            return open_file(db_path)
        except duckdb.Error as exc:
            if "Could not set lock" not in str(exc):
                raise
            if not _writing_in_place(db_path):
                if writer_gone:
                    raise  # twice, and no write in place: someone else holds the file
                writer_gone = True  # or the write ended since the lock refused us: once more
                continue
            writer_gone = False
        if time.monotonic() >= deadline:
            snapshot = _read_snapshot(db_path, open_file)
            if snapshot is not None:
                return snapshot
        time.sleep(_POLL_SECONDS)


def _read_snapshot(
    db_path: Path, open_file: Callable[[Path], duckdb.DuckDBPyConnection]
) -> duckdb.DuckDBPyConnection | None:
    # None: the writer is checkpointing or has just finished; the caller retries the file itself.
    with frozen(db_path, exclusive=False, wait=False) as held:
        if not held or not writing_link(db_path).exists():
            return None
        copy = _snapshot_path(db_path)
        try:
            shutil.copyfile(db_path, copy)
            if headers(copy) != published_headers(db_path):
                return None  # checkpointed since the write began: not the state before it
            return open_file(copy)  # the open file outlives its name
        finally:
            copy.unlink(missing_ok=True)


def _snapshot_path(db_path: Path) -> Path:
    name = f"{db_path.name}{SNAPSHOT_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    if os.access(db_path.parent, os.W_OK):
        return db_path.with_name(name)
    return Path(tempfile.gettempdir()) / name  # a reader who may only read the warehouse's folder


def remove_reader_leftovers(db_path: Path) -> None:
    """Snapshots of readers killed while copying; call holding `frozen(exclusive=True)`."""
    for leftover in db_path.parent.glob(f"{db_path.name}{SNAPSHOT_MARK}*"):
        leftover.unlink(missing_ok=True)
