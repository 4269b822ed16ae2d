"""`jobpulse landing status|prune`: what the landing store holds per source, and removing the loaded
files the retention no longer keeps (pipeline/landing_retention.py says what is safe and why)."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobpulse.command_base import UserError, progress_mode, user_errors, warehouse_path
from jobpulse.progress import Reporter

HEAD_DATES = "oldest      newest"  # crawl days, YYYY-MM-DD


def cmd_landing(args: argparse.Namespace, data: Path) -> int:
    landing_dir = args.landing or data / "landing"
    if not landing_dir.is_dir():
        raise UserError(f"no landing directory at {landing_dir}")
    return {"status": _status, "prune": _prune}[args.landing_command](args, landing_dir, warehouse_path(args, data))


class _FilesProgress(Reporter):
    """Files read (each is hashed once to know whether it is loaded): a bar, lines, or nothing."""

    def __init__(self, mode: str):
        super().__init__(mode, "landing", "files")

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        self.update(done, f"landing: {done:,}/{total:,} files read")


def _status(args: argparse.Namespace, landing_dir: Path, db_path: Path) -> int:
    from pipeline.landing_retention import KEEP_DAYS_ENV, RetentionError, keep_days, landing_status
    from warehouse.db import WarehouseMissing

    with user_errors(WarehouseMissing, RetentionError), _FilesProgress(progress_mode(args)) as progress:
        sources = landing_status(landing_dir, db_path, progress)
        retention = keep_days()
    print(f"landing files in {landing_dir} (loaded: into {db_path}):")
    print(f"  {'source':<22} {'files':>6} {'loaded':>7} {'compressed':>10} {'raw':>10} {'on disk':>10}  {HEAD_DATES}")
    for s in sources:
        print(
            f"  {s.source:<22} {s.files:>6,} {s.loaded:>7,} {s.compressed:>10,} {_size(s.raw_bytes):>10}"
            f" {_size(s.stored_bytes):>10}  {s.oldest:%Y-%m-%d}  {s.newest:%Y-%m-%d}"
        )
    if not sources:
        print("  (none)")
    print(
        f"retention: loaded files are kept {retention} days after their crawl ({KEEP_DAYS_ENV}); files not loaded "
        "are always kept; `jobpulse landing prune` removes the rest"
    )
    return 0


def _prune(args: argparse.Namespace, landing_dir: Path, db_path: Path) -> int:
    from pipeline.landing_retention import RetentionError, prune_landing
    from warehouse.db import WarehouseMissing

    with user_errors(WarehouseMissing, RetentionError), _FilesProgress(progress_mode(args)) as progress:
        plan, freed = prune_landing(
            landing_dir, db_path, older_than=args.older_than, dry_run=args.dry_run, progress=progress
        )
    would = "would prune" if args.dry_run else "pruned"
    size = sum(f.stored_bytes for f in plan.prune) if args.dry_run else freed
    print(
        f"{would} {len(plan.prune):,} loaded files crawled over {plan.older_than} days ago ({_size(size)}); "
        f"kept {len(plan.not_loaded):,} not loaded into {db_path.name}, {len(plan.holds_raw):,} holding postings'"
        f" raw records, {len(plan.too_young):,} younger"
    )
    return 0


def _size(count: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} B"
