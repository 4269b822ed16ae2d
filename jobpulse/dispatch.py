"""One decision for every one-shot command: a Prefect flow run, or the plain function.

With a Prefect server configured (PREFECT_API_URL in the environment or in the active Prefect
profile) `crawl`, `ingest`, `import`, `reprocess` and `report` run as flow runs of that server, so
they show in its UI beside the scheduled runs. Without one they call the plain step functions:
Prefect would otherwise start a temporary server for one command (about 15 s), and nothing would
ever look at it. Deciding reads the environment and the profiles file only: Prefect is not
imported unless it is used.

`--dask ADDRESS` (`ingest`, `import`, `run`) always makes the command a flow run, whose tasks run
on the Dask cluster at ADDRESS (`local`: a LocalCluster on this machine for the command's
length); with no Prefect server configured, Prefect starts a temporary one for it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def prefect_api_url() -> str | None:
    """The configured Prefect API URL, or None: the environment first, then the active profile."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    profiles_file = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        profiles = tomllib.loads(profiles_file.read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL") or None


def run_step(
    name: str,
    step: Callable[[], T],
    *,
    run_name: str | None = None,
    flow: Any = None,
    flow_args: tuple = (),
    flow_kwargs: dict[str, Any] | None = None,
    dask: str | None = None,
) -> T:
    """Run `step()` plainly, or, with a Prefect server configured or a Dask scheduler given, as a
    flow run named `name`.

    `flow`, if given, is the Prefect flow to run instead (with `flow_args`/`flow_kwargs`), for a
    step that has one with tasks of its own (the crawl: one task per source; the ingest: one per
    partition). `dask` needs such a flow: it takes the scheduler's address as `dask`."""
    if prefect_api_url() is None and dask is None:
        return step()
    if flow is not None:
        return flow(*flow_args, **(flow_kwargs or {}))
    from prefect import flow as as_flow

    return as_flow(name=name, flow_run_name=run_name or name)(step)()


LOCAL_CLUSTER = "local"


@contextmanager
def dask_scheduler(spec: str | None) -> Iterator[str | None]:
    """The scheduler address `--dask` names: as given, or for `local` a LocalCluster of one
    single-threaded worker process per core, started here and closed when the command ends."""
    if spec != LOCAL_CLUSTER:
        yield spec
        return
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address
