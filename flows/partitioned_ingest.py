"""Ingest as Prefect tasks: one task per partition normalizes it, the flow itself is the one writer.

The step functions are pipeline/partitions.py's, the same the local process pool runs; here each
partition is a Prefect task run, so it shows in the UI and runs where the flow's task runner puts
it: local processes (`ProcessPoolTaskRunner`, both cores), or the workers of a Dask cluster
(prefect-dask's `DaskTaskRunner`, given `dask=ADDRESS`). The writer — staging copy, loads in
order, publish — stays in the flow run's own process: DuckDB has one writer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from prefect import Flow, flow, get_run_logger, task
from prefect.runtime import flow_run as current_flow_run
from prefect.task_runners import ProcessPoolTaskRunner

from pipeline.partition_runners import InProcess
from pipeline.partitions import worth_spreading
from pipeline.published_loads import find_landing_files, import_saved_files, ingest_landing


class PrefectTasks:
    """A partition runner (pipeline/partition_runners.py) whose steps are tasks of the running flow.

    On this machine's processes a small ingest is normalized in the flow's own process, as the
    local pool does (pipeline/partitions.py `worth_spreading`); on a Dask cluster, which the user
    asked for, every partition is a task."""

    def __init__(self, dask: str | None = None) -> None:
        self._tasks: dict[Callable[[Any], Any], Any] = {}
        self._dask = dask

    def map_ordered(self, step: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        if not self._dask and not worth_spreading(list(items)):
            return InProcess().map_ordered(step, items)
        if step not in self._tasks:
            self._tasks[step] = task(step, name=step.__name__.replace("_", "-"), task_run_name=_partition_name)
        # All at once: the task runner spreads them over its workers; a result is a few paths.
        return iter([self._tasks[step].submit(item) for item in items])


def _partition_name() -> str:
    """`normalize crawl.jsonl from line 5,001`, or `re-derive page p00003` (reprocess)."""
    from prefect.runtime import task_run

    partition, page = task_run.parameters.get("partition"), task_run.parameters.get("page")
    if page is not None:
        return f"re-derive page {Path(page.location).name}"
    if partition is None:
        return "normalize"
    return f"normalize {Path(partition.landing_file).name} from line {partition.span.first_line:,}"


def task_runner(dask: str | None) -> Any:
    """Dask workers at `dask` (a scheduler address), else a process per core on this machine."""
    if dask:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask)
    return ProcessPoolTaskRunner(max_workers=os.cpu_count() or 1)


def on_dask(chosen: Flow, dask: str | None) -> Flow:
    """`chosen` with its tasks on the Dask cluster at `dask` (a scheduler address), or unchanged;
    the ingest flows also take `dask` as a parameter, to submit even a small ingest's partitions."""
    return chosen.with_options(task_runner=task_runner(dask)) if dask else chosen


def ingest_run_name() -> str:
    """Ingest runs say how many landing files they load (`ingest 3 landing files`)."""
    count = len(find_landing_files(current_flow_run.parameters.get("landing") or []))
    return f"ingest {count} landing file{'' if count == 1 else 's'}"


@flow(name="ingest", flow_run_name=ingest_run_name, task_runner=task_runner(None))
def ingest(
    db_path: Path, landing: list[Path], force: bool = False, work: str | None = None, dask: str | None = None
) -> list[dict[str, Any]]:
    """Normalize landing files (or every file under given directories) partition by partition as
    tasks, load them in order into a staging copy and publish it. `work`: where the normalized
    partitions go (a path or fsspec URL every worker can read; default: a temporary directory);
    `dask`: the scheduler whose workers run the tasks (see `on_dask`)."""
    logger = get_run_logger()
    results = ingest_landing(
        db_path, find_landing_files(landing), force=force, progress=logger.info, runner=PrefectTasks(dask), work=work
    )
    _log_counts(results)
    return [r.__dict__ for r in results]


@flow(name="import", flow_run_name="import {fmt}", task_runner=task_runner(None))
def import_files(
    db_path: Path, fmt: str, files: list[Path], landing_dir: Path, work: str | None = None, dask: str | None = None
) -> list[dict[str, Any]]:
    """Saved files → landing files (here) → normalized as tasks → loaded and published."""
    results = import_saved_files(
        db_path, fmt, files, landing_dir, progress=get_run_logger().info, runner=PrefectTasks(dask), work=work
    )
    _log_counts(results)
    return [r.__dict__ for r in results]


def _log_counts(results: list[Any]) -> None:
    get_run_logger().info(
        "ingested %d landing files: %d loaded, %d rejected",
        len(results),
        sum(r.loaded for r in results),
        sum(r.rejected for r in results),
    )


@flow(name="load-landed", task_runner=task_runner(None))
def load_landed(
    db_path: Path, paths: list[Path], work: str | None = None, dask: str | None = None
) -> list[dict[str, Any]]:
    """Load the landing files a run crawled into its staging warehouse (published by the run when
    it succeeds): normalized partition by partition as tasks, loaded in order here."""
    from pipeline.ingest import ingest_files
    from warehouse.db import connect

    con = connect(db_path)
    try:
        results = ingest_files(con, paths, progress=get_run_logger().info, runner=PrefectTasks(dask), work=work)
    finally:
        con.close()
    _log_counts(results)
    return [r.__dict__ for r in results]
