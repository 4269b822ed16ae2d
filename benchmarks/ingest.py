"""Ingest benchmark: `jobpulse import --format postings` against DuckDB reading the same file.

    python benchmarks/ingest.py                       # 100,000 postings, into empty and into existing
    python benchmarks/ingest.py --postings 20000 --existing 100000

The corpus is JSON Lines in the generic postings format. Descriptions are real postings from
../shared/realdata when it is there (HN "Who is hiring?" comments, Glassdoor data-science postings),
cycled, each copy with its own id, company, title and date; otherwise the sandbox corpus's generated
descriptions. Every figure comes from this run on this machine, each beside its yardstick:

- floor: a DuckDB process that only reads the same file into a table (`read_json`);
- empty: the import into a new warehouse;
- existing: the same import into a warehouse already holding `--existing` other postings (all
  imported, or with `--existing-base N` N imported and copied in SQL under new ids up to `--existing`).

Timings are wall clock of each child process; peak RSS is that child's own (os.wait4), so the
figures do not depend on what else the machine runs only as far as the CPU is shared.
Timings are for reading, never assertions: CI runs a tiny size as a smoke test.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDATA = Path(os.environ.get("JOBPULSE_REALDATA") or ROOT.parent / "shared" / "realdata")
JOBPULSE = Path(sys.executable).with_name("jobpulse")
TITLES = (
    "Data Scientist",
    "Senior Machine Learning Engineer",
    "AI Engineer",
    "Research Scientist",
    "Research Engineer, Pretraining",
    "ML Platform Engineer",
    "Backend Engineer",
    "Product Analyst",
)


@dataclass
class Measured:
    case: str
    postings: int
    seconds: float
    peak_rss_mb: float

    @property
    def per_second(self) -> float:
        return self.postings / self.seconds if self.seconds else float("inf")


def real_descriptions(limit: int = 5000) -> list[str]:
    """Up to `limit` real posting texts (HTML or plain), or [] when the real data is absent."""
    texts: list[str] = []
    hn = REALDATA / "hn_whoishiring" / "hn_whoishiring_2013-08_2018-04.jsonl.gz"
    if hn.exists():
        with gzip.open(hn, "rt", encoding="utf-8") as lines:
            texts += [json.loads(line)["full_html"] for line in itertools.islice(lines, limit // 2)]
    glassdoor = REALDATA / "glassdoor_ds_2020" / "glassdoor_jobs.csv.gz"
    if glassdoor.exists():
        with gzip.open(glassdoor, "rt", encoding="utf-8", newline="") as rows:
            texts += [row["Job Description"] for row in itertools.islice(csv.DictReader(rows), limit - len(texts))]
    return [t for t in texts if t]


def generated_descriptions() -> list[str]:
    from jobpulse.sandbox.corpus import generate_corpus

    corpus = generate_corpus(n_postings=2000)
    return ["\n".join([s.heading or "", *s.paragraphs, *s.bullets]) for p in corpus.postings for s in p.sections]


def write_corpus(path: Path, n: int, texts: list[str], *, id_prefix: str, start: date) -> None:
    """n postings spread over 52 weeks before `start`, descriptions cycled from `texts`."""
    with open(path, "w", encoding="utf-8") as out:
        for i, text in zip(range(n), itertools.cycle(texts)):
            out.write(
                json.dumps(
                    {
                        "source": "bench",
                        "source_id": f"{id_prefix}{i}",
                        "title": TITLES[i % len(TITLES)],
                        "company": f"Company {i % 997}",
                        "location": "Remote",
                        "description": text,
                        "posted_at": (start - timedelta(days=i % 364)).isoformat(),
                        "url": f"https://example.org/{id_prefix}{i}",
                    }
                )
                + "\n"
            )


def timed(case: str, postings: int, command: list[str], env: dict[str, str]) -> Measured:
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    if status != 0:
        raise SystemExit(f"{case}: {' '.join(command[:3])} … failed: {child.stderr.read().decode()[-2000:]}")
    return Measured(case, postings, seconds, usage.ru_maxrss / 1024)


def duckdb_floor(corpus: Path, postings: int, work: Path, env: dict[str, str]) -> Measured:
    script = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[2]); "
        "con.execute(\"CREATE TABLE t AS SELECT * FROM read_json(?, format='newline_delimited')\", [sys.argv[1]])"
    )
    return timed(
        "duckdb read (floor)", postings, [sys.executable, "-c", script, str(corpus), str(work / "floor.duckdb")], env
    )


def jobpulse_import(case: str, corpus: Path, postings: int, db: Path, env: dict[str, str]) -> Measured:
    return timed(case, postings, [str(JOBPULSE), "import", "--format", "postings", "--db", str(db), str(corpus)], env)


# Copies of a warehouse's postings under new ids (the copy's number appended to posting and source
# id), with their skills, roles and sightings, up to `total` postings. A copy stands for one more
# posting of the generator's corpus, which at that size would be another text under the same key: it
# is its own duplicate cluster, as an import of the whole corpus leaves it. (Kept in its original's
# cluster, every key would hold clusters of ten identical copies, that each later load compares anew.)
COPY_UP = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
total = int(sys.argv[2])
base = con.execute("SELECT count(*) FROM postings").fetchone()[0]
extra = total - base
con.execute("BEGIN")
con.execute("CREATE TEMP TABLE copies AS SELECT range AS copy FROM range(1, ?)", [-(-extra // base) + 1])
con.execute("CREATE TEMP TABLE chosen AS SELECT p.posting_id, c.copy FROM postings p, copies c "
            "ORDER BY c.copy, p.posting_id LIMIT ?", [extra])
con.execute("INSERT INTO postings BY NAME SELECT p.* REPLACE (p.posting_id || '-' || c.copy AS posting_id, "
            "p.source_id || '-' || c.copy AS source_id, p.posting_id || '-' || c.copy AS cluster_id) "
            "FROM postings p JOIN chosen c USING (posting_id)")
for table in ("posting_skills", "posting_roles", "sightings"):
    con.execute(f"INSERT INTO {table} BY NAME SELECT t.* REPLACE (t.posting_id || '-' || c.copy AS posting_id) "
                f"FROM {table} t JOIN chosen c USING (posting_id)")
con.execute("COMMIT")
con.execute("CHECKPOINT")
"""


def copy_up(db: Path, total: int, env: dict[str, str]) -> Measured:
    return timed(f"copy up to {total:,}", total, [sys.executable, "-c", COPY_UP, str(db), str(total)], env)


def run(postings: int, existing: int, work: Path, existing_base: int | None = None) -> Iterator[Measured]:
    texts = real_descriptions() or generated_descriptions()
    env = {**os.environ, "JOBPULSE_DATA_DIR": str(work / "data")}
    corpus = work / "corpus.jsonl"
    write_corpus(corpus, postings, texts, id_prefix="new-", start=date(2026, 11, 30))
    yield duckdb_floor(corpus, postings, work, env)
    yield jobpulse_import("import into empty", corpus, postings, work / "empty.duckdb", env)
    if existing:
        imported = min(existing, existing_base or existing)
        history = work / "history.jsonl"
        write_corpus(history, imported, texts, id_prefix="old-", start=date(2025, 11, 30))
        yield jobpulse_import(f"build {imported:,} existing", history, imported, work / "existing.duckdb", env)
        if imported < existing:
            yield copy_up(work / "existing.duckdb", existing, env)
        yield jobpulse_import(f"import into {existing:,} existing", corpus, postings, work / "existing.duckdb", env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=100_000, help="postings to import (default: 100,000)")
    parser.add_argument(
        "--existing",
        type=int,
        default=100_000,
        help="postings already in the warehouse for the second case (0: skip it; default: 100,000)",
    )
    parser.add_argument(
        "--existing-base",
        type=int,
        help="import only this many of the existing postings and copy them in SQL up to --existing "
        "(a warehouse of 1,000,000 in minutes instead of an hour; default: import them all)",
    )
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one, removed after)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jobpulse-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"{'case':<32} {'postings':>10} {'seconds':>9} {'postings/s':>11} {'× floor':>8} {'peak RSS MB':>12}")
        floor = None
        for m in run(args.postings, args.existing, work, args.existing_base):
            floor = floor or m
            ratio = floor.per_second / m.per_second
            print(
                f"{m.case:<32} {m.postings:>10,} {m.seconds:>9.2f} {m.per_second:>11,.0f} {ratio:>8.1f} "
                f"{m.peak_rss_mb:>12,.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
