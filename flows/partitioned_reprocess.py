"""`jobpulse reprocess --dask`: each page of stale postings re-derived by a task on the cluster,
the flow itself the one writer (pipeline/partitioned_reprocess.py)."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger

from flows.partitioned_ingest import PrefectTasks, task_runner
from pipeline.published_loads import reprocess_warehouse
from pipeline.reprocess import ReprocessResult


@flow(name="reprocess", task_runner=task_runner(None))
def reprocess(db_path: Path, force: bool = False, work: str | None = None, dask: str | None = None) -> ReprocessResult:
    """Re-derive the stale postings page by page as tasks (on the Dask cluster at `dask`, given
    through `flows.partitioned_ingest.on_dask`), apply them in order, publish."""
    return reprocess_warehouse(
        db_path, force=force, progress=get_run_logger().info, runner=PrefectTasks(dask), work=work
    )
