"""Who runs the partition steps of an ingest: this process, or a pool of local processes.

A runner takes the step and its partitions and hands back, in the partitions' order, one handle
per partition whose `result()` gives the step's return value or raises its exception — the
interface of a `concurrent.futures.Future` and of a Prefect future alike, so the writer
(pipeline/ingest.py) treats every runner the same. The Prefect and Dask runner lives in
flows/partitioned_ingest.py: pipeline steps import no Prefect.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from typing import Any, Protocol

from pipeline.partitions import worth_spreading

WORKERS_ENV = "JOBPULSE_WORKERS"  # processes that normalize (default: one per core; 1: all in the writer's)


class Handle(Protocol):
    def result(self) -> Any: ...


class Runner(Protocol):
    def map_ordered(self, step: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Handle]: ...


class _Deferred:
    """A step not yet run: it runs in this process when its result is asked for."""

    def __init__(self, step: Callable[[Any], Any], item: Any):
        self._step, self._item = step, item

    def result(self) -> Any:
        return self._step(self._item)


class InProcess:
    """Each partition is normalized in the writer's process just before it is loaded."""

    def map_ordered(self, step: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Handle]:
        return iter([_Deferred(step, item) for item in items])


class ProcessPool(AbstractContextManager):
    """Partitions normalized by `workers` local processes (default: $JOBPULSE_WORKERS, else one
    per core) while this process loads the ones already finished. A small ingest is normalized
    here instead (pipeline/partitions.py `worth_spreading`). Workers are spawned, not forked: the
    writer holds an open DuckDB file and Polars' threads, neither safe to fork."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or int(os.environ.get(WORKERS_ENV) or 0) or os.cpu_count() or 1
        self._pools: list[ProcessPoolExecutor] = []

    def map_ordered(self, step: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Handle]:
        if self.workers <= 1 or not worth_spreading(list(items)):
            return InProcess().map_ordered(step, items)
        pool = ProcessPoolExecutor(min(self.workers, len(items)), mp_context=multiprocessing.get_context("spawn"))
        self._pools.append(pool)
        # Everything is submitted at once: a finished partition is a few paths on disk, not its rows.
        return iter([pool.submit(step, item) for item in items])

    def __exit__(self, *exc_info: Any) -> None:
        # Partitions nobody will load (those of a file that failed) are dropped, not waited for.
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
        self._pools.clear()
