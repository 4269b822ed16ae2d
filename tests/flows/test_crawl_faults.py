"""Never all-or-nothing: a sandbox where one board is gone (404), one fails however often it is
retried (500) and one redirects to another domain, plus a spider that crashes. The run completes,
every other posting lands, and `runs` names each failure with its reason."""

from __future__ import annotations

import json

import duckdb
import pytest

from flows.partitioned_ingest import ingest
from flows.weekly import crawl
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import OFFSITE_HOST, SandboxBoard
from pipeline.sources import SourceSpec

FAST_RETRIES = {"RETRY_BACKOFF_BASE": "0.01"}  # 3 retries, 10/20/40 ms apart


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=300, weeks=6)


@pytest.fixture(scope="module")
def boards(corpus):
    """Greenhouse boards with postings: three to keep healthy, then one per fault; two Lever boards."""
    greenhouse = corpus.boards_with_postings("greenhouse")
    return {
        "healthy": greenhouse[:3],
        "gone": greenhouse[3],
        "broken": greenhouse[4],
        "moved": greenhouse[5],
        "lever": corpus.boards("lever")[:2],
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory, prefect_harness, corpus, boards):
    work = tmp_path_factory.mktemp("faults")
    faults = {boards["gone"]: "not_found", boards["broken"]: "server_error", boards["moved"]: "offsite_redirect"}
    with SandboxBoard(corpus, faults=faults) as sandbox:
        greenhouse = [*boards["healthy"], boards["gone"], boards["broken"], boards["moved"]]
        sources = [
            SourceSpec("greenhouse", tuple(greenhouse), sandbox.base_url, settings=FAST_RETRIES),
            SourceSpec("hn", (), sandbox.base_url, {"since": "last-month"}),  # the spider refuses to start
            SourceSpec("lever", tuple(boards["lever"]), sandbox.base_url),
        ]
        crawls = crawl(sources, work / "landing", work / "w.duckdb", retry_delays=[0])
    ingested = ingest(work / "w.duckdb", [work / "landing"])
    con = duckdb.connect(str(work / "w.duckdb"), read_only=True)
    try:
        runs = {
            source: (status, json.loads(detail))
            for source, status, detail in con.execute(
                "SELECT source, status, detail FROM runs WHERE kind = 'crawl'"
            ).fetchall()
        }
        landed = set(con.execute("SELECT source, source_id FROM postings").fetchall())
        board_crawls = dict(con.execute("SELECT board, status FROM board_crawls").fetchall())
    finally:
        con.close()
    return {"crawls": crawls, "ingested": ingested, "runs": runs, "landed": landed, "board_crawls": board_crawls}


def served(corpus, ats: str, board: str) -> set[tuple[str, str]]:
    return {(ats, p.id) for p in corpus.postings_on(corpus.company(ats, board)) if p.posted_on <= corpus.end}


def test_the_run_completes_and_every_other_posting_lands(run, corpus, boards):
    assert [c["status"] for c in run["crawls"]] == ["ok", "failed", "ok"]
    assert all(r["status"] == "ok" for r in run["ingested"])
    expected = set().union(
        *(served(corpus, "greenhouse", b) for b in boards["healthy"]),
        *(served(corpus, "lever", b) for b in boards["lever"]),
    )
    assert run["landed"] == expected and len(expected) > 20


def test_runs_names_each_failed_board_with_its_reason(run, boards):
    status, detail = run["runs"]["greenhouse"]
    assert status == "partial"  # it crawled, but three of its boards failed
    failed = {
        board: (s["reason"], s["responses_by_status"]) for board, s in detail["boards"].items() if s["status"] != "ok"
    }
    moved = boards["moved"]
    assert failed == {
        boards["gone"]: ("not found (404)", {"404": 1}),
        boards["broken"]: ("HTTP 500 after 3 retries", {"500": 4}),
        moved: (f"redirect off-domain to {OFFSITE_HOST}/v1/boards/{moved}/jobs?content=true", {"302": 1}),
    }
    healthy = {b: detail["boards"][b] for b in boards["healthy"]}
    assert all(s["items"] > 0 and s["requests"] == 1 and s["seconds"] is not None for s in healthy.values())
    assert detail["responses_by_status"] == {"200": 4, "302": 1, "404": 1, "500": 4}  # robots.txt answered too


def test_a_crashing_spider_is_retried_then_reported(run):
    status, detail = run["runs"]["hn"]
    assert status == "failed" and "YYYY-MM" in detail["error"]
    assert run["runs"]["lever"][0] == "ok"  # the source after it still ran


def test_failed_boards_are_recorded_so_they_close_nothing(run, boards):
    assert run["board_crawls"] == {
        **{b: "ok" for b in boards["healthy"] + boards["lever"]},
        boards["gone"]: "failed",
        boards["broken"]: "failed",
        boards["moved"]: "failed",
    }
