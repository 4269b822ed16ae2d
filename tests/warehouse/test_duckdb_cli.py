"""The DuckDB CLI from PyPI (duckdb-cli 1.5, older than the library jobpulse writes with) opens a
warehouse written by the pipeline: its tables, every view and every table macro."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.publish import staged
from warehouse.db import CLI_STORAGE_VERSION, connect, storage_version

DUCKDB_CLI = Path(sys.executable).with_name("duckdb")
MACRO_CALLS = [
    "skill_share('ai_engineer', 'rag')",
    "skill_share('ai_engineer', 'rag', period := 'week')",
    "role_skills('ml_engineer')",
    "postings_active_on((SELECT max(last_seen) FROM postings))",
    "postings_with_skill('python')",
    "quarterly_skill_shares('all_ml', 'python', (SELECT max(posted_at) FROM postings)::DATE + 1) WHERE covered",
]


def cli(db: Path, sql: str) -> str:
    done = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(db), "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout.strip()


def test_the_cli_is_older_than_the_library():
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.5") and duckdb.__version__.startswith("2.")


def test_the_cli_counts_the_postings_the_pipeline_wrote(demo_warehouse):
    con = connect(demo_warehouse, read_only=True)
    try:
        expected = con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
        assert storage_version(con).startswith(CLI_STORAGE_VERSION)
    finally:
        con.close()
    assert expected > 0
    assert cli(demo_warehouse, "SELECT count(*) FROM postings") == str(expected)


def test_the_cli_reads_every_view(demo_warehouse):
    views = cli(demo_warehouse, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").split()
    assert len(views) >= 9
    counts = cli(demo_warehouse, " UNION ALL ".join(f"SELECT '{v}', count(*) FROM {v}" for v in views))
    empty = [line for line in counts.splitlines() if line.endswith(",0")]
    assert empty == ["quality_flags,0"]  # the demo's single run has no previous run to compare with


@pytest.mark.parametrize("call", MACRO_CALLS)
def test_the_cli_runs_the_table_macros(demo_warehouse, call):
    assert int(cli(demo_warehouse, f"SELECT count(*) FROM {call}")) > 0


def test_a_warehouse_in_the_newer_format_is_rewritten_readable_by_the_next_publish(tmp_path):
    legacy = tmp_path / "w.duckdb"
    con = duckdb.connect(str(legacy))  # DuckDB 2.0's own default format, as jobpulse once wrote it
    con.execute("CREATE TABLE notes AS SELECT range AS n FROM range(5)")
    con.close()
    assert (
        subprocess.run(
            [str(DUCKDB_CLI), "-readonly", str(legacy), "-c", "SELECT 1"], capture_output=True, text=True
        ).returncode
        != 0
    )
    with staged(legacy) as staging:
        connect(staging).close()
    assert cli(legacy, "SELECT count(*) FROM notes") == "5"
    assert cli(legacy, "SELECT count(*) FROM postings") == "0"
