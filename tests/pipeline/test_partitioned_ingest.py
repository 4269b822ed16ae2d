"""A landing file is normalized partition by partition, by whoever runs the steps; the warehouse
is the same however the file is cut and whichever runner normalized it."""

from __future__ import annotations

import json

import pytest

import pipeline.partitions as partitions
from pipeline.ingest import ingest_files
from pipeline.partition_runners import InProcess, ProcessPool
from pipeline.partitions import plan_file
from tests.pipeline.landing_files import posting, write_landing
from tests.pipeline.warehouse_snapshot import every_table
from warehouse.db import connect

# Left out of the comparison: what differs between two loads of the same files (run ids, and when
# each load ran). Everything else — postings, skills, roles, clusters, sightings, rejects with their
# line numbers, board crawls, the runs' counts and details — must be equal.
LOAD_RUN_IDS_AND_TIMES = {
    "runs": {"run_id", "started_at", "finished_at"},
    "loaded_files": {"run_id", "loaded_at"},
    "rejects": {"run_id", "rejected_at"},
    "schema_version": {"applied_at"},
}


def mixed_lines() -> list[str]:
    """Good postings, a bad line, a blank one, a posting repeated later with other text, a line
    holding a bare carriage return: whatever a partition boundary could get wrong."""
    lines = []
    for i in range(23):
        lines.append(json.dumps(posting(str(500 + i), "Machine Learning Engineer", f"<p>PyTorch, Python #{i}</p>")))
    lines[5] = "{not json"
    lines[9] = ""
    lines[12] = '{"broken\rline'
    lines.append(json.dumps(posting("503", "Senior AI Engineer", "<p>RAG with LLMs, Rust</p>")))  # 503 again
    return lines


def load(tmp_path, name, runner, lines_per_partition, monkeypatch):
    monkeypatch.setattr(partitions, "PARTITION_LINES", lines_per_partition)
    landing = write_landing(tmp_path / name / "landing" / "greenhouse", "crawl", mixed_lines())
    db = tmp_path / name / "w.duckdb"
    con = connect(db)
    try:
        with runner:
            results = ingest_files(con, [landing], runner=runner)
    finally:
        con.close()
    return results, db


class Serial(InProcess):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


def test_the_plan_cuts_whole_lines_and_numbers_them_as_a_reader_would(tmp_path):
    landing = write_landing(tmp_path, "crawl", mixed_lines())
    plan = plan_file(landing, lines_per_partition=4)
    data = landing.read_bytes()
    # The 13th line holds a bare carriage return: a reader sees two lines there (13 and 14).
    assert [s.first_line for s in plan.spans] == [1, 5, 9, 13, 18, 22]
    assert all(data[s.start - 1 : s.start] == b"\n" for s in plan.spans[1:])
    assert plan.spans[-1].end == len(data) and sum(s.lines for s in plan.spans) == 24


def test_any_cut_and_any_runner_give_the_same_warehouse(tmp_path, monkeypatch):
    whole, whole_db = load(tmp_path, "whole", Serial(), 1000, monkeypatch)
    cut, cut_db = load(tmp_path, "cut", Serial(), 4, monkeypatch)
    pooled, pooled_db = load(tmp_path, "pooled", ProcessPool(workers=2), 4, monkeypatch)
    # Each landing file is in a folder of its own, named after its case: that name is taken out.
    expected = every_table(whole_db, LOAD_RUN_IDS_AND_TIMES, folder=whole_db.parent)
    for db in (cut_db, pooled_db):
        got = every_table(db, LOAD_RUN_IDS_AND_TIMES, folder=db.parent)
        assert {t: rows for t, rows in got.items() if rows != expected[t]} == {}
    counts = [(r.status, r.items, r.loaded, r.rejected) for r in (*whole, *cut, *pooled)]
    # 25 lines as read, one blank; three refused; 21 postings read, 503 twice
    assert counts == [("ok", 24, 20, 3)] * 3
    rejects = connect(pooled_db, read_only=True).execute("SELECT line_no FROM rejects ORDER BY 1").fetchall()
    assert rejects == [(6,), (13,), (14,)]


def test_a_partition_that_fails_fails_its_file_alone(tmp_path, monkeypatch):
    """Not a record's fault (that is a reject) but the step's: the file is taken back out whole,
    its run says why, and the next file loads."""
    real = partitions._normalize_lines

    def second_partition_cannot_be_read(path, partition, *, shift):
        if shift:
            raise OSError("partition store unreachable")
        return real(path, partition, shift=shift)

    monkeypatch.setattr(partitions, "PARTITION_LINES", 4)
    monkeypatch.setattr(partitions, "_normalize_lines", second_partition_cannot_be_read)
    big = write_landing(tmp_path / "landing" / "greenhouse", "big", mixed_lines())
    small = write_landing(tmp_path / "landing" / "greenhouse", "small", mixed_lines()[:3])
    con = connect(tmp_path / "w.duckdb")
    try:
        results = ingest_files(con, [big, small])
        assert [(r.status, r.loaded, r.error) for r in results] == [
            ("failed", 0, "OSError: partition store unreachable"),
            ("ok", 3, None),
        ]
        assert con.execute("SELECT count(*), count(*) FILTER (source_id >= '504') FROM postings").fetchall() == [(3, 0)]
    finally:
        con.close()


def test_a_one_shot_ingest_uses_the_local_pool_and_never_imports_prefect(tmp_path):
    """Two partitions' worth of lines (of 50 here): the command spreads them over a process pool,
    with no Prefect server and no temporary one (Prefect is not even imported)."""
    import os
    import subprocess
    import sys

    lines = [json.dumps(posting(str(i), "Data Scientist", "<p>SQL</p>")) for i in range(100)]
    landing = write_landing(tmp_path / "landing" / "greenhouse", "big", lines)
    script = (
        "import sys; from jobpulse.cli import main; import pipeline.partition_runners as r; "
        "spread = []; real = r.ProcessPool.map_ordered; "
        "r.ProcessPool.map_ordered = lambda self, step, items: spread.append(r.worth_spreading(list(items))) "
        "or real(self, step, items); "
        f"code = main(['-q', 'ingest', '--db', sys.argv[1], {str(landing)!r}]); "
        "print('spread:', spread, 'prefect imported:', 'prefect' in sys.modules); sys.exit(code)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        env={**env, partitions.PARTITION_LINES_ENV: "50", "JOBPULSE_WORKERS": "2"},
    )
    assert done.returncode == 0, done.stderr
    assert "spread: [True] prefect imported: False" in done.stdout
    assert "100 postings loaded" in done.stdout


def test_partitions_can_wait_at_an_fsspec_url(tmp_path, monkeypatch):
    """A work location is any fsspec URL (s3://… on a cluster; fsspec's in-memory store here):
    the same warehouse as a local directory gives, and nothing left there after."""
    import fsspec

    _, local_db = load(tmp_path, "local", Serial(), 4, monkeypatch)
    monkeypatch.setattr(partitions, "PARTITION_LINES", 4)
    landing = write_landing(tmp_path / "url" / "landing" / "greenhouse", "crawl", mixed_lines())
    con = connect(tmp_path / "url" / "w.duckdb")
    try:
        ingest_files(con, [landing], work="memory://jobpulse-work")
    finally:
        con.close()
    got = every_table(tmp_path / "url" / "w.duckdb", LOAD_RUN_IDS_AND_TIMES, folder=tmp_path / "url")
    assert got == every_table(local_db, LOAD_RUN_IDS_AND_TIMES, folder=local_db.parent)
    assert fsspec.filesystem("memory").ls("/jobpulse-work") == []


@pytest.mark.parametrize("runner", [Serial, lambda: ProcessPool(workers=2)], ids=["in-process", "pool"])
def test_force_reloads_a_compressed_landing_file_with_the_same_rows(tmp_path, monkeypatch, runner):
    """A loaded landing file is kept compressed (pipeline/landing_store.py); `--force` re-reads it
    partition by partition — each decompressed up to its span — and loads the same rows with the
    same rejects at the same line numbers, under the same recorded name, whoever normalizes it."""
    _, plain_db = load(tmp_path, "plain", Serial(), 4, monkeypatch)
    first, db = load(tmp_path, "forced", runner(), 4, monkeypatch)
    landing = tmp_path / "forced" / "landing" / "greenhouse" / "crawl.jsonl"
    assert not landing.exists() and landing.with_name("crawl.jsonl.zst").is_file()
    assert len(plan_file(landing.with_name("crawl.jsonl.zst")).spans) == 6  # read at six offsets
    con = connect(db)
    try:
        with runner() as again:
            (forced,) = ingest_files(con, [landing], force=True, runner=again)
    finally:
        con.close()
    assert (forced.status, forced.path) == ("ok", str(landing))
    assert (forced.items, forced.loaded, forced.rejected) == (first[0].items, first[0].loaded, first[0].rejected)
    expected = every_table(plain_db, LOAD_RUN_IDS_AND_TIMES, folder=plain_db.parent)
    got = every_table(db, LOAD_RUN_IDS_AND_TIMES, folder=db.parent)
    assert got.pop("runs") == expected.pop("runs") * 2  # the first load's run and the forced one, alike
    assert {t: rows for t, rows in got.items() if rows != expected[t]} == {}
