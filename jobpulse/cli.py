"""`jobpulse` command line. Heavy libraries are imported inside each command so `--help` is instant."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DATA_DIR_ENV = "JOBPULSE_DATA_DIR"


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV, "data"))


def _add_db(parser: argparse.ArgumentParser, default: str = "<data dir>/warehouse.duckdb") -> None:
    parser.add_argument("--db", type=Path, help=f"DuckDB warehouse file (default: {default})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobpulse",
        description="Which skills and titles are rising or falling for each machine-learning role, week by week.",
        epilog=f"The data directory is ./data unless ${DATA_DIR_ENV} says otherwise.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect and Scrapy logs")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress (bars on a terminal, a line every 10 s otherwise)")
    parser.add_argument("--version", action="version", version=f"jobpulse {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="run the whole pipeline offline against the local sandbox board, then report")
    _add_db(demo, "<data dir>/demo/warehouse.duckdb")
    demo.add_argument("--data-dir", type=Path, help="where landing files and reports go (default: <data dir>/demo)")
    demo.add_argument("--seed", type=int, default=7, help="sandbox corpus seed (default: 7)")
    demo.add_argument("--as-of", type=_date, help="pretend today is this date (YYYY-MM-DD)")

    run = commands.add_parser("run", help="run the weekly pipeline against the configured real sources")
    _add_db(run)
    run.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled flows/sources.toml)")
    run.add_argument("--backfill-months", type=int, metavar="N",
                     help="when the warehouse has no HN data yet, first backfill N months of HN threads "
                          "(default: [hn] backfill_months in the sources file, else 36; 0: none)")
    run.add_argument("--once", action="store_true",
                     help="one full run now, without a scheduler (what `run` always does; `serve` runs on a schedule)")

    sources = commands.add_parser("sources", help="check the sources file: does every board answer?")
    sources_commands = sources.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    check = sources_commands.add_parser(
        "check", help="ask each enabled board once (politely, like a crawl): ok with its postings, moved, missing, failing")
    check.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled flows/sources.toml)")
    check.add_argument("--source", action="append", default=[], metavar="NAME", help="check only this source (repeatable)")

    crawl = commands.add_parser("crawl", help="crawl one source into a landing file")
    _add_db(crawl)
    crawl.add_argument("--source", required=True, help="a spider name: greenhouse, lever, ashby, smartrecruiters, workable, recruitee, hn, remoteok, remotive, arbeitnow, himalayas, themuse, careers (scrapy list)")
    crawl.add_argument("--board", action="append", default=[], help="board token (repeatable)")
    crawl.add_argument("--base-url", help="API base URL (default: the real API host)")
    crawl.add_argument("--landing", type=Path, help="landing directory (default: <data dir>/landing)")
    crawl.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE", help="extra spider argument")
    crawl.add_argument("--resume", action="store_true",
                       help="continue this source's interrupted crawl (its Scrapy JOBDIR in <data dir>/jobs/<source>)")

    ingest = commands.add_parser("ingest", help="normalize and load landing files (already loaded files are skipped)")
    _add_db(ingest)
    ingest.add_argument("paths", nargs="*", type=Path, help="landing files or directories (default: <data dir>/landing)")
    ingest.add_argument("--force", action="store_true", help="load files again even if already loaded")

    imp = commands.add_parser("import", help="load saved postings or saved source payloads from files")
    _add_db(imp)
    imp.add_argument("--format", required=True, dest="fmt",
                     help="postings (JSON Lines) | csv | hn (Firebase items JSONL or Algolia thread JSON) | greenhouse | lever | ashby (saved API responses, one file per board named <board>.json) | tracker (ATS tracker snapshot CSV[.gz]: one row per job with first_seen, last_seen and the raw ATS record; imported with weekly history)")
    imp.add_argument("files", nargs="+", type=Path)

    report = commands.add_parser("report", help="write the trend report (Markdown, HTML with charts, JSON, CSV/Parquet, index)")
    _add_db(report)
    report.add_argument("--out", type=Path, help="output directory (default: <data dir>/reports)")
    report.add_argument("--period", choices=("week", "month", "quarter"), default="week",
                        help="report on the latest complete ISO week (default), calendar month or quarter before --as-of")
    report.add_argument("--week", help="ISO week to report, e.g. 2026-W47 (default: the latest complete week)")
    report.add_argument("--as-of", type=_date, help="report as if today were this date (YYYY-MM-DD)")

    explore = commands.add_parser("explore", help="write explore.html: any roles × skills over the whole history, by region and company, offline")
    _add_db(explore)
    explore.add_argument("--out", type=Path, help="output directory (default: <data dir>/reports, beside the reports)")

    reprocess = commands.add_parser("reprocess", help="re-derive roles and skills of stored postings after a taxonomy change")
    _add_db(reprocess)
    reprocess.add_argument("--force", action="store_true", help="re-derive every posting, not only those of an older taxonomy")

    sql = commands.add_parser("sql", help="run ad-hoc SQL against the warehouse (read-only unless --write); no query: a REPL")
    _add_db(sql)
    sql.add_argument("query", nargs="?", help="the SQL to run (default: read statements from a prompt or stdin)")
    sql.add_argument("--format", dest="fmt", choices=("table", "csv", "json"),
                     help="output format (default: table on a terminal, csv when piped, so no column is cut)")
    sql.add_argument("--write", action="store_true",
                     help="allow changes: they are made on a copy published atomically when the statement (or REPL session) succeeds")
    sql.add_argument("--max-rows", type=int, default=40, help="rows to print in table format (default: 40)")

    export = commands.add_parser("export", help="write the warehouse tables as Parquet, partitioned by month and source")
    _add_db(export)
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="output directory (one subdirectory per table)")

    serve = commands.add_parser("serve", help="run the weekly pipeline on a schedule (a Prefect deployment)")
    _add_db(serve)
    serve.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled flows/sources.toml)")
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--cron", default="0 6 * * 1", help="cron schedule in UTC (default: '0 6 * * 1', Mondays 06:00)")
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS instead of on the cron schedule")
    serve.add_argument("--no-report", action="store_true", help="load the warehouse but write no report")
    return parser


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("jobpulse")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _quiet_services(verbose: bool) -> None:
    # Prefect's temporary server must not phone home (no network here) and must not flood the terminal.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    # Runs log at INFO to the Prefect server (its UI shows what each task did); the terminal shows
    # only warnings unless -v.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "true")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _quiet_services(args.verbose)
    from jobpulse import commands

    try:
        return commands.COMMANDS[args.command](args, data_dir())
    except commands.UserError as exc:
        print(f"jobpulse {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`jobpulse sql … | head`): not an error. Point stdout at /dev/null so
        # the interpreter's final flush does not raise a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
