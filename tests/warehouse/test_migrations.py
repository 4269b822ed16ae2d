"""A warehouse made by an older schema version upgrades in place, keeping its data; every
migration is recorded in `schema_version`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.db import MIGRATIONS, connect

FIRST_MIGRATION = Path(str(MIGRATIONS)) / "001_initial.sql"
ALL_VERSIONS = sorted(int(p.name.split("_", 1)[0]) for p in Path(str(MIGRATIONS)).glob("*.sql"))
SEEN = datetime(2026, 11, 9, 6)

V1_ROWS = {
    "postings": [
        (
            "p1",
            "greenhouse",
            "101",
            "quillstone",
            "Quillstone",
            "Senior AI Engineer",
            "ai_engineer",
            None,
            None,
            "senior",
            "Berlin",
            "hybrid",
            90000.0,
            120000.0,
            "EUR",
            "year",
            SEEN,
            SEEN,
            SEEN,
            "https://x.example/101",
            "Build RAG pipelines.",
            '{"id": 101}',
        )
    ],
    "posting_skills": [("p1", "rag"), ("p1", "python")],
    "sightings": [("crawl-1", "p1", SEEN)],
    "runs": [("crawl-1", "crawl", "greenhouse", None, SEEN, SEEN, "ok", 1, 1, 0, "{}")],
}


@pytest.fixture
def version_1_warehouse(tmp_path) -> Path:
    """What jobpulse wrote at schema version 1: only 001_initial.sql applied, with a few rows."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(FIRST_MIGRATION.read_text())
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (1, ?)", [SEEN])
    for table, rows in V1_ROWS.items():
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    con.close()
    return path


def test_a_version_1_warehouse_upgrades_in_place_with_its_data(version_1_warehouse):
    inode = version_1_warehouse.stat().st_ino
    con = connect(version_1_warehouse)
    try:
        versions = [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
        kept = {
            table: con.execute(f"SELECT {', '.join(_version_1_columns(table))} FROM {table}").fetchall()
            for table in V1_ROWS
        }
        new_columns = con.execute("SELECT cluster_id, salary_annual_min, country FROM postings").fetchall()
        role_rows = con.execute(
            "SELECT role, with_skill, postings FROM weekly_role_skill_shares WHERE skill_id = 'rag'"
        ).fetchall()
    finally:
        con.close()
    assert version_1_warehouse.stat().st_ino == inode  # the same file, not a rebuilt one
    assert versions == ALL_VERSIONS
    assert {t: sorted(map(_comparable, rows)) for t, rows in kept.items()} == {
        t: sorted(map(_comparable, rows)) for t, rows in V1_ROWS.items()
    }
    assert new_columns == [(None, None, None)]
    assert role_rows == [("ai_engineer", 1, 1)]  # the views work on upgraded data


def test_opening_an_up_to_date_warehouse_applies_nothing(tmp_path):
    connect(tmp_path / "w.duckdb").close()
    con = connect(tmp_path / "w.duckdb")
    try:
        recorded = con.execute(
            "SELECT version, count(*) FROM schema_version GROUP BY version ORDER BY version"
        ).fetchall()
    finally:
        con.close()
    assert recorded == [(v, 1) for v in ALL_VERSIONS]


def test_a_failing_migration_leaves_the_warehouse_at_its_version(version_1_warehouse, tmp_path, monkeypatch):
    broken = tmp_path / "migrations"
    broken.mkdir()
    (broken / FIRST_MIGRATION.name).write_text(FIRST_MIGRATION.read_text())
    (broken / "002_broken.sql").write_text("ALTER TABLE postings ADD COLUMN half_done VARCHAR; SELECT nope;")
    monkeypatch.setattr("warehouse.db.MIGRATIONS", broken)
    with pytest.raises(duckdb.Error):
        connect(version_1_warehouse)
    con = duckdb.connect(str(version_1_warehouse), read_only=True)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(1,)]
        assert "half_done" not in {
            c
            for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'postings'"
            ).fetchall()
        }
    finally:
        con.close()


def _version_1_columns(table: str) -> list[str]:
    """The table's columns as 001_initial.sql made them, in order (later migrations add others)."""
    fresh = duckdb.connect()
    try:
        fresh.execute(FIRST_MIGRATION.read_text())
        return [
            c
            for (c,) in fresh.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
    finally:
        fresh.close()


def _comparable(row) -> tuple:
    return tuple(str(v) for v in row)
