"""Schema version 5 upgrades a version 4 warehouse in place: postings gain `landing_file` and
`landing_line` (where the raw record is kept from now on), rows loaded before keep their `raw`, and
a newer sighting of such a posting moves its raw record to the new landing line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pipeline.ingest import ingest_files
from pipeline.landing import posting_id
from tests.pipeline.landing_files import AI_ENGINEER, write_landing
from tests.warehouse.old_schema import warehouse_at_version
from warehouse.db import connect

SEEN = datetime(2026, 11, 2, 6)


@pytest.fixture
def version_4_warehouse(tmp_path) -> Path:
    """What jobpulse wrote at schema version 4: the AI engineer posting with its raw record in the row."""
    path = tmp_path / "v4.duckdb"
    con = warehouse_at_version(path, 4, SEEN)
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, company, title, role, first_seen, last_seen, raw) "
        "VALUES (?, 'greenhouse', '101', 'Quillstone Analytics', 'Senior AI Engineer', 'ai_engineer', ?, ?, ?)",
        [posting_id("greenhouse", "101"), SEEN, SEEN, '{"id": "101"}'],
    )
    con.close()
    return path


def test_version_4_gains_the_landing_pointer_and_keeps_its_raw_records(version_4_warehouse):
    con = connect(version_4_warehouse)
    try:
        version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        kept = con.execute("SELECT title, raw, landing_file, landing_line FROM postings").fetchall()
    finally:
        con.close()
    assert version >= 5
    assert kept == [("Senior AI Engineer", '{"id": "101"}', None, None)]


def test_a_newer_sighting_moves_the_raw_record_to_its_landing_line(version_4_warehouse, tmp_path):
    newer = write_landing(tmp_path / "landing", "week2", [AI_ENGINEER], crawled_at="2026-11-09T06:00:00Z")
    con = connect(version_4_warehouse)
    try:
        ingest_files(con, [newer])
        stored = con.execute("SELECT raw, landing_file, landing_line, first_seen FROM postings").fetchall()
    finally:
        con.close()
    assert stored == [(None, str(newer), 1, SEEN)]
