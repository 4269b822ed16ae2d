"""Two crawls a week apart: first_seen, last_seen and closed postings, exactly.

The sandbox corpus gets closing postings (a share stop being listed 1–8 weeks after they were
posted). Crawl one runs with the sandbox clock a week before the corpus end, crawl two at the end,
with one board failing. Every posting's dates follow from which crawl served it: first_seen is
the start of the first crawl that saw it, last_seen of the last, and closed_at the start of the
first successful crawl of its board that no longer listed it — never for the failing board.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard
from pipeline.ingest import ingest_files
from pipeline.landing import read_meta
from pipeline.spider_process import run_spider
from warehouse.db import connect


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=400, weeks=8, closing_share=0.5)


def listed(posting, day) -> bool:
    return posting.posted_on <= day and (posting.closes_on is None or day < posting.closes_on)


@pytest.fixture(scope="module")
def weeks(corpus):
    return corpus.end - timedelta(days=7), corpus.end


@pytest.fixture(scope="module")
def boards(corpus, weeks):
    """Greenhouse boards with postings; the failing one has a posting that closes between the crawls."""
    week1, week2 = weeks
    with_postings = corpus.boards_with_postings("greenhouse")
    closing = [
        b
        for b in with_postings
        if any(listed(p, week1) and not listed(p, week2) for p in corpus.postings_on(corpus.company("greenhouse", b)))
    ]
    failing = closing[0]
    return {
        "all": with_postings[:8] if failing in with_postings[:8] else [*with_postings[:7], failing],
        "failing": failing,
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, corpus, weeks, boards):
    work = tmp_path_factory.mktemp("incremental")
    crawl_starts = []
    with SandboxBoard(corpus) as sandbox:
        for n, clock in enumerate(weeks):
            sandbox.clock = clock
            sandbox.router.faults = {boards["failing"]: "server_error"} if n == 1 else {}
            result = run_spider(
                "greenhouse",
                work / "landing",
                boards=boards["all"],
                base_url=sandbox.base_url,
                settings={"RETRY_BACKOFF_BASE": "0.01"},
            )
            assert result.status == "ok", result.error
            con = connect(work / "w.duckdb")
            try:
                assert [r.status for r in ingest_files(con, [result.landing_file])] == ["ok"]
            finally:
                con.close()
            crawl_starts.append(
                datetime.fromisoformat(read_meta(result.landing_file)["crawled_at"]).replace(tzinfo=None)
            )
    con = duckdb.connect(str(work / "w.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT source_id, board, first_seen, last_seen, closed_at FROM postings").fetchall()
    finally:
        con.close()
    return crawl_starts, {source_id: tuple(row) for source_id, *row in rows}


def expected_dates(corpus, weeks, boards, crawl_starts) -> dict[str, tuple]:
    """(board, first_seen, last_seen, closed_at) of every posting either crawl saw."""
    expected = {}
    for board in boards["all"]:
        for p in corpus.postings_on(corpus.company("greenhouse", board)):
            seen = [listed(p, day) and not (n == 1 and board == boards["failing"]) for n, day in enumerate(weeks)]
            if not any(seen):
                continue
            times = [t for t, s in zip(crawl_starts, seen) if s]
            closed = crawl_starts[1] if seen == [True, False] and board != boards["failing"] else None
            expected[p.id] = (board, times[0], times[-1], closed)
    return expected


def test_first_seen_last_seen_and_closed_are_exact(crawled, corpus, weeks, boards):
    crawl_starts, postings = crawled
    assert postings == expected_dates(corpus, weeks, boards, crawl_starts)


def test_the_test_covers_new_kept_closed_and_protected_postings(crawled, corpus, weeks, boards):
    crawl_starts, postings = crawled
    first, second = crawl_starts
    assert first < second
    kinds = {
        "new in week two": [p for p in postings.values() if p[1] == second],
        "listed both weeks": [p for p in postings.values() if p[1] == first and p[2] == second],
        "closed": [p for p in postings.values() if p[3] == second],
        "kept open by the failed crawl": [
            p for p in postings.values() if p[0] == boards["failing"] and p[2] == first and p[3] is None
        ],
    }
    assert all(kinds.values()), {k: len(v) for k, v in kinds.items()}
