"""Which one-shot loads write the warehouse in place and which copy it (pipeline/published_loads.py):
small loads in place, large ones and `reprocess` (it rewrites every posting) on a copy, since a
write in place holds all it changes in memory until its end."""

from __future__ import annotations

import os

import pytest

import pipeline.published_loads as published_loads
from pipeline import landing_store
from pipeline.partition_runners import InProcess
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER, write_landing
from warehouse.db import connect


@pytest.fixture
def warehouse(tmp_path):
    """A published warehouse holding two postings."""
    db = tmp_path / "warehouse.duckdb"
    first = write_landing(tmp_path / "landing" / "greenhouse", "crawl-1", [AI_ENGINEER, DATA_SCIENTIST])
    published_loads.ingest_landing(db, [first])
    return db


def postings(db) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
    finally:
        con.close()


def test_a_small_load_goes_in_place(warehouse, tmp_path):
    before = os.stat(warehouse).st_ino
    landed = write_landing(tmp_path / "landing" / "greenhouse", "crawl-2", [ML_ENGINEER])
    published_loads.ingest_landing(warehouse, [landed])
    assert os.stat(warehouse).st_ino == before
    assert postings(warehouse) == 3


def test_a_large_load_goes_to_a_copy(warehouse, tmp_path, monkeypatch):
    landed = write_landing(tmp_path / "landing" / "greenhouse", "crawl-2", [ML_ENGINEER])
    monkeypatch.setattr(published_loads, "IN_PLACE_MAX_LANDING_BYTES", landed.stat().st_size - 1)
    before = os.stat(warehouse).st_ino
    published_loads.ingest_landing(warehouse, [landed])
    assert os.stat(warehouse).st_ino != before
    assert postings(warehouse) == 3


def test_reprocess_goes_to_a_copy(warehouse):
    before = os.stat(warehouse).st_ino
    published_loads.reprocess_warehouse(warehouse, force=True)
    assert os.stat(warehouse).st_ino != before
    assert postings(warehouse) == 2


def test_a_forced_reload_of_a_compressed_file_is_sized_by_its_text(warehouse, tmp_path, monkeypatch):
    """The fixture's file is loaded, so kept compressed: `--force` reads it again, and whether that
    load is large enough for a copy goes by the text it holds, not by its smaller stored form."""
    (landed,) = published_loads.find_landing_files([tmp_path / "landing"])
    assert not landed.exists() and landed.with_name("crawl-1.jsonl.zst").is_file()
    text_size = landing_store.content_size(landed)
    assert text_size > landed.with_name("crawl-1.jsonl.zst").stat().st_size
    monkeypatch.setattr(published_loads, "IN_PLACE_MAX_LANDING_BYTES", text_size - 1)
    before = os.stat(warehouse).st_ino
    (result,) = published_loads.ingest_landing(warehouse, [landed], force=True)
    assert (result.status, result.loaded) == ("ok", 2)
    assert os.stat(warehouse).st_ino != before


def test_reprocess_by_pages_goes_to_a_copy_too(warehouse):
    """`reprocess --dask` (a runner re-deriving page by page) rewrites as many postings as the plain one."""
    before = os.stat(warehouse).st_ino
    published_loads.reprocess_warehouse(warehouse, force=True, runner=InProcess())
    assert os.stat(warehouse).st_ino != before
    assert postings(warehouse) == 2
