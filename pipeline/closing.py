"""Closed postings: a posting is closed when the latest successful crawl of its board missed it.

Each landing file's sidecar says how every board fared in its crawl (pipeline/spider_process.py); ingest
records that in `board_crawls` (`record_board_crawls`). After ingest, `close_postings` recomputes
`postings.closed_at` from `board_crawls` and `last_seen`: a posting is closed at the start of the
first successful crawl of its board after it was last seen. A board whose crawl failed (404, 5xx,
an off-domain redirect, a crawl stopped early) has no successful crawl, so it closes nothing; a
posting seen again later is open again. Sources without boards (aggregator feeds) never close.

A zero is a claim that needs evidence. A crawl is successful for its board only when its status is
'ok' or 'emptied'. A board that answered with no jobs and no declared total, or a total that
disagrees with what was parsed, is 'suspect' (pipeline/spider_process.py `evidence`); so is one whose job count
fell below half of its previous crawl that listed jobs (checked here, against the warehouse: a
real shrink is believed when the next crawl confirms it). A board that declares a total of 0 is
'empty' the first time and 'emptied' when its previous crawl said the same: only then do its
postings close. An ATS hiccup of one week therefore closes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import duckdb
import polars as pl

_BOARD_CRAWL_SCHEMA = {
    "run_id": pl.String,
    "source": pl.String,
    "board": pl.String,
    "landing_file": pl.String,
    "crawled_at": pl.Datetime("us"),
    "status": pl.String,
    "reason": pl.String,
    "requests": pl.Int64,
    "responses_by_status": pl.String,
    "items": pl.Int64,
    "errors": pl.Int64,
    "seconds": pl.Float64,
}

# The first successful crawl of the posting's board after its last sighting, if any (ASOF: the
# nearest such crawl). A run counts as successful for a board when any of its parts read it all.
CLOSE_POSTINGS = """
WITH ok_crawls AS (
    SELECT source, board, crawled_at FROM board_crawls
    GROUP BY run_id, source, board, crawled_at HAVING bool_or(status IN ('ok', 'emptied'))),
closing AS (
    SELECT p.posting_id, ok.crawled_at AS closed_at
    FROM postings p ASOF LEFT JOIN ok_crawls ok
      ON p.source = ok.source AND p.board = ok.board AND ok.crawled_at > p.last_seen
    WHERE p.board IS NOT NULL)
UPDATE postings SET closed_at = closing.closed_at FROM closing
WHERE postings.posting_id = closing.posting_id AND postings.closed_at IS DISTINCT FROM closing.closed_at
"""


def board_crawl_rows(meta: dict[str, Any], *, crawl_run: str, crawled_at: datetime, landing_file: str) -> pl.DataFrame:
    """`board_crawls` rows for one landing file, from its sidecar's `board_summaries`."""
    source = meta.get("source")
    summaries = meta.get("board_summaries") or {}
    rows = (
        [
            {
                "run_id": crawl_run,
                "source": source,
                "board": str(board),
                "landing_file": landing_file,
                "crawled_at": crawled_at,
                "status": s.get("status") or "failed",
                "reason": s.get("reason"),
                "requests": s.get("requests"),
                "responses_by_status": json.dumps(s.get("responses_by_status") or {}),
                "items": s.get("items"),
                "errors": s.get("errors"),
                "seconds": s.get("seconds"),
            }
            for board, s in summaries.items()
            if isinstance(s, dict)
        ]
        if source
        else []
    )
    return pl.DataFrame(rows, schema=_BOARD_CRAWL_SCHEMA)


COUNT_DROP = 0.5  # a board listing fewer than half the jobs of its previous crawl is suspect

# Per board of a source, its latest crawl before this one: its status, and the job count of its
# latest crawl that listed jobs (what a count drop is measured against).
PREVIOUS_CRAWLS = """
SELECT board, arg_max(status, crawled_at) AS last_status,
       arg_max(items, crawled_at) FILTER (WHERE status IN ('ok', 'suspect') AND items > 0) AS last_items
FROM board_crawls WHERE source = ? AND crawled_at < ? GROUP BY board
"""


def judge_against_history(
    con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, source: str, crawled_at: datetime
) -> pl.DataFrame:
    """'empty' twice in a row → 'emptied' (the board really emptied); 'ok' with fewer than half the
    jobs of the board's previous crawl that listed jobs → 'suspect' with why."""
    previous = {
        board: (status, items) for board, status, items in con.execute(PREVIOUS_CRAWLS, [source, crawled_at]).fetchall()
    }
    statuses, reasons = [], []
    for board, status, reason, items in frame.select("board", "status", "reason", "items").iter_rows():
        last_status, last_items = previous.get(board, (None, None))
        if status == "empty" and last_status in ("empty", "emptied"):
            status, reason = "emptied", "declared total 0 on two crawls in a row"
        elif status == "ok" and last_items and (items or 0) < last_items * COUNT_DROP:
            status, reason = "suspect", f"{items or 0} jobs, down from {last_items} in its previous crawl"
        statuses.append(status)
        reasons.append(reason)
    return frame.with_columns(status=pl.Series(statuses, dtype=pl.String), reason=pl.Series(reasons, dtype=pl.String))


def record_board_crawls(
    con: duckdb.DuckDBPyConnection, meta: dict[str, Any], *, crawl_run: str, crawled_at: datetime, landing_file: str
) -> int:
    """Record how each board of this landing file's crawl fared; a reload replaces its rows."""
    frame = board_crawl_rows(meta, crawl_run=crawl_run, crawled_at=crawled_at, landing_file=landing_file)
    if frame.is_empty():
        return 0
    frame = judge_against_history(con, frame, meta["source"], crawled_at)
    con.register("batch_board_crawls", frame.to_arrow())
    try:
        con.execute("INSERT OR REPLACE INTO board_crawls BY NAME SELECT * FROM batch_board_crawls")
    finally:
        con.unregister("batch_board_crawls")
    return frame.height


def close_postings(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute `postings.closed_at`; returns how many postings closed or reopened."""
    ((changed,),) = con.execute(CLOSE_POSTINGS).fetchall()
    return int(changed)


# Boards of the given crawl runs that failed or are suspect in every part. A declared-empty board
# ('empty') is not trouble: it has evidence, it only waits for the next crawl to confirm it.
BOARDS_NOT_READ = """
SELECT source, board, arg_max(status, status IN ('failed', 'unfinished')) AS status, any_value(reason) AS reason
FROM board_crawls WHERE list_contains(?, run_id)
GROUP BY run_id, source, board HAVING NOT bool_or(status IN ('ok', 'emptied', 'empty'))
ORDER BY source, board
"""


def boards_not_read(
    con: duckdb.DuckDBPyConnection, crawl_runs: list[str]
) -> dict[str, dict[str, tuple[str, str | None]]]:
    """Per source, each board of these crawl runs that failed or is suspect: {source: {board:
    (status, reason)}}. A run with any is 'partial' (pipeline/run_quality.py)."""
    trouble: dict[str, dict[str, tuple[str, str | None]]] = {}
    for source, board, status, reason in con.execute(BOARDS_NOT_READ, [[r for r in crawl_runs if r]]).fetchall():
        trouble.setdefault(source, {})[board] = (status, reason)
    return trouble
