"""The landing compression benchmark runs at a tiny size (a smoke test: its timings are for reading,
never asserted) and prints one row per codec beside the DuckDB floor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "landing_compression.py"


def test_the_benchmark_prints_every_codec_beside_the_floor():
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "300"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    floor, header, *rows = done.stdout.splitlines()
    assert "DuckDB reads it into a table" in floor and header.split()[:2] == ["codec", "ratio"]
    codecs = [row[:18].strip() for row in rows]
    assert codecs == ["zstd -1", "zstd -3 (chosen)", "zstd -9", "gzip -1", "gzip -6"]
    for row in rows:
        ratio = float(row[18:].split()[0])
        assert ratio > 1  # every codec measured a real file, not an empty one
