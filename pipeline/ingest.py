"""Ingest: landing files → normalized partitions → warehouse, one writer loading file after file.

Normalizing is a step of its own (pipeline/partitions.py): each partition of a file (a run of its
lines) is read, validated and normalized into Parquet files, in this process, a local process
pool or on a Dask cluster; this module is the single DuckDB writer that loads finished partitions
in order. A file already loaded (same content hash) is skipped, so replaying landing files changes
nothing. A file loads whole or not at all: it loads batch by batch, each committed (memory holds
one batch, not the file), with an undo journal (pipeline/file_journal.py) that takes a failed file back out in
one transaction; its `runs` row, status 'failed', says why. A load killed half-way is taken back
out by the next ingest. A fault of one record (while reading, validating or normalizing it) is
that record's reject, never the file's failure.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipeline import file_journal, landing_store
from pipeline.closing import close_postings, record_board_crawls
from pipeline.dedupe import assign_clusters
from pipeline.landing import parse_timestamp, read_meta
from pipeline.partition_runners import Handle, InProcess, Runner
from pipeline.partitions import (
    BATCH_SIZE,
    FilePlan,
    NormalizedPart,
    normalize_partition,
    partitions_of,
    plan_file,
    read_parts,
    remove,
)
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
LOAD_RECORDS = BATCH_SIZE  # records loaded in one transaction (finished partitions grouped to this)


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
    plan: FilePlan,
    parts: Sequence[Handle],
    *,
    kind: str = "ingest",
    force: bool = False,
    progress: Progress | None = None,
) -> FileResult:
    """Load one landing file from its normalized partitions (`parts`: one handle per span of the
    plan, in order); postings are 'seen' at the crawl time its sidecar records. The file is recorded
    by its name (`plan.path`, `x.jsonl`), whether it is stored plain or compressed."""
    path, sha = plan.path, plan.sha256
    already = con.execute(
        "SELECT run_id FROM loaded_files WHERE landing_file = ? AND sha256 = ?", [str(path), sha]
    ).fetchall()
    if already and not force:
        landing_store.compress_loaded(path)  # loaded before it could be (or its compression was cut short)
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
    loaded_ids: set[str] = set()  # a posting repeated in two batches of the file is loaded once
    try:
        with transaction(con):
            file_journal.begin(con, run_id)
        for pieces in _load_batches(parts):
            normalized, rejects = read_parts(pieces)
            counts.items += sum(piece.items for piece in pieces)
            with transaction(con):
                if normalized is not None:
                    load_postings(
                        con, normalized, crawl_run=crawl_run, seen_at=seen_at, journal=True, landing_file=str(path)
                    )
                    loaded_ids.update(normalized.postings["posting_id"].to_list())
                    touched_keys.update(normalized.postings["dedupe_key"].drop_nulls().to_list())
                counts.rejected += load_rejects(con, rejects, landing_file=str(path), run_id=run_id)
            for piece in pieces:
                remove(piece.location)
            if progress:
                progress(f"{path.name}: {counts.items:,} records read, {counts.rejected:,} rejected")
        counts.loaded = len(loaded_ids)
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
    landing_store.compress_loaded(path)  # its loaded_files row is committed: the raw store keeps it compressed
    return FileResult(str(path), run_id, "ok", counts.items, counts.loaded, counts.rejected)


def _load_batches(parts: Sequence[Handle]) -> Iterator[list[NormalizedPart]]:
    """Finished batches in line order, grouped to about LOAD_RECORDS records a group: each group
    is one transaction, and a commit costs about as much whether it holds 5,000 postings or 20,000."""
    group: list[NormalizedPart] = []
    for handle in parts:
        for part in handle.result():  # waits for the partition, or raises what went wrong in it
            group.append(part)
            if sum(piece.items for piece in group) >= LOAD_RECORDS:
                yield group
                group = []
    if group:
        yield group


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    *,
    kind: str = "ingest",
    force: bool = False,
    progress: Progress | None = None,
    runner: Runner | None = None,
    work: str | None = None,
) -> list[FileResult]:
    """Load several landing files in order, after bringing the lookup tables up to date.

    Their partitions are normalized by `runner` (default: in this process, each just before it
    loads; pipeline/partition_runners.py) into `work` (a directory or fsspec URL every worker can
    read; default: a temporary directory), while this connection, the one writer, loads the
    finished ones file by file, in order."""
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
    plans = [plan_file(p) for p in paths]
    with _work_location(work) as root:
        # Files loaded already are not normalized; whether one is skipped is decided again when it
        # is its turn (the same file may be listed twice).
        todo = [i for i, plan in enumerate(plans) if force or not _loaded(con, plan)]
        partitions = {i: partitions_of(plans[i], f"{root}/f{i:05d}") for i in todo}
        steps = [partition for i in todo for partition in partitions[i]]
        handles = iter((runner or InProcess()).map_ordered(normalize_partition, steps))
        results = [
            ingest_file(
                con,
                plan,
                [next(handles) for _ in partitions.get(i, ())],
                kind=kind,
                force=force,
                progress=progress,
            )
            for i, plan in enumerate(plans)
        ]
    if any(r.status == "ok" for r in results):
        with transaction(con):
            close_postings(con)  # postings their boards' latest successful crawls no longer list
    return results


def _loaded(con: duckdb.DuckDBPyConnection, plan: FilePlan) -> bool:
    query = "SELECT 1 FROM loaded_files WHERE landing_file = ? AND sha256 = ?"
    return bool(con.execute(query, [str(plan.path), plan.sha256]).fetchall())


@contextmanager
def _work_location(work: str | None) -> Iterator[str]:
    """Where this ingest's normalized partitions go: a fresh directory under `work` (or a
    temporary one), removed when the ingest ends."""
    if work is None:
        with tempfile.TemporaryDirectory(prefix="jobpulse-partitions-") as root:
            yield root
        return
    root = f"{work.rstrip('/')}/ingest-{uuid.uuid4().hex[:12]}"
    try:
        yield root
    finally:
        remove(root)


def landing_files(root: Path) -> list[Path]:
    """Every landing file under a directory (or the file itself), oldest partition first."""
    root = Path(root)
    if landing_store.exists(root):  # a file, named as stored or by its name once compressed
        return [root]
    found = landing_store.landing_files(root)  # plain or compressed, each once
    return sorted(found, key=lambda p: (landing_store.stored_path(p).stat().st_mtime, str(p)))
