"""The writer process of test_publish_readers.py: runs the real weekly pipeline several times.

Only the crawl is stood in for (no network in tests): run N "lands" the files prepared under
`<landing>/run<N>/`, and everything after it — staging copy, ingest, run record, quality checks,
publish — is the pipeline as it runs every week.

usage: python publish_writer.py DB LANDING RUNS
"""

from __future__ import annotations

import sys
from pathlib import Path

import flows.weekly as weekly
from pipeline.landing import read_meta


def landed(run_dir: Path) -> list[dict]:
    summaries = []
    for path in sorted(run_dir.glob("*.jsonl")):
        meta = read_meta(path)
        items = sum(1 for _ in path.open())
        summaries.append(
            {
                "source": meta["source"],
                "status": "ok",
                "items": items,
                "run_id": meta["run_id"],
                "landing_file": str(path),
            }
        )
    return summaries


def main(db: Path, landing: Path, runs: int) -> None:
    for run in range(runs):
        summaries = landed(landing / f"run{run}")
        weekly.crawl = lambda sources, landing_dir, db_path, _summaries=summaries, **options: _summaries
        weekly.weekly_pipeline([], db, landing, landing / "reports", write_report=False)
        print(f"run {run} published", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
