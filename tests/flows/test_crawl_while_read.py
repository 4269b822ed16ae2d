"""A crawl that finishes while an analyst holds the warehouse open loses nothing: its landing file
is written, its run records wait in the landing folder, `crawl` says so in one line, and the next
ingest writes them (and the queue empties)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jobpulse.cli import main
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard
from warehouse.db import connect


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=60, weeks=4)


def test_a_crawl_finishing_while_a_reader_holds_the_warehouse_keeps_its_run_record(
    tmp_path, prefect_harness, corpus, capsys
):
    db, landing = tmp_path / "w.duckdb", tmp_path / "landing"
    connect(db).close()
    board = corpus.boards_with_postings("greenhouse")[0]
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}, read_only=True);"
            " print('reading', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "reading"
        with SandboxBoard(corpus) as sandbox:
            code = main(
                [
                    "crawl",
                    "--source",
                    "greenhouse",
                    "--board",
                    board,
                    "--base-url",
                    sandbox.base_url,
                    "--db",
                    str(db),
                    "--landing",
                    str(landing),
                ]
            )
    finally:
        reader.kill()
        reader.wait()
    out = capsys.readouterr().out
    assert code == 0, out
    note = [line for line in out.splitlines() if line.startswith("note: ")]
    assert len(note) == 1 and "held open by python" in note[0] and f"(PID {reader.pid})" in note[0]
    (queued,) = (landing / "queued-runs").glob("*.json")
    (summary,) = json.loads(queued.read_text())
    assert summary["source"] == "greenhouse" and summary["items"] > 0

    assert main(["ingest", "--db", str(db), str(landing)]) == 0
    con = connect(db, read_only=True)
    try:
        runs = con.execute("SELECT run_id, status, items FROM runs WHERE kind = 'crawl'").fetchall()
    finally:
        con.close()
    assert runs == [(summary["run_id"], "ok", summary["items"])]
    assert list((landing / "queued-runs").glob("*")) == []
