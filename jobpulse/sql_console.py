"""`jobpulse sql`: run SQL against the warehouse and print the result as a table, CSV or JSON;
with no query, a small REPL (statements end with `;`, `.quit` or end of input leaves)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import shutil
import sys
import uuid
from typing import Any, TextIO

import duckdb

FORMATS = ("table", "csv", "json")
BATCH_ROWS = 10_000
PROMPT, CONTINUATION = "jobpulse> ", "     ...> "
HELP = """\
End a statement with ';' to run it (it may span lines).
.tables   list tables, views and table macros
.help     this text
.quit     leave (so does end of input, Ctrl-D)"""
LIST_OBJECTS = """
SELECT table_name AS name, 'table' AS kind FROM duckdb_tables()
WHERE database_name = current_database() AND NOT internal
UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
UNION ALL SELECT DISTINCT function_name, 'table macro' FROM duckdb_functions()
    WHERE database_name = current_database() AND function_type = 'table_macro' AND NOT internal
ORDER BY kind, name
"""


class StatementError(Exception):
    """A statement DuckDB refused; the message is its first line."""


# A read-only console must not be a door to anything else: with external access off DuckDB refuses
# ATTACH (so no second, writable handle on the warehouse or any other file), COPY … TO, EXPORT
# DATABASE, INSTALL/LOAD and every function that reads or lists files (read_csv, read_text, glob);
# the locked configuration means no SET or RESET can turn it back on in the session.
SEALED_SETTINGS = ("SET enable_external_access = false", "SET lock_configuration = true")


def seal(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Make a read-only connection unable to reach files, other databases or extensions."""
    for statement in SEALED_SETTINGS:
        con.execute(statement)
    return con


def run_statement(con: duckdb.DuckDBPyConnection, sql: str, fmt: str, max_rows: int, out: TextIO) -> None:
    """Run SQL (one or more statements) and print the last statement's result in `fmt`."""
    try:
        if fmt == "table":
            _print_table(con, sql, max_rows)
        else:
            cursor = con.execute(sql)
            if cursor.description is None or _is_bare_count(cursor.description):
                cursor.fetchall()  # finish the result; DDL has nothing to print
                return
            (_write_csv if fmt == "csv" else _write_json)(cursor, out)
    except duckdb.Error as exc:
        message = one_line(exc)
        if "read-only mode" in message:
            message += " (run `jobpulse sql --write` to change data)"
        elif (
            "disabled by configuration" in message
            or "disabled through configuration" in message
            or "configuration has been locked" in message
        ):
            message += " (the read-only console reaches no files, databases or extensions; `jobpulse sql --write` can)"
        raise StatementError(message) from None


def repl(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    max_rows: int,
    *,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Read statements until end of input or `.quit`; returns 1 if any statement failed."""
    interactive = stdin.isatty()
    if interactive:
        import readline  # noqa: F401  (line editing and history for input())

        print("jobpulse sql: end statements with ';', .help for help, .quit to leave", file=err)
    failed = False
    pending: list[str] = []
    while True:
        try:
            line = _read_line(stdin, (CONTINUATION if pending else PROMPT) if interactive else None)
        except KeyboardInterrupt:  # Ctrl-C drops the statement being typed, like other shells
            pending = []
            print(file=err)
            continue
        if line is None:
            break
        stripped = line.strip()
        if not pending and stripped.startswith("."):
            command = stripped.split()[0]
            if command in (".quit", ".exit"):
                break
            failed |= not _dot_command(command, con, fmt, max_rows, out, err)
            continue
        if stripped or pending:
            pending.append(line)
        if stripped.endswith(";"):
            failed |= not _run_pending(con, "\n".join(pending), fmt, max_rows, out, err)
            pending = []
    if "".join(pending).strip():  # input ended inside a statement: run what there is
        failed |= not _run_pending(con, "\n".join(pending), fmt, max_rows, out, err)
    return 1 if failed else 0


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _dot_command(command: str, con, fmt: str, max_rows: int, out: TextIO, err: TextIO) -> bool:
    """Run a dot command other than .quit; False when it is unknown or fails."""
    if command == ".help":
        print(HELP, file=out)
        return True
    if command == ".tables":
        return _run_pending(con, LIST_OBJECTS, fmt, max_rows, out, err)
    print(f"Error: unknown command {command} (.help lists them)", file=err)
    return False


def _run_pending(con, sql: str, fmt: str, max_rows: int, out: TextIO, err: TextIO) -> bool:
    try:
        run_statement(con, sql, fmt, max_rows, out)
        out.flush()
        return True
    except StatementError as exc:
        print(f"Error: {exc}", file=err, flush=True)
        return False


def _read_line(stdin: TextIO, prompt: str | None) -> str | None:
    if prompt is not None:  # a terminal: input() gives line editing and history
        try:
            return input(prompt)
        except EOFError:
            return None
    line = stdin.readline()
    return line.rstrip("\n") if line else None


def _print_table(con: duckdb.DuckDBPyConnection, sql: str, max_rows: int) -> None:
    relation = con.sql(sql)
    if relation is None:
        return  # only comments, or a statement with no result set
    if relation.columns == ["Count"]:
        rows = relation.fetchall()
        if rows:  # INSERT/UPDATE/DELETE: how many rows changed
            print(f"{rows[0][0]:,} row{'' if rows[0][0] == 1 else 's'}")
        return
    width = max(shutil.get_terminal_size().columns, 80)
    relation.show(max_rows=max_rows, max_width=width)


def _is_bare_count(description) -> bool:
    return [d[0] for d in description] == ["Count"]


def _write_csv(cursor, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([d[0] for d in cursor.description])
    while batch := cursor.fetchmany(BATCH_ROWS):
        writer.writerows([["" if v is None else _plain(v) for v in row] for row in batch])


def _write_json(cursor, out: TextIO) -> None:
    names = [d[0] for d in cursor.description]
    out.write("[")
    first = True
    while batch := cursor.fetchmany(BATCH_ROWS):
        for row in batch:
            out.write(
                ("\n" if first else ",\n") + json.dumps(dict(zip(names, row)), default=_plain, ensure_ascii=False)
            )
            first = False
    out.write("\n]\n" if not first else "]\n")


def _plain(value: Any) -> Any:
    """A value as CSV text or a JSON-encodable value."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (uuid.UUID, dt.timedelta)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value
