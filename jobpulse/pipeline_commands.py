"""Commands that crawl: `demo`, `run` (the weekly flow), `crawl`, `sources check` and `serve`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jobpulse import first_steps
from jobpulse.command_base import PARTIAL_EXIT, UserError, print_progress, progress_mode, user_errors, warehouse_path
from jobpulse.dispatch import dask_scheduler, run_step
from jobpulse.load_commands import work_dir
from jobpulse.printers import print_crawls, print_pipeline_outcome
from jobpulse.progress import CrawlWatcher


def cmd_demo(args: argparse.Namespace, data: Path) -> int:
    from jobpulse.demo import run_demo
    from pipeline.run_quality import PipelineFailed

    demo_dir = args.data_dir or data / "demo"
    try:
        return run_demo(
            demo_dir=demo_dir,
            db_path=args.db or demo_dir / "warehouse.duckdb",
            fresh=args.db is None,
            seed=args.seed,
            as_of=args.as_of,
            progress=progress_mode(args),
        )
    except PipelineFailed as exc:
        print_crawls(exc.crawls)
        print(f"demo failed: {exc}", file=sys.stderr)
        return 1


def cmd_run(args: argparse.Namespace, data: Path) -> int:
    from pipeline.sources import SourcesFileError, load_sources

    with user_errors(SourcesFileError):  # before Prefect is imported: a mistake in the file is reported at once
        sources = load_sources(args.sources or first_steps.default_sources_file())
    from flows.weekly import weekly_pipeline
    from pipeline.backfill import with_first_run_backfill
    from pipeline.run_quality import PipelineFailed

    db_path = warehouse_path(args, data)
    months = getattr(args, "backfill_months", None)
    if months is not None and months < 0:
        raise UserError(f"--backfill-months must be 0 or more, got {months}")
    crawled, backfill = with_first_run_backfill(sources, db_path, months)
    if backfill is not None:
        print(backfill.announcement(), flush=True)
    try:
        with (
            user_errors(),
            CrawlWatcher(progress_mode(args), crawled, data / "landing"),
            dask_scheduler(getattr(args, "dask", None)) as dask,
        ):
            outcome = weekly_pipeline(
                sources,
                db_path,
                data / "landing",
                data / "reports",
                backfill_months=months,
                dask=dask,
                work=work_dir(args),
            )
    except PipelineFailed as exc:
        print_crawls(exc.crawls)
        print(f"run failed: {exc}", file=sys.stderr)
        return 1
    print_pipeline_outcome(outcome)
    if outcome.get("backfill"):
        hn = next((c for c in outcome["crawls"] if c["source"] == "hn"), {})
        threads = [b for b in (hn.get("boards") or {}) if b != "search"]
        print(
            f"HN backfill: {len(threads)} monthly threads since {outcome['backfill']['since']}, "
            f"{hn.get('items') or 0:,} posts ({hn.get('status', 'not crawled')})"
        )
    print(f"warehouse: {db_path}\nreport:    {outcome['report']['markdown']}\n           {outcome['report']['html']}")
    return PARTIAL_EXIT if outcome["run"]["status"] == "partial" else 0


def cmd_sources(args: argparse.Namespace, data: Path) -> int:
    """`sources check`: one request per enabled board; exit status 1 when any board is not ok."""
    from pipeline.sources import SourcesFileError, load_sources
    from pipeline.sources_check import check_sources, format_checks

    with user_errors(SourcesFileError):
        specs = load_sources(args.sources or first_steps.default_sources_file())
    unknown = set(args.source) - {s.source for s in specs}
    if unknown:
        raise UserError(f"no enabled source {', '.join(sorted(unknown))} in the sources file")
    checks = check_sources(
        [s for s in specs if not args.source or s.source in args.source],
        progress=None if progress_mode(args) == "quiet" else print_progress,
    )
    for line in format_checks(checks):
        print(line)
    return 0 if all(c.status == "ok" for c in checks) else 1


def cmd_crawl(args: argparse.Namespace, data: Path) -> int:
    from jobpulse.cli import spider_names  # the registry, not `scrapy list`: the spider runs in its own process
    from pipeline.crawl_sources import crawl_sources
    from pipeline.sources import SourceSpec, with_incremental_since

    if args.source not in spider_names():
        raise UserError(f"unknown source {args.source!r} (known: {', '.join(spider_names())})")
    extra = {}
    for pair in args.spider_args:
        if "=" not in pair:
            raise UserError(f"spider argument must be NAME=VALUE: {pair!r}")
        key, value = pair.split("=", 1)
        extra[key] = value
    # HN without -a since= is incremental: from the newest thread in the warehouse (--db or the default).
    spec = with_incremental_since(
        SourceSpec(args.source, tuple(args.board), args.base_url, extra), warehouse_path(args, data)
    )
    # The crawl's Scrapy JOBDIR lives in <data>/jobs/<source> until it finishes; --resume continues it.
    call = dict(
        sources=[spec],
        landing_dir=args.landing or data / "landing",
        db_path=args.db,
        jobs_dir=data / "jobs",
        resume=getattr(args, "resume", False),
    )
    with CrawlWatcher(progress_mode(args), [spec], call["landing_dir"]):
        crawls = run_step("crawl", lambda: crawl_sources(**call), flow=_prefect_crawl_flow, flow_kwargs=call)
    print_crawls(crawls)
    from pipeline.spider_process import crawl_status  # not warehouse_load: a crawl need not import Polars

    for c in crawls:
        if c.get("landing_file"):
            print(f"landing file: {c['landing_file']}")
    if any(c.get("run_record_queued") for c in crawls):
        print(f"note: {crawls[0]['run_record_queued']}")
    statuses = {crawl_status(c) for c in crawls}
    return 1 if "failed" in statuses else PARTIAL_EXIT if "partial" in statuses else 0


def _prefect_crawl_flow(**call: Any) -> list[dict[str, Any]]:
    from flows.weekly import crawl

    return crawl(**call)


def cmd_serve(args: argparse.Namespace, data: Path) -> int:
    from flows.serve import ServerFailed, schedule_for, serve_weekly
    from pipeline.sources import SourcesFileError, load_sources

    sources_file = args.sources or first_steps.default_sources_file()
    with user_errors(SourcesFileError, ValueError):
        load_sources(sources_file)  # each run reads it again; a broken file should stop us now
        schedule = schedule_for(args.cron, args.interval)
    # Absolute paths: the runner starts each flow run in a process of its own.
    parameters = {
        "sources_file": str(Path(sources_file).absolute()),
        "db_path": str(warehouse_path(args, data).absolute()),
        "data_dir": str(data.absolute()),
        "write_report": not args.no_report,
    }
    with user_errors(ServerFailed):
        serve_weekly(parameters, schedule, prefect_dir=data / "prefect")
    print("serve stopped", flush=True)
    return 0
