"""Where ingest's time goes: each step of one file's load timed on its own, in seconds per 10,000 postings.

    python benchmarks/ingest_steps.py                  # 20,000 real-text postings (the ingest corpus)
    python benchmarks/ingest_steps.py --postings 5000

The corpus is benchmarks/ingest.py's. Steps in the order ingest runs them: reading and validating
the landing file, each normalization step (text, location, salary, language, the roles code, skills),
the upsert, duplicate clustering and the commit, into a new warehouse. Wall clock, and CPU time
of the process (all its threads) which a machine others share inflates less: read them beside
`uptime`, never as assertions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import generated_descriptions, real_descriptions, write_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=20_000, help="postings in the file (default 20,000)")
    args = parser.parse_args(argv)
    from pipeline import file_journal
    from pipeline.dedupe import assign_clusters
    from pipeline.import_files import write_landing
    from pipeline.landing import read_batches
    from pipeline.normalize.batch import POSTING_COLUMNS, NormalizedBatch, unique_rows
    from pipeline.normalize.dedupe_key import dedupe_key
    from pipeline.normalize.language import language
    from pipeline.normalize.location import location_columns
    from pipeline.normalize.posting_roles import roles_per_title, with_primary_role
    from pipeline.normalize.roles import classify_roles
    from pipeline.normalize.salary import salary_columns
    from pipeline.normalize.skills import match_skills, skill_text
    from pipeline.normalize.text import html_to_text
    from pipeline.warehouse_load import load_postings, prepare_for_load
    from warehouse.db import connect
    from warehouse.seed import sync_taxonomy

    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(step: str, work: Callable[[], Any]) -> Any:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work()
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - started
        cpu[step] = cpu.get(step, 0.0) + time.process_time() - started_cpu
        return result

    with tempfile.TemporaryDirectory(prefix="jobpulse-steps-") as tmp:
        work = Path(tmp)
        corpus, landing = work / "corpus.jsonl", work / "landing.jsonl"
        write_corpus(
            corpus, args.postings, real_descriptions() or generated_descriptions(), id_prefix="s-", start=date.today()
        )
        timed("import: convert to a landing file", lambda: write_landing("postings", corpus, landing))
        (batch,) = timed("landing: read + validate", lambda: list(read_batches(landing, args.postings + 1)))
        rows = unique_rows(batch.frame)
        rows = timed(
            "normalize: html_to_text",
            lambda: rows.with_columns(description_text=html_to_text(pl.col("description_html"))),
        )
        rows = rows.with_columns(
            dedupe_key=dedupe_key(pl.col("company"), pl.col("title")), landing_line=pl.col("line_no")
        )
        rows = timed("normalize: location", lambda: location_columns(rows.lazy()).collect())
        rows = timed("normalize: salary", lambda: salary_columns(rows.lazy()).collect())
        rows = timed(
            "normalize: language",
            lambda: rows.with_columns(
                language=language(pl.coalesce(pl.col("description_text"), pl.col("title"))), taxonomy_version=pl.lit("")
            ),
        )
        roles = timed("normalize: roles (roles code)", lambda: roles_per_title(rows))
        classified = timed(
            "normalize: roles (roles code)",
            lambda: with_primary_role(rows.lazy().pipe(classify_roles).collect(), roles),
        )
        docs = classified.select("posting_id", "company", text=skill_text(pl.col("title"), pl.col("description_text")))
        skills = timed("normalize: skills", lambda: match_skills(docs))
        normalized = NormalizedBatch(classified.select(POSTING_COLUMNS), skills, roles)
        con = connect(work / "warehouse.duckdb")
        sync_taxonomy(con)
        prepare_for_load(con)
        con.execute("BEGIN")
        file_journal.begin(con, "steps")
        timed(
            "load: upsert",
            lambda: load_postings(
                con, normalized, crawl_run="steps", seen_at=datetime.now(), journal=True, landing_file=str(landing)
            ),
        )
        timed("load: duplicate clustering", lambda: assign_clusters(con, rows["dedupe_key"].drop_nulls().to_list()))
        timed("load: commit", lambda: con.execute("COMMIT"))
        timed("load: checkpoint (once per run)", lambda: con.execute("CHECKPOINT"))
        con.close()
    per = 10_000 / rows.height
    print(f"{'step':<36}{'seconds':>9}{'s per 10k':>11}{'CPU s per 10k':>15}")
    for step, spent in [*seconds.items(), ("total", sum(seconds.values()))]:
        used = cpu.get(step, sum(cpu.values()))
        print(f"{step:<36}{spent:>9.2f}{spent * per:>11.2f}{used * per:>15.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
