"""`jobpulse export --parquet DIR` writes every table as Parquet, partitioned by month and source,
and a second export replaces the first rather than adding to it."""

from __future__ import annotations

import duckdb
import pytest

from jobpulse.cli import main
from warehouse.export import EXPORTS

POSTINGS_BY_PARTITION = """
SELECT strftime(coalesce(posted_at, first_seen), '%Y-%m') AS month, source, count(*)
FROM postings GROUP BY ALL ORDER BY ALL
"""


@pytest.fixture(scope="module")
def exported(demo_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    assert main(["export", "--db", str(demo_warehouse), "--parquet", str(out)]) == 0
    assert main(["export", "--db", str(demo_warehouse), "--parquet", str(out)]) == 0  # again: replaces
    return out


def read_back(out, table: str, query: str) -> list[tuple]:
    """Run `query` over the exported files of `table` (read as hive partitions)."""
    con = duckdb.connect()
    try:
        con.execute(f"CREATE VIEW {table} AS FROM read_parquet('{out / table}/**/*.parquet', hive_partitioning = true)")
        return con.execute(query).fetchall()
    finally:
        con.close()


def in_warehouse(db, query: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("table", list(EXPORTS))
def test_every_table_is_exported_whole(exported, demo_warehouse, table):
    count = f"SELECT count(*) FROM {table}"
    assert read_back(exported, table, count) == in_warehouse(demo_warehouse, count)


def test_no_table_of_the_warehouse_is_left_out(demo_warehouse):
    tables = {t for (t,) in in_warehouse(demo_warehouse, "SELECT table_name FROM duckdb_tables()")}
    assert tables == set(EXPORTS)


def test_postings_are_partitioned_by_posted_month_and_source(exported, demo_warehouse):
    partitions = {
        p.relative_to(exported / "postings").parent.as_posix() for p in (exported / "postings").rglob("*.parquet")
    }
    by_partition = in_warehouse(demo_warehouse, POSTINGS_BY_PARTITION)
    assert partitions == {f"month={m}/source={s}" for m, s, _ in by_partition}
    assert read_back(exported, "postings", POSTINGS_BY_PARTITION) == by_partition


def test_a_postings_skills_live_in_its_partition(exported):
    con = duckdb.connect()
    try:
        misplaced = con.execute(f"""
            SELECT count(*) FROM read_parquet('{exported}/posting_skills/**/*.parquet', hive_partitioning = true) s
            JOIN read_parquet('{exported}/postings/**/*.parquet', hive_partitioning = true) p USING (posting_id)
            WHERE s.month <> p.month OR s.source <> p.source""").fetchall()
    finally:
        con.close()
    assert misplaced == [(0,)]


def test_a_missing_warehouse_is_a_one_line_error(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "absent.duckdb"), "--parquet", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("jobpulse export: no warehouse at")
