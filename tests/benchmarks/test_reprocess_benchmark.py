"""The reprocess benchmark runs end to end at a tiny size (a smoke test: its timings are for reading,
never asserted): it builds a warehouse by import and copy-up, and reprocess re-derives every posting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "reprocess.py"


def test_the_benchmark_reprocesses_every_posting_of_the_copied_up_warehouse(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "500", "--base", "200", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr  # non-zero when reprocess left a posting stale
    header, *rows = done.stdout.splitlines()
    assert header.split()[:2] == ["case", "postings"]
    assert [row[:32].strip() for row in rows] == ["duckdb read+write (yardstick)", "reprocess"]
    counted = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb,sys; con = duckdb.connect(sys.argv[1], read_only=True); print(*con.execute("
            "'SELECT count(*), count(DISTINCT posting_id), (SELECT count(*) FROM posting_skills) FROM postings'"
            ").fetchone())",
            str(tmp_path / "warehouse.duckdb"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    postings, distinct, skills = map(int, counted.stdout.split())
    assert postings == distinct == 500 and skills > 500  # copies are postings of their own, with skills
