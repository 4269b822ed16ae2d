"""What publishing costs a write: a copy of the whole warehouse, or a write in place, beside copying the file.

    python benchmarks/publish.py --postings 1000000                                 # a generated warehouse
    python benchmarks/publish.py --db /tmp/bench-explore15/explore-1000000.duckdb   # a warehouse you have

Every write goes through pipeline.publish. The weekly run (`staged`) and a one-shot write that
finds a reader holding the file copy the published file to a staging file, write the copy,
checkpoint it and rename it over the published one; a one-shot write that finds no reader writes
the file in place and checkpoints once (pipeline/publish_in_place.py). Each run times, on a copy
of the given warehouse (the original is never touched):

- the operating system copying the file (`shutil.copyfile`): the floor of any byte-copy publish
  (the staging copy is a reflink clone instead where the filesystem has them; the output says which);
- the envelope around an empty write, through a copy (what the weekly run pays before its first
  row) and in place (open, bring the schema up to date, checkpoint);
- one tiny import (one posting, `import` as the CLI runs it) published through a copy, as every
  one-shot write did before, and the same published in place, as it does now when no one reads.

The load average (as `uptime` reports it) is printed before and after: the machine is shared, and timings move with it.
Timings are for reading, never asserted; CI runs a tiny size as a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASES = (
    "file copy (floor)",
    "copy, empty write",
    "in place, empty write",
    "tiny import, copy",
    "tiny import, in place",
)


def generated(postings: int, work: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "reports"))  # the tests' realistic generator
    from explore_scale import realistic_frames
    from report_warehouse import write_warehouse

    return write_warehouse(work / f"generated-{postings}.duckdb", realistic_frames(postings))


def tiny_landing_file(landing: Path, n: int) -> Path:
    """A landing file of one new posting (a new one each time: a file loads once)."""
    from contract.posting import new_item
    from pipeline.landing import write_meta

    path = landing / f"tiny-{n}.jsonl"
    item = new_item(
        source="greenhouse",
        source_id=f"publish-benchmark-{n}",
        board="acme",
        company="Acme",
        title="Machine Learning Engineer",
        description_html="<p>Python, SQL and PyTorch.</p>",
        posted_at="2026-11-02T09:00:00Z",
    )
    path.write_text(json.dumps(item) + "\n")
    write_meta(path, {"source": "greenhouse", "crawled_at": "2026-11-09T06:00:00Z"})
    return path


def print_load(when: str) -> None:
    print(f"load average {when} (1, 5, 15 min): " + " ".join(f"{load:.2f}" for load in os.getloadavg()))


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a warehouse to measure (copied first; never changed)")
    parser.add_argument("--postings", type=int, default=20_000, help="without --db: generate this many postings")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where the copies go (default: the system's temporary directory)")
    args = parser.parse_args(argv)
    from pipeline.ingest import ingest_files
    from pipeline.publish import clone_or_copy, publish_after, staged

    print_load("before")
    with tempfile.TemporaryDirectory(prefix="jobpulse-publish-", dir=args.work) as tmp:
        work = Path(tmp)
        source = args.db if args.db else generated(args.postings, work)
        published = work / "warehouse.duckdb"
        shutil.copyfile(source, published)
        (work / "landing").mkdir()
        imports = iter(range(1_000_000))

        def tiny_import(copy: bool) -> None:
            landed = [tiny_landing_file(work / "landing", next(imports))]
            publish_after(published, lambda con: ingest_files(con, landed, kind="import"), copy=copy)

        def empty_write() -> None:
            with staged(published):
                pass

        probe = work / "probe"
        probe.write_bytes(b"probe")
        print(f"staging copies on this filesystem: {clone_or_copy(probe, work / 'probe-copy')}")
        tiny_import(False)  # once untimed: the first write brings the taxonomy tables up to date
        print(f"{'case':<28}{'file MB':>10}{'seconds':>10}{'× floor':>10}")
        for _ in range(args.runs):
            floor = timed(lambda: shutil.copyfile(published, work / "floor.duckdb"))
            (work / "floor.duckdb").unlink()
            seconds = [
                floor,
                timed(empty_write),
                timed(lambda: publish_after(published, lambda con: None)),
                timed(lambda: tiny_import(True)),
                timed(lambda: tiny_import(False)),
            ]
            size_mb = published.stat().st_size / 1e6
            for case, took in zip(CASES, seconds, strict=True):
                print(f"{case:<28}{size_mb:>10,.1f}{took:>10.3f}{took / max(floor, 1e-6):>10.1f}")
    print_load("after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
