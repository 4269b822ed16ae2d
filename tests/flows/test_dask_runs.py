"""On a Dask cluster (a 2-worker LocalCluster here) the same tasks build the same warehouse: the
`ingest` of landing files cut into partitions, and a small `run` that crawls the sandbox board, each
compared with the same command run locally — every table, leaving out only what the test names."""

from __future__ import annotations

import json

import pytest

import pipeline.partitions as partitions
from jobpulse.cli import main
from tests.pipeline.landing_files import posting, write_landing
from tests.pipeline.test_partitioned_ingest import LOAD_RUN_IDS_AND_TIMES, mixed_lines
from tests.pipeline.warehouse_snapshot import every_table


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address


def tasks_done(address: str) -> int:
    from distributed import Client

    with Client(address) as client:
        return sum(client.run(lambda dask_worker: dask_worker.state.executed_count).values())


def test_ingest_on_a_cluster_gives_the_local_warehouse(tmp_path, prefect_harness, cluster, monkeypatch):
    monkeypatch.setattr(partitions, "PARTITION_LINES", 4)  # six partitions of the first file
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    landing = tmp_path / "landing" / "greenhouse"
    files = [
        write_landing(landing, "week1", mixed_lines(), crawled_at="2026-11-02T06:00:00+00:00"),
        write_landing(landing, "week2", [json.dumps(posting("503", "AI Engineer", "<p>LLMs</p>"))]),
    ]
    paths = [str(f) for f in files]
    assert main(["ingest", "--db", str(tmp_path / "local.duckdb"), *paths]) == 0
    before = tasks_done(cluster)
    assert main(["ingest", "--db", str(tmp_path / "dask.duckdb"), "--dask", cluster, *paths]) == 0
    assert tasks_done(cluster) - before >= 7  # every partition (6 + 1) was a task of a Dask worker
    local = every_table(tmp_path / "local.duckdb", LOAD_RUN_IDS_AND_TIMES)
    on_dask = every_table(tmp_path / "dask.duckdb", LOAD_RUN_IDS_AND_TIMES)
    assert {t: rows for t, rows in on_dask.items() if rows != local[t]} == {}
    assert len(local["postings"]) == 20 and len(local["rejects"]) == 3


# Two runs crawl the same sandbox at different times, each its own crawl runs: left out are run ids,
# when each crawl and load ran (and how long), and what holds them (landing paths name the crawl
# run, and so does the file a posting's raw record is in; a run's detail holds its crawl's timings
# and Scrapy stats). A crawl writes items in the order the board's answers arrive, so the landing
# file's hash and the line a raw record is on are left out too; what the lines say is compared.
CRAWL_AND_LOAD_RUN_IDS_AND_TIMES = {
    "runs": {"run_id", "started_at", "finished_at", "landing_file", "detail"},
    "loaded_files": {"landing_file", "sha256", "run_id", "loaded_at"},
    "sightings": {"run_id", "seen_at"},
    "board_crawls": {"run_id", "landing_file", "crawled_at", "seconds"},
    "postings": {"first_seen", "last_seen", "landing_file", "landing_line"},
    "rejects": {"landing_file", "run_id", "rejected_at"},
    "schema_version": {"applied_at"},
}


def test_a_run_on_a_cluster_gives_the_local_warehouse(tmp_path, prefect_harness, cluster, monkeypatch):
    from jobpulse.sandbox.corpus import generate_corpus
    from jobpulse.sandbox.server import SandboxBoard

    corpus = generate_corpus(n_postings=120, weeks=6)
    with SandboxBoard(corpus) as sandbox:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f"[greenhouse]\nboards = {json.dumps(corpus.boards_with_postings('greenhouse')[:2])}\n"
            f'base_url = "{sandbox.base_url}"\n'
            f"[lever]\nboards = {json.dumps(corpus.boards_with_postings('lever')[:1])}\n"
            f'base_url = "{sandbox.base_url}"\n'
        )
        for name, dask in (("local", []), ("dask", ["--dask", cluster])):
            monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / name))
            before = tasks_done(cluster)
            assert main(["-q", "run", "--sources", str(sources), *dask]) == 0
            ran_on_dask = tasks_done(cluster) - before
            assert ran_on_dask >= 2 if dask else ran_on_dask == 0  # on the cluster: a crawl task per source
    local = every_table(tmp_path / "local" / "warehouse.duckdb", CRAWL_AND_LOAD_RUN_IDS_AND_TIMES)
    on_dask = every_table(tmp_path / "dask" / "warehouse.duckdb", CRAWL_AND_LOAD_RUN_IDS_AND_TIMES)
    assert {t: rows for t, rows in on_dask.items() if rows != local[t]} == {}
    assert len(local["postings"]) > 0 and {"crawl", "ingest", "pipeline"} <= {kind for kind, *_ in local["runs"]}


def test_reprocess_on_a_cluster_gives_the_local_warehouse(tmp_path, prefect_harness, cluster, monkeypatch):
    import shutil

    from tests.pipeline.test_partitioned_reprocess import make_stale
    from warehouse.db import connect

    monkeypatch.setattr(partitions, "PARTITION_LINES", 4)  # 20 postings: five pages, a task each
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    landing = write_landing(tmp_path / "landing" / "greenhouse", "week1", mixed_lines())
    assert main(["-q", "ingest", "--db", str(tmp_path / "local.duckdb"), str(landing)]) == 0
    ingested = every_table(tmp_path / "local.duckdb", {})
    con = connect(tmp_path / "local.duckdb")
    make_stale(con)
    con.close()
    shutil.copy(tmp_path / "local.duckdb", tmp_path / "dask.duckdb")
    assert main(["-q", "reprocess", "--db", str(tmp_path / "local.duckdb")]) == 0
    before = tasks_done(cluster)
    assert main(["-q", "reprocess", "--db", str(tmp_path / "dask.duckdb"), "--dask", cluster]) == 0
    assert tasks_done(cluster) - before >= 5
    assert every_table(tmp_path / "dask.duckdb", {}) == every_table(tmp_path / "local.duckdb", {}) == ingested
