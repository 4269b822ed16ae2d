"""An interrupted crawl resumes from its Scrapy JOBDIR: the rest lands under the same run, nothing
twice, and the boards the first part finished are vouched for although it stopped early."""

from __future__ import annotations

import json

import duckdb
import pytest

from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard
from pipeline.ingest import ingest_files
from pipeline.landing import read_meta
from pipeline.landing_store import open_text
from pipeline.spider_process import RUN_STATE, run_spider
from warehouse.db import connect

# One request at a time, and a stop after two responses (robots.txt and a board or so): the crawl
# ends early the way a Ctrl-C does, with the rest of its requests saved in the JOBDIR.
STOP_EARLY = {"CLOSESPIDER_PAGECOUNT": "2", "CONCURRENT_REQUESTS": "1"}


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=300, weeks=6)


@pytest.fixture(scope="module")
def parts(tmp_path_factory, corpus):
    work = tmp_path_factory.mktemp("resume")
    jobdir = work / "jobs" / "greenhouse"
    boards = corpus.boards_with_postings("greenhouse")[:5]
    with SandboxBoard(corpus) as sandbox:
        first = run_spider(
            "greenhouse", work / "landing", boards=boards, base_url=sandbox.base_url, jobdir=jobdir, settings=STOP_EARLY
        )
        left_behind = sorted(p.name for p in jobdir.iterdir())
        # Resuming repeats the first part's boards and base URL, whatever this call says.
        rest = run_spider(
            "greenhouse",
            work / "landing",
            boards=["elsewhere"],
            base_url="http://127.0.0.1:9",
            jobdir=jobdir,
            resume=True,
        )
    con = connect(work / "w.duckdb")
    try:
        ingest_files(con, [first.landing_file, rest.landing_file])
    finally:
        con.close()
    return {
        "first": first,
        "rest": rest,
        "boards": boards,
        "jobdir": jobdir,
        "left_behind": left_behind,
        "db": work / "w.duckdb",
    }


def source_ids(result) -> list[str]:
    with open_text(result.landing_file) as lines:  # compressed once ingested
        return [json.loads(line)["source_id"] for line in lines]


def split_by_status(result) -> tuple[list[str], list[str]]:
    """(boards read in full, boards left unfinished) by one part of the crawl."""
    statuses = {board: s["status"] for board, s in result.boards.items()}
    assert set(statuses.values()) <= {"ok", "unfinished"}
    return [b for b, s in statuses.items() if s == "ok"], [b for b, s in statuses.items() if s == "unfinished"]


def test_the_first_part_stops_early_and_keeps_its_jobdir(parts, corpus):
    first = parts["first"]
    assert first.status == "ok" and first.stats["finish_reason"] == "closespider_pagecount"
    assert RUN_STATE in parts["left_behind"] and "requests.queue" in parts["left_behind"]
    done, unfinished = split_by_status(first)
    assert done and unfinished and sorted(done + unfinished) == sorted(parts["boards"])
    assert all(first.boards[b]["items"] == len(corpus.postings_on(corpus.company("greenhouse", b))) for b in done)


def test_the_rest_lands_under_the_same_run_and_nothing_twice(parts, corpus):
    first, rest = parts["first"], parts["rest"]
    assert rest.run_id == first.run_id and rest.landing_file.name == f"{first.run_id}-part1.jsonl"
    assert read_meta(rest.landing_file)["crawled_at"] == read_meta(first.landing_file)["crawled_at"]
    assert rest.stats["finish_reason"] == "finished" and not parts["jobdir"].exists()
    _, unfinished = split_by_status(first)
    assert {board: s["status"] for board, s in rest.boards.items()} == {b: "ok" for b in unfinished}
    landed = source_ids(first) + source_ids(rest)
    served = [p.id for b in parts["boards"] for p in corpus.postings_on(corpus.company("greenhouse", b))]
    assert sorted(landed) == sorted(served)


def test_both_parts_count_as_one_crawl_that_read_every_board(parts):
    con = duckdb.connect(str(parts["db"]), read_only=True)
    try:
        runs = con.execute("SELECT DISTINCT run_id FROM sightings").fetchall()
        read_in_full = con.execute(
            "SELECT board FROM board_crawls GROUP BY board HAVING bool_or(status = 'ok')"
        ).fetchall()
        closed = con.execute("SELECT count(*) FROM postings WHERE closed_at IS NOT NULL").fetchall()
    finally:
        con.close()
    assert runs == [(parts["first"].run_id,)]
    assert sorted(b for (b,) in read_in_full) == sorted(parts["boards"]) and closed == [(0,)]
