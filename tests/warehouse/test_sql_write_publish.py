"""How `jobpulse sql --write` publishes: a statement on the command line writes the warehouse in
place (no copy when no one reads), a session at the prompt works on a copy, since it may stay
open for hours and would hold the file from every other tool meanwhile."""

from __future__ import annotations

import os

import pytest

from tests.warehouse.test_sql_command import count_roles, repl, sql
from warehouse.db import connect


@pytest.fixture
def db(tmp_path):
    """A warehouse with one role and one specialism."""
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute(
        "INSERT INTO roles VALUES ('ai_engineer', 'AI Engineer', 'role', NULL),"
        " ('ml_platform', 'ML platform', 'specialism', 'ml_engineer')"
    )
    con.close()
    return path


def test_a_statement_writes_in_place(db):
    before = os.stat(db).st_ino
    assert sql(db, "--write", "DELETE FROM roles WHERE kind = 'specialism'") == 0
    assert os.stat(db).st_ino == before
    assert count_roles(db) == 1


def test_a_session_at_the_prompt_works_on_a_copy(db):
    before = os.stat(db).st_ino
    done = repl(db, "DELETE FROM roles WHERE kind = 'specialism';\n.quit\n", "--write")
    assert done.returncode == 0, done.stderr
    assert os.stat(db).st_ino != before  # the copy was renamed over the file
    assert count_roles(db) == 1
