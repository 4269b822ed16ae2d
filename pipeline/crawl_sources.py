"""Crawling several sources without Prefect: what `jobpulse crawl` runs when no Prefect server is
configured, so a one-shot crawl costs a spider's time, not a temporary server's start.

The Prefect flow `flows.weekly.crawl` does the same with a task per source (retries, UI); both
share the summaries and the run records written here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pipeline.sources import SourceSpec, with_incremental_since
from pipeline.spider_process import CrawlResult, run_spider

CONCURRENT_CRAWLS = 4  # spider processes at once: sources are separate hosts, each mostly waits
RETRY_DELAYS = (5.0, 30.0)  # seconds before each retry of a crashed spider

log = logging.getLogger("jobpulse.crawl")


def crawl_summary(spec: SourceSpec, result: CrawlResult | None, error: str | None = None) -> dict[str, Any]:
    """What a crawl of one source did, as the CLI prints it and the `runs` table records it."""
    if result is not None and result.status == "ok":
        return result.summary() | {"landing_file": str(result.landing_file)}
    return {
        "source": spec.source,
        "status": "failed",
        "items": 0,
        "error": error or (result.error if result else None),
        "boards": {},
    }


def spider_run(spec: SourceSpec, landing_dir: Path, jobdir: Path | None, resume: bool) -> CrawlResult:
    """One spider process for one configured source, into a new landing file (one attempt)."""
    return run_spider(
        spec.source,
        landing_dir,
        boards=list(spec.boards),
        base_url=spec.base_url,
        spider_args=spec.args,
        settings=spec.settings,
        jobdir=jobdir,
        resume=resume,
    )


def crawl_one(
    spec: SourceSpec,
    landing_dir: Path,
    jobdir: Path | None,
    resume: bool,
    retry_delays: tuple[float, ...] = RETRY_DELAYS,
) -> dict[str, Any]:
    """One source, retried after a crash like the Prefect task is; never raises for a failed crawl."""
    for attempt, delay in enumerate((*retry_delays, None)):
        result = spider_run(spec, landing_dir, jobdir, resume or attempt > 0)
        if result.status == "ok" or delay is None:
            return crawl_summary(spec, result)
        log.warning("crawl %s failed (%s); retrying in %g s", spec.source, result.error, delay)
        time.sleep(delay)
    raise AssertionError("unreachable")


def crawl_sources(
    sources: list[SourceSpec],
    landing_dir: Path,
    db_path: Path | None = None,
    jobs_dir: Path | None = None,
    resume: bool = False,
    retry_delays: tuple[float, ...] = RETRY_DELAYS,
) -> list[dict[str, Any]]:
    """Crawl every source side by side (a process each); record the runs if `db_path` is given."""
    specs = [with_incremental_since(spec, db_path) for spec in sources]
    with ThreadPoolExecutor(max_workers=CONCURRENT_CRAWLS) as pool:
        futures = [
            pool.submit(
                crawl_one,
                spec,
                landing_dir,
                Path(jobs_dir) / spec.source if jobs_dir else None,
                resume,
                tuple(retry_delays),
            )
            for spec in specs
        ]
        summaries = [f.result() for f in futures]
    if db_path is not None:
        queued = record_crawl_summaries(db_path, summaries, landing_dir, log.warning)
        for summary in summaries:
            summary["run_record_queued"] = queued
    return summaries


def record_crawl_summaries(
    db_path: Path, summaries: list[dict[str, Any]], landing_dir: Path | None, warn: Callable[..., None]
) -> str | None:
    """One `runs` row per source crawled (pipeline/warehouse_load.py); if another process holds the warehouse,
    the rows wait in the landing folder for the next write instead of being lost."""
    # DuckDB and Polars only when there is a warehouse to write: a bare crawl does not pay their import.
    from pipeline.publish import lock_conflict
    from pipeline.warehouse_load import load_queued_runs, queue_crawl_runs, record_crawl_runs
    from warehouse.db import connect, transaction

    try:
        con = connect(db_path)
    except Exception as exc:
        if landing_dir is None or not lock_conflict(exc, db_path):
            raise
        queued = queue_crawl_runs(landing_dir, summaries)
        warn("%s; the crawl's run records wait in %s for the next write", lock_conflict(exc, db_path), queued)
        return f"{lock_conflict(exc, db_path)}: the run records wait in {queued} and load with the next ingest"
    try:
        load_queued_runs(con, [landing_dir] if landing_dir is not None else [])
        with transaction(con):
            record_crawl_runs(con, summaries)
    finally:
        con.close()
    return None
