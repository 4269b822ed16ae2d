"""Closed postings: closed at the first successful crawl of their board that no longer lists them;
a failed or unfinished board crawl closes nothing; a posting listed again reopens."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipeline.closing import board_crawl_rows, close_postings, record_board_crawls
from warehouse.db import connect

WEEK = {n: datetime(2026, 3, 2 + 7 * (n - 1), 6, 0) for n in (1, 2, 3)}  # three Monday crawls


def crawl(run: str, week: int, boards: dict[str, str], part: int = 0) -> dict:
    """A landing file's sidecar as pipeline/spider_process.py writes it: how each board fared."""
    return {
        "run": run,
        "week": week,
        "part": part,
        "meta": {
            "source": "greenhouse",
            "run_id": run,
            "board_summaries": {
                b: {
                    "status": status,
                    "reason": None if status == "ok" else "why",
                    "requests": 1,
                    "responses_by_status": {"200": 1},
                    "items": 3,
                    "errors": 0,
                    "seconds": 0.2,
                }
                for b, status in boards.items()
            },
        },
    }


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    yield con
    con.close()


def closed_after(con, postings: dict[str, tuple[str | None, int]], crawls: list[dict]) -> dict[str, datetime | None]:
    """Load postings ({id: (board, week last seen)}) and crawls, close, and read closed_at back."""
    for pid, (board, week) in postings.items():
        con.execute(
            "INSERT INTO postings (posting_id, source, source_id, board, title, role, first_seen, last_seen)"
            " VALUES (?, 'greenhouse', ?, ?, 'Data Scientist', 'data_scientist', ?, ?)",
            [pid, pid, board, WEEK[1], WEEK[week]],
        )
    for c in crawls:
        record_board_crawls(
            con,
            c["meta"],
            crawl_run=c["run"],
            crawled_at=WEEK[c["week"]],
            landing_file=f"/landing/greenhouse/{c['run']}-part{c['part']}.jsonl",
        )
    close_postings(con)
    return dict(con.execute("SELECT posting_id, closed_at FROM postings ORDER BY posting_id").fetchall())


SCENARIOS = {
    "missed by the next successful crawl: closed then": (
        {"a": ("acme", 1), "b": ("acme", 2)},
        [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"acme": "ok"})],
        {"a": WEEK[2], "b": None},
    ),
    "a failed board crawl closes nothing": (
        {"a": ("acme", 1)},
        [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"acme": "failed"})],
        {"a": None},
    ),
    "a crawl that ended early closes nothing": (
        {"a": ("acme", 1)},
        [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"acme": "unfinished"})],
        {"a": None},
    ),
    "a resumed crawl counts when any part read the board": (
        {"a": ("acme", 1)},
        [
            crawl("r1", 1, {"acme": "ok"}),
            crawl("r2", 2, {"acme": "unfinished"}),
            crawl("r2", 2, {"acme": "ok"}, part=1),
        ],
        {"a": WEEK[2]},
    ),
    "closed at the first crawl that missed it, not the latest": (
        {"a": ("acme", 1)},
        [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"acme": "failed"}), crawl("r3", 3, {"acme": "ok"})],
        {"a": WEEK[3]},
    ),
    "another board's crawl says nothing about this one": (
        {"a": ("acme", 1)},
        [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"beta": "ok"})],
        {"a": None},
    ),
    "postings without a board (aggregator feeds) never close": (
        {"a": (None, 1)},
        [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"acme": "ok"})],
        {"a": None},
    ),
}


@pytest.mark.parametrize(("postings", "crawls", "expected"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_closing(warehouse, postings, crawls, expected):
    assert closed_after(warehouse, postings, crawls) == expected


def test_a_posting_listed_again_reopens(warehouse):
    crawls = [crawl("r1", 1, {"acme": "ok"}), crawl("r2", 2, {"acme": "ok"})]
    assert closed_after(warehouse, {"a": ("acme", 1)}, crawls) == {"a": WEEK[2]}
    warehouse.execute("UPDATE postings SET last_seen = ? WHERE posting_id = 'a'", [WEEK[3]])  # seen by r3
    record_board_crawls(
        warehouse,
        crawl("r3", 3, {"acme": "ok"})["meta"],
        crawl_run="r3",
        crawled_at=WEEK[3],
        landing_file="/landing/greenhouse/r3.jsonl",
    )
    assert close_postings(warehouse) == 1
    assert warehouse.execute("SELECT closed_at FROM postings").fetchall() == [(None,)]
    assert close_postings(warehouse) == 0  # nothing left to change


def test_reloading_a_landing_file_replaces_its_board_rows(warehouse):
    meta = crawl("r1", 1, {"acme": "ok", "ghost": "failed"})["meta"]
    for _ in range(2):
        record_board_crawls(warehouse, meta, crawl_run="r1", crawled_at=WEEK[1], landing_file="/l/r1.jsonl")
    rows = warehouse.execute(
        "SELECT board, status, reason, responses_by_status->>'200', items FROM board_crawls ORDER BY board"
    ).fetchall()
    assert rows == [("acme", "ok", None, "1", 3), ("ghost", "failed", "why", "1", 3)]


@pytest.mark.parametrize("meta", [{}, {"source": "greenhouse"}, {"board_summaries": {"acme": {"status": "ok"}}}])
def test_files_without_board_summaries_record_nothing(meta):
    assert board_crawl_rows(meta, crawl_run="r", crawled_at=WEEK[1], landing_file="/l").is_empty()
