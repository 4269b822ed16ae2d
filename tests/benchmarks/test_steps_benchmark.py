"""The small-steps benchmark runs end to end at a tiny size (a smoke test: its timings are for
reading, never asserted) and prints one row per step, beside its yardstick where it has one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "steps.py"


def test_the_benchmark_prints_every_step_with_a_rate():
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--scale", "0.01"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split()[:3] == ["case", "rows", "seconds"]
    assert [row[:16].strip() for row in rows] == ["cli help", "sandbox corpus", "salary batch", "location batch"]
    for row in rows:
        count, seconds, rate, *_ = row[16:].replace(",", "").split()
        assert int(count) > 0 and float(seconds) > 0 and float(rate) > 0
