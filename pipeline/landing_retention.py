"""What the landing store holds, and what of it may go: `jobpulse landing status` and `prune`.

Landing files are the raw store: every record as a crawl or import delivered it, re-sightings
included, of which the warehouse keeps normalized rows and one raw record per posting.
They are what `ingest --force` reloads after a normalization fix, and where a warehouse row can be
traced back to. So the retention keeps them, compressed once loaded, for KEEP_DAYS after their
crawl (default 365: a year of history can be re-ingested; `JOBPULSE_LANDING_KEEP_DAYS` changes it),
and nothing is ever deleted unless `prune` is run. `prune` removes a file only when both hold:
- its content is loaded: `loaded_files` of the warehouse has a row with its content hash (a file
  never loaded, failed, or changed since its load is kept, whatever its age);
- no posting's raw record is kept only there (`postings.landing_file` points at it, where the
  warehouse keeps a line number instead of a copy: the newest sighting's file);
- it was crawled more than `--older-than` days ago, and that is not inside the retention.
Its sidecars (a few KB: when and how the crawl ran) stay as the record of the crawl.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline import landing_store
from pipeline.landing import parse_timestamp, read_meta

KEEP_DAYS_ENV = "JOBPULSE_LANDING_KEEP_DAYS"
DEFAULT_KEEP_DAYS = 365

Progress = Callable[[int, int], None]  # files looked at, of how many


class RetentionError(ValueError):
    """A prune the retention does not allow, or a retention setting that is not a number of days."""


def keep_days(environ: dict[str, str] | None = None) -> int:
    """Days a loaded landing file is kept after its crawl: JOBPULSE_LANDING_KEEP_DAYS, else 365."""
    value = (environ if environ is not None else os.environ).get(KEEP_DAYS_ENV, "").strip()
    if not value:
        return DEFAULT_KEEP_DAYS
    if not value.isdigit():
        raise RetentionError(f"{KEEP_DAYS_ENV} must be a whole number of days, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class LandingFile:
    path: Path  # its name (`x.jsonl`), as the warehouse records it
    stored: Path  # the bytes on disk: `x.jsonl`, or `x.jsonl.zst` once loaded
    source: str  # its folder under the landing directory: the source, or `import/<format>`
    crawled_at: datetime  # from its sidecar, else when the file was written (naive UTC)
    raw_bytes: int
    stored_bytes: int
    loaded: bool
    holds_raw: bool = False  # a posting's raw record is this file's line (postings.landing_file)

    @property
    def compressed(self) -> bool:
        return landing_store.is_compressed(self.stored)


@dataclass(frozen=True)
class WarehouseState:
    loaded: set[str]  # content hashes of the files loaded
    raw_holders: set[str]  # landing files some posting's raw record points into


def survey(landing_dir: Path, state: WarehouseState, progress: Progress | None = None) -> list[LandingFile]:
    """Every landing file under the directory, with its size, crawl time and whether it is loaded.
    Reads each file once (its content hash): progress is reported per file."""
    landing_dir = Path(landing_dir)
    names = sorted(landing_store.landing_files(landing_dir))
    files = []
    for done, name in enumerate(names, start=1):
        stored = landing_store.stored_path(name)
        files.append(
            LandingFile(
                path=name,
                stored=stored,
                source=name.parent.relative_to(landing_dir).as_posix(),
                crawled_at=_crawled_at(name, stored),
                raw_bytes=landing_store.content_size(name),
                stored_bytes=stored.stat().st_size,
                loaded=landing_store.content_sha256(name) in state.loaded,
                holds_raw=str(name) in state.raw_holders,
            )
        )
        if progress:
            progress(done, len(names))
    return files


def _crawled_at(name: Path, stored: Path) -> datetime:
    try:
        crawled = parse_timestamp(read_meta(name).get("crawled_at"), "crawled_at")
    except ValueError:  # a sidecar that is not JSON or holds no date: the file's own time stands in
        crawled = None
    return crawled or datetime.fromtimestamp(stored.stat().st_mtime, UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SourceStatus:
    source: str
    files: int
    loaded: int
    compressed: int
    raw_bytes: int
    stored_bytes: int
    oldest: datetime
    newest: datetime


def by_source(files: Iterable[LandingFile]) -> list[SourceStatus]:
    """Per source folder: files, how many loaded and compressed, bytes raw and on disk, oldest and newest crawl."""
    groups: dict[str, list[LandingFile]] = {}
    for f in files:
        groups.setdefault(f.source, []).append(f)
    return [
        SourceStatus(
            source,
            len(group),
            sum(f.loaded for f in group),
            sum(f.compressed for f in group),
            sum(f.raw_bytes for f in group),
            sum(f.stored_bytes for f in group),
            min(f.crawled_at for f in group),
            max(f.crawled_at for f in group),
        )
        for source, group in sorted(groups.items())
    ]


@dataclass(frozen=True)
class PrunePlan:
    prune: list[LandingFile]
    not_loaded: list[LandingFile]
    holds_raw: list[LandingFile]
    too_young: list[LandingFile]
    older_than: int


def plan_prune(files: Iterable[LandingFile], *, older_than: int, retention: int, now: datetime) -> PrunePlan:
    """Which files may go: loaded ones crawled more than `older_than` days ago. RetentionError when
    `older_than` reaches inside the retention."""
    if older_than < retention:
        raise RetentionError(
            f"--older-than {older_than} is inside the retention of {retention} days "
            f"(landing files are the raw store; set {KEEP_DAYS_ENV} to keep them for less)"
        )
    cutoff = now - timedelta(days=older_than)
    plan = PrunePlan([], [], [], [], older_than)
    for f in files:
        if not f.loaded:
            plan.not_loaded.append(f)
        elif f.holds_raw:
            plan.holds_raw.append(f)
        elif f.crawled_at >= cutoff:
            plan.too_young.append(f)
        else:
            plan.prune.append(f)
    return plan


def carry_out(plan: PrunePlan) -> int:
    """Delete the files the plan prunes (each one's stored bytes; the sidecars stay); bytes freed.
    A file compressed since the survey (by an ingest meanwhile) is left for the next prune."""
    freed = 0
    for f in plan.prune:
        try:
            f.stored.unlink()
        except FileNotFoundError:
            continue
        freed += f.stored_bytes
    return freed


def warehouse_state(db_path: Path) -> WarehouseState:
    """What the warehouse has loaded, and which landing files hold raw records of its postings
    (a warehouse from before `postings.landing_file` existed holds every raw record itself).
    WarehouseMissing if there is no warehouse."""
    from warehouse.db import connect  # noqa: PLC0415 — DuckDB only for the commands that read it

    con = connect(db_path, read_only=True)
    try:
        loaded = {sha for (sha,) in con.execute("SELECT sha256 FROM loaded_files").fetchall()}
        pointers = con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'postings' AND column_name = ?",
            ["landing_file"],
        ).fetchall()[0][0]
        holders = set()
        if pointers:
            holders = {
                path
                for (path,) in con.execute(
                    "SELECT DISTINCT landing_file FROM postings WHERE landing_file IS NOT NULL"
                ).fetchall()
            }
    finally:
        con.close()
    return WarehouseState(loaded, holders)


def landing_status(landing_dir: Path, db_path: Path, progress: Progress | None = None) -> list[SourceStatus]:
    """`jobpulse landing status`: per source, what the landing directory holds for this warehouse."""
    return by_source(survey(landing_dir, warehouse_state(db_path), progress))


def prune_landing(
    landing_dir: Path,
    db_path: Path,
    *,
    older_than: int | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> tuple[PrunePlan, int]:
    """`jobpulse landing prune`: the plan, carried out unless `dry_run`, and the bytes it freed.
    `older_than` defaults to the retention (JOBPULSE_LANDING_KEEP_DAYS, else 365 days)."""
    retention = keep_days()
    now = now or datetime.now(UTC).replace(tzinfo=None)
    older_than = retention if older_than is None else older_than
    plan_prune([], older_than=older_than, retention=retention, now=now)  # refuse before reading anything
    plan = plan_prune(
        survey(landing_dir, warehouse_state(db_path), progress), older_than=older_than, retention=retention, now=now
    )
    return plan, (0 if dry_run else carry_out(plan))
