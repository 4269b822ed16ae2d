"""`reprocess` page by page (pipeline/partitioned_reprocess.py) re-derives exactly what ingest derived."""

from __future__ import annotations

import pipeline.partitions as partitions
from pipeline.ingest import ingest_files
from pipeline.partition_runners import ProcessPool
from pipeline.partitioned_reprocess import reprocess_partitioned
from tests.pipeline.landing_files import write_landing
from tests.pipeline.test_partitioned_ingest import mixed_lines
from tests.pipeline.warehouse_snapshot import every_table
from warehouse.db import connect


def make_stale(con) -> None:
    """As a taxonomy change leaves them: every posting derived by another version, wrongly."""
    con.execute("UPDATE postings SET role = 'other', seniority = NULL, taxonomy_version = 'old'")
    con.execute("DELETE FROM posting_skills")
    con.execute("DELETE FROM posting_roles")


def test_pages_re_derived_by_a_pool_give_back_what_ingest_derived(tmp_path, monkeypatch):
    monkeypatch.setattr(partitions, "PARTITION_LINES", 4)  # 20 postings: five pages
    landing = write_landing(tmp_path / "landing" / "greenhouse", "crawl", mixed_lines())
    db = tmp_path / "w.duckdb"
    con = connect(db)
    try:
        ingest_files(con, [landing])
        con.close()
        ingested = every_table(db, {})
        con = connect(db)
        make_stale(con)
        with ProcessPool(workers=2) as pool:
            result = reprocess_partitioned(con, work=str(tmp_path / "work"), runner=pool)
    finally:
        con.close()
    assert result.postings == 20
    assert every_table(db, {}) == ingested
    assert not (tmp_path / "work" / "reprocess").exists()  # the pages are gone once applied
