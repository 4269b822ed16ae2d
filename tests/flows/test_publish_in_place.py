"""A one-shot write changes the published warehouse in place when no reader holds it — no copy of
the file — and keeps the promises of the copy: a failed or killed write changes nothing, a reader
beside the write never fails and sees the state before it or after it, never a mix
(pipeline/publish_in_place.py, warehouse/in_place_reads.py)."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.publish import publish_after
from warehouse.db import connect
from warehouse.in_place_reads import GRACE_SECONDS, headers, writing_link

WRITER = Path(__file__).with_name("in_place_writer.py")
REPO = Path(__file__).resolve().parents[2]


class Boom(RuntimeError):
    pass


def notes(db) -> list[str]:
    con = connect(db, read_only=True)
    try:
        return [n for (n,) in con.execute("SELECT note FROM notes ORDER BY note").fetchall()]
    finally:
        con.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inode(path) -> int:
    return os.stat(path).st_ino


def leftovers(db) -> list[str]:
    """What a write may leave beside the file: nothing but its lock files."""
    return sorted(
        p.name for p in db.parent.iterdir() if p.name.startswith(db.name) and p.suffix not in (".lock", ".frozen")
    )


def add_note(note):
    return lambda con: con.execute("INSERT INTO notes VALUES (?)", [note])


def start_writer(db, *args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, writer: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert writer.poll() is None, writer.communicate()[1]
        assert time.monotonic() < deadline, f"the writer never reached {path.name}"
        time.sleep(0.02)


def test_a_write_no_one_reads_changes_the_file_itself(published):
    before = inode(published)
    publish_after(published, add_note("second"))
    assert inode(published) == before  # the same file, not a copy renamed over it
    assert notes(published) == ["first", "second"]
    assert leftovers(published) == ["warehouse.duckdb"]


def test_a_failed_write_leaves_the_file_byte_for_byte(published):
    before = digest(published)

    def load(con):
        for note in ("half", "more"):
            con.execute("BEGIN")
            con.execute("INSERT INTO notes VALUES (?)", [note])
            con.execute("COMMIT")  # committed, yet undone with the rest of the write
        con.execute("BEGIN")
        con.execute("INSERT INTO notes VALUES ('open')")
        raise Boom("inside its own transaction")

    with pytest.raises(Boom):
        publish_after(published, load)
    assert digest(published) == before
    assert leftovers(published) == ["warehouse.duckdb"]
    publish_after(published, add_note("next"))  # and the next write goes on from there
    assert notes(published) == ["first", "next"]


def test_a_reader_in_another_process_sends_the_write_to_a_copy(published):
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLDING_READER, str(published)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "1"  # it holds the file open
        before = inode(published)
        publish_after(published, add_note("second"))
        assert inode(published) != before  # a copy renamed over the file it holds
        out, _ = reader.communicate("\n", timeout=30)
        assert out.strip() == "1"  # it read the state it opened, to the end
    finally:
        reader.kill()
    assert notes(published) == ["first", "second"]


HOLDING_READER = """
import sys
from warehouse.db import connect
con = connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM notes").fetchall()[0][0], flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*) FROM notes").fetchall()[0][0], flush=True)
"""


def test_a_reader_in_the_writing_process_sends_the_write_to_a_copy(published):
    # DuckDB's file lock does not stop its own process; the write looks for the file among ours.
    con = connect(published, read_only=True)
    try:
        before = inode(published)
        publish_after(published, add_note("second"))
        assert inode(published) != before
        assert con.execute("SELECT count(*) FROM notes").fetchall() == [(1,)]
    finally:
        con.close()
    assert notes(published) == ["first", "second"]


def test_a_writer_killed_midway_leaves_the_previous_state(published, tmp_path):
    before = digest(published)
    writer = start_writer(published, "pause", tmp_path)
    try:
        wait_for(tmp_path / "midway", writer)  # three batches committed
        assert writing_link(published).exists()  # it is writing in place, not on a copy
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        writer.kill()
    assert notes(published) == ["first"]
    assert digest(published) == before
    publish_after(published, add_note("next"))  # the next write clears what the killed one left
    assert notes(published) == ["first", "next"]
    assert leftovers(published) == ["warehouse.duckdb"]


def test_a_writer_killed_in_its_final_checkpoint_leaves_the_previous_state(published, tmp_path):
    before, size = headers(published), published.stat().st_size
    writer = start_writer(published, "slow-checkpoint", tmp_path)
    try:
        wait_for(tmp_path / "checkpointing", writer)
        deadline = time.monotonic() + 60
        while published.stat().st_size == size:  # the checkpoint is writing the new blocks
            assert writer.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(writer.pid, signal.SIGKILL)  # before the header that would point at them
        writer.wait(timeout=30)
    finally:
        writer.kill()
    assert headers(published) == before
    assert notes(published) == ["first"]
    publish_after(published, add_note("next"))
    assert notes(published) == ["first", "next"]


def test_a_reader_during_a_write_sees_the_state_before_it_then_after_it(published, tmp_path):
    writer = start_writer(published, "pause", tmp_path)
    try:
        wait_for(tmp_path / "midway", writer)
        started = time.monotonic()
        assert notes(published) == ["first"]  # not w1…w3, committed in the write but not published
        waited = time.monotonic() - started
        (tmp_path / "go").touch()
        _, err = writer.communicate(timeout=60)
    finally:
        writer.kill()
    assert writer.returncode == 0, err
    assert waited < 30  # it read the state before the write rather than wait for the write
    assert notes(published) == ["first", "w1", "w2", "w3", "w4"]
    assert leftovers(published) == ["warehouse.duckdb"]


def test_a_write_that_checkpoints_midway_makes_readers_wait_for_its_end(published, tmp_path):
    # Its file no longer holds the state before it, so a reader must not copy that; it waits.
    writer = start_writer(published, "pause-checkpoint", tmp_path)
    read = {}
    try:
        wait_for(tmp_path / "midway", writer)
        reader = threading.Thread(target=lambda: read.setdefault("notes", notes(published)))
        reader.start()
        reader.join(timeout=GRACE_SECONDS * 3)
        assert reader.is_alive() and read == {}  # past its grace, still waiting rather than reading w1…w3
        (tmp_path / "go").touch()
        reader.join(timeout=60)
        _, err = writer.communicate(timeout=60)
    finally:
        writer.kill()
    assert writer.returncode == 0, err
    assert read["notes"] == ["first", "w1", "w2", "w3", "w4"]


def test_a_failed_write_that_checkpointed_midway_says_what_stays(published):
    def load(con):
        con.execute("INSERT INTO notes VALUES ('kept')")
        con.execute("CHECKPOINT")
        raise Boom

    with pytest.raises(RuntimeError, match="checkpointed .* before it failed: what it committed until then stays"):
        publish_after(published, load)
    assert notes(published) == ["first", "kept"]


def test_readers_beside_repeated_writes_never_fail_and_see_whole_writes(published):
    from tests.flows.in_place_writer import BATCH

    writes = 8
    writer = start_writer(published, "repeat", writes)
    seen, errors = set(), []
    try:
        while writer.poll() is None:
            try:
                seen.add(len(notes(published)) - 1)
            except Exception as exc:  # noqa: BLE001 — any failure of the reader is what we look for
                errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.01)
        out, err = writer.communicate(timeout=60)
    finally:
        writer.kill()
    assert writer.returncode == 0, err
    assert errors == []
    assert seen <= {n * BATCH for n in range(writes + 1)}, seen  # whole writes only, never one commit of two
    assert len(seen) >= 2, seen  # the reader read during the writes (how often depends on the load)
    # How many of the writes found the file free and went in place depends on the machine's load (on
    # a busy one the reader holds it at every write, and all go to a copy); the tests above hold a
    # write in place beside a reader in this and in another process.
    assert len(notes(published)) - 1 == writes * BATCH


def test_a_filesystem_without_hard_links_gets_a_copy(published, monkeypatch):
    def refuse(self, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(Path, "hardlink_to", refuse)
    before = inode(published)
    publish_after(published, add_note("second"))
    assert inode(published) != before
    assert notes(published) == ["first", "second"]
