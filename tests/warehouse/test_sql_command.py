"""`jobpulse sql`: read-only unless --write, a table or CSV or JSON, a REPL when no query is given,
and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jobpulse.cli import main
from warehouse.db import connect

JOBPULSE = Path(sys.executable).with_name("jobpulse")
QUERY = "SELECT role_id, kind FROM roles WHERE role_id IN ('ai_engineer', 'ml_platform') ORDER BY role_id"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute(
        "INSERT INTO roles VALUES ('ai_engineer', 'AI Engineer', 'role', NULL),"
        " ('ml_platform', 'ML platform', 'specialism', 'ml_engineer')"
    )
    con.close()
    return path


def sql(db, *args) -> int:
    return main(["sql", "--db", str(db), *args])


def repl(db, script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(JOBPULSE), "sql", "--db", str(db), "--format", "csv", *args],
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
    )


def count_roles(db) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM roles").fetchall()[0][0]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("csv", "role_id,kind\nai_engineer,role\nml_platform,specialism\n"),
        (
            "json",
            json.dumps([{"role_id": "ai_engineer", "kind": "role"}, {"role_id": "ml_platform", "kind": "specialism"}]),
        ),
    ],
)
def test_results_as_csv_or_json(db, capsys, fmt, expected):
    assert sql(db, "--format", fmt, QUERY) == 0
    out = capsys.readouterr().out
    assert (json.loads(out) == json.loads(expected)) if fmt == "json" else (out == expected)


def test_results_as_a_table_on_request(db, capsys):
    assert sql(db, "--format", "table", QUERY) == 0
    out = capsys.readouterr().out
    assert "│   role_id   │    kind    │" in out and "│ ml_platform │ specialism │" in out


def test_results_as_csv_by_default_off_a_terminal(db, capsys):
    assert sql(db, QUERY) == 0  # capsys is no terminal: every column, as CSV
    assert capsys.readouterr().out.splitlines()[0] == "role_id,kind"


def test_changes_are_refused_without_write_and_say_how(db, capsys):
    assert sql(db, "DELETE FROM roles") == 2
    err = capsys.readouterr().err
    assert "read-only" in err and "--write" in err and err.count("\n") == 1
    assert count_roles(db) == 2


def test_write_publishes_the_change(db, capsys):
    assert sql(db, "--write", "--format", "table", "DELETE FROM roles WHERE kind = 'specialism'") == 0
    assert capsys.readouterr().out.strip() == "1 row"
    assert count_roles(db) == 1


def test_a_failed_write_leaves_the_warehouse_as_it_was(db, capsys):
    assert sql(db, "--write", "DELETE FROM roles; SELECT nope") == 2
    assert capsys.readouterr().err.startswith("jobpulse sql: Binder Error")
    assert count_roles(db) == 2
    # No staging copy, write-ahead log or snapshot left; only the lock files writers and readers share.
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "w.duckdb",
        "w.duckdb.frozen",
        "w.duckdb.lock",
        "w.duckdb.writer.lock",
    ]


def test_the_repl_runs_statements_until_quit(db):
    done = repl(db, "SELECT 1 AS one;\nSELECT\n  kind\nFROM roles\nORDER BY kind;\n.quit\nSELECT 'not run';\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "one\n1\nkind\nrole\nspecialism\n"


def test_the_repl_reports_an_error_on_one_line_and_carries_on(db):
    done = repl(db, "SELECT nope;\n.tables\nSELECT 2 AS two;\n")
    assert done.returncode == 1  # a script that hit an error says so
    assert done.stderr.startswith("Error: Binder Error") and done.stderr.count("\n") == 1
    assert "weekly_role_skill_shares,view" in done.stdout and done.stdout.endswith("two\n2\n")


def test_the_repl_runs_a_last_statement_without_semicolon_at_end_of_input(db):
    assert repl(db, "SELECT 3 AS three").stdout == "three\n3\n"


def test_a_writing_repl_publishes_when_it_ends(db):
    done = repl(db, "DELETE FROM roles WHERE kind = 'role';\nSELECT count(*) AS n FROM roles;\n", "--write")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("n\n1\n")
    assert count_roles(db) == 1
