"""`jobpulse reprocess --dask`: the stale postings in pages any worker can re-derive, one writer.

The writer exports the postings whose taxonomy is out of date in pages of `partition_lines()`
(Parquet, under a work location every worker can read); each page is re-derived by
`derive_page` — `derive_taxonomy`, what the plain `reprocess` runs batch by batch — wherever the
runner puts it; the writer applies the results in order (pipeline/reprocess.py `apply_derived`),
all in one transaction, so a failed reprocess changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import fsspec
import polars as pl

from pipeline import partitions
from pipeline.normalize.batch import TAXONOMY_COLUMNS, NormalizedBatch, derive_taxonomy
from pipeline.partition_runners import InProcess, Runner
from pipeline.reprocess import ReprocessResult, apply_derived
from warehouse.seed import sync_taxonomy
from warehouse.taxonomy import TAXONOMY_VERSION

_DERIVED = ("postings", "skills", "roles")


@dataclass(frozen=True)
class StalePage:
    location: str  # a directory or fsspec URL holding stale.parquet
    lines: int  # postings in it


def derive_page(page: StalePage) -> StalePage:
    """Re-derive one page of stale postings; the results are written beside it."""
    fs, root = fsspec.core.url_to_fs(page.location)
    with fs.open(f"{root}/stale.parquet", "rb") as source:
        derived = derive_taxonomy(pl.read_parquet(source))
    frames = (derived.postings.select("posting_id", *TAXONOMY_COLUMNS), derived.posting_skills, derived.posting_roles)
    for name, frame in zip(_DERIVED, frames, strict=True):
        with fs.open(f"{root}/{name}.parquet", "wb") as out:
            frame.write_parquet(out)
    return page


def reprocess_partitioned(
    con: duckdb.DuckDBPyConnection,
    *,
    work: str,
    runner: Runner | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ReprocessResult:
    """What `pipeline/reprocess.py` `reprocess` does, with the deriving spread over `runner`."""
    stale = "TRUE" if force else "taxonomy_version IS DISTINCT FROM ?"
    params = [] if force else [TAXONOMY_VERSION]
    root = f"{work.rstrip('/')}/reprocess"
    fs, fs_root = fsspec.core.url_to_fs(root)
    pages: list[StalePage] = []
    done, last_id = 0, ""
    con.execute("BEGIN")
    try:
        sync_taxonomy(con)
        while True:  # keyset paging over the stale postings as they are before any is re-derived
            page = con.sql(
                f"""SELECT posting_id, source, title, company, description_text FROM postings
                    WHERE {stale} AND posting_id > ? ORDER BY posting_id LIMIT {partitions.partition_lines()}""",
                params=[*params, last_id],
            ).pl()
            if page.is_empty():
                break
            location = f"{fs_root}/p{len(pages):05d}"
            fs.makedirs(location, exist_ok=True)
            with fs.open(f"{location}/stale.parquet", "wb") as out:
                page.write_parquet(out)
            pages.append(StalePage(partitions.url_of(fs, location), page.height))
            last_id = page["posting_id"][-1]
        for handle in (runner or InProcess()).map_ordered(derive_page, pages):
            finished = handle.result()
            apply_derived(con, _read_derived(finished))
            done += finished.lines
            if progress:
                progress(f"{done:,} postings re-derived")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        if fs.exists(fs_root):
            fs.rm(fs_root, recursive=True)
    return ReprocessResult(done, TAXONOMY_VERSION)


def _read_derived(page: StalePage) -> NormalizedBatch:
    fs, root = fsspec.core.url_to_fs(page.location)
    frames = []
    for name in _DERIVED:
        with fs.open(f"{root}/{name}.parquet", "rb") as source:
            frames.append(pl.read_parquet(source))
    return NormalizedBatch(*frames)
