"""`jobpulse import --format tracker`: someone else's ATS tracker snapshot, as postings with history.

A tracker snapshot (like the AI-lab ATS tracker: a CSV, optionally gzipped, one row per job) names
for each job its ATS (`source`: greenhouse or ashby), the job's id there (`external_id`), its URL
(`job_url`, whose first path segment is the board), when the tracker first and last saw it open
(`first_seen`, `last_seen`), and the ATS's own list record (`raw_record_json`).

Each job becomes the posting a crawl of that board would have produced (same source and id, so a
later crawl continues its history), seen once a week from its first to its last sighting, and on
both of those exact dates. The tracker's daily runs are recorded as successful crawls of each
board on the dates it saw the board, so a job it stopped listing closes the way a crawled one does.
The tracker's own span per board (first to last date it saw the board) is its coverage; it is
kept in the import's `runs.detail` under `tracker.coverage`, never extended beyond what it saw.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from contract.posting import new_item
from crawlers.extractors import ashby, greenhouse
from pipeline.landing import file_sha256, read_meta, write_meta

REQUIRED_COLUMNS = ("source", "external_id", "job_url", "first_seen", "last_seen", "raw_record_json")
SIGHTING_EVERY = "7 days"  # weekly sightings between first and last seen: every week it was open


class TrackerFormatError(ValueError):
    pass


def _rows(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise TrackerFormatError(f"{path}: not a tracker snapshot (missing columns: {', '.join(missing)})")
        csv.field_size_limit(1 << 24)  # raw ATS records can be long
        yield from reader


def board_of(job_url: str) -> str | None:
    """`https://job-boards.greenhouse.io/anthropic/jobs/123` → `anthropic` (the board token)."""
    parts = job_url.split("://", 1)[-1].split("/")
    return parts[1] if len(parts) > 1 and parts[1] else None


def _ashby_listing_item(record: dict[str, Any], board: str, row: dict[str, str]):
    """The Ashby job-board page's listing record (not the posting API's shape) → an item."""
    return new_item(
        source=ashby.SOURCE,
        source_id=str(record["id"]),
        board=board,
        url=row["job_url"],
        company=row.get("company_name") or board,
        title=(record.get("title") or "").strip(),
        location=record.get("locationName") or row.get("location") or None,
        remote=ashby._remote({"workplaceType": record.get("workplaceType"), "location": record.get("locationName")}),
        posted_at=record.get("publishedDate"),
        updated_at=record.get("updatedAt"),
        raw=record,
    )


def _item(row: dict[str, str]) -> dict[str, Any]:
    """One tracker row → a landing record (an item, or a refusal saying why)."""
    from pipeline.import_files import refusal

    board = board_of(row["job_url"] or "")
    try:
        record = json.loads(row["raw_record_json"])
    except json.JSONDecodeError as exc:
        return refusal(f"tracker raw_record_json is not JSON: {exc.msg}", row)
    if not board or not isinstance(record, dict) or not record.get("id"):
        return refusal("tracker row has no board in job_url or no id in its raw record", row)
    if row["source"] == greenhouse.SOURCE:
        return greenhouse.extract({"jobs": [record]}, board)[0]
    if row["source"] == ashby.SOURCE:
        return _ashby_listing_item(record, board, row)
    return refusal(f"tracker source {row['source']!r} is not greenhouse or ashby", row)


def write_tracker_landing(source_file: Path, target: Path) -> int:
    """The snapshot as a landing file; its sidecar keeps every job's span for `apply_history`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    spans: dict[str, list[str]] = {}
    count = 0
    with open(target, "w", encoding="utf-8") as out:
        for row in _rows(source_file):
            item = _item(row)
            out.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
            count += 1
            if "_reject" not in item:
                spans[f"{item['source']}:{item['source_id']}"] = [item["board"], row["first_seen"], row["last_seen"]]
    if not spans:
        raise TrackerFormatError(f"{source_file}: no job in it could be read")
    first = min(s[1] for s in spans.values())
    # Ingest stamps every posting with the sidecar's crawl time; the earliest date means imported
    # text never replaces text a later crawl stored. apply_history then sets the real sightings.
    write_meta(
        target,
        {
            "source": "tracker",
            "run_id": f"tracker-{file_sha256(target)[:16]}",
            "crawled_at": first,
            "tracker_file": str(source_file),
            "tracker_spans": spans,
        },
    )
    return count


@dataclass
class TrackerHistory:
    postings: int = 0
    sightings: int = 0
    coverage: list[dict[str, Any]] = field(default_factory=list)


def _spans_frame(meta: dict[str, Any]) -> pl.DataFrame:
    keys = list(meta["tracker_spans"])
    values = list(meta["tracker_spans"].values())
    return pl.DataFrame(
        {
            "source": [k.split(":", 1)[0] for k in keys],
            "source_id": [k.split(":", 1)[1] for k in keys],
            "board": [v[0] for v in values],
            "first_seen": [v[1] for v in values],
            "last_seen": [v[2] for v in values],
        }
    ).with_columns(pl.col("first_seen", "last_seen").str.to_datetime(time_unit="us"))


def apply_history(con: duckdb.DuckDBPyConnection, landing: Path, import_run_id: str | None) -> TrackerHistory:
    """Replace an ingested tracker file's single sighting with its weekly history (see module doc)."""
    meta = read_meta(Path(landing))
    crawl_run = meta["run_id"]
    con.register("tracker_spans", _spans_frame(meta).to_arrow())
    try:
        # One sighting a week from first_seen, none on the last day but the last sighting itself
        # (its own run id, so a job seen on one day only keeps both its first and last time).
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE tracker_sightings AS
            WITH spans AS (
                SELECT p.posting_id, s.source, s.board, s.first_seen, s.last_seen
                FROM tracker_spans s JOIN postings p USING (source, source_id)),
            steps AS (
                SELECT *, unnest(generate_series(first_seen, last_seen, INTERVAL '"""
            + SIGHTING_EVERY
            + """')) AS seen_at FROM spans),
            dates AS (
                SELECT posting_id, source, board, seen_at, '' AS suffix FROM steps
                WHERE seen_at::DATE < last_seen::DATE OR seen_at = first_seen
                UNION ALL SELECT posting_id, source, board, last_seen, ':last' FROM spans)
            SELECT ? || ':' || strftime(seen_at, '%Y-%m-%d') AS day_run, day_run || suffix AS run_id,
                   posting_id, source, board, seen_at FROM dates""",
            [crawl_run],
        )
        con.execute("DELETE FROM sightings WHERE run_id = ?", [crawl_run])
        con.execute(
            "INSERT INTO sightings SELECT run_id, posting_id, seen_at FROM tracker_sightings ON CONFLICT DO NOTHING"
        )
        # A posting's first and last seen come from all its sightings: crawls before or after keep theirs.
        con.execute("""
            UPDATE postings SET first_seen = s.first_seen, last_seen = s.last_seen
            FROM (SELECT posting_id, min(seen_at) AS first_seen, max(seen_at) AS last_seen FROM sightings
                  WHERE posting_id IN (SELECT posting_id FROM tracker_sightings) GROUP BY posting_id) s
            WHERE postings.posting_id = s.posting_id""")
        # Each date the tracker saw a board counts as a successful crawl of it, from the day's first sighting.
        con.execute(
            """
            INSERT OR REPLACE INTO board_crawls (run_id, source, board, landing_file, crawled_at, status, reason, items)
            SELECT day_run, source, board, ?, min(seen_at), 'ok', 'tracker snapshot', count(DISTINCT posting_id)
            FROM tracker_sightings GROUP BY day_run, source, board""",
            [str(Path(landing).resolve())],
        )
        history = TrackerHistory(
            postings=con.execute("SELECT count(DISTINCT posting_id) FROM tracker_sightings").fetchone()[0],
            sightings=con.execute("SELECT count(*) FROM sightings WHERE run_id LIKE ? || ':%'", [crawl_run]).fetchone()[
                0
            ],
            coverage=[
                {"source": s, "board": b, "start": f.isoformat(), "end": e.isoformat()}
                for s, b, f, e in con.execute(
                    "SELECT source, board, min(first_seen), max(last_seen) FROM tracker_spans GROUP BY ALL ORDER BY ALL"
                ).fetchall()
            ],
        )
    finally:
        con.unregister("tracker_spans")
        con.execute("DROP TABLE IF EXISTS tracker_sightings")
    if import_run_id:
        _record_coverage(con, import_run_id, meta, history)
    return history


def _record_coverage(
    con: duckdb.DuckDBPyConnection, run_id: str, meta: dict[str, Any], history: TrackerHistory
) -> None:
    (detail,) = con.execute("SELECT detail FROM runs WHERE run_id = ?", [run_id]).fetchone() or (None,)
    detail = json.loads(detail) if detail else {}
    detail.pop("tracker_spans", None)  # the sidecar's spans stay in the sidecar
    detail["tracker"] = {
        "file": meta.get("tracker_file"),
        "postings": history.postings,
        "sightings": history.sightings,
        "coverage": history.coverage,
    }
    con.execute("UPDATE runs SET detail = ? WHERE run_id = ?", [json.dumps(detail, default=str), run_id])


def import_tracker(
    con: duckdb.DuckDBPyConnection, landed: list[Path], progress=None
) -> list[tuple[Any, TrackerHistory | None]]:
    """Ingest tracker landing files, then give each loaded one its history; closes what it closed."""
    from pipeline.closing import close_postings
    from pipeline.ingest import ingest_files
    from warehouse.db import transaction

    results = ingest_files(con, landed, kind="import", progress=progress)
    out = []
    for path, result in zip(landed, results, strict=True):
        history = None
        if result.status == "ok":
            with transaction(con):
                history = apply_history(con, path, result.run_id)
        out.append((result, history))
    with transaction(con):
        close_postings(con)
    return out
