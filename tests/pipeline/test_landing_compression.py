"""Landing files are compressed once loaded, and stay the raw store: a replay still skips them,
`--force` still reads them, and a crash while compressing loses nothing (pipeline/landing_store.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline import landing_store
from pipeline.ingest import ingest_files, landing_files
from pipeline.landing import read_batches
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, write_landing
from warehouse.db import connect

ROOT = Path(__file__).parents[2]


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "warehouse.duckdb")
    yield con
    con.close()


@pytest.fixture
def landed(tmp_path) -> Path:
    """A crawl's landing file with a bad line, a line separator inside a record and a stray byte."""
    path = write_landing(tmp_path / "landing" / "greenhouse", "run1", [AI_ENGINEER, DATA_SCIENTIST, "{broken"])
    with open(path, "ab") as out:
        out.write(ML_ENGINEER_WITH_ODD_TEXT)
    return path


ML_ENGINEER_WITH_ODD_TEXT = (
    b'{"source": "greenhouse", "source_id": "104", "title": "ML Engineer\xe2\x80\xa8II", "company": "Qu\xffill",'
    b' "description_html": "<p>PyTorch</p>", "raw": {}}\n'
)


def postings(con) -> list[tuple]:
    return con.execute("SELECT source_id, title, company FROM postings ORDER BY source_id").fetchall()


def test_a_loaded_file_is_kept_compressed_beside_its_sidecar(warehouse, landed):
    original = landed.read_bytes()
    (result,) = ingest_files(warehouse, [landed])
    assert result.status == "ok"
    stored = landed.with_name("run1.jsonl.zst")
    assert not landed.exists() and stored.is_file() and landed.with_name("run1.meta.json").is_file()
    assert stored.stat().st_size < len(original)
    with landing_store.open_binary(landed) as text:
        assert text.read() == original
    # The warehouse names the landing file as it was crawled, whatever form it is stored in.
    assert warehouse.execute("SELECT landing_file FROM loaded_files").fetchall() == [(str(landed),)]


def test_a_compressed_file_reads_as_the_same_rows_and_rejects(warehouse, landed):
    (plain,) = read_batches(landed)
    landing_store.compress(landed)
    (compressed,) = read_batches(landed)
    assert compressed.frame.equals(plain.frame) and compressed.rejects == plain.rejects
    assert len(plain.rejects) == 1 and plain.frame.height == 3


def test_a_replay_skips_a_compressed_file_and_force_reads_it_again(warehouse, landed):
    (first,) = ingest_files(warehouse, [landed])
    loaded = postings(warehouse)
    directory = landed.parent.parent
    (replay,) = ingest_files(warehouse, landing_files(directory))
    assert (replay.status, replay.path) == ("skipped", str(landed))
    (forced,) = ingest_files(warehouse, landing_files(directory), force=True)
    assert (forced.status, forced.items, forced.loaded, forced.rejected) == (
        "ok",
        first.items,
        first.loaded,
        first.rejected,
    )
    assert postings(warehouse) == loaded


def test_the_compressed_file_can_be_named_directly(warehouse, landed):
    ingest_files(warehouse, [landed])
    (again,) = ingest_files(warehouse, [landed.with_name("run1.jsonl.zst")])
    assert (again.status, again.path) == ("skipped", str(landed))


def test_the_name_the_warehouse_records_still_names_the_compressed_file(warehouse, landed, tmp_path):
    """`ingest x.jsonl` after `x.jsonl` was loaded (and compressed): a replay that skips it, or a
    load into another warehouse, as the name in `loaded_files` says — not a missing file."""
    from pipeline.published_loads import find_landing_files

    ingest_files(warehouse, [landed])
    assert not landed.exists()
    assert find_landing_files([landed]) == [landed]
    (again,) = ingest_files(warehouse, find_landing_files([landed]))
    assert (again.status, again.path) == ("skipped", str(landed))
    other = connect(tmp_path / "other.duckdb")
    try:
        (elsewhere,) = ingest_files(other, find_landing_files([landed]))
    finally:
        other.close()
    assert (elsewhere.status, elsewhere.path, elsewhere.loaded, elsewhere.rejected) == ("ok", str(landed), 3, 1)


def test_a_file_that_failed_to_load_stays_plain(warehouse, tmp_path):
    path = write_landing(tmp_path / "landing", "run1", [AI_ENGINEER])
    path.with_name("run1.meta.json").write_text("not json")  # its sidecar makes the load fail
    (result,) = ingest_files(warehouse, [path])
    assert result.status == "failed" and path.is_file() and not path.with_name("run1.jsonl.zst").exists()


def test_a_file_loaded_before_compression_existed_is_compressed_by_the_next_ingest(warehouse, landed, monkeypatch):
    monkeypatch.setattr(landing_store, "compress_loaded", lambda path: None)  # as the ingest of an older version
    ingest_files(warehouse, [landed])
    assert landed.is_file()
    monkeypatch.undo()
    (replay,) = ingest_files(warehouse, [landed])
    assert replay.status == "skipped" and not landed.exists() and landed.with_name("run1.jsonl.zst").is_file()


def test_a_compression_that_cannot_write_leaves_the_file_plain_and_the_load_done(warehouse, landed, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(landing_store.os, "fsync", disk_full)
    (result,) = ingest_files(warehouse, [landed])
    assert result.status == "ok" and landed.is_file() and not landed.with_name("run1.jsonl.zst").exists()
    assert len(postings(warehouse)) == 3


# Where compress() is killed (os._exit in a child process, so nothing after it runs, not even a
# `finally`): before the copy is on disk, before the rename, after the rename but before the plain
# file is removed.
KILL_POINTS = {
    "fsync": ("os.fsync", ["run1.jsonl", "run1.jsonl.zst.part"]),
    "rename": ("os.replace", ["run1.jsonl", "run1.jsonl.zst.part"]),
    "remove": ("os.unlink", ["run1.jsonl", "run1.jsonl.zst"]),
}


def compress_killed_at(path: Path, call: str) -> None:
    child = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        from pipeline import landing_store

        def killed(*args, **kwargs):
            os._exit(9)

        {call} = killed
        landing_store.compress(Path(sys.argv[1]))
        """
    )
    done = subprocess.run([sys.executable, "-c", child, str(path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_compression_killed_at_any_step_loses_nothing(warehouse, landed, point, monkeypatch):
    original = landed.read_bytes()
    with monkeypatch.context() as stopped:  # the load committed; then its compression killed at this step
        stopped.setattr(landing_store, "compress_loaded", lambda path: None)
        (first,) = ingest_files(warehouse, [landed])
    call, left_on_disk = KILL_POINTS[point]
    compress_killed_at(landed, call)
    assert sorted(p.name for p in landed.parent.iterdir() if "jsonl" in p.name) == left_on_disk

    directory = landed.parent.parent
    assert landing_files(directory) == [landed]  # listed once, whichever forms are on disk
    with landing_store.open_binary(landed) as text:
        assert text.read() == original
    (replay,) = ingest_files(warehouse, landing_files(directory))  # recognised as loaded, and finished
    assert replay.status == "skipped"
    assert sorted(p.name for p in landed.parent.iterdir() if "jsonl" in p.name) == ["run1.jsonl.zst"]
    (forced,) = ingest_files(warehouse, [landed], force=True)
    assert (forced.status, forced.items, forced.loaded) == ("ok", first.items, first.loaded)


def test_a_line_is_read_back_by_number_in_either_form(landed):
    """Where a posting's raw record is a line number (postings.landing_line), the line is found
    whether the file is still plain or compressed."""
    plain = landing_store.read_lines(landed, [4, 1, 99])
    landing_store.compress(landed)
    assert landing_store.read_lines(landed, [1, 4, 99]) == plain
    assert sorted(plain) == [1, 4]  # line 99 is past the end
    assert plain[4].encode("utf-8", "replace").startswith(b'{"source": "greenhouse", "source_id": "104"')


def test_a_reader_that_seeks_gets_a_plain_copy_of_a_compressed_file(landed, tmp_path):
    original = landed.read_bytes()
    assert landing_store.plain_copy(landed, tmp_path) == landed  # still plain: the file itself
    landing_store.compress(landed)
    (tmp_path / "work").mkdir()
    copy = landing_store.plain_copy(landed, tmp_path / "work")
    assert copy.parent == tmp_path / "work" and copy.read_bytes() == original


def test_an_empty_crawl_is_compressed_and_skipped_like_any_other(warehouse, tmp_path):
    empty = write_landing(tmp_path / "landing", "empty", [])
    (first,) = ingest_files(warehouse, [empty])
    assert (first.status, first.items) == ("ok", 0) and empty.with_name("empty.jsonl.zst").is_file()
    (again,) = ingest_files(warehouse, [empty])
    assert again.status == "skipped" and landing_store.content_size(empty) == 0


def test_compressing_keeps_the_order_landing_files_are_replayed_in(tmp_path):
    first = write_landing(tmp_path / "landing", "b-first", [AI_ENGINEER])
    second = write_landing(tmp_path / "landing", "a-second", [DATA_SCIENTIST])
    os.utime(first, (1_700_000_000, 1_700_000_000))  # written a week before the second
    os.utime(second, (1_700_600_000, 1_700_600_000))
    assert landing_files(tmp_path / "landing") == [first, second]
    landing_store.compress(first)  # compressed now, but still the older crawl
    assert landing_files(tmp_path / "landing") == [first, second]
