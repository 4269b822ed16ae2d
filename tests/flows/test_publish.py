"""A run writes a staging copy of the warehouse and publishes it with an atomic rename only when it
succeeds; a failed run leaves the published file exactly as it was (pipeline/publish.py)."""

from __future__ import annotations

import hashlib
import json

import pytest

import flows.weekly as weekly
from pipeline.publish import PublishBusy, staged
from pipeline.run_quality import PipelineFailed
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, write_landing
from warehouse.db import connect


class Boom(RuntimeError):
    pass


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def notes(db) -> list[str]:
    con = connect(db, read_only=True)
    try:
        return [n for (n,) in con.execute("SELECT note FROM notes ORDER BY note").fetchall()]
    finally:
        con.close()


def files_beside(db) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


def test_a_successful_block_is_published(published):
    with staged(published) as staging:
        assert staging != published and staging.parent == published.parent
        con = connect(staging)
        con.execute("INSERT INTO notes VALUES ('second')")
        con.close()
        assert notes(published) == ["first"]  # nothing shows before the block ends
    assert notes(published) == ["first", "second"]
    assert files_beside(published) == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_a_failed_block_leaves_the_published_file_as_it_was(published):
    before = digest(published)
    with pytest.raises(Boom), staged(published) as staging:
        con = connect(staging)
        con.execute("INSERT INTO notes VALUES ('half')")
        con.close()
        raise Boom
    assert digest(published) == before
    assert files_beside(published) == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_a_first_run_starts_from_an_empty_warehouse(tmp_path):
    db = tmp_path / "new" / "warehouse.duckdb"
    with staged(db):
        pass
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(0,)]
    finally:
        con.close()


def test_a_second_writer_is_refused_while_one_is_staging(published):
    with staged(published):
        with pytest.raises(PublishBusy, match="another run is writing"), staged(published):
            pass


def test_a_killed_runs_staging_file_is_cleaned_up_by_the_next_run(published):
    leftover = published.with_name(published.name + ".staging-999-deadbeef")
    leftover.write_bytes(b"half a run")
    with staged(published):
        pass
    assert not leftover.exists()


# --- the weekly pipeline publishes through staged() -------------------------------------------


@pytest.fixture
def landed(tmp_path):
    """A crawl stand-in: the summaries crawl() returns, for a landing file written beforehand."""
    path = write_landing(tmp_path / "landing" / "greenhouse", "crawl-1", [AI_ENGINEER, DATA_SCIENTIST])
    meta = json.loads(path.with_suffix(".meta.json").read_text())
    path.with_suffix(".meta.json").write_text(json.dumps({**meta, "run_id": "crawl-1"}))
    return [{"source": "greenhouse", "status": "ok", "items": 2, "run_id": "crawl-1", "landing_file": str(path)}]


def run_pipeline(db, tmp_path):
    return weekly.weekly_pipeline([], db, tmp_path / "landing", tmp_path / "reports", write_report=False)


def test_a_pipeline_run_is_published_with_its_record(tmp_path, landed, monkeypatch, prefect_harness):
    monkeypatch.setattr(weekly, "crawl", lambda sources, landing_dir, db_path, **options: landed)
    db = tmp_path / "warehouse.duckdb"
    outcome = run_pipeline(db, tmp_path)
    con = connect(db, read_only=True)
    try:
        postings = con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
        runs = con.execute("SELECT run_id, flow_run_id, status, items, loaded FROM pipeline_runs").fetchall()
    finally:
        con.close()
    assert postings == 2
    assert runs == [(outcome["run"]["run_id"], outcome["run"]["run_id"], "ok", 2, 2)]
    assert outcome["run"]["flow_run_id"]  # the Prefect flow run's id


def test_a_pipeline_run_that_fails_midway_publishes_nothing(published, tmp_path, landed, monkeypatch, prefect_harness):
    def broken_ingest(db_path, paths, work=None, dask=None):
        raise Boom("the disk filled up")

    monkeypatch.setattr(weekly, "crawl", lambda sources, landing_dir, db_path, **options: landed)
    monkeypatch.setattr(weekly, "load_landed", broken_ingest)
    before = digest(published)
    with pytest.raises(Boom):
        run_pipeline(published, tmp_path)
    assert digest(published) == before
    assert files_beside(published) == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_a_run_in_which_no_source_crawled_fails_and_publishes_nothing(
    published, tmp_path, monkeypatch, prefect_harness
):
    failed = [{"source": "greenhouse", "status": "failed", "items": 0, "error": "HTTP 503"}]
    monkeypatch.setattr(weekly, "crawl", lambda sources, landing_dir, db_path, **options: failed)
    before = digest(published)
    with pytest.raises(PipelineFailed, match="greenhouse \\(HTTP 503\\)") as raised:
        run_pipeline(published, tmp_path)
    assert raised.value.crawls == failed
    assert digest(published) == before
