"""What each `jobpulse` command does: parse paths, call flows or plain functions, print a summary."""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path
from typing import Any, Callable


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit status 2."""


def _db(args: argparse.Namespace, data: Path, default: str = "warehouse.duckdb") -> Path:
    return args.db if args.db else data / default


def _print_crawls(crawls: list[dict[str, Any]]) -> None:
    print("crawl summary:")
    for c in crawls:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(c.get("responses_by_status", {}).items()))
        line = f"  {c['source']:<11} {c['status']:<7} items {c['items']:>6,}  requests {c.get('requests', 0):>5}  [{statuses}]"
        if c.get("error"):
            line += f"  error: {c['error']}"
        print(line)


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

    demo_dir = args.data_dir or data / "demo"
    return run_demo(demo_dir=demo_dir, db_path=args.db or demo_dir / "warehouse.duckdb",
                    fresh=args.db is None, seed=args.seed, as_of=args.as_of)


def cmd_run(args: argparse.Namespace, data: Path) -> int:
    from flows.sources import DEFAULT_SOURCES_FILE, SourcesFileError, load_sources
    from flows.weekly import weekly_pipeline

    try:
        sources = load_sources(args.sources or DEFAULT_SOURCES_FILE)
    except SourcesFileError as exc:
        raise UserError(str(exc)) from None
    db_path = _db(args, data)
    outcome = weekly_pipeline(sources, db_path, data / "landing", data / "reports")
    _print_crawls(outcome["crawls"])
    print("ingest:")
    _print_ingest(outcome["ingest"])
    print(f"warehouse: {db_path}\nreport:    {outcome['report']['markdown']}\n           {outcome['report']['html']}")
    return 0 if any(c["status"] == "ok" for c in outcome["crawls"]) else 1


def cmd_crawl(args: argparse.Namespace, data: Path) -> int:
    from flows.sources import SPIDERS, SourceSpec
    from flows.weekly import crawl

    if args.source not in SPIDERS:
        raise UserError(f"unknown source {args.source!r} (known: {', '.join(SPIDERS)})")
    extra = {}
    for pair in args.spider_args:
        if "=" not in pair:
            raise UserError(f"spider argument must be NAME=VALUE: {pair!r}")
        key, value = pair.split("=", 1)
        extra[key] = value
    spec = SourceSpec(args.source, tuple(args.board), args.base_url, extra)
    crawls = crawl([spec], args.landing or data / "landing", args.db)
    _print_crawls(crawls)
    for c in crawls:
        if c.get("landing_file"):
            print(f"landing file: {c['landing_file']}")
    return 0 if all(c["status"] == "ok" for c in crawls) else 1


def cmd_ingest(args: argparse.Namespace, data: Path) -> int:
    from flows.ingest import ingest_files, landing_files
    from warehouse.db import connect

    roots = args.paths or [data / "landing"]
    for root in roots:
        if not root.exists():
            raise UserError(f"no such landing file or directory: {root}")
    paths = [p for root in roots for p in landing_files(root)]
    db_path = _db(args, data)
    con = connect(db_path)
    try:
        results = ingest_files(con, paths, force=args.force, progress=_progress)
    finally:
        con.close()
    print(f"ingest into {db_path}:")
    _print_ingest([r.__dict__ for r in results])
    return 1 if any(r.status == "failed" for r in results) else 0


def cmd_import(args: argparse.Namespace, data: Path) -> int:
    from flows.imports import CONVERTERS, ImportFormatError, write_landing
    from flows.ingest import ingest_files
    from warehouse.db import connect

    if args.fmt not in CONVERTERS:
        raise UserError(f"unknown format {args.fmt!r} (known: {', '.join(CONVERTERS)})")
    landed = []
    for source_file in args.files:
        if not source_file.is_file():
            raise UserError(f"no such file: {source_file}")
        digest = hashlib.sha256(source_file.read_bytes()).hexdigest()[:12]
        target = data / "landing" / "import" / args.fmt / f"{source_file.stem}-{digest}.jsonl"
        try:
            write_landing(args.fmt, source_file, target)
        except ImportFormatError as exc:
            raise UserError(str(exc)) from None
        landed.append(target)
    db_path = _db(args, data)
    con = connect(db_path)
    try:
        results = ingest_files(con, landed, kind="import", progress=_progress)
    finally:
        con.close()
    print(f"import into {db_path}:")
    _print_ingest([r.__dict__ for r in results])
    return 1 if any(r.status == "failed" for r in results) else 0


def cmd_report(args: argparse.Namespace, data: Path) -> int:
    from reports.build import build_report

    try:
        result = build_report(_db(args, data), args.out or data / "reports", as_of=args.as_of, week=args.week)
    except (ValueError, FileNotFoundError) as exc:  # a missing or foreign warehouse, a malformed --week
        raise UserError(str(exc)) from None
    print(f"report for {result.week}:\n  {result.markdown_path}\n  {result.html_path}\n  {result.json_path}")
    return 0


def cmd_sql(args: argparse.Namespace, data: Path) -> int:
    import duckdb

    from warehouse.db import WarehouseMissing, connect

    try:
        con = connect(_db(args, data), read_only=True)
    except WarehouseMissing as exc:
        raise UserError(str(exc)) from None
    try:
        relation = con.sql(args.query)
        if relation is None:
            return 0  # a statement with no result set
        relation.show(max_rows=args.max_rows, max_width=max(shutil.get_terminal_size().columns, 80))
    except duckdb.Error as exc:
        raise UserError(str(exc).splitlines()[0]) from None
    finally:
        con.close()
    return 0


def cmd_reprocess(args: argparse.Namespace, data: Path) -> int:
    from flows.reprocess import reprocess
    from warehouse.db import connect

    db_path = _db(args, data)
    if not db_path.exists():
        raise UserError(f"no warehouse at {db_path}")
    con = connect(db_path)
    try:
        result = reprocess(con, force=args.force, progress=_progress)
    finally:
        con.close()
    print(f"reprocess: {result.postings:,} postings re-derived with taxonomy {result.version}")
    return 0


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "demo": cmd_demo,
    "run": cmd_run,
    "crawl": cmd_crawl,
    "ingest": cmd_ingest,
    "import": cmd_import,
    "report": cmd_report,
    "reprocess": cmd_reprocess,
    "sql": cmd_sql,
}
