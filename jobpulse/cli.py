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
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="run the whole pipeline offline against the local sandbox board, then report")
    _add_db(demo, "<data dir>/demo/warehouse.duckdb")
    demo.add_argument("--data-dir", type=Path, help="where landing files and reports go (default: <data dir>/demo)")
    demo.add_argument("--seed", type=int, default=7, help="sandbox corpus seed (default: 7)")
    demo.add_argument("--as-of", type=_date, help="pretend today is this date (YYYY-MM-DD)")

    run = commands.add_parser("run", help="run the weekly pipeline against the configured real sources")
    _add_db(run)
    run.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled flows/sources.toml)")
    run.add_argument("--once", action="store_true", help="one run now, without a scheduler (the default)")

    crawl = commands.add_parser("crawl", help="crawl one source into a landing file")
    _add_db(crawl)
    crawl.add_argument("--source", required=True, help="greenhouse | lever | ashby | hn")
    crawl.add_argument("--board", action="append", default=[], help="board token (repeatable)")
    crawl.add_argument("--base-url", help="API base URL (default: the real API host)")
    crawl.add_argument("--landing", type=Path, help="landing directory (default: <data dir>/landing)")
    crawl.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE", help="extra spider argument")

    ingest = commands.add_parser("ingest", help="normalize and load landing files (already loaded files are skipped)")
    _add_db(ingest)
    ingest.add_argument("paths", nargs="*", type=Path, help="landing files or directories (default: <data dir>/landing)")
    ingest.add_argument("--force", action="store_true", help="load files again even if already loaded")

    imp = commands.add_parser("import", help="load saved postings or saved source payloads from files")
    _add_db(imp)
    imp.add_argument("--format", required=True, dest="fmt",
                     help="postings (JSON Lines) | csv | hn (Firebase items JSONL or Algolia thread JSON) | greenhouse | lever | ashby (saved API responses, one file per board named <board>.json)")
    imp.add_argument("files", nargs="+", type=Path)

    report = commands.add_parser("report", help="write the weekly trend report (Markdown, HTML, JSON)")
    _add_db(report)
    report.add_argument("--out", type=Path, help="output directory (default: <data dir>/reports)")
    report.add_argument("--week", help="ISO week to report, e.g. 2026-W47 (default: the latest complete week)")
    report.add_argument("--as-of", type=_date, help="report as if today were this date (YYYY-MM-DD)")

    reprocess = commands.add_parser("reprocess", help="re-derive roles and skills of stored postings after a taxonomy change")
    _add_db(reprocess)
    reprocess.add_argument("--force", action="store_true", help="re-derive every posting, not only those of an older taxonomy")

    sql = commands.add_parser("sql", help="run ad-hoc SQL against the warehouse (read-only)")
    _add_db(sql)
    sql.add_argument("query", help="the SQL to run")
    sql.add_argument("--max-rows", type=int, default=40, help="rows to print (default: 40)")
    return parser


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
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "true")


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


if __name__ == "__main__":
    sys.exit(main())
