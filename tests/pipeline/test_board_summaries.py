"""From a crawl's Scrapy stats to its per-board summary, and how `jobpulse run` prints it."""

from __future__ import annotations

import pytest

from jobpulse.printers import print_crawls
from pipeline.spider_process import board_summaries

FINISHED = {"finish_reason": "finished"}


def board_stats(board: str, **counters) -> dict:
    return {f"jobpulse/board/{board}/{name.replace('__', '/')}": value for name, value in counters.items()}


CASES = {
    "answered, nothing failed": (
        board_stats("acme", requests=1, status__200=1, items=12, first_request_at=100.0, last_response_at=100.5),
        FINISHED,
        ["acme"],
        {
            "status": "ok",
            "reason": None,
            "requests": 1,
            "responses_by_status": {"200": 1},
            "items": 12,
            "errors": 0,
            "seconds": 0.5,
        },
    ),
    "5xx until retries ran out": (
        board_stats("acme", requests=4, status__500=4, errors=1, failure="HTTP 500 after 3 retries"),
        FINISHED,
        ["acme"],
        {
            "status": "failed",
            "reason": "HTTP 500 after 3 retries",
            "requests": 4,
            "responses_by_status": {"500": 4},
            "items": 0,
            "errors": 1,
            "seconds": None,
        },
    ),
    "a later page failed after the first landed items": (
        board_stats("acme", requests=2, status__200=1, status__503=1, items=100, errors=1, failure="HTTP 503"),
        FINISHED,
        ["acme"],
        {
            "status": "failed",
            "reason": "HTTP 503",
            "requests": 2,
            "responses_by_status": {"200": 1, "503": 1},
            "items": 100,
            "errors": 1,
            "seconds": None,
        },
    ),
    "the crawl stopped with a page of the board still to fetch": (
        board_stats("acme", requests=1, status__200=1, items=3, pending=1),
        {"finish_reason": "shutdown"},
        ["acme"],
        {
            "status": "unfinished",
            "reason": "crawl ended early (shutdown)",
            "requests": 1,
            "responses_by_status": {"200": 1},
            "items": 3,
            "errors": 0,
            "seconds": None,
        },
    ),
    "the crawl stopped early, after this board was done": (
        board_stats("acme", requests=2, status__200=2, items=3, pending=0),
        {"finish_reason": "shutdown"},
        ["acme"],
        {
            "status": "ok",
            "reason": None,
            "requests": 2,
            "responses_by_status": {"200": 2},
            "items": 3,
            "errors": 0,
            "seconds": None,
        },
    ),
    "the crawl stopped before the board's turn": (
        {},
        {"finish_reason": "closespider_pagecount"},
        ["acme"],
        {
            "status": "unfinished",
            "reason": "crawl ended early (closespider_pagecount)",
            "requests": 0,
            "responses_by_status": {},
            "items": 0,
            "errors": 0,
            "seconds": None,
        },
    ),
    "asked for but never requested": (
        {},
        FINISHED,
        ["acme"],
        {
            "status": "failed",
            "reason": "not crawled",
            "requests": 0,
            "responses_by_status": {},
            "items": 0,
            "errors": 0,
            "seconds": None,
        },
    ),
    "requested but never answered with a 2xx": (
        board_stats("acme", requests=1, status__304=1),
        FINISHED,
        ["acme"],
        {
            "status": "failed",
            "reason": "no answer (HTTP 304)",
            "requests": 1,
            "responses_by_status": {"304": 1},
            "items": 0,
            "errors": 0,
            "seconds": None,
        },
    ),
}


@pytest.mark.parametrize(("stats", "finish", "boards", "expected"), CASES.values(), ids=CASES.keys())
def test_board_summary(stats, finish, boards, expected):
    assert board_summaries(stats | finish, boards) == {"acme": expected}


def test_boards_found_while_crawling_are_summarized_too():
    stats = (
        FINISHED
        | board_stats("37351667", requests=1, status__200=1, items=500)
        | board_stats("search", requests=2, status__200=2)
    )
    assert list(board_summaries(stats)) == ["37351667", "search"]  # HN: threads and the search


def test_a_resumed_part_leaves_out_boards_an_earlier_part_did():
    stats = (
        FINISHED | board_stats("done-before", pending=0) | board_stats("acme", requests=1, status__200=1, pending=-1)
    )
    assert {b: s["status"] for b, s in board_summaries(stats).items()} == {"acme": "ok"}


def summary(boards: dict) -> dict:
    return {
        "source": "greenhouse",
        "status": "ok",
        "items": 15,
        "requests": 9,
        "responses_by_status": {"200": 4},
        "errors": 2,
        "seconds": 3.2,
        "boards": boards,
    }


def test_the_printed_summary_names_every_failed_board_with_its_reason(capsys):
    ok = {"status": "ok", "items": 1, "requests": 1, "responses_by_status": {"200": 1}}
    boards = {f"b{n}": ok for n in range(20)} | {
        "ghost": {"status": "failed", "reason": "not found (404)", "requests": 1, "responses_by_status": {"404": 1}}
    }
    print_crawls([summary(boards)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:4] == ["greenhouse", "ok", "items", "15"] and "errors 2" in lines[1]
    assert "ghost" in lines[2] and lines[2].rstrip().endswith("not found (404)")
    assert lines[3].strip() == "… and 20 more boards ok" and len(lines) == 4


def test_a_big_source_that_went_well_prints_one_line_for_its_boards(capsys):
    ok = {"status": "ok", "items": 1, "requests": 1, "responses_by_status": {"200": 1}}
    print_crawls([summary({f"b{n}": ok for n in range(30)})])
    assert capsys.readouterr().out.splitlines()[2:] == ["    all 30 boards ok"]


def test_a_small_source_prints_every_board(capsys):
    ok = {"status": "ok", "items": 7, "requests": 1, "responses_by_status": {"200": 1}, "seconds": 0.4}
    print_crawls([summary({"acme": ok, "beta": ok})])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[2:]] == ["acme", "beta"] and "0.4 s" in lines[2]
