"""Every cookbook query in warehouse/SCHEMA.md answers its question on the demo warehouse, in
DuckDB 2.0 (what jobpulse uses) — and the DuckDB CLI from PyPI (1.5) runs them too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.db import connect

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "warehouse" / "SCHEMA.md"
DUCKDB_CLI = Path(sys.executable).with_name("duckdb")


def cookbook() -> dict[str, str]:
    """The numbered questions of the Cookbook section and their SQL."""
    section = SCHEMA_DOC.read_text().split("## Cookbook", 1)[1]
    found = re.findall(r"^### (\d+)\. (.+?)\n.*?```sql\n(.*?)```", section, flags=re.S | re.M)
    return {f"{number}. {question}": sql for number, question, sql in found}


QUERIES = cookbook()


def test_the_cookbook_answers_ten_questions():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("question", QUERIES)
def test_a_cookbook_query_returns_rows_on_the_demo_warehouse(demo_warehouse, question):
    con = connect(demo_warehouse, read_only=True)
    try:
        rows = con.execute(QUERIES[question]).fetchall()
    finally:
        con.close()
    assert rows, question


def test_the_duckdb_cli_runs_every_cookbook_query(demo_warehouse):
    script = "\n".join(f".print '-- {q[:2]}'\n{sql}" for q, sql in QUERIES.items())
    done = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-csv", str(demo_warehouse)],
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    answers = done.stdout.split("-- ")[1:]
    assert len(answers) == len(QUERIES)
    assert all(len(answer.strip().splitlines()) >= 3 for answer in answers)  # marker, header, ≥ 1 row
