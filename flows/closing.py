"""Closed postings: a posting is closed when the latest successful crawl of its board missed it.

Each landing file's sidecar says how every board fared in its crawl (flows/crawl.py); ingest
records that in `board_crawls` (`record_board_crawls`). After ingest, `close_postings` recomputes
`postings.closed_at` from `board_crawls` and `last_seen`: a posting is closed at the start of the
first successful crawl of its board after it was last seen. A board whose crawl failed (404, 5xx,
an off-domain redirect, a crawl stopped early) has no successful crawl, so it closes nothing; a
posting seen again later is open again. Sources without boards (aggregator feeds) never close.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import duckdb
import polars as pl

_BOARD_CRAWL_SCHEMA = {
    "run_id": pl.String, "source": pl.String, "board": pl.String, "landing_file": pl.String,
    "crawled_at": pl.Datetime("us"), "status": pl.String, "reason": pl.String, "requests": pl.Int64,
    "responses_by_status": pl.String, "items": pl.Int64, "errors": pl.Int64, "seconds": pl.Float64,
}

# The first successful crawl of the posting's board after its last sighting, if any (ASOF: the
# nearest such crawl). A run counts as successful for a board when any of its parts read it all.
CLOSE_POSTINGS = """
WITH ok_crawls AS (
    SELECT source, board, crawled_at FROM board_crawls
    GROUP BY run_id, source, board, crawled_at HAVING bool_or(status = 'ok')),
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
    rows = [
        {"run_id": crawl_run, "source": source, "board": str(board), "landing_file": landing_file,
         "crawled_at": crawled_at, "status": s.get("status") or "failed", "reason": s.get("reason"),
         "requests": s.get("requests"), "responses_by_status": json.dumps(s.get("responses_by_status") or {}),
         "items": s.get("items"), "errors": s.get("errors"), "seconds": s.get("seconds")}
        for board, s in summaries.items() if isinstance(s, dict)
    ] if source else []
    return pl.DataFrame(rows, schema=_BOARD_CRAWL_SCHEMA)


def record_board_crawls(con: duckdb.DuckDBPyConnection, meta: dict[str, Any], *, crawl_run: str,
                        crawled_at: datetime, landing_file: str) -> int:
    """Record how each board of this landing file's crawl fared; a reload replaces its rows."""
    frame = board_crawl_rows(meta, crawl_run=crawl_run, crawled_at=crawled_at, landing_file=landing_file)
    if frame.is_empty():
        return 0
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
