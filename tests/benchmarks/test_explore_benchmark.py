"""The explorer benchmark runs end to end at a tiny size (a smoke test: its timings are for reading,
never asserted): it generates a warehouse, keeps it for the next run, and prints the explorer's
build beside its DuckDB yardstick."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "explore.py"


def run_benchmark(work: Path) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "2000", "--work", str(work)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split()[:2] == ["case", "postings"]
    return [[row[:34].strip(), *row[34:].replace(",", "").split()] for row in rows]


def test_the_benchmark_builds_the_explorer_beside_its_yardstick_and_reuses_the_warehouse(tmp_path):
    rows = run_benchmark(tmp_path)
    assert [row[0] for row in rows] == ["duckdb month × skill (yardstick)", "explorer build", "weekly report build"]
    for _case, postings, seconds, _ratio, wall, _cpu, rss, _file_mb in rows:
        assert postings == "2000" and float(seconds) > 0 and float(wall) >= float(seconds) and float(rss) > 0
    assert rows[0][-1] == rows[2][-1] == "-" and float(rows[1][-1]) > 0  # only the explorer's file is sized
    assert list((tmp_path / "report").glob("report-2026-W47.json"))  # the report it timed was written
    page = tmp_path / "out" / "explore.html"
    assert abs(page.stat().st_size / 1e6 - float(rows[1][-1])) < 0.01  # the size printed is the file's

    warehouse = tmp_path / "explore-2000.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM postings").fetchone()[0] == 2000  # the size it says it measured
    made = warehouse.stat().st_mtime_ns
    run_benchmark(tmp_path)
    assert warehouse.stat().st_mtime_ns == made  # the second run measured the same warehouse, not a new one
