"""The publish benchmark runs end to end at a tiny size (a smoke test: its timings are for reading,
never asserted) and leaves the warehouse it was given as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "publish.py"
CASES = [
    "file copy (floor)",
    "copy, empty write",
    "in place, empty write",
    "tiny import, copy",
    "tiny import, in place",
]


def test_the_benchmark_prints_each_publish_beside_the_file_copy(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "500", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    load_before, staging, header, *rows, load_after = done.stdout.splitlines()
    assert load_before.startswith("load average before") and load_after.startswith("load average after")
    assert staging.split(": ")[1] in ("clone", "copy")
    assert header.split()[:3] == ["case", "file", "MB"]
    assert [row[:28].strip() for row in rows] == CASES
    figures = [row[28:].replace(",", "").split() for row in rows]
    assert len({mb for mb, _, _ in figures}) == 1 and float(figures[0][0]) > 0  # all timed on the same file
    assert all(float(seconds) > 0 for _, seconds, _ in figures[1:])


def test_a_given_warehouse_is_measured_on_a_copy(tmp_path):
    from warehouse.db import connect

    db = tmp_path / "mine.duckdb"
    connect(db).close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--db", str(db), "--runs", "1"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
