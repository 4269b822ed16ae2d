"""The `jobpulse` command: fast help, readable SQL output, one-line errors for user mistakes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jobpulse.cli import main
from warehouse.db import connect

JOBPULSE = Path(sys.executable).with_name("jobpulse")


def test_help_lists_the_commands():
    # How fast it answers is measured by benchmarks/steps.py (design target 0.5 s), not asserted here.
    done = subprocess.run([str(JOBPULSE), "--help"], capture_output=True, text=True, check=True)
    for command in ("demo", "run", "crawl", "ingest", "import", "report", "sql"):
        assert command in done.stdout


def test_sql_prints_a_table_read_only(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    connect(db).close()
    assert main(["sql", "--db", str(db), "--format", "table", "SELECT 'ai_engineer' AS role, 3 AS postings"]) == 0
    out = capsys.readouterr().out
    assert "role" in out and "ai_engineer" in out and "│" in out
    assert main(["sql", "--db", str(db), "DELETE FROM postings"]) == 2
    assert "read-only" in capsys.readouterr().err.lower()


def test_sql_errors_are_one_line(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    connect(db).close()
    assert main(["sql", "--db", str(db), "SELECT nope FROM postings"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("jobpulse sql: ") and "nope" in err and "\n" not in err


def test_a_missing_warehouse_is_named(tmp_path, capsys):
    assert main(["sql", "--db", str(tmp_path / "absent.duckdb"), "SELECT 1"]) == 2
    assert "no warehouse at" in capsys.readouterr().err


def test_console_script_is_installed_in_the_venv():
    assert JOBPULSE.exists() and os.access(JOBPULSE, os.X_OK)


def test_version_and_python_dash_m():
    done = subprocess.run([sys.executable, "-m", "jobpulse", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == "jobpulse 0.1.0\n"


def test_sql_piped_writes_every_column_as_csv(tmp_path):
    db = tmp_path / "w.duckdb"
    connect(db).close()
    columns = ", ".join(f"{i} AS c{i}" for i in range(12))
    done = subprocess.run(
        [str(JOBPULSE), "sql", "--db", str(db), f"SELECT {columns}"], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == [",".join(f"c{i}" for i in range(12)), ",".join(str(i) for i in range(12))]


def test_a_closed_pipe_ends_quietly(tmp_path):
    db = tmp_path / "w.duckdb"
    connect(db).close()
    reader = subprocess.Popen(
        [str(JOBPULSE), "sql", "--db", str(db), "SELECT range AS n FROM range(200000)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout.readline() == b"n\n"
    reader.stdout.close()  # what `| head -1` does
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""
