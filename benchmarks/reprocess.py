"""Reprocess benchmark: `jobpulse reprocess` of a warehouse after a taxonomy change.

    python benchmarks/reprocess.py                      # 1,000,000 postings
    python benchmarks/reprocess.py --postings 50000 --base 5000

The warehouse is built from the ingest benchmark's corpus (real posting texts from
../shared/realdata when present, else the sandbox generator's): `--base` postings are imported with
`jobpulse import`, then copied in SQL under new ids (with their skills and roles) up to
`--postings` (`copy_up` of benchmarks/ingest.py): the kind of warehouse importing the whole corpus
would give (it cycles the same texts), in a fraction of the time. Every posting is then marked as
derived by an older taxonomy, and `jobpulse reprocess` re-derives all of them in a child process,
timed with its peak RSS. The yardstick beside it: DuckDB alone reading the columns reprocess reads
and writing the columns it writes (a CREATE TABLE AS of them), in the same run.

Timings are for reading, never assertions.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import (  # noqa: E402
    copy_up,
    generated_descriptions,
    jobpulse_import,
    real_descriptions,
    timed,
    write_corpus,
)

JOBPULSE = Path(sys.executable).with_name("jobpulse")


def build(db: Path, base: int, postings: int, work: Path, env: dict[str, str]) -> None:
    texts = real_descriptions() or generated_descriptions()
    corpus = work / "base.jsonl"
    write_corpus(corpus, base, texts, id_prefix="base-", start=date(2026, 11, 30))
    jobpulse_import("build base", corpus, base, db, env)
    copy_up(db, postings, env)
    stale = "UPDATE postings SET taxonomy_version = 'before-the-change'"
    mark = f'import duckdb, sys; duckdb.connect(sys.argv[1]).execute("{stale}")'
    timed("mark stale", postings, [sys.executable, "-c", mark, str(db)], env)


def floor(db: Path, postings: int, env: dict[str, str]) -> object:
    script = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
        "con.execute('CREATE TABLE floor AS SELECT posting_id, source, title, company, description_text, "
        "role, specialism, focus, seniority, language, taxonomy_version FROM postings'); "
        "con.execute('CREATE TABLE floor_skills AS SELECT * FROM posting_skills'); "
        "con.execute('DROP TABLE floor'); con.execute('DROP TABLE floor_skills')"
    )
    return timed("duckdb read+write (yardstick)", postings, [sys.executable, "-c", script, str(db)], env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=1_000_000, help="postings in the warehouse (default 1,000,000)")
    parser.add_argument("--base", type=int, default=20_000, help="postings imported before copying (default 20,000)")
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one, removed after)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jobpulse-reprocess-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "JOBPULSE_DATA_DIR": str(work / "data")}
        db = work / "warehouse.duckdb"
        build(db, min(args.base, args.postings), args.postings, work, env)
        print(f"{'case':<32} {'postings':>10} {'seconds':>9} {'postings/s':>11} {'peak RSS MB':>12}")
        for m in (
            floor(db, args.postings, env),
            timed("reprocess", args.postings, [str(JOBPULSE), "reprocess", "--db", str(db)], env),
        ):
            print(
                f"{m.case:<32} {m.postings:>10,} {m.seconds:>9.2f} {m.per_second:>11,.0f} {m.peak_rss_mb:>12,.0f}",
                flush=True,
            )
        check = subprocess.run(
            [
                sys.executable,
                "-c",
                "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).execute("
                "\"SELECT count(*) FILTER (taxonomy_version = 'before-the-change') FROM postings\").fetchone()[0])",
                str(db),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        if check.stdout.strip() != "0":
            print(f"reprocess left {check.stdout.strip()} postings stale: not measuring real work", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
