"""Schema version 4 upgrades a version 3 warehouse in place: postings gain `language`, and a
posting the English role rules cannot read may have no role (NULL) instead of `other`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.warehouse.old_schema import warehouse_at_version
from warehouse.db import connect

SEEN = datetime(2026, 11, 9, 6)


@pytest.fixture
def version_3_warehouse(tmp_path) -> Path:
    """What jobpulse wrote at schema version 3, with one German posting classified `other`."""
    path = tmp_path / "v3.duckdb"
    con = warehouse_at_version(path, 3, SEEN)
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, company, title, role, first_seen, last_seen) "
        "VALUES ('p1', 'arbeitnow', '1', 'Acme', 'Datenwissenschaftler (m/w/d)', 'other', ?, ?)",
        [SEEN, SEEN],
    )
    con.close()
    return path


def test_version_3_gains_language_and_keeps_its_rows(version_3_warehouse):
    con = connect(version_3_warehouse)
    try:
        version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        kept = con.execute("SELECT posting_id, title, role, language FROM postings").fetchall()
    finally:
        con.close()
    assert version >= 4
    assert kept == [("p1", "Datenwissenschaftler (m/w/d)", "other", None)]  # reprocess re-derives it


def test_a_posting_can_be_left_unclassified_after_the_upgrade(version_3_warehouse):
    con = connect(version_3_warehouse)
    try:
        con.execute("UPDATE postings SET role = NULL, language = 'de' WHERE posting_id = 'p1'")
        stored = con.execute("SELECT role, language FROM postings").fetchall()
    finally:
        con.close()
    assert stored == [(None, "de")]
