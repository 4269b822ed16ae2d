"""Commands that write the warehouse from files: `ingest`, `import` and `reprocess`.

Each calls one function of pipeline/published_loads.py (published whole, or not at all) through
jobpulse/dispatch.py, and prints what it did."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobpulse.command_base import UserError, progress_mode, user_errors, warehouse_path
from jobpulse.dispatch import dask_scheduler, run_step
from jobpulse.printers import print_ingest
from jobpulse.progress import RecordsProgress


def cmd_ingest(args: argparse.Namespace, data: Path) -> int:
    from pipeline.partition_runners import ProcessPool
    from pipeline.published_loads import find_landing_files, ingest_landing

    with user_errors(FileNotFoundError):
        paths = find_landing_files(args.paths or [data / "landing"])
    db_path = warehouse_path(args, data)
    work = work_dir(args)
    with (
        user_errors(),
        RecordsProgress(progress_mode(args), "ingest") as progress,
        dask_scheduler(args.dask) as dask,
        ProcessPool() as pool,  # without Prefect or Dask: both cores normalize, this process writes
    ):
        results = run_step(
            "ingest",
            lambda: ingest_landing(db_path, paths, force=args.force, progress=progress, runner=pool, work=work),
            flow=_prefect_flow("ingest", dask),
            flow_kwargs={"db_path": db_path, "landing": paths, "force": args.force, "work": work, "dask": dask},
            dask=dask,
        )
    print(f"ingest into {db_path}:")
    print_ingest([r if isinstance(r, dict) else r.__dict__ for r in results])
    return 1 if any(_status(r) == "failed" for r in results) else 0


def _prefect_flow(name: str, dask: str | None) -> Callable[..., list[dict[str, Any]]]:
    """The flow of flows/partitioned_ingest.py called `name`, on the Dask cluster `dask` if given
    (Prefect is imported only when the flow runs)."""

    def run(**call: Any) -> list[dict[str, Any]]:
        from flows import partitioned_ingest

        return partitioned_ingest.on_dask(getattr(partitioned_ingest, name), dask)(**call)

    return run


def work_dir(args: argparse.Namespace) -> str | None:
    work = getattr(args, "work_dir", None)
    return None if work is None else str(work) if "://" in str(work) else str(Path(work).absolute())


def _status(result: Any) -> str:
    return result["status"] if isinstance(result, dict) else result.status


def cmd_import(args: argparse.Namespace, data: Path) -> int:
    from jobpulse.cli import import_formats
    from pipeline.import_files import CONVERTERS, ImportFormatError
    from pipeline.partition_runners import ProcessPool
    from pipeline.published_loads import import_saved_files

    if args.fmt == "tracker":
        return _import_tracker(args, data)
    if args.fmt not in CONVERTERS:
        raise UserError(f"unknown format {args.fmt!r} (known: {', '.join(import_formats())})")
    # Beside the warehouse it feeds: `--db X` keeps its copy in X's folder, not wherever we stand.
    landing = (Path(args.db).absolute().parent if args.db else data) / "landing"
    db_path = warehouse_path(args, data)
    work = work_dir(args)
    with (
        user_errors(FileNotFoundError, ImportFormatError),
        RecordsProgress(progress_mode(args), "import") as progress,
        dask_scheduler(args.dask) as dask,
        ProcessPool() as pool,
    ):
        files = [Path(f).absolute() for f in args.files]
        results = run_step(
            "import",
            lambda: import_saved_files(db_path, args.fmt, files, landing, progress=progress, runner=pool, work=work),
            flow=_prefect_flow("import_files", dask),
            flow_kwargs={
                "db_path": db_path,
                "fmt": args.fmt,
                "files": files,
                "landing_dir": landing,
                "work": work,
                "dask": dask,
            },
            dask=dask,
        )
    print(f"import into {db_path}:")
    print_ingest([r if isinstance(r, dict) else r.__dict__ for r in results])
    return 1 if any(_status(r) == "failed" for r in results) else 0


def _import_tracker(args: argparse.Namespace, data: Path) -> int:
    """Tracker snapshots (one row per job with first/last seen): postings with weekly history."""
    from pipeline.published_loads import import_tracker_files
    from pipeline.tracker_import import TrackerFormatError

    db_path = warehouse_path(args, data)
    with user_errors(FileNotFoundError, TrackerFormatError), RecordsProgress(progress_mode(args), "import") as progress:
        outcome = run_step(
            "import",
            lambda: import_tracker_files(db_path, args.files, data / "landing", progress=progress),
            run_name="import tracker",
        )
    print(f"import into {db_path}:")
    print_ingest([r.__dict__ for r, _ in outcome])
    for _, history in outcome:
        if history is not None:
            print(
                f"  history: {history.postings:,} postings, {history.sightings:,} sightings "
                "(first and last seen, weekly between)"
            )
            for span in history.coverage:
                print(f"    {span['source']}/{span['board']}: covered {span['start'][:10]} … {span['end'][:10]}")
    return 1 if any(r.status == "failed" for r, _ in outcome) else 0


def cmd_reprocess(args: argparse.Namespace, data: Path) -> int:
    from pipeline.published_loads import reprocess_warehouse

    db_path = warehouse_path(args, data)
    work = work_dir(args)
    with (
        user_errors(FileNotFoundError),
        RecordsProgress(progress_mode(args), "reprocess") as progress,
        dask_scheduler(args.dask) as dask,
    ):
        result = run_step(
            "reprocess",
            lambda: reprocess_warehouse(db_path, force=args.force, progress=progress),
            flow=_reprocess_flow(dask) if dask else None,
            flow_kwargs={"db_path": db_path, "force": args.force, "work": work, "dask": dask},
            dask=dask,
        )
    print(f"reprocess: {result.postings:,} postings re-derived with taxonomy {result.version}")
    return 0


def _reprocess_flow(dask: str) -> Callable[..., Any]:
    def run(**call: Any) -> Any:
        from flows.partitioned_ingest import on_dask
        from flows.partitioned_reprocess import reprocess

        return on_dask(reprocess, dask)(**call)

    return run
