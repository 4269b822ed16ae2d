"""The publish benchmark runs end to end at a tiny size (a smoke test: its timings are for reading,
never asserted) and leaves the warehouse it was given as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "publish.py"


def test_the_benchmark_prints_the_envelope_beside_the_file_copy(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "500", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split()[:3] == ["case", "file", "MB"]
    assert [row[:28].strip() for row in rows] == ["file copy (floor)", "staged publish, empty write"]
    (floor_mb, floor_s, _), (staged_mb, staged_s, _) = (row[28:].replace(",", "").split() for row in rows)
    assert floor_mb == staged_mb and float(staged_mb) > 0  # both timed on the same file
    assert float(floor_s) >= 0 and float(staged_s) > 0


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
