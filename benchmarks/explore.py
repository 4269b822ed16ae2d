"""Explorer and report benchmark: `jobpulse explore` and the weekly report on a generated warehouse,
beside DuckDB counting the same rows.

    python benchmarks/explore.py                              # 1,000,000 postings (the goal: ≤ 5 s, ≤ 5 MB)
    python benchmarks/explore.py --postings 200000 --work /tmp/bench-explore   # keep and reuse the warehouse

The warehouse is the tests' realistic generator (tests/reports/explore_scale.py: countries with a
long tail, work places, skewed skills, multi-role posts, specialisms), written through
warehouse.db.connect() like every test warehouse. With --work it is kept as
`explore-<N>.duckdb` and reused by the next run of the same size, since generating it takes longer
than the build it serves.

Every figure comes from this run on this machine, each beside its yardstick:

- yardstick: a DuckDB process that counts (month, skill) pairs over posting_skills joined to
  postings — one grain of what the explorer aggregates, with none of its clustering or encoding;
- explore: reports.explore.build_explorer on the same warehouse, what `jobpulse explore` runs: its
  build seconds (reading the warehouse to the file written, as the command reports them), the
  child process's wall clock (interpreter and imports included) and the file's size;
- report: reports.build.build_report for the week of 2026-11-25 (the generator's last week) on the
  same warehouse, what `jobpulse report` runs (design target: ≤ 5 s at 1M postings).

CPU seconds and peak RSS are each child's own (os.wait4); on a
shared machine the CPU seconds say more than the wall clock. Timings are
for reading, never assertions: CI runs a tiny size as a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "tests" / "reports"  # explore_scale.py and report_warehouse.py live with the tests

YARDSTICK = """
    SELECT date_trunc('month', p.posted_at) AS month, s.skill_id, count(*) AS n
    FROM posting_skills s JOIN postings p USING (posting_id) GROUP BY ALL
"""


BUILD = """
import json, sys
from reports.explore import build_explorer
result = build_explorer(sys.argv[1], sys.argv[2])
print(json.dumps({"seconds": result.seconds, "bytes": result.bytes}))
"""


REPORT = """
import sys, time
from datetime import date
from reports.build import build_report
started = time.perf_counter()
build_report(sys.argv[1], sys.argv[2], as_of=date(2026, 11, 25))
print(time.perf_counter() - started)
"""


@dataclass
class Measured:
    case: str
    seconds: float  # the work itself: the query, or the build as build_explorer times it
    wall: float  # the child process, interpreter start and imports included
    cpu: float  # the child's user + system CPU seconds, all threads: less swayed by other load than wall clock
    peak_rss_mb: float
    file_mb: float | None = None


def timed(case: str, command: list[str], env: dict[str, str]) -> tuple[Measured, str]:
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        raise SystemExit(f"{case}: {' '.join(command[:3])} … failed: {child.stderr.read().decode()[-2000:]}")
    return Measured(
        case, wall, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    ), child.stdout.read().decode()


def postings_in(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM postings").fetchone()[0]


def warehouse(postings: int, work: Path) -> Path:
    """The generated warehouse of `postings` postings in `work`, made unless a whole one is there."""
    db = work / f"explore-{postings}.duckdb"
    if db.exists() and postings_in(db) == postings:
        return db
    db.unlink(missing_ok=True)
    sys.path.insert(0, str(GENERATOR))
    from explore_scale import realistic_frames
    from report_warehouse import write_warehouse

    partial = db.with_name(db.name + ".partial")  # a run stopped half-way leaves no "whole" warehouse
    partial.unlink(missing_ok=True)
    write_warehouse(partial, realistic_frames(postings))
    partial.replace(db)
    return db


def run(postings: int, work: Path) -> list[Measured]:
    db = warehouse(postings, work)
    env = {**os.environ, "JOBPULSE_DATA_DIR": str(work / "data")}
    script = (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1], read_only=True); "
        "con.execute('SET enable_progress_bar = false'); t = time.perf_counter(); "
        "con.sql(sys.argv[2]).fetchall(); print(time.perf_counter() - t)"
    )
    yardstick, printed = timed(
        "duckdb month × skill (yardstick)", [sys.executable, "-c", script, str(db), YARDSTICK], env
    )
    yardstick.seconds = float(printed.split()[-1])
    explore, printed = timed("explorer build", [sys.executable, "-c", BUILD, str(db), str(work / "out")], env)
    built = json.loads(printed.splitlines()[-1])
    explore.seconds, explore.file_mb = built["seconds"], built["bytes"] / 1e6
    report, printed = timed("weekly report build", [sys.executable, "-c", REPORT, str(db), str(work / "report")], env)
    report.seconds = float(printed.split()[-1])
    return [yardstick, explore, report]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postings", type=int, default=1_000_000, help="postings in the warehouse (default: 1,000,000)"
    )
    parser.add_argument(
        "--work", type=Path, help="working directory, the warehouse kept for the next run (default: a temporary one)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jobpulse-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(
            f"{'case':<34} {'postings':>10} {'seconds':>9} {'× yardstick':>12} {'process s':>10} {'CPU s':>7} "
            f"{'peak RSS MB':>12} {'file MB':>8}"
        )
        measured = run(args.postings, work)
        for m in measured:
            ratio = m.seconds / measured[0].seconds
            file_mb = "-" if m.file_mb is None else f"{m.file_mb:.2f}"
            print(
                f"{m.case:<34} {args.postings:>10,} {m.seconds:>9.2f} {ratio:>12.1f} {m.wall:>10.2f} {m.cpu:>7.2f} "
                f"{m.peak_rss_mb:>12,.0f} {file_mb:>8}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
