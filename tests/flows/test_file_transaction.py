"""One landing file, one transaction: a file that fails part-way publishes nothing of itself (its
`runs` row says it failed and why), and a landing file only exists once it is whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from jobpulse.cli import main
from tests.flows.imports_support import data_dir, query  # noqa: F401  (fixture)
from tests.flows.landing_files import posting, write_landing


def many(n: int) -> list[str]:
    return [json.dumps(posting(str(1000 + i), "Machine Learning Engineer", "<p>Python</p>")) for i in range(n)]


def test_a_file_failing_part_way_publishes_nothing_of_itself(tmp_path, data_dir, monkeypatch, capsys):  # noqa: F811
    import flows.ingest as ingest
    real, calls = ingest.load_postings, []

    def fails_on_third_batch(con, batch, **kw):
        calls.append(batch.postings.height)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(con, batch, **kw)

    monkeypatch.setattr(ingest, "read_batches", lambda path, size: real_batches(path, 10))
    monkeypatch.setattr(ingest, "load_postings", fails_on_third_batch)
    landing = write_landing(tmp_path / "landing" / "greenhouse", "big", many(50))
    assert main(["ingest", str(landing)]) == 1
    assert "FAILED: OSError: disk full" in capsys.readouterr().out
    db = data_dir / "warehouse.duckdb"
    assert calls == [10, 10, 10]  # two batches had been written inside the transaction
    assert query(db, "SELECT count(*) FROM postings") == [(0,)]
    assert query(db, "SELECT count(*) FROM sightings") == [(0,)]
    assert query(db, "SELECT count(*) FROM loaded_files") == [(0,)]
    assert query(db, "SELECT status, loaded, json_extract_string(detail, '$.error') FROM runs") == [
        ("failed", 0, "OSError: disk full")]
    monkeypatch.setattr(ingest, "load_postings", real)
    assert main(["ingest", str(landing)]) == 0  # the next ingest loads the whole file
    assert query(db, "SELECT count(*) FROM postings") == [(50,)]


def real_batches(path, size):
    from flows.landing import read_batches
    return read_batches(path, size)


KILL_DURING_WRITE = """
import sys, time
from pathlib import Path
import flows.imports as imports
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
    saved.write_text("".join(json.dumps({"source": "acme", "source_id": f"a{i}", "title": "ML Engineer"}) + "\n"
                             for i in range(1000)))
    landing_dir = data_dir / "landing" / "import" / "postings"
    target = landing_dir / "saved.jsonl"
    writer = subprocess.Popen([sys.executable, "-c", KILL_DURING_WRITE, str(saved), str(target)],
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
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
    (copy,) = (tmp_path / "analysis" / "landing" / "import" / "postings").glob("saved-*.jsonl")
    assert query(warehouse, "SELECT landing_file FROM loaded_files") == [(str(copy),)]
    assert list(elsewhere.iterdir()) == [] and not data_dir.exists()
