"""Prefect flows: crawl, report, and the weekly pipeline that chains them with the ingest of
flows/partitioned_ingest.py.

Flows are thin: parameters in (every path and the database location among them), tasks that call
plain functions, summaries out. Only crawl tasks retry: they are the ones that touch the network.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run as current_flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from flows.partitioned_ingest import load_landed, on_dask
from flows.run_artifacts import publish_run_artifacts
from pipeline.backfill import with_first_run_backfill
from pipeline.crawl_sources import (
    CONCURRENT_CRAWLS,
    RETRY_DELAYS,
    crawl_summary,
    record_crawl_summaries,
    spider_run,
)
from pipeline.publish import staged
from pipeline.run_quality import raise_if_failed, record_pipeline_run
from pipeline.sources import SourceSpec, with_incremental_since
from pipeline.spider_process import CrawlResult


class CrawlFailed(RuntimeError):
    pass


@task(retries=len(RETRY_DELAYS), retry_delay_seconds=list(RETRY_DELAYS), task_run_name="crawl-{spec.source}")
def crawl_source(spec: SourceSpec, landing_dir: Path, jobdir: Path | None = None, resume: bool = False) -> CrawlResult:
    """Run one spider into a new landing file; raise on failure so Prefect retries it."""
    result = spider_run(spec, landing_dir, jobdir, resume)
    if result.status != "ok":
        raise CrawlFailed(f"{spec.source}: {result.error}")
    return result


@task
def record_crawls(db_path: Path, summaries: list[dict[str, Any]], landing_dir: Path | None = None) -> str | None:
    """One `runs` row per source crawled; queued beside the landing files if the warehouse is busy."""
    return record_crawl_summaries(db_path, summaries, landing_dir, get_run_logger().warning)


@task
def record_run_task(
    db_path: Path,
    started_at: datetime,
    crawls: list[dict[str, Any]],
    ingested: list[dict[str, Any]],
    flow_run_id: str | None,
) -> dict[str, Any]:
    """The run's `runs` row with per-source counts and quality flags."""
    return record_pipeline_run(db_path, started_at, crawls, ingested, flow_run_id)


@task
def report_task(db_path: Path, out_dir: Path, as_of: date | None, week: str | None) -> dict[str, Any]:
    """Write the weekly trend report (Markdown, HTML, JSON) and the explorer it links to
    (explore.html), both from the read-only warehouse."""
    from reports.build import build_report
    from reports.explore import build_explorer

    result = build_report(db_path, out_dir, as_of=as_of, week=week)
    explorer = build_explorer(db_path, out_dir)  # the report links explore.html: it must exist
    get_run_logger().info("report %s written to %s; explorer %s", result.week, result.html_path, explorer.path)
    return {
        "week": result.week,
        "markdown": str(result.markdown_path),
        "html": str(result.html_path),
        "json": str(result.json_path),
        "explore": str(explorer.path),
    }


def crawl_run_name() -> str:
    """Crawl runs are named after their sources (`crawl greenhouse, lever`)."""
    sources = current_flow_run.parameters.get("sources") or []
    names = [s.source if isinstance(s, SourceSpec) else s.get("source", "?") for s in sources]
    return "crawl " + ", ".join(dict.fromkeys(names)) if names else "crawl"


@flow(name="crawl", flow_run_name=crawl_run_name, task_runner=ThreadPoolTaskRunner(max_workers=CONCURRENT_CRAWLS))
def crawl(
    sources: list[SourceSpec],
    landing_dir: Path,
    db_path: Path | None = None,
    jobs_dir: Path | None = None,
    resume: bool = False,
    retry_delays: list[float] | None = None,
) -> list[dict[str, Any]]:
    """Crawl every source; a source that fails (after retries) is reported, never fatal.

    Boards fail on their own inside a crawl (see pipeline/spider_process.py). An HN source without `since` is
    incremental from the warehouse's newest thread. `jobs_dir/<source>` keeps each crawl's Scrapy
    JOBDIR so an interrupted one can `resume`. `retry_delays`: seconds before each retry of a
    crashed spider (default [5, 30]: two retries; [] for none)."""
    logger = get_run_logger()
    crawl_task = (
        crawl_source
        if retry_delays is None
        else crawl_source.with_options(retries=len(retry_delays), retry_delay_seconds=list(retry_delays) or 0)
    )
    # Sources are different hosts, so their spiders run side by side (each in its own process).
    futures = []
    for spec in sources:
        spec = with_incremental_since(spec, db_path)
        jobdir = Path(jobs_dir) / spec.source if jobs_dir is not None else None
        futures.append((spec, crawl_task.submit(spec, landing_dir, jobdir, resume)))
    summaries = []
    for spec, future in futures:
        future.wait()
        state = future.state
        summary = (
            crawl_summary(spec, state.result())
            if state.is_completed()
            else crawl_summary(spec, None, str(state.message))
        )
        logger.info("crawl %s: %s", spec.source, json.dumps(summary, default=str))
        summaries.append(summary)
    if db_path is not None:
        queued = record_crawls(db_path, summaries, landing_dir)
        for summary in summaries:
            summary["run_record_queued"] = queued
    return summaries


@flow(name="report")
def report(db_path: Path, out_dir: Path, as_of: date | None = None, week: str | None = None) -> dict[str, Any]:
    """Build the trend report for the latest complete week before `as_of`, or for `week`."""
    return report_task(db_path, out_dir, as_of, week)


def weekly_run_name() -> str:
    """Pipeline runs are named after the ISO week they run in (`weekly 2026-W49`), not at random."""
    year, week, _ = datetime.now(UTC).isocalendar()
    return f"weekly {year}-W{week:02d}"


@flow(name="weekly-pipeline", flow_run_name=weekly_run_name)
def weekly_pipeline(
    sources: list[SourceSpec],
    db_path: Path,
    landing_dir: Path,
    report_dir: Path,
    as_of: date | None = None,
    write_report: bool = True,
    backfill_months: int | None = None,
    dask: str | None = None,
    work: str | None = None,
) -> dict[str, Any]:
    """Crawl every source, ingest what landed, publish the warehouse, and write the report.

    On HN's first run (no HN postings yet) its crawl reaches `backfill_months` back (pipeline/backfill.py).
    With `dask` (a scheduler address) the crawl tasks and the normalizing of partitions run on that
    cluster's workers; `work` is where normalized partitions go (a path or fsspec URL they all read)."""
    started_at = datetime.now(UTC).replace(tzinfo=None)
    sources, backfill = with_first_run_backfill(sources, db_path, backfill_months, as_of)
    if backfill is not None:
        get_run_logger().info(backfill.announcement())
    # The run writes a staging copy that replaces the published file only if the run succeeds.
    with staged(db_path) as staging:
        crawls = on_dask(crawl, dask)(sources, landing_dir, staging)
        landed = [Path(c["landing_file"]) for c in crawls if c["status"] == "ok"]
        ingested = on_dask(load_landed, dask)(staging, landed, work, dask)
        run = record_run_task(staging, started_at, crawls, ingested, current_flow_run.id)
        get_run_logger().info(
            "pipeline run %s: %s, %s items, %s loaded, %s rejected",
            run["run_id"],
            run["status"],
            run["items"],
            run["loaded"],
            run["rejected"],
        )
        raise_if_failed(run, crawls)
    written = report_task(db_path, report_dir, as_of, None) if write_report else None
    publish_run_artifacts(run, written)  # the UI's Artifacts tab: the headline, the counts
    return {
        "crawls": crawls,
        "ingest": ingested,
        "run": run,
        "report": written,
        "backfill": backfill.__dict__ if backfill is not None else None,
    }
