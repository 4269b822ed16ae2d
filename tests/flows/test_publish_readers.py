"""Analysts read while the pipeline writes: a reader process keeps querying the published warehouse
while a writer process runs the weekly pipeline, and the reader never fails and never sees half a
run. (DuckDB itself lets no process open a file another process is writing; pipeline/publish.py makes
each run write a copy and publish it with an atomic rename.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from contract.posting import new_item
from pipeline.landing import write_meta
from pipeline.publish import staged
from warehouse.db import connect

WRITER = Path(__file__).with_name("publish_writer.py")
RUNS = 3
SOURCES = ("greenhouse", "lever")  # each run lands one file per source
POSTINGS_PER_FILE = 60

# What a reader may see: whole runs only. Each run adds one pipeline row, two crawls' sightings and
# POSTINGS_PER_FILE new postings per source; a half-published run would break one of these.
SNAPSHOT = """
SELECT (SELECT count(*) FROM pipeline_runs) AS runs,
       (SELECT count(*) FROM pipeline_runs WHERE status <> 'ok') AS not_ok,
       (SELECT count(*) FROM postings) AS postings,
       (SELECT count(DISTINCT run_id) FROM sightings) AS crawls
"""


def write_run_files(landing: Path) -> None:
    for run in range(RUNS):
        for source in SOURCES:
            path = landing / f"run{run}" / f"{source}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            items = [
                new_item(
                    source=source,
                    source_id=f"{run}-{i}",
                    board="acme",
                    company="Acme",
                    title="Machine Learning Engineer",
                    description_html=f"<p>Python, SQL and PyTorch; posting {run}-{i}.</p>",
                    posted_at="2026-11-02T09:00:00Z",
                )
                for i in range(POSTINGS_PER_FILE)
            ]
            path.write_text("".join(json.dumps(item) + "\n" for item in items))
            write_meta(
                path,
                {"source": source, "crawled_at": f"2026-11-{run + 2:02d}T06:00:00Z", "run_id": f"crawl-{run}-{source}"},
            )


def read_snapshot(db: Path) -> tuple[int, int, int, int]:
    con = connect(db, read_only=True)  # a fresh connection each time: it sees the latest publish
    try:
        return con.execute(SNAPSHOT).fetchall()[0]
    finally:
        con.close()


def test_a_reader_never_fails_and_never_sees_half_a_run(tmp_path, prefect_harness):
    from prefect.settings import PREFECT_API_URL

    db, landing = tmp_path / "warehouse.duckdb", tmp_path / "landing"
    write_run_files(landing)
    with staged(db):
        pass  # publish an empty warehouse, as a first run would, so readers have a file to open
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}  # the session's test server
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(landing), str(RUNS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen, errors, reads = set(), [], 0
    try:
        while writer.poll() is None:
            try:
                seen.add(read_snapshot(db))
                reads += 1
            except Exception as exc:  # noqa: BLE001 — any failure of the reader is what we look for
                errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.03)  # leave the writer a core of its own
        out, err = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    seen.add(read_snapshot(db))
    assert writer.returncode == 0, err
    assert errors == []
    whole_runs = {(n, 0, n * len(SOURCES) * POSTINGS_PER_FILE, n * len(SOURCES)) for n in range(RUNS + 1)}
    assert seen <= whole_runs, seen - whole_runs
    assert len(seen) >= 3 and reads > 20  # the reader really read while runs were being published
    assert max(seen)[0] == RUNS
