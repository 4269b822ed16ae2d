"""Normalizing landing files by partition: the step any worker runs, touching no warehouse.

A partition is a run of whole lines of one landing file: its byte range and the number of its
first line. `normalize_partition` reads it, validates and normalizes it batch by batch
(pipeline/landing.py `read_batches`, pipeline/normalize/batch.py `normalize_frame`) and writes each
finished batch as Parquet under the ingest's work location — a local directory, or an fsspec URL
every worker can read. It returns only where the batches are and how many records they hold; the
single DuckDB writer (pipeline/ingest.py) loads them in order. Partitions of one file are
independent, so they run side by side: in one process, a local process pool or on a Dask cluster
(pipeline/partition_runners.py, flows/partitioned_ingest.py), with the same results.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import fsspec
import polars as pl

from pipeline import landing_store
from pipeline.landing import Reject, read_batches
from pipeline.normalize.batch import NormalizedBatch, normalize_frame, unique_rows

# Lines per partition: enough that a worker's start and the Parquet hand-off are small beside the
# normalizing, few enough that a 20,000-posting file keeps both cores busy.
PARTITION_LINES = 5_000
PARTITION_LINES_ENV = "JOBPULSE_PARTITION_LINES"  # another size (a cluster's workers may want larger)
BATCH_SIZE = 20_000  # records a batch holds in memory (and the writer commits at once)
_READ_BLOCK = 1 << 20
_TABLES = ("postings", "skills", "roles")
_REJECT_SCHEMA = {"line_no": pl.Int64, "source": pl.String, "reason": pl.String, "raw": pl.String}


@dataclass(frozen=True)
class Span:
    """`lines` whole lines of a file: bytes [start, end), the first of them line `first_line` (from 1)."""

    start: int
    end: int
    first_line: int
    lines: int


@dataclass(frozen=True)
class FilePlan:
    path: Path
    sha256: str
    size: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Partition:
    """One span of one landing file, and the work location its finished batches go to."""

    landing_file: str
    span: Span
    whole_file: bool
    work: str  # a directory path or fsspec URL, unique to this partition
    batch_size: int = BATCH_SIZE

    @property
    def lines(self) -> int:
        return self.span.lines


@dataclass(frozen=True)
class NormalizedPart:
    """A finished batch of a partition: where its Parquet files are, and what it read."""

    location: str
    items: int  # records read: valid ones plus rejects
    rejects: int


def plan_file(path: Path, lines_per_partition: int | None = None) -> FilePlan:
    """One pass over a landing file: its content hash, and spans of `lines_per_partition` lines.

    Hash and byte offsets are those of the JSON Lines text, whether the file is stored plain or
    compressed (pipeline/landing_store.py), so a loaded file is recognised and `--force` re-reads
    the same spans. Line numbers count line breaks as reading the file as text does (a lone
    carriage return too), so a reject's line number is the same whichever partition read it."""
    lines_per_partition = lines_per_partition or partition_lines()
    path = landing_store.logical_path(Path(path).resolve())  # its name, stored plain or compressed
    digest = hashlib.sha256()
    spans: list[Span] = []
    start = offset = 0
    first_line = line = 1
    lines_in_span = 0
    with _lines_of(path) as handle:
        for raw in handle:
            digest.update(raw)
            offset += len(raw)
            line += 1 + (raw.count(b"\r") - raw.count(b"\r\n") if b"\r" in raw else 0)
            lines_in_span += 1
            if lines_in_span >= lines_per_partition:
                spans.append(Span(start, offset, first_line, lines_in_span))
                start, first_line, lines_in_span = offset, line, 0
    if lines_in_span or not spans:
        spans.append(Span(start, offset, first_line, lines_in_span))
    return FilePlan(path, digest.hexdigest(), offset, tuple(spans))


def worth_spreading(partitions: list[Any]) -> bool:
    """Whether other processes should work on these partitions (anything with `lines`): not for
    less than two partitions' worth of lines, where starting workers (importing Polars and the
    normalizers) costs more than it saves."""
    return sum(p.lines for p in partitions) >= 2 * partition_lines()


def partition_lines() -> int:
    """Lines per partition: $JOBPULSE_PARTITION_LINES, else PARTITION_LINES."""
    return int(os.environ.get(PARTITION_LINES_ENV) or 0) or PARTITION_LINES


def partitions_of(plan: FilePlan, work: str, batch_size: int = BATCH_SIZE) -> list[Partition]:
    key = plan.sha256[:16]
    return [
        Partition(str(plan.path), span, len(plan.spans) == 1, f"{work.rstrip('/')}/{key}-{i:05d}", batch_size)
        for i, span in enumerate(plan.spans)
    ]


def normalize_partition(partition: Partition) -> list[NormalizedPart]:
    """Read, validate and normalize one partition; write each finished batch; say where they are."""
    if partition.whole_file:
        return _normalize_lines(Path(partition.landing_file), partition, shift=0)
    span = partition.span
    # A compressed file (loaded already, read again by `--force`) is decompressed up to the span:
    # a forward seek reads and drops what comes before. No copy of the file is needed, so any worker
    # that sees the landing directory can read it.
    with landing_store.open_binary(Path(partition.landing_file)) as source:
        source.seek(span.start)
        data = _read_exactly(source, span.end - span.start)
    # read_batches reads a file: the span becomes one of its own, numbered from 1, shifted back after.
    handle, copy = tempfile.mkstemp(suffix=".jsonl", prefix="jobpulse-span-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return _normalize_lines(Path(copy), partition, shift=span.first_line - 1)
    finally:
        os.unlink(copy)


@contextmanager
def _lines_of(path: Path) -> Iterator[IO[bytes]]:
    """The landing file's bytes, iterable by line in either stored form (a zstd reader is not)."""
    with landing_store.open_binary(path) as raw:
        yield raw if isinstance(raw, io.BufferedIOBase) else io.BufferedReader(raw, _READ_BLOCK)


def _read_exactly(source: IO[bytes], size: int) -> bytes:
    """`size` bytes (fewer only at the end of the file): a decompressing reader may return less per call."""
    chunks, left = [], size
    while left > 0:
        chunk = source.read(min(left, _READ_BLOCK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _normalize_lines(path: Path, partition: Partition, *, shift: int) -> list[NormalizedPart]:
    fs, root = fsspec.core.url_to_fs(partition.work)
    parts = []
    for number, batch in enumerate(read_batches(path, partition.batch_size)):
        rejects = [replace(r, line_no=r.line_no + shift) for r in batch.rejects]
        if batch.frame.height:
            normalized, faults = normalize_with_faults(batch.frame.with_columns(pl.col("line_no") + shift))
            rejects += faults
        else:
            normalized = None
        location = f"{root}/b{number:04d}"
        fs.makedirs(location, exist_ok=True)
        if normalized is not None:
            tables = (normalized.postings, normalized.posting_skills, normalized.posting_roles)
            for name, frame in zip(_TABLES, tables, strict=True):
                with fs.open(f"{location}/{name}.parquet", "wb") as out:
                    frame.write_parquet(out)
        if rejects:
            with fs.open(f"{location}/rejects.parquet", "wb") as out:
                pl.DataFrame([r.__dict__ for r in rejects], schema=_REJECT_SCHEMA).write_parquet(out)
        parts.append(NormalizedPart(url_of(fs, location), len(batch.frame) + len(batch.rejects), len(rejects)))
    return parts


def url_of(fs: fsspec.AbstractFileSystem, path: str) -> str:
    """A path of `fs` as other processes open it: plain for local files, with its protocol otherwise."""
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return path if protocol in ("file", "local") else f"{protocol}://{path}"


def normalize_with_faults(rows: pl.DataFrame) -> tuple[NormalizedBatch, list[Reject]]:
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


def read_parts(parts: list[NormalizedPart]) -> tuple[NormalizedBatch | None, list[Reject]]:
    """Finished batches back from their Parquet files as one: the normalized postings (None when
    every record was refused) and the rejects, in line order. A posting in several of them keeps
    its last, as within one batch (`unique_rows`), with that one's skills and roles."""
    batches: list[NormalizedBatch] = []
    rejects: list[Reject] = []
    for part in parts:
        fs, root = fsspec.core.url_to_fs(part.location)
        if fs.exists(f"{root}/postings.parquet"):
            frames = []
            for name in _TABLES:
                with fs.open(f"{root}/{name}.parquet", "rb") as source:
                    frames.append(pl.read_parquet(source))
            batches.append(NormalizedBatch(*frames))
        if part.rejects:
            with fs.open(f"{root}/rejects.parquet", "rb") as source:
                rejects += [Reject(**row) for row in pl.read_parquet(source).iter_rows(named=True)]
    if len(batches) <= 1:
        return (batches[0] if batches else None), rejects
    return _last_of_each(batches), rejects


def _last_of_each(batches: list[NormalizedBatch]) -> NormalizedBatch:
    def tagged(frames: list[pl.DataFrame]) -> pl.DataFrame:
        return pl.concat([f.with_columns(_batch=pl.lit(i, pl.Int32)) for i, f in enumerate(frames)])

    postings = tagged([b.postings for b in batches])
    last = postings.group_by("posting_id").agg(pl.col("_batch").max())

    def keep(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.join(last, on=["posting_id", "_batch"], how="semi", maintain_order="left").drop("_batch")

    return NormalizedBatch(
        keep(postings),
        keep(tagged([b.posting_skills for b in batches])),
        keep(tagged([b.posting_roles for b in batches])),
    )


def remove(location: str) -> None:
    """Delete a work location (a loaded batch, or an ingest's whole work directory); gone already is fine."""
    fs, root = fsspec.core.url_to_fs(location)
    if fs.exists(root):
        fs.rm(root, recursive=True)
