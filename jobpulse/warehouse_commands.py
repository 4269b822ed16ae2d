"""Commands that read the warehouse (`report`, `explore`, `export`, `sql`) or change it by hand
(`sql --write`, published whole like every other write: pipeline/publish.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobpulse.command_base import UserError, user_errors, warehouse_path
from jobpulse.dispatch import run_step


def cmd_report(args: argparse.Namespace, data: Path) -> int:
    from pipeline.publish import raise_if_locked
    from reports.build import build_report

    db_path = warehouse_path(args, data)
    period = getattr(args, "period", "week")
    # ValueError, FileNotFoundError: a missing or foreign warehouse, a malformed --week.
    with user_errors(ValueError, FileNotFoundError):
        try:
            result = run_step(
                "report",
                lambda: build_report(
                    db_path, args.out or data / "reports", as_of=args.as_of, week=args.week, period=period
                ),
                run_name=f"report {period}",
            )
        except Exception as exc:
            raise_if_locked(exc, db_path)
            raise
    print(
        f"report for {result.week}:\n  {result.markdown_path}\n  {result.html_path}\n  {result.json_path}"
        f"\n  {result.tables_dir}"
        f"\n  {result.index_path}"
    )
    return 0


def cmd_explore(args: argparse.Namespace, data: Path) -> int:
    from reports.explore import build_explorer

    with user_errors(ValueError, FileNotFoundError):  # a missing or foreign warehouse
        result = build_explorer(warehouse_path(args, data), args.out or data / "reports")
    print(
        f"explorer: {result.path} ({result.bytes / 1e6:.1f} MB, {result.seconds:.1f} s); "
        "open it in a browser, no server needed"
    )
    return 0


def cmd_sql(args: argparse.Namespace, data: Path) -> int:
    from pipeline.publish import publish_after, raise_if_locked
    from warehouse.db import WarehouseMissing, connect

    db_path = warehouse_path(args, data)
    if args.write:
        # Changes are published atomically (in place, or on a copy while someone reads): readers never see half.
        # A session at the prompt may stay open for hours: it works on a copy, so it holds nobody up.
        with user_errors():
            return publish_after(db_path, lambda con: _run_sql(con, args), copy=args.query is None)
    with user_errors(WarehouseMissing):
        try:
            con = connect(db_path, read_only=True)
        except Exception as exc:
            raise_if_locked(exc, db_path)
            raise
    try:
        from jobpulse.sql_console import seal

        return _run_sql(seal(con), args)
    finally:
        con.close()


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

    db_path = warehouse_path(args, data)
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
