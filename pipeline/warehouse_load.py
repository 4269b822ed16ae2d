"""Write normalized batches into the warehouse through Arrow: idempotent upserts, never row by row."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipeline import file_journal
from pipeline.landing import Reject
from pipeline.normalize.batch import POSTING_COLUMNS, NormalizedBatch
from pipeline.spider_process import crawl_status

# Content follows the newest sighting: an older landing file replayed later must not overwrite a
# posting's current text, while first_seen/last_seen always widen to cover every sighting. The raw
# record is the newest sighting's landing line (landing_file, landing_line); a `raw` copied into the
# row before schema 5 is dropped when a newer sighting replaces the content it came with. New content
# clears cluster_id: that is how assign_clusters knows which postings to compare again.
_CONTENT_COLUMNS = [c for c in POSTING_COLUMNS if c not in ("posting_id", "source", "source_id")] + ["landing_file"]
_NEWER = "excluded.last_seen >= postings.last_seen"
UPSERT_POSTINGS = f"""
INSERT INTO postings BY NAME SELECT * FROM batch_postings
ON CONFLICT (posting_id) DO UPDATE SET
    {", ".join(f"{c} = CASE WHEN {_NEWER} THEN excluded.{c} ELSE postings.{c} END" for c in _CONTENT_COLUMNS)},
    raw = CASE WHEN {_NEWER} THEN NULL ELSE postings.raw END,
    cluster_id = CASE WHEN {_NEWER} THEN NULL ELSE postings.cluster_id END,
    first_seen = least(postings.first_seen, excluded.first_seen),
    last_seen = greatest(postings.last_seen, excluded.last_seen)
"""

# Skills and roles are re-derived for postings whose content this batch now owns (it is their newest sighting).
REPLACE_SKILLS = """
DELETE FROM posting_skills WHERE posting_id IN (
    SELECT b.posting_id FROM batch_postings b JOIN postings p USING (posting_id) WHERE p.last_seen = b.last_seen);
INSERT INTO posting_skills
    SELECT s.posting_id, s.skill_id FROM batch_skills s
    JOIN batch_postings b USING (posting_id) JOIN postings p USING (posting_id)
    WHERE p.last_seen = b.last_seen
ON CONFLICT DO NOTHING;
DELETE FROM posting_roles WHERE posting_id IN (
    SELECT b.posting_id FROM batch_postings b JOIN postings p USING (posting_id) WHERE p.last_seen = b.last_seen);
INSERT INTO posting_roles BY NAME
    SELECT r.* FROM batch_roles r
    JOIN batch_postings b USING (posting_id) JOIN postings p USING (posting_id)
    WHERE p.last_seen = b.last_seen
ON CONFLICT DO NOTHING;
"""


# DuckDB checkpoints when the write-ahead log passes 16 MB, which one batch of 20,000 postings does,
# and a checkpoint rewrites every index of the warehouse (measured at 200,000 postings: ~10 s for a
# commit that checkpoints, 0.1 s for one that does not). A load lets its batches pile up in the log
# and checkpoints once, when the run is published; the log is bounded by what one run loads.
LOAD_CHECKPOINT_THRESHOLD = "1GB"
# DuckDB keeps every block it reads cached up to its memory limit (80% of RAM by default), so a
# load that reads the texts of a large warehouse (duplicate clustering, reprocess) grew with it:
# reading the descriptions of 1,100,000 postings took a process to 1.4 GB, 0.55 GB with this limit.
# Past it DuckDB evicts cached blocks and spills to its temporary folder instead of growing.
LOAD_MEMORY_LIMIT = "512MB"


def prepare_for_load(con: duckdb.DuckDBPyConnection, memory_limit: str = LOAD_MEMORY_LIMIT) -> None:
    """Checkpoint once per load (at publish or close), not after every batch's commit, and keep
    DuckDB's share of the memory bounded whatever the warehouse's size."""
    # Only ever raised: a write in place (pipeline/publish_in_place.py) holds every checkpoint back
    # until its end, and a lower threshold here would let one happen half-way.
    if _setting_bytes(con, "checkpoint_threshold") < 10**9:
        con.execute(f"SET checkpoint_threshold = '{LOAD_CHECKPOINT_THRESHOLD}'")
    con.execute(f"SET memory_limit = '{memory_limit}'")


_UNITS = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "PiB": 2**50, "EiB": 2**60}


def _setting_bytes(con: duckdb.DuckDBPyConnection, name: str) -> float:
    """A size setting in bytes, from the way DuckDB prints it ("16.0 MiB")."""
    (value,) = con.execute("SELECT current_setting(?)", [name]).fetchone()
    number, unit = str(value).split()
    return float(number) * _UNITS[unit]


@dataclass
class RunCounts:
    items: int = 0
    loaded: int = 0
    rejected: int = 0
    detail: dict[str, Any] = field(default_factory=dict)


def load_postings(
    con: duckdb.DuckDBPyConnection,
    batch: NormalizedBatch,
    *,
    crawl_run: str,
    seen_at: datetime,
    journal: bool = False,
    landing_file: str | None = None,
) -> int:
    """Upsert a batch's postings and skills and record that `crawl_run` saw them; returns postings.
    With `journal`, what the batch changes is first written to the file's undo journal. `landing_file`
    is the file the batch was read from: each row points to its line there for its raw record."""
    if batch.postings.is_empty():
        return 0
    postings = batch.postings.with_columns(
        first_seen=pl.lit(seen_at), last_seen=pl.lit(seen_at), landing_file=pl.lit(landing_file, dtype=pl.String)
    )
    con.register("batch_postings", postings.to_arrow())
    con.register("batch_skills", batch.posting_skills.to_arrow())
    con.register("batch_roles", batch.posting_roles.to_arrow())
    try:
        if journal:
            file_journal.record(con, crawl_run)
        con.execute(UPSERT_POSTINGS)
        con.execute(REPLACE_SKILLS)
        con.execute(
            "INSERT INTO sightings SELECT ?, posting_id, ? FROM batch_postings ON CONFLICT DO NOTHING",
            [crawl_run, seen_at],
        )
    finally:
        con.unregister("batch_postings")
        con.unregister("batch_skills")
        con.unregister("batch_roles")
    return postings.height


def load_rejects(con: duckdb.DuckDBPyConnection, rejects: list[Reject], *, landing_file: str, run_id: str) -> int:
    if not rejects:
        return 0
    frame = pl.DataFrame(
        {
            "landing_file": [landing_file] * len(rejects),
            "line_no": [r.line_no for r in rejects],
            "run_id": [run_id] * len(rejects),
            "source": [r.source for r in rejects],
            "reason": [r.reason for r in rejects],
            "raw": [r.raw for r in rejects],
            "rejected_at": [datetime.now(UTC).replace(tzinfo=None)] * len(rejects),
        },
        schema_overrides={"line_no": pl.Int64, "source": pl.String},
    )
    con.register("batch_rejects", frame.to_arrow())
    try:
        con.execute("INSERT INTO rejects BY NAME SELECT * FROM batch_rejects ON CONFLICT DO NOTHING")
    finally:
        con.unregister("batch_rejects")
    return len(rejects)


def start_run(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    *,
    source: str | None = None,
    landing_file: str | None = None,
    run_id: str | None = None,
) -> str:
    run_id = run_id or uuid.uuid4().hex
    con.execute(
        "INSERT INTO runs (run_id, kind, source, landing_file, started_at, status) "
        "VALUES (?, ?, ?, ?, now()::TIMESTAMP, 'running')",
        [run_id, kind, source, landing_file],
    )
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: RunCounts) -> None:
    con.execute(
        "UPDATE runs SET finished_at = now()::TIMESTAMP, status = ?, items = ?, loaded = ?, rejected = ?, detail = ? "
        "WHERE run_id = ?",
        [status, counts.items, counts.loaded, counts.rejected, json.dumps(counts.detail, default=str), run_id],
    )


def counts_dict(counts: RunCounts) -> dict[str, Any]:
    return asdict(counts)


# Crawl run records that could not be written because another process held the warehouse: kept
# as JSON files in the landing folder (`<landing>/queued-runs/`) and loaded by the next write.
QUEUED_RUNS = "queued-runs"


def record_crawl_runs(con: duckdb.DuckDBPyConnection, summaries: list[dict[str, Any]]) -> None:
    """One `runs` row of kind 'crawl' per source crawled, with its counters (or why it failed)."""
    for summary in summaries:
        if summary.get("run_id"):  # a queued record loaded again replaces itself
            con.execute("DELETE FROM runs WHERE run_id = ? AND kind = 'crawl'", [summary["run_id"]])
        run_id = start_run(
            con,
            "crawl",
            source=summary["source"],
            landing_file=summary.get("landing_file"),
            run_id=summary.get("run_id"),
        )
        finish_run(con, run_id, crawl_status(summary), RunCounts(items=summary["items"], detail=summary))


def queue_crawl_runs(landing_dir: Path, summaries: list[dict[str, Any]]) -> Path:
    """Keep run records for the next write (written whole: `.part`, then rename)."""
    queue = Path(landing_dir) / QUEUED_RUNS
    queue.mkdir(parents=True, exist_ok=True)
    target = queue / f"{summaries[0].get('run_id') or uuid.uuid4().hex}-{uuid.uuid4().hex[:6]}.json"
    partial = target.with_name(target.name + ".part")
    partial.write_text(json.dumps(summaries, default=str))
    os.replace(partial, target)
    return target


def load_queued_runs(con: duckdb.DuckDBPyConnection, landing_dirs: Iterable[Path]) -> int:
    """Write the run records queued under these landing folders; each file is removed once its
    rows are committed (a crash in between writes them again, replacing themselves)."""
    loaded = 0
    for queue in {Path(d) / QUEUED_RUNS for d in landing_dirs}:
        for record in sorted(queue.glob("*.json")) if queue.is_dir() else []:
            summaries = json.loads(record.read_text())
            con.execute("BEGIN")
            try:
                record_crawl_runs(con, summaries)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            record.unlink()
            loaded += len(summaries)
    return loaded
