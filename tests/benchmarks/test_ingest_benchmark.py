"""The ingest benchmark runs end to end at a tiny size (a smoke test: its timings are for reading,
never asserted) and prints one row per case beside the DuckDB floor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "ingest.py"


def test_the_benchmark_prints_every_case_beside_its_floor(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "300", "--existing", "200", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split()[:2] == ["case", "postings"]
    cases = [row[:32].strip() for row in rows]
    assert cases == ["duckdb read (floor)", "import into empty", "build 200 existing", "import into 200 existing"]
    for row in rows:
        postings, seconds, rate, ratio, rss = row[32:].replace(",", "").split()
        assert float(seconds) > 0 and float(rss) > 0
    assert postings_in(tmp_path / "existing.duckdb") == 500  # the benchmark measured real loads, not refusals


def test_an_existing_warehouse_can_be_copied_up_from_a_smaller_import(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARK),
            *("--postings", "200", "--existing", "500", "--existing-base", "200", "--work", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    cases = [row[:32].strip() for row in done.stdout.splitlines()[1:]]
    assert cases[2:] == ["build 200 existing", "copy up to 500", "import into 500 existing"]
    assert postings_in(tmp_path / "existing.duckdb") == 700


def postings_in(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM postings").fetchone()[0]
