"""What the one-shot commands write: ingest, import and reprocess, each published whole
(pipeline/publish.py) — or not at all when it fails.

Small writes go in place (no copy of the warehouse) when no reader holds it. Large ones go to a
copy: a write in place holds everything it changes in memory until its one checkpoint (measured:
+100–130 MiB peak for 30,000 postings imported into a 1,000,000-posting warehouse, +220 MiB for
100,000), while the copy's cost (well under a second at 1,000,000 postings) is then a small part
of the write. `reprocess` rewrites every posting, so it always copies.

Each is one call for the CLI (through jobpulse/dispatch.py, which may make it a Prefect flow run)
and for anyone scripting the pipeline; none prints. Paths to read are checked first, so a mistake
is a one-line error before anything is staged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pipeline import landing_store
from pipeline.ingest import FileResult, ingest_files, landing_files
from pipeline.partition_runners import Runner
from pipeline.publish import publish_after

Progress = Callable[[str], None]
# Landing data past which a load copies the warehouse rather than hold its changes in memory.
IN_PLACE_MAX_LANDING_BYTES = 32 * 2**20


def copy_for(paths: Iterable[Path]) -> bool:
    """Whether loading these landing files should go to a copy (they are large) rather than in place.
    Sized by their JSON Lines text: a loaded file read again (`--force`) is stored compressed."""
    return sum(landing_store.content_size(p) for p in paths) > IN_PLACE_MAX_LANDING_BYTES


def find_landing_files(roots: Iterable[Path]) -> list[Path]:
    """Every landing file under the given files or directories; FileNotFoundError names a missing one."""
    roots = list(roots)
    for root in roots:
        if not (Path(root).exists() or landing_store.exists(root)):  # `x.jsonl` names `x.jsonl.zst` too
            raise FileNotFoundError(f"no such landing file or directory: {root}")
    return [path for root in roots for path in landing_files(root)]


def ingest_landing(
    db_path: Path,
    paths: list[Path],
    *,
    force: bool = False,
    progress: Progress | None = None,
    runner: Runner | None = None,
    work: str | None = None,
) -> list[FileResult]:
    """Normalize and load landing files into the published warehouse (loaded files are skipped).
    `runner` and `work`: who normalizes the partitions and where they go (pipeline/ingest.py)."""
    return publish_after(
        db_path,
        lambda con: ingest_files(con, paths, force=force, progress=progress, runner=runner, work=work),
        copy=copy_for(paths),
    )


def import_saved_files(
    db_path: Path,
    fmt: str,
    files: Iterable[Path],
    landing_dir: Path,
    *,
    progress: Progress | None = None,
    runner: Runner | None = None,
    work: str | None = None,
) -> list[FileResult]:
    """Saved postings or source payloads → landing files under `landing_dir/import/<fmt>/` → ingest.

    ImportFormatError (one line) for an unknown format or a file that is not what `fmt` says."""
    from pipeline.import_files import write_landing

    landed = []
    for source_file in _existing(files):
        target = landing_dir / "import" / fmt / f"{source_file.stem}-{_digest(source_file)}.jsonl"
        write_landing(fmt, source_file, target)
        landed.append(target)
    return publish_after(
        db_path,
        lambda con: ingest_files(con, landed, kind="import", progress=progress, runner=runner, work=work),
        copy=copy_for(landed),
    )


def import_tracker_files(
    db_path: Path, files: Iterable[Path], landing_dir: Path, *, progress: Progress | None = None
) -> list[tuple[FileResult, Any]]:
    """Tracker snapshots (one row per job, first and last seen) → postings with weekly history.

    Returns (file result, history or None) per file; TrackerFormatError for a file of another shape."""
    from pipeline.tracker_import import import_tracker, write_tracker_landing

    landed = []
    for source_file in _existing(files):
        target = landing_dir / "import" / "tracker" / f"{source_file.name.split('.')[0]}-{_digest(source_file)}.jsonl"
        write_tracker_landing(source_file, target)
        landed.append(target)
    return publish_after(db_path, lambda con: import_tracker(con, landed, progress=progress), copy=copy_for(landed))


def reprocess_warehouse(
    db_path: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    runner: Runner | None = None,
    work: str | None = None,
):
    """Re-derive role, skills and language of stored postings with the current taxonomy; with a
    `runner`, page by page wherever it runs them (pipeline/partitioned_reprocess.py)."""
    from pipeline.reprocess import reprocess

    if not Path(db_path).exists():
        raise FileNotFoundError(f"no warehouse at {db_path}")
    if runner is None:
        return publish_after(db_path, lambda con: reprocess(con, force=force, progress=progress), copy=True)
    import tempfile

    from pipeline.partitioned_reprocess import reprocess_partitioned

    # Reprocess rewrites many rows: published on a copy either way (publish_after's `copy`).
    with tempfile.TemporaryDirectory(prefix="jobpulse-reprocess-") as scratch:
        return publish_after(
            db_path,
            lambda con: reprocess_partitioned(con, work=work or scratch, runner=runner, force=force, progress=progress),
            copy=True,
        )


def _existing(files: Iterable[Path]) -> list[Path]:
    files = [Path(f) for f in files]
    for source_file in files:
        if not source_file.is_file():
            raise FileNotFoundError(f"no such file: {source_file}")
    return files


def _digest(path: Path) -> str:
    """The file's content in its landing name: the same saved file lands (and loads) once."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
