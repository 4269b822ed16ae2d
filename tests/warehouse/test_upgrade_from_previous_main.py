"""A warehouse written by the previous main (commit 66021f7, schema v4) is upgraded in place by
every newer migration and gives the same report as that main wrote from it.

The fixtures in tests/fixtures/previous_main/ were built by that commit's own code (its README says
how); the comparison sets aside what the golden report test sets aside (tests/golden/report_digest.py):
when the report was generated, crawl times and days, run ids, float noise."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from reports.build import build_report
from tests.golden.report_digest import json_digest
from warehouse.db import MIGRATIONS, connect

PREVIOUS_MAIN = Path(__file__).parents[1] / "fixtures" / "previous_main"
PREVIOUS_VERSION = 4
AS_OF = date(2026, 11, 25)  # the as-of the previous main's report was built with (build.py)
LATEST_VERSION = max(int(p.name.split("_", 1)[0]) for p in Path(str(MIGRATIONS)).glob("*.sql"))


@pytest.fixture(scope="module")
def previous_warehouse(tmp_path_factory) -> Path:
    """A fresh copy of the committed warehouse: the fixture itself is never opened for writing."""
    path = tmp_path_factory.mktemp("previous_main") / "warehouse.duckdb"
    with gzip.open(PREVIOUS_MAIN / "warehouse.duckdb.gz", "rb") as packed, open(path, "wb") as out:
        shutil.copyfileobj(packed, out)
    return path


KEPT_TABLES = ("postings", "posting_skills", "posting_roles", "sightings", "runs", "rejects", "loaded_files")


def _counts(con) -> dict[str, int]:
    return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in KEPT_TABLES}


@pytest.fixture(scope="module")
def upgraded(previous_warehouse) -> dict:
    """Open the old file with the current code (a writable connection migrates it), noting what it
    held before and after."""
    old = duckdb.connect(str(previous_warehouse), read_only=True)
    try:
        before = _counts(old)
        old_versions = [v for (v,) in old.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    finally:
        old.close()
    con = connect(previous_warehouse)
    try:
        versions = [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
        after = _counts(con)
    finally:
        con.close()
    return {"old_versions": old_versions, "versions": versions, "before": before, "after": after}


def test_the_fixture_was_written_at_the_previous_schema_version(upgraded):
    assert upgraded["old_versions"] == list(range(1, PREVIOUS_VERSION + 1))


def test_every_newer_migration_ran_in_place(upgraded):
    assert upgraded["versions"] == list(range(1, LATEST_VERSION + 1))


def test_the_upgrade_keeps_every_row(upgraded):
    assert upgraded["before"]["postings"] > 0  # a real warehouse: two sandbox sources crawled once
    assert upgraded["after"] == upgraded["before"]


def test_the_upgraded_warehouse_gives_the_previous_mains_report(upgraded, previous_warehouse, tmp_path):
    result = build_report(previous_warehouse, tmp_path, as_of=AS_OF)
    now = json_digest(json.loads(Path(result.json_path).read_text()))
    before = json_digest(json.loads(gzip.decompress((PREVIOUS_MAIN / "report.json.gz").read_bytes())))
    assert json.dumps(now, indent=1, sort_keys=True) == json.dumps(before, indent=1, sort_keys=True)
