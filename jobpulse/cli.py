"""`jobpulse` command line. Heavy libraries are imported inside each command so `--help` is instant."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from contract.schedule import WEEKLY_CRON

DATA_DIR_ENV = "JOBPULSE_DATA_DIR"


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV, "data"))


def _add_db(parser: argparse.ArgumentParser, default: str = "<data dir>/warehouse.duckdb") -> None:
    parser.add_argument("--db", type=Path, help=f"DuckDB warehouse file (default: {default})")


# One example per subcommand, shown under its --help (tests/test_cli_help.py holds every command to one).
EXAMPLES = {
    "init": "jobpulse init ~/jobpulse      # then edit ~/jobpulse/sources.toml",
    "demo": "jobpulse demo                 # about a minute, no network",
    "run": "jobpulse run --sources sources.toml --backfill-months 12",
    "sources": "jobpulse sources check --source greenhouse",
    "crawl": "jobpulse crawl --source greenhouse --board stripe --board airbnb",
    "ingest": "jobpulse ingest data/landing/greenhouse",
    "import": "jobpulse import --format hn saved/whoishiring-2026-11.json",
    "report": "jobpulse report --period month --as-of 2026-12-01",
    "explore": "jobpulse explore --out data/reports",
    "reprocess": "jobpulse reprocess --force",
    "landing": "jobpulse landing prune --older-than 730 --dry-run",
    "sql": "jobpulse sql \"SELECT * FROM skill_share('ai_engineer', 'rag')\" | head",
    "export": "jobpulse export --parquet data/parquet",
    "serve": f"jobpulse serve --cron '{WEEKLY_CRON}'",
}

# What `import --format` accepts beyond a saved API response of a source (pipeline/import_files.py CONVERTERS).
IMPORT_FORMAT_NOTES = {
    "postings": "JSON Lines in the generic postings format",
    "csv": "a CSV of postings",
    "hn": "Firebase items JSONL or an Algolia thread JSON",
    "tracker": "an ATS tracker snapshot CSV[.gz] with first/last seen: imported with weekly history",
}


def import_formats() -> list[str]:
    """Every format `import` reads: the converters' registry, then the tracker import."""
    from pipeline.import_files import CONVERTERS

    return [*CONVERTERS, "tracker"]


def spider_names() -> tuple[str, ...]:
    """The sources `crawl --source` takes (the contract's registry; a test holds it to `scrapy list`)."""
    from contract.sources import SOURCES

    return tuple(sorted(SOURCES))


def report_periods() -> tuple[str, ...]:
    from reports.periods import KINDS

    return tuple(KINDS)


def _add_dask(parser: argparse.ArgumentParser, what: str, landing: bool = True) -> None:
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help=f"run {what} as tasks on a Dask cluster: its scheduler address (tcp://host:8786), or 'local' for a "
        "LocalCluster of one worker per core started for this command. Runs as a Prefect flow (prefect-dask); "
        "with no Prefect server configured (PREFECT_API_URL), a temporary one is started for it, about 15 s"
        + (". Landing files must be at the same path on every worker (a shared mount)" if landing else ""),
    )
    parser.add_argument(
        "--work-dir",
        metavar="DIR|URL",
        help="where finished partitions wait for the writer: a directory or an fsspec URL (s3://…) that every "
        "worker can write and this machine read (default: a temporary directory here)",
    )


def _command(commands, name: str, summary: str, description: str | None = None) -> argparse.ArgumentParser:
    """A subcommand with a one-line summary (in `jobpulse --help`), a description and an example."""
    return commands.add_parser(
        name,
        help=summary,
        description=description or summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {EXAMPLES[name]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobpulse",
        description="Which skills and titles are rising or falling for each machine-learning role, week by week.",
        epilog=f"The data directory is ./data unless ${DATA_DIR_ENV} says otherwise.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect and Scrapy logs")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress (bars on a terminal, a line every 10 s otherwise)"
    )
    parser.add_argument("--version", action="version", version=f"jobpulse {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = _command(
        commands,
        "init",
        "write an editable sources file and say where data, schema doc and reports live",
        "Write DIR/sources.toml (a copy of the bundled sources, to edit) and DIR/SCHEMA.md (the warehouse's\n"
        "tables, views and worked queries), then print where the data, the warehouse and the reports live.\n"
        "`run`, `serve` and `sources check` read ./sources.toml when it exists.",
    )
    init.add_argument(
        "dir", nargs="?", type=Path, default=Path("."), metavar="DIR", help="where to write them (default: .)"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing sources.toml")

    demo = _command(commands, "demo", "run the whole pipeline offline against the local sandbox board, then report")
    _add_db(demo, "<data dir>/demo/warehouse.duckdb")
    demo.add_argument("--data-dir", type=Path, help="where landing files and reports go (default: <data dir>/demo)")
    demo.add_argument("--seed", type=int, default=7, help="sandbox corpus seed (default: 7)")
    demo.add_argument("--as-of", type=_date, help="pretend today is this date (YYYY-MM-DD)")

    run = _command(commands, "run", "run the weekly pipeline against the configured real sources")
    _add_db(run)
    run.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled pipeline/sources.toml)")
    run.add_argument(
        "--backfill-months",
        type=int,
        metavar="N",
        help="when the warehouse has no HN data yet, first backfill N months of HN threads "
        "(default: [hn] backfill_months in the sources file, else 36; 0: none)",
    )
    _add_dask(run, "the crawl of each source and the normalizing of each partition of what landed")
    run.add_argument(
        "--once",
        action="store_true",
        help="one full run now, without a scheduler (what `run` always does; `serve` runs on a schedule)",
    )

    sources = _command(commands, "sources", "check the sources file: does every board answer?")
    sources_commands = sources.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    check = sources_commands.add_parser(
        "check",
        help="ask each enabled board once (politely, like a crawl): ok with its postings, moved, missing, failing",
    )
    check.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled pipeline/sources.toml)")
    check.add_argument(
        "--source", action="append", default=[], metavar="NAME", help="check only this source (repeatable)"
    )

    crawl = _command(commands, "crawl", "crawl one source into a landing file")
    _add_db(crawl)
    crawl.add_argument("--source", required=True, metavar="SOURCE", help="a spider: " + ", ".join(spider_names()))
    crawl.add_argument("--board", action="append", default=[], help="board token (repeatable)")
    crawl.add_argument("--base-url", help="API base URL (default: the real API host)")
    crawl.add_argument("--landing", type=Path, help="landing directory (default: <data dir>/landing)")
    crawl.add_argument(
        "-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE", help="extra spider argument"
    )
    crawl.add_argument(
        "--resume",
        action="store_true",
        help="continue this source's interrupted crawl (its Scrapy JOBDIR in <data dir>/jobs/<source>)",
    )

    ingest = _command(
        commands,
        "ingest",
        "normalize and load landing files (already loaded files are skipped)",
        "Normalize and load landing files (already loaded files are skipped). Each file is cut into partitions of\n"
        "5,000 lines, normalized side by side (both cores; Prefect tasks with a Prefect server configured; a Dask\n"
        "cluster with --dask) and loaded in order by this process, the warehouse's one writer.",
    )
    _add_db(ingest)
    ingest.add_argument(
        "paths", nargs="*", type=Path, help="landing files or directories (default: <data dir>/landing)"
    )
    ingest.add_argument("--force", action="store_true", help="load files again even if already loaded")
    _add_dask(ingest, "the normalizing of each partition (without it: a process per core)")

    imp = _command(commands, "import", "load saved postings or saved source payloads from files")
    _add_db(imp)
    formats = import_formats()
    imp.add_argument(
        "--format",
        required=True,
        dest="fmt",
        metavar="FORMAT",
        help="; ".join(f"{f} ({IMPORT_FORMAT_NOTES[f]})" for f in formats if f in IMPORT_FORMAT_NOTES)
        + "; or a saved API response of a source (board sources: one file per board named <board>.json): "
        + ", ".join(f for f in formats if f not in IMPORT_FORMAT_NOTES),
    )
    imp.add_argument("files", nargs="+", type=Path)
    _add_dask(imp, "the normalizing of each partition of the converted files (without it: a process per core)")

    report = _command(
        commands, "report", "write the trend report (Markdown, HTML with charts, JSON, CSV/Parquet, index)"
    )
    _add_db(report)
    report.add_argument("--out", type=Path, help="output directory (default: <data dir>/reports)")
    report.add_argument(
        "--period",
        choices=report_periods(),
        default="week",
        help="report on the latest complete period before --as-of: "
        + ", ".join(report_periods())
        + " (default: week, an ISO week)",
    )
    report.add_argument("--week", help="ISO week to report, e.g. 2026-W47 (default: the latest complete week)")
    report.add_argument("--as-of", type=_date, help="report as if today were this date (YYYY-MM-DD)")

    explore = _command(
        commands,
        "explore",
        "write explore.html: any roles × skills over the whole history, by region and company, offline",
    )
    _add_db(explore)
    explore.add_argument("--out", type=Path, help="output directory (default: <data dir>/reports, beside the reports)")

    reprocess = _command(commands, "reprocess", "re-derive roles and skills of stored postings after a taxonomy change")
    _add_db(reprocess)
    reprocess.add_argument(
        "--force", action="store_true", help="re-derive every posting, not only those of an older taxonomy"
    )
    _add_dask(reprocess, "the re-deriving of each page of 5,000 stale postings", landing=False)

    _add_landing(commands)

    sql = _command(commands, "sql", "run ad-hoc SQL against the warehouse (read-only unless --write); no query: a REPL")
    _add_db(sql)
    sql.add_argument("query", nargs="?", help="the SQL to run (default: read statements from a prompt or stdin)")
    sql.add_argument(
        "--format",
        dest="fmt",
        choices=("table", "csv", "json"),
        help="output format (default: table on a terminal, csv when piped, so no column is cut)",
    )
    sql.add_argument(
        "--write",
        action="store_true",
        help=(
            "allow changes: they are made on a copy published atomically when the statement (or REPL session) succeeds"
        ),
    )
    sql.add_argument("--max-rows", type=int, default=40, help="rows to print in table format (default: 40)")

    export = _command(commands, "export", "write the warehouse tables as Parquet, partitioned by month and source")
    _add_db(export)
    export.add_argument(
        "--parquet", type=Path, required=True, metavar="DIR", help="output directory (one subdirectory per table)"
    )

    serve = _command(commands, "serve", "run the weekly pipeline on a schedule (a Prefect deployment)")
    _add_db(serve)
    serve.add_argument("--sources", type=Path, help="sources TOML file (default: the bundled pipeline/sources.toml)")
    when = serve.add_mutually_exclusive_group()
    when.add_argument(
        "--cron", default=WEEKLY_CRON, help=f"cron schedule in UTC (default: '{WEEKLY_CRON}', Mondays 06:00)"
    )
    when.add_argument(
        "--interval", type=float, metavar="SECONDS", help="run every SECONDS instead of on the cron schedule"
    )
    serve.add_argument("--no-report", action="store_true", help="load the warehouse but write no report")
    return parser


def _add_landing(commands) -> None:
    landing = _command(
        commands,
        "landing",
        "the landing store per source (files, bytes, loaded or not), and pruning what is safe",
        "Landing files are the raw store: kept compressed once loaded, for the retention after their crawl\n"
        "(JOBPULSE_LANDING_KEEP_DAYS, default 365). `status` reports them per source; `prune` removes loaded\n"
        "files older than that, never one whose content the warehouse has not loaded.",
    )
    actions = landing.add_subparsers(dest="landing_command", required=True, metavar="ACTION")
    for action, summary in (
        ("status", "per source: files, loaded, compressed, bytes raw and on disk, oldest and newest crawl"),
        ("prune", "remove loaded landing files crawled more than --older-than days ago (their sidecars stay)"),
    ):
        sub = actions.add_parser(action, help=summary, description=summary[0].upper() + summary[1:] + ".")
        _add_db(sub)
        sub.add_argument("--landing", type=Path, help="landing directory (default: <data dir>/landing)")
    prune = actions.choices["prune"]
    prune.add_argument(
        "--older-than",
        type=int,
        metavar="DAYS",
        help="prune files crawled more than DAYS ago (default and least: the retention, JOBPULSE_LANDING_KEEP_DAYS)",
    )
    prune.add_argument("--dry-run", action="store_true", help="say what would be pruned; remove nothing")


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
