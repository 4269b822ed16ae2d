"""Ingest: landing files → normalized rows → warehouse, one file (partition) at a time.

A file already loaded (same content hash) is skipped, so replaying landing files changes nothing.
A file loads whole or not at all: it streams in batches, each committed (memory holds one batch,
not the file), with an undo journal (pipeline/file_journal.py) that takes a failed file back out in
one transaction; its `runs` row, status 'failed', says why. A load killed half-way is taken back
out by the next ingest. A fault of one record (while reading, validating or normalizing it) is
that record's reject, never the file's failure.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipeline import file_journal
from pipeline.closing import close_postings, record_board_crawls
from pipeline.dedupe import assign_clusters
from pipeline.landing import Reject, file_sha256, parse_timestamp, read_batches, read_meta
from pipeline.normalize.batch import NormalizedBatch, normalize_frame, unique_rows
from pipeline.warehouse_load import (
    RunCounts,
    finish_run,
    load_postings,
    load_queued_runs,
    load_rejects,
    prepare_for_load,
    start_run,
)
from warehouse.db import transaction
from warehouse.seed import sync_taxonomy

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class FileResult:
    path: str
    run_id: str | None
    status: str  # 'ok' | 'skipped' (already loaded) | 'failed'
    items: int = 0
    loaded: int = 0
    rejected: int = 0
    error: str | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    kind: str = "ingest",
    force: bool = False,
    batch_size: int = 20_000,
    progress: Progress | None = None,
) -> FileResult:
    """Load one landing file; postings are 'seen' at the crawl time its sidecar records."""
    path = Path(path).resolve()
    sha = file_sha256(path)
    already = con.execute(
        "SELECT run_id FROM loaded_files WHERE landing_file = ? AND sha256 = ?", [str(path), sha]
    ).fetchall()
    if already and not force:
        return FileResult(str(path), already[0][0], "skipped")
    try:
        meta = read_meta(path)
        seen_at = parse_timestamp(meta.get("crawled_at"), "crawled_at") or _now()
    except ValueError as exc:  # a sidecar that is not JSON, or says nonsense: this file fails, not the ingest
        run_id = start_run(con, kind, landing_file=str(path))
        error = f"sidecar {path.with_suffix('.meta.json').name}: {exc}"
        finish_run(con, run_id, "failed", RunCounts(detail={"sha256": sha, "error": error}))
        return FileResult(str(path), run_id, "failed", error=error)
    run_id = start_run(con, kind, source=meta.get("source"), landing_file=str(path))
    # A sighting belongs to the crawl that produced the partition, so reloading it adds none.
    crawl_run = meta.get("run_id") or f"file-{sha[:20]}"
    counts = RunCounts(
        detail={"sha256": sha, "seen_at": seen_at.isoformat(), **{k: v for k, v in meta.items() if k != "stats"}}
    )
    touched_keys: set[str] = set()
    try:
        with transaction(con):
            file_journal.begin(con, run_id)
        for batch in read_batches(path, batch_size):
            counts.items += len(batch)
            with transaction(con):
                if batch.frame.height:
                    normalized, faults = _normalize(batch.frame)
                    batch.rejects.extend(faults)
                    counts.loaded += load_postings(
                        con, normalized, crawl_run=crawl_run, seen_at=seen_at, journal=True, landing_file=str(path)
                    )
                    touched_keys.update(normalized.postings["dedupe_key"].drop_nulls().to_list())
                counts.rejected += load_rejects(con, batch.rejects, landing_file=str(path), run_id=run_id)
            if progress:
                progress(f"{path.name}: {counts.items:,} records read, {counts.rejected:,} rejected")
        with transaction(con):
            counts.detail["clustered"] = assign_clusters(con, touched_keys)
            # With the file done: how each board of its crawl fared (what closing relies on).
            record_board_crawls(con, meta, crawl_run=crawl_run, crawled_at=seen_at, landing_file=str(path))
            con.execute("INSERT OR REPLACE INTO loaded_files VALUES (?, ?, ?, ?)", [str(path), sha, run_id, _now()])
            file_journal.drop(con)
    except Exception as exc:
        counts.detail["error"] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        counts.loaded = counts.rejected = 0  # taken back out: nothing of the file is in the warehouse
        with transaction(con):
            file_journal.undo(con)
        finish_run(con, run_id, "failed", counts)
        log.warning("ingest of %s failed: %s", path, counts.detail["error"])
        return FileResult(str(path), run_id, "failed", counts.items, 0, 0, counts.detail["error"])
    finish_run(con, run_id, "ok", counts)
    return FileResult(str(path), run_id, "ok", counts.items, counts.loaded, counts.rejected)


def _normalize(rows: pl.DataFrame) -> tuple[NormalizedBatch, list[Reject]]:
    """Normalize a batch; if that fails, normalize it record by record so only the records that
    fail are refused (with the error as their reason) and the rest load."""
    try:
        return normalize_frame(unique_rows(rows)), []
    except Exception:  # noqa: BLE001 — the slow path finds which records are at fault
        good, faults = [], []
        for i in range(rows.height):
            row = rows.slice(i, 1)
            try:
                normalize_frame(row)
                good.append(row)
            except Exception as exc:  # noqa: BLE001
                record = row.row(0, named=True)
                raw = json.dumps(record, default=str, ensure_ascii=False)  # the record as validated
                faults.append(
                    Reject(
                        record["line_no"],
                        record.get("source"),
                        f"cannot normalize: {type(exc).__name__}: {str(exc)[:200]}",
                        raw[:100_000],
                    )
                )
        return normalize_frame(unique_rows(pl.concat(good) if good else rows.clear())), faults


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    *,
    kind: str = "ingest",
    force: bool = False,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Load several landing files in order, after bringing the lookup tables up to date."""
    prepare_for_load(con)
    with transaction(con):
        interrupted = file_journal.recover(con)  # a load killed half-way is taken back out first
        if interrupted:
            finish_run(
                con,
                interrupted,
                "failed",
                RunCounts(detail={"error": "interrupted; taken back out by the next ingest"}),
            )
        sync_taxonomy(con)
    paths = list(paths)
    # Crawl run records queued while the warehouse was held elsewhere (<landing>/queued-runs).
    load_queued_runs(con, {Path(p).resolve().parent.parent for p in paths})
    results = [ingest_file(con, p, kind=kind, force=force, progress=progress) for p in paths]
    if any(r.status == "ok" for r in results):
        with transaction(con):
            close_postings(con)  # postings their boards' latest successful crawls no longer list
    return results


def landing_files(root: Path) -> list[Path]:
    """Every landing file under a directory (or the file itself), oldest partition first."""
    root = Path(root)
    if root.is_file():
        return [root]
    return sorted(root.rglob("*.jsonl"), key=lambda p: (p.stat().st_mtime, str(p)))
