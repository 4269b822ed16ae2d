"""What publishing costs a write: the staged copy of the whole warehouse, beside copying the file.

    python benchmarks/publish.py --db /tmp/bench-explore15/explore-1000000.duckdb   # a warehouse you have
    python benchmarks/publish.py --postings 20000                                   # a generated one

Every write (the weekly run, ingest, import, reprocess, `sql --write`) goes through
pipeline.publish.staged: copy the published file to a staging file, write the copy, checkpoint it,
rename it over the published one. This times that envelope around an empty write — what a run pays
before its first row and after its last — on a copy of the given warehouse (the original is never
touched), beside the yardstick of the same run: the operating system copying the same file
(`shutil.copyfile`, the floor of any copy-based publish). The cost grows with the warehouse, not
with the run: the figure to watch as a year of weekly runs accumulates.

Timings are for reading, never asserted; CI runs a tiny size as a smoke test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generated(postings: int, work: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "reports"))  # the tests' realistic generator
    from explore_scale import realistic_frames
    from report_warehouse import write_warehouse

    return write_warehouse(work / f"generated-{postings}.duckdb", realistic_frames(postings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a warehouse to measure (copied first; never changed)")
    parser.add_argument("--postings", type=int, default=20_000, help="without --db: generate this many postings")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from pipeline.publish import staged

    with tempfile.TemporaryDirectory(prefix="jobpulse-publish-", dir=args.db.parent if args.db else None) as tmp:
        work = Path(tmp)
        source = args.db if args.db else generated(args.postings, work)
        published = work / "warehouse.duckdb"
        shutil.copyfile(source, published)
        size_mb = published.stat().st_size / 1e6
        print(f"{'case':<28}{'file MB':>10}{'seconds':>10}{'× floor':>10}")
        for _ in range(args.runs):
            started = time.perf_counter()
            shutil.copyfile(published, work / "floor.duckdb")
            floor = time.perf_counter() - started
            (work / "floor.duckdb").unlink()
            started = time.perf_counter()
            with staged(published):
                pass  # an empty write: the envelope alone
            envelope = time.perf_counter() - started
            print(f"{'file copy (floor)':<28}{size_mb:>10,.1f}{floor:>10.3f}{1.0:>10.1f}")
            ratio = envelope / max(floor, 1e-6)
            print(f"{'staged publish, empty write':<28}{size_mb:>10,.1f}{envelope:>10.3f}{ratio:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
