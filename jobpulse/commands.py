"""What each `jobpulse` command does: parse paths, call flows or plain functions, print a summary."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any, Callable


from jobpulse import first_steps
from jobpulse.dispatch import run_step
from jobpulse.progress import CrawlWatcher, RecordsProgress


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit status 2."""


def _db(args: argparse.Namespace, data: Path, default: str = "warehouse.duckdb") -> Path:
    return args.db if args.db else data / default


PARTIAL_EXIT = 3  # `run`/`crawl`: published, but some source, board or file failed or is suspect
FEW_BOARDS = 12  # a source with more boards than this lists only the boards that failed


def _print_crawls(crawls: list[dict[str, Any]]) -> None:
    """Per source, then per board: status, items, requests, responses by status, errors, seconds,
    and why a board failed. Every board of a small source is listed; of a big one, the failures."""
    print("crawl summary:")
    for c in crawls:
        print(f"  {c['source']:<15} {c['status']:<10} {_crawl_counters(c)}" + (f"  error: {c['error']}" if c.get("error") else ""))
        boards = c.get("boards") or {}
        shown = boards if len(boards) <= FEW_BOARDS else {b: s for b, s in boards.items() if s.get("status") != "ok"}
        for board, s in shown.items():
            print(f"    {board:<22} {s.get('status', '?'):<10} {_crawl_counters(s)}" + (f"  {s['reason']}" if s.get("reason") else ""))
        if len(boards) > len(shown):
            print(f"    … and {len(boards) - len(shown)} more boards ok" if shown else f"    all {len(boards)} boards ok")


def _crawl_counters(c: dict[str, Any]) -> str:
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted((c.get("responses_by_status") or {}).items()))
    line = f"items {c.get('items') or 0:>7,}  requests {c.get('requests') or 0:>5}  [{statuses}]"
    if c.get("errors"):
        line += f"  errors {c['errors']}"
    if c.get("seconds") is not None:
        line += f"  {c['seconds']:.1f} s"
    return line


def _print_ingest(results: list[dict[str, Any]]) -> None:
    for r in results:
        name = "/".join(Path(r["path"]).parts[-2:])  # <source>/<run id>.jsonl
        if r["status"] == "skipped":
            print(f"  {name}: already loaded, skipped")
        elif r["status"] == "failed":
            print(f"  {name}: FAILED: {r['error']}")
        else:
            print(f"  {name}: {r['items']:,} records, {r['loaded']:,} postings loaded, {r['rejected']:,} rejected")


def cmd_demo(args: argparse.Namespace, data: Path) -> int:
    from jobpulse.demo import run_demo

    from flows.quality import PipelineFailed

    demo_dir = args.data_dir or data / "demo"
    try:
        return run_demo(demo_dir=demo_dir, db_path=args.db or demo_dir / "warehouse.duckdb",
                        fresh=args.db is None, seed=args.seed, as_of=args.as_of, progress=_mode(args))
    except PipelineFailed as exc:
        _print_crawls(exc.crawls)
        print(f"demo failed: {exc}", file=sys.stderr)
        return 1


def cmd_run(args: argparse.Namespace, data: Path) -> int:
    from pipeline.sources import SourcesFileError, load_sources

    try:  # before Prefect is imported: a mistake in the file is reported at once
        sources = load_sources(args.sources or first_steps.default_sources_file())
    except SourcesFileError as exc:
        raise UserError(str(exc)) from None
    from pipeline.backfill import with_first_run_backfill
    from flows.weekly import weekly_pipeline
    from pipeline.publish import PublishBusy
    from flows.quality import PipelineFailed

    db_path = _db(args, data)
    months = getattr(args, "backfill_months", None)
    if months is not None and months < 0:
        raise UserError(f"--backfill-months must be 0 or more, got {months}")
    crawled, backfill = with_first_run_backfill(sources, db_path, months)
    if backfill is not None:
        print(backfill.announcement(), flush=True)
    try:
        with CrawlWatcher(_mode(args), crawled, data / "landing"):
            outcome = weekly_pipeline(sources, db_path, data / "landing", data / "reports", backfill_months=months)
    except PublishBusy as exc:
        raise UserError(str(exc)) from None
    except PipelineFailed as exc:
        _print_crawls(exc.crawls)
        print(f"run failed: {exc}", file=sys.stderr)
        return 1
    _print_crawls(outcome["crawls"])
    print("ingest:")
    _print_ingest(outcome["ingest"])
    print_run(outcome["run"])
    if outcome.get("backfill"):
        hn = next((c for c in outcome["crawls"] if c["source"] == "hn"), {})
        threads = [b for b in (hn.get("boards") or {}) if b != "search"]
        print(f"HN backfill: {len(threads)} monthly threads since {outcome['backfill']['since']}, "
              f"{hn.get('items') or 0:,} posts ({hn.get('status', 'not crawled')})")
    print(f"warehouse: {db_path}\nreport:    {outcome['report']['markdown']}\n           {outcome['report']['html']}")
    return PARTIAL_EXIT if outcome["run"]["status"] == "partial" else 0


def print_run(run: dict[str, Any]) -> None:
    """The pipeline run's status and its data-quality flags (see flows/quality.py)."""
    from flows.quality import format_flags

    print(f"run {run['run_id']}: {run['status']}, {run['items']:,} items, {run['loaded']:,} postings loaded, "
          f"{run['rejected']:,} rejected; quality flags: {len(run['flags']) or 'none'}")
    for line in format_flags(run["flags"]):
        print(line)


def cmd_sources(args: argparse.Namespace, data: Path) -> int:
    """`sources check`: one request per enabled board; exit status 1 when any board is not ok."""
    from pipeline.sources import SourcesFileError, load_sources
    from pipeline.sources_check import check_sources, format_checks

    try:
        specs = load_sources(args.sources or first_steps.default_sources_file())
    except SourcesFileError as exc:
        raise UserError(str(exc)) from None
    unknown = set(args.source) - {s.source for s in specs}
    if unknown:
        raise UserError(f"no enabled source {', '.join(sorted(unknown))} in the sources file")
    checks = check_sources([s for s in specs if not args.source or s.source in args.source],
                           progress=None if _mode(args) == "quiet" else _progress)
    for line in format_checks(checks):
        print(line)
    return 0 if all(c.status == "ok" for c in checks) else 1


def cmd_crawl(args: argparse.Namespace, data: Path) -> int:
    from pipeline.crawl_sources import crawl_sources
    from pipeline.sources import SourceSpec, with_incremental_since
    from jobpulse.cli import spider_names  # SPIDERS, not `scrapy list`: the spider runs in its own process

    if args.source not in spider_names():
        raise UserError(f"unknown source {args.source!r} (known: {', '.join(spider_names())})")
    extra = {}
    for pair in args.spider_args:
        if "=" not in pair:
            raise UserError(f"spider argument must be NAME=VALUE: {pair!r}")
        key, value = pair.split("=", 1)
        extra[key] = value
    # HN without -a since= is incremental: from the newest thread in the warehouse (--db or the default).
    spec = with_incremental_since(SourceSpec(args.source, tuple(args.board), args.base_url, extra), _db(args, data))
    # The crawl's Scrapy JOBDIR lives in <data>/jobs/<source> until it finishes; --resume continues it.
    call = dict(sources=[spec], landing_dir=args.landing or data / "landing", db_path=args.db, jobs_dir=data / "jobs",
                resume=getattr(args, "resume", False))
    with CrawlWatcher(_mode(args), [spec], call["landing_dir"]):
        crawls = run_step("crawl", lambda: crawl_sources(**call), flow=_prefect_crawl_flow, flow_kwargs=call)
    _print_crawls(crawls)
    from pipeline.warehouse_load import crawl_status

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


def _load_published(db_path: Path, load: Callable[[Any], Any]) -> Any:
    """Run `load(con)` on a staging copy of the warehouse and publish it atomically, so readers
    never fail or see half a load, and a failed load leaves the published file as it was."""
    from pipeline.publish import PublishBusy, staged
    from warehouse.db import connect

    try:
        with staged(db_path) as staging:
            con = connect(staging)
            try:
                return load(con)
            finally:
                con.close()
    except PublishBusy as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:
        _raise_if_locked(exc, db_path)
        raise


def _raise_if_locked(exc: BaseException, db_path: Path) -> None:
    """A file another process holds read-write is a one-line UserError saying who and what to do."""
    from pipeline.publish import lock_conflict

    message = lock_conflict(exc, db_path)
    if message:
        raise UserError(message) from None


def cmd_ingest(args: argparse.Namespace, data: Path) -> int:
    from pipeline.ingest import ingest_files, landing_files

    roots = args.paths or [data / "landing"]
    for root in roots:
        if not root.exists():
            raise UserError(f"no such landing file or directory: {root}")
    paths = [p for root in roots for p in landing_files(root)]
    db_path = _db(args, data)
    with RecordsProgress(_mode(args), "ingest") as progress:
        results = run_step("ingest", lambda: _load_published(
            db_path, lambda con: ingest_files(con, paths, force=args.force, progress=progress)), run_name=f"ingest {len(paths)} landing file{'' if len(paths) == 1 else 's'}")
    print(f"ingest into {db_path}:")
    _print_ingest([r.__dict__ for r in results])
    return 1 if any(r.status == "failed" for r in results) else 0


def cmd_import(args: argparse.Namespace, data: Path) -> int:
    from pipeline.import_files import CONVERTERS, ImportFormatError, write_landing
    from pipeline.ingest import ingest_files
    from jobpulse.cli import import_formats

    if args.fmt == "tracker":
        return _import_tracker(args, data)
    if args.fmt not in CONVERTERS:
        raise UserError(f"unknown format {args.fmt!r} (known: {', '.join(import_formats())})")
    landed = []
    for source_file in args.files:
        if not source_file.is_file():
            raise UserError(f"no such file: {source_file}")
        digest = hashlib.sha256(source_file.read_bytes()).hexdigest()[:12]
        # Beside the warehouse it feeds: `--db X` keeps its copy in X's folder, not wherever we stand.
        landing = (Path(args.db).absolute().parent if args.db else data) / "landing"
        target = landing / "import" / args.fmt / f"{source_file.stem}-{digest}.jsonl"
        try:
            write_landing(args.fmt, source_file, target)
        except ImportFormatError as exc:
            raise UserError(str(exc)) from None
        landed.append(target)
    db_path = _db(args, data)
    with RecordsProgress(_mode(args), "import") as progress:
        results = run_step("import", lambda: _load_published(
            db_path, lambda con: ingest_files(con, landed, kind="import", progress=progress)), run_name=f"import {args.fmt}")
    print(f"import into {db_path}:")
    _print_ingest([r.__dict__ for r in results])
    return 1 if any(r.status == "failed" for r in results) else 0


def _import_tracker(args: argparse.Namespace, data: Path) -> int:
    """Tracker snapshots (one row per job with first/last seen): postings with weekly history."""
    from pipeline.tracker_import import TrackerFormatError, import_tracker, write_tracker_landing

    landed = []
    for source_file in args.files:
        if not source_file.is_file():
            raise UserError(f"no such file: {source_file}")
        digest = hashlib.sha256(source_file.read_bytes()).hexdigest()[:12]
        target = data / "landing" / "import" / "tracker" / f"{source_file.name.split('.')[0]}-{digest}.jsonl"
        try:
            write_tracker_landing(source_file, target)
        except TrackerFormatError as exc:
            raise UserError(str(exc)) from None
        landed.append(target)
    db_path = _db(args, data)
    with RecordsProgress(_mode(args), "import") as progress:
        outcome = run_step("import", lambda: _load_published(db_path, lambda con: import_tracker(con, landed, progress=progress)),
                           run_name="import tracker")
    print(f"import into {db_path}:")
    _print_ingest([r.__dict__ for r, _ in outcome])
    for _, history in outcome:
        if history is not None:
            print(f"  history: {history.postings:,} postings, {history.sightings:,} sightings (first and last seen, weekly between)")
            for span in history.coverage:
                print(f"    {span['source']}/{span['board']}: covered {span['start'][:10]} … {span['end'][:10]}")
    return 1 if any(r.status == "failed" for r, _ in outcome) else 0


def cmd_report(args: argparse.Namespace, data: Path) -> int:
    from reports.build import build_report

    try:
        result = run_step("report", lambda: build_report(
            _db(args, data), args.out or data / "reports", as_of=args.as_of, week=args.week,
            period=getattr(args, "period", "week")), run_name=f"report {getattr(args, 'period', 'week')}")
    except (ValueError, FileNotFoundError) as exc:  # a missing or foreign warehouse, a malformed --week
        raise UserError(str(exc)) from None
    except Exception as exc:
        _raise_if_locked(exc, _db(args, data))
        raise
    print(f"report for {result.week}:\n  {result.markdown_path}\n  {result.html_path}\n  {result.json_path}\n  {result.tables_dir}"
          f"\n  {result.index_path}")
    return 0


def cmd_explore(args: argparse.Namespace, data: Path) -> int:
    from reports.explore import build_explorer

    try:
        result = build_explorer(_db(args, data), args.out or data / "reports")
    except (ValueError, FileNotFoundError) as exc:  # a missing or foreign warehouse
        raise UserError(str(exc)) from None
    print(f"explorer: {result.path} ({result.bytes / 1e6:.1f} MB, {result.seconds:.1f} s); open it in a browser, no server needed")
    return 0


def cmd_sql(args: argparse.Namespace, data: Path) -> int:
    from warehouse.db import WarehouseMissing, connect

    db_path = _db(args, data)
    if not args.write:
        try:
            con = connect(db_path, read_only=True)
        except WarehouseMissing as exc:
            raise UserError(str(exc)) from None
        except Exception as exc:
            _raise_if_locked(exc, db_path)
            raise
        try:
            from jobpulse.sql_console import seal

            return _run_sql(seal(con), args)
        finally:
            con.close()
    # Changes go to a staging copy published atomically: readers never wait, never see half of it.
    return _load_published(db_path, lambda con: _run_sql(con, args))


def _run_sql(con, args: argparse.Namespace) -> int:
    from jobpulse.sql_console import StatementError, repl, run_statement

    if args.fmt is None:
        args.fmt = "table" if sys.stdout.isatty() else "csv"
    if args.query is None:
        return repl(con, args.fmt, args.max_rows)
    try:
        run_statement(con, args.query, args.fmt, args.max_rows, sys.stdout)
    except StatementError as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_export(args: argparse.Namespace, data: Path) -> int:
    import duckdb

    from warehouse.db import WarehouseMissing
    from warehouse.export import export_parquet

    db_path = _db(args, data)
    try:
        tables = export_parquet(db_path, args.parquet)
    except WarehouseMissing as exc:
        raise UserError(str(exc)) from None
    except duckdb.Error as exc:
        raise UserError(str(exc).strip().splitlines()[0]) from None
    print(f"exported {db_path} to {args.parquet}:")
    for t in tables:
        layout = f"by {' × '.join(t.partitioned_by)}" if t.partitioned_by else "one file"
        print(f"  {t.table:<15} {t.rows:>10,} rows  {t.files:>5,} files  {layout}")
    return 0


def cmd_serve(args: argparse.Namespace, data: Path) -> int:
    from flows.serve import ServerFailed, schedule_for, serve_weekly
    from pipeline.sources import SourcesFileError, load_sources

    sources_file = args.sources or first_steps.default_sources_file()
    try:
        load_sources(sources_file)  # each run reads it again; a broken file should stop us now
        schedule = schedule_for(args.cron, args.interval)
    except (SourcesFileError, ValueError) as exc:
        raise UserError(str(exc)) from None
    # Absolute paths: the runner starts each flow run in a process of its own.
    parameters = {
        "sources_file": str(Path(sources_file).absolute()),
        "db_path": str(_db(args, data).absolute()),
        "data_dir": str(data.absolute()),
        "write_report": not args.no_report,
    }
    try:
        serve_weekly(parameters, schedule, prefect_dir=data / "prefect")
    except ServerFailed as exc:
        raise UserError(str(exc)) from None
    print("serve stopped", flush=True)
    return 0


def cmd_reprocess(args: argparse.Namespace, data: Path) -> int:
    from pipeline.reprocess import reprocess

    db_path = _db(args, data)
    if not db_path.exists():
        raise UserError(f"no warehouse at {db_path}")
    with RecordsProgress(_mode(args), "reprocess") as progress:
        result = run_step("reprocess", lambda: _load_published(
            db_path, lambda con: reprocess(con, force=args.force, progress=progress)))
    print(f"reprocess: {result.postings:,} postings re-derived with taxonomy {result.version}")
    return 0


def _mode(args: argparse.Namespace) -> str:
    """How long work shows progress: bars on a terminal, plain lines otherwise, none with -q."""
    from jobpulse.progress import mode_for

    return mode_for(getattr(args, "quiet", False))


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "init": first_steps.cmd_init,
    "demo": cmd_demo,
    "run": cmd_run,
    "sources": cmd_sources,
    "crawl": cmd_crawl,
    "ingest": cmd_ingest,
    "import": cmd_import,
    "report": cmd_report,
    "explore": cmd_explore,
    "reprocess": cmd_reprocess,
    "sql": cmd_sql,
    "export": cmd_export,
    "serve": cmd_serve,
}
