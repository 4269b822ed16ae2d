"""The weekly pipeline's own run record, and the data-quality checks that flag it.

After a run has loaded what it crawled, one `runs` row of kind 'pipeline' records it: the Prefect
flow run id, start and end, status, counts per source (items, postings per board, how complete key
fields are), and the flags raised by comparing each source with its previous published run:

- `count_drop`: a source or board whose item count fell by more than half;
- `completeness_drop`: a field (posted_at, salary, location, company, description) filled for a
  share of the source's postings at least 20 points lower than last time;
- `zero_postings`: a source that yielded nothing (its crawl failed, or its boards were empty);
- `boards_not_read`: a source some of whose boards failed or are suspect (pipeline/closing.py); the
  run is then 'partial'.

Flags warn; they never stop a run. A run is 'failed' only when sources were configured and none
crawled, and a failed run is not published (see pipeline/publish.py).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipeline.closing import boards_not_read
from warehouse.db import connect

COUNT_DROP = 0.5  # flag when a count falls below this fraction of the previous run's
COMPLETENESS_DROP = 0.20  # flag when a field's filled share falls by more than this (absolute)
MIN_POSTINGS = 10  # completeness of fewer postings than this is noise, not a signal
PREVIOUS_RUNS_SCANNED = 20

# Identifiers and SQL fragments are constants here, never input.
COMPLETENESS = {
    "posted_at": "posted_at IS NOT NULL",
    "salary": "salary_min IS NOT NULL OR salary_max IS NOT NULL",
    "location": "location IS NOT NULL",
    "company": "company IS NOT NULL",
    "description": "coalesce(description_text, '') <> ''",
}


class PipelineFailed(RuntimeError):
    """No configured source crawled: the run is not published. `summary` holds what it recorded."""

    def __init__(self, summary: dict[str, Any], crawls: list[dict[str, Any]]):
        failed = ", ".join(f"{c['source']} ({c.get('error') or c['status']})" for c in crawls) or "none"
        super().__init__(f"no source crawled, nothing published: {failed}")
        self.summary = summary
        self.crawls = crawls


def record_pipeline_run(
    db_path: Path,
    started_at: datetime,
    crawls: list[dict[str, Any]],
    ingested: list[dict[str, Any]],
    flow_run_id: str | None = None,
) -> dict[str, Any]:
    """Write the run's `runs` row (kind 'pipeline') with per-source counts and quality flags."""
    con = connect(db_path)
    try:
        sources = source_stats(con, crawls, ingested)
        flags = check_quality(sources, previous_sources(con))
        trouble = boards_not_read(con, [c.get("run_id") for c in crawls if c["status"] == "ok"])
        flags += [
            _flag(
                "boards_not_read",
                source,
                f"{source}: {len(boards)} boards not read in full: "
                + ", ".join(f"{b} ({status}: {reason})" for b, (status, reason) in list(boards.items())[:5])
                + (" …" if len(boards) > 5 else ""),
                current=len(boards),
            )
            for source, boards in trouble.items()
        ]
        status = pipeline_status(crawls, ingested)
        summary = {
            "run_id": flow_run_id or uuid.uuid4().hex,
            "flow_run_id": flow_run_id,
            "status": "partial" if status == "ok" and trouble else status,
            "items": sum(s["items"] for s in sources.values()),
            "loaded": sum(s["loaded"] for s in sources.values()),
            "rejected": sum(s["rejected"] for s in sources.values()),
            "sources": sources,
            "flags": flags,
        }
        con.execute(
            "INSERT INTO runs (run_id, kind, started_at, finished_at, status, items, loaded, rejected, detail)"
            " VALUES (?, 'pipeline', ?, ?, ?, ?, ?, ?, ?)",
            [
                summary["run_id"],
                started_at,
                _now(),
                summary["status"],
                summary["items"],
                summary["loaded"],
                summary["rejected"],
                json.dumps({k: summary[k] for k in ("flow_run_id", "sources", "flags")}, default=str),
            ],
        )
    finally:
        con.close()
    return summary


def raise_if_failed(summary: dict[str, Any], crawls: list[dict[str, Any]]) -> None:
    if summary["status"] == "failed":
        raise PipelineFailed(summary, crawls)


def pipeline_status(crawls: list[dict[str, Any]], ingested: list[dict[str, Any]]) -> str:
    """'ok' when everything worked (or there was nothing to do), 'partial' when some source or
    landing file failed, 'failed' when sources were configured and none was read (no crawl, or
    none of its boards)."""
    crawled = [c for c in crawls if c["status"] == "ok" and not _every_board_failed(c)]
    if crawls and not crawled:
        return "failed"
    if len(crawled) < len(crawls) or any(r["status"] == "failed" for r in ingested):
        return "partial"
    return "ok"


def _every_board_failed(crawl: dict[str, Any]) -> bool:
    # A spider that ran to the end but could read none of its boards read nothing: the run has no
    # data from it, as if the crawl itself had failed.
    boards = crawl.get("boards") or {}
    return bool(boards) and all(board.get("status") == "failed" for board in boards.values())


def source_stats(
    con: duckdb.DuckDBPyConnection, crawls: list[dict[str, Any]], ingested: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Per source: crawl status and items, what its landing file loaded, postings per board and
    field completeness over the postings this crawl saw (its sightings)."""
    by_file = {str(Path(r["path"]).resolve()): r for r in ingested}
    stats: dict[str, dict[str, Any]] = {}
    for crawl in crawls:
        landing = crawl.get("landing_file")
        load = by_file.get(str(Path(landing).resolve())) if landing else None
        key = crawl["source"]
        if key in stats:  # the same spider twice in one run (e.g. two argument sets): keep both
            key = f"{key}#{sum(k.split('#')[0] == crawl['source'] for k in stats) + 1}"
        stats[key] = {
            "status": crawl["status"],
            "items": int(crawl.get("items") or 0),
            "loaded": int(load["loaded"]) if load else 0,
            "rejected": int(load["rejected"]) if load else 0,
            "crawl_run": crawl.get("run_id"),
            "error": crawl.get("error"),
            "crawl_errors": int(crawl.get("errors") or 0),
            **_seen_by(con, crawl.get("run_id")),
        }
    return stats


def _seen_by(con: duckdb.DuckDBPyConnection, crawl_run: str | None) -> dict[str, Any]:
    if not crawl_run:
        return {"postings": 0, "boards": {}, "completeness": {}}
    seen = "FROM postings WHERE posting_id IN (SELECT posting_id FROM sightings WHERE run_id = ?)"
    boards = dict(
        con.execute(f"SELECT board, count(*) {seen} AND board IS NOT NULL GROUP BY board", [crawl_run]).fetchall()
    )
    shares = ", ".join(f"avg(CASE WHEN {test} THEN 1.0 ELSE 0.0 END)" for test in COMPLETENESS.values())
    ((postings, *filled),) = con.execute(f"SELECT count(*), {shares} {seen}", [crawl_run]).fetchall()
    completeness = {name: round(share, 4) for name, share in zip(COMPLETENESS, filled)} if postings else {}
    return {"postings": postings, "boards": boards, "completeness": completeness}


def previous_sources(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Each source's stats from the latest published pipeline run in which it crawled."""
    rows = con.execute(
        "SELECT detail FROM runs WHERE kind = 'pipeline' AND status <> 'failed' ORDER BY started_at DESC LIMIT ?",
        [PREVIOUS_RUNS_SCANNED],
    ).fetchall()
    previous: dict[str, dict[str, Any]] = {}
    for (detail,) in rows:
        for source, stats in (json.loads(detail or "{}").get("sources") or {}).items():
            if source not in previous and stats.get("status") == "ok":
                previous[source] = stats
    return previous


def check_quality(current: dict[str, dict[str, Any]], previous: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The flags for this run's sources against their previous run (pure: no I/O)."""
    flags = []
    for source, now in current.items():
        if now["items"] == 0:
            if now["status"] != "ok":
                why = f"its crawl failed: {now.get('error')}"
            elif now.get("crawl_errors"):
                why = f"its crawl logged {now['crawl_errors']} errors"
            else:
                why = "its crawl found no items"
            flags.append(_flag("zero_postings", source, f"{source} yielded no postings ({why})", current=0))
            continue
        before = previous.get(source)
        if not before:
            continue
        if _fell_by_half(before.get("items", 0), now["items"]):
            flags.append(
                _flag(
                    "count_drop",
                    source,
                    f"{source}: {now['items']} items, down from {before['items']}",
                    previous=before["items"],
                    current=now["items"],
                )
            )
        for board, count in (before.get("boards") or {}).items():
            now_count = now.get("boards", {}).get(board, 0)
            if _fell_by_half(count, now_count):
                flags.append(
                    _flag(
                        "count_drop",
                        source,
                        f"{source}/{board}: {now_count} postings, down from {count}",
                        board=board,
                        previous=count,
                        current=now_count,
                    )
                )
        if min(before.get("postings", 0), now.get("postings", 0)) >= MIN_POSTINGS:
            for field, share in (before.get("completeness") or {}).items():
                now_share = now.get("completeness", {}).get(field)
                if now_share is not None and share - now_share > COMPLETENESS_DROP:
                    flags.append(
                        _flag(
                            "completeness_drop",
                            source,
                            f"{source}: {field} filled for {now_share:.0%} of postings, down from {share:.0%}",
                            field=field,
                            previous=share,
                            current=now_share,
                        )
                    )
    return flags


def format_flags(flags: list[dict[str, Any]]) -> list[str]:
    """One line per flag, for run summaries."""
    return [f"  ! {f['check']}: {f['message']}" for f in flags]


def _fell_by_half(before: int, now: int) -> bool:
    return before > 0 and now < before * COUNT_DROP


def _flag(check: str, source: str, message: str, **facts: Any) -> dict[str, Any]:
    return {
        "check": check,
        "source": source,
        "board": None,
        "field": None,
        "previous": None,
        "current": None,
        "message": message,
    } | facts


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
