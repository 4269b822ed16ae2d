"""The per-step ingest timing runs end to end at a tiny size and names every step it timed (a
smoke test: the seconds are for reading, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "ingest_steps.py"


def test_every_step_is_timed_per_10k_postings():
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--postings", "300"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["step", "seconds", "s", "per", "10k", "CPU", "s", "per", "10k"]
    steps = [row[:36].strip() for row in rows]
    assert "normalize: language" in steps and "load: duplicate clustering" in steps and steps[-1] == "total"
    assert all(float(row[36:].split()[1]) >= 0 for row in rows)
