"""One landing file, all or nothing: a file that fails part-way publishes nothing of itself (its
`runs` row says it failed and why), and a landing file only exists once it is whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from jobpulse.cli import main
from tests.pipeline.imports_support import query
from tests.pipeline.landing_files import posting, write_landing


def many(n: int) -> list[str]:
    return [json.dumps(posting(str(1000 + i), "Machine Learning Engineer", "<p>Python</p>")) for i in range(n)]


def test_a_file_failing_part_way_publishes_nothing_of_itself(tmp_path, data_dir, monkeypatch, capsys):  # noqa: F811
    import pipeline.ingest as ingest

    real, calls = ingest.load_postings, []

    def fails_on_third_batch(con, batch, **kw):
        calls.append(batch.postings.height)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(con, batch, **kw)

    load_in_batches_of_ten(monkeypatch)
    monkeypatch.setattr(ingest, "load_postings", fails_on_third_batch)
    landing = write_landing(tmp_path / "landing" / "greenhouse", "big", many(50))
    assert main(["ingest", str(landing)]) == 1
    assert "FAILED: OSError: disk full" in capsys.readouterr().out
    db = data_dir / "warehouse.duckdb"
    assert calls == [10, 10, 10]  # two batches had been committed, then taken back out
    assert query(db, "SELECT count(*) FROM postings") == [(0,)]
    assert query(db, "SELECT count(*) FROM sightings") == [(0,)]
    assert query(db, "SELECT count(*) FROM loaded_files") == [(0,)]
    assert query(db, "SELECT status, loaded, json_extract_string(detail, '$.error') FROM runs") == [
        ("failed", 0, "OSError: disk full")
    ]
    monkeypatch.setattr(ingest, "load_postings", real)
    assert main(["ingest", str(landing)]) == 0  # the next ingest loads the whole file
    assert query(db, "SELECT count(*) FROM postings") == [(50,)]


def load_in_batches_of_ten(monkeypatch):
    """Partitions of ten lines, each loaded in a transaction of its own."""
    import pipeline.ingest as ingest
    import pipeline.partitions as partitions

    monkeypatch.setattr(partitions, "PARTITION_LINES", 10)
    monkeypatch.setattr(ingest, "LOAD_RECORDS", 10)


KILL_DURING_WRITE = """
import sys, time
from pathlib import Path
import pipeline.import_files as imports
real = imports._landing_line
def slow(record, _n=[0]):
    _n[0] += 1
    if _n[0] == 500:
        print("half written", flush=True)
        time.sleep(60)
    return real(record)
imports._landing_line = slow
imports.write_landing("postings", Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_an_import_killed_while_writing_its_landing_copy_leaves_no_landing_file(tmp_path, data_dir):  # noqa: F811
    saved = tmp_path / "saved.jsonl"
    saved.write_text(
        "".join(
            json.dumps({"source": "acme", "source_id": f"a{i}", "title": "ML Engineer"}) + "\n" for i in range(1000)
        )
    )
    landing_dir = data_dir / "landing" / "import" / "postings"
    target = landing_dir / "saved.jsonl"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILL_DURING_WRITE, str(saved), str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert writer.stdout.readline().strip() == "half written"
    time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert [p.name for p in landing_dir.iterdir()] == ["saved.jsonl.part"]  # cut short, and named so
    assert main(["ingest"]) == 0  # ingest sees no landing file to load …
    assert query(data_dir / "warehouse.duckdb", "SELECT count(*) FROM postings") == [(0,)]
    assert main(["import", "--format", "postings", str(saved)]) == 0  # … and a rerun lands all of it
    assert query(data_dir / "warehouse.duckdb", "SELECT count(*) FROM postings") == [(1000,)]


def test_import_with_db_keeps_its_landing_copy_beside_that_warehouse(tmp_path, data_dir, monkeypatch):  # noqa: F811
    saved = tmp_path / "saved.jsonl"
    saved.write_text(json.dumps({"source": "acme", "source_id": "a1", "title": "ML Engineer"}) + "\n")
    elsewhere, warehouse = tmp_path / "cwd", tmp_path / "analysis" / "w.duckdb"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["import", "--db", "../analysis/w.duckdb", "--format", "postings", str(saved)]) == 0
    # Compressed once loaded; the warehouse records the landing file by its name (`.jsonl`).
    (copy,) = (tmp_path / "analysis" / "landing" / "import" / "postings").glob("saved-*.jsonl.zst")
    assert query(warehouse, "SELECT landing_file FROM loaded_files") == [(str(copy.with_suffix("")),)]
    assert list(elsewhere.iterdir()) == [] and not data_dir.exists()


SNAPSHOT = {
    "postings": "SELECT * EXCLUDE (closed_at) FROM postings ORDER BY posting_id",
    "posting_skills": "SELECT * FROM posting_skills ORDER BY ALL",
    "posting_roles": "SELECT * FROM posting_roles ORDER BY ALL",
    "sightings": "SELECT * FROM sightings ORDER BY ALL",
    "rejects": "SELECT landing_file, line_no, reason FROM rejects ORDER BY ALL",
}


def snapshot(con) -> dict[str, list]:
    return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOT.items()}


def test_a_failed_reload_puts_back_every_posting_it_had_changed(tmp_path, monkeypatch):
    """A newer crawl of known postings changes their text, skills, roles and last_seen batch by
    batch; when it fails, every one of those changes is taken back out."""
    import pipeline.ingest as ingest
    from pipeline.ingest import ingest_files
    from warehouse.db import connect

    landing = tmp_path / "landing" / "greenhouse"
    week1 = write_landing(landing, "week1", many(30) + ["not json"], crawled_at="2026-11-02T06:00:00+00:00")
    week2 = write_landing(
        landing,
        "week2",
        [json.dumps(posting(str(1000 + i), "Senior AI Engineer", "<p>RAG with LLMs, Rust</p>")) for i in range(40)]
        + ["also not json"],
        crawled_at="2026-11-09T06:00:00+00:00",
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        assert [r.status for r in ingest_files(con, [week1])] == ["ok"]
        before = snapshot(con)
        real, calls = ingest.load_postings, []

        def fails_on_fourth_batch(c, batch, **kw):
            calls.append(1)
            if len(calls) == 4:
                raise OSError("disk full")
            return real(c, batch, **kw)

        load_in_batches_of_ten(monkeypatch)
        monkeypatch.setattr(ingest, "load_postings", fails_on_fourth_batch)
        (failed,) = ingest_files(con, [week2])
        assert failed.status == "failed" and len(calls) == 4  # three batches had been committed
        assert snapshot(con) == before
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '_journal%'").fetchall() == [
            (0,)
        ]
        monkeypatch.setattr(ingest, "load_postings", real)
        assert [r.status for r in ingest_files(con, [week2])] == ["ok"]
        titles = con.execute("SELECT DISTINCT title FROM postings").fetchall()
        assert titles == [("Senior AI Engineer",)]
    finally:
        con.close()


def test_a_load_killed_half_way_is_taken_back_out_by_the_next_ingest(tmp_path, monkeypatch):
    import pipeline.ingest as ingest
    from pipeline.ingest import ingest_files
    from warehouse.db import connect

    landing = write_landing(tmp_path / "landing" / "greenhouse", "big", many(50))
    con = connect(tmp_path / "w.duckdb")
    try:
        real = ingest.load_postings
        calls = []

        def killed(c, batch, **kw):
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt  # like a kill: no except clause of ours runs
            return real(c, batch, **kw)

        load_in_batches_of_ten(monkeypatch)
        monkeypatch.setattr(ingest, "load_postings", killed)
        with pytest.raises(KeyboardInterrupt):
            ingest_files(con, [landing])
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(20,)]  # half a file, for now
        monkeypatch.setattr(ingest, "load_postings", real)
        other = write_landing(
            tmp_path / "landing" / "greenhouse", "other", [json.dumps(posting("9", "AI Engineer", "<p>x</p>"))]
        )
        ingest_files(con, [other])  # any next ingest first takes the half file back out
        assert con.execute("SELECT source_id FROM postings").fetchall() == [("9",)]
        assert con.execute(
            "SELECT status, json_extract_string(detail, '$.error') FROM runs WHERE landing_file = ?",
            [str(landing.resolve())],
        ).fetchall() == [("failed", "interrupted; taken back out by the next ingest")]
    finally:
        con.close()


def test_a_broken_sidecar_fails_its_file_and_the_next_file_still_loads(tmp_path, data_dir, capsys):  # noqa: F811
    landing = tmp_path / "landing" / "greenhouse"
    broken = write_landing(landing, "a-broken", many(2))
    broken.with_suffix(".meta.json").write_text("{not json")
    fine = write_landing(landing, "b-fine", [json.dumps(posting("77", "AI Engineer", "<p>x</p>"))])
    assert main(["ingest", str(broken), str(fine)]) == 1
    out = capsys.readouterr().out
    assert "a-broken.jsonl: FAILED: sidecar a-broken.meta.json: Expecting property name" in out
    assert query(data_dir / "warehouse.duckdb", "SELECT source_id FROM postings") == [("77",)]
