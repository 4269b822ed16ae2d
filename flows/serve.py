"""`jobpulse serve`: the weekly pipeline as a Prefect deployment that runs on a schedule.

A schedule only fires when a Prefect server with its scheduler service is running. The temporary
server Prefect starts for a bare flow call has none, so when no API is configured (no
PREFECT_API_URL in the environment or the Prefect profile) serve starts `prefect server start`
itself — SQLite under the data directory, loopback only — waits until it is healthy, points
PREFECT_API_URL at it, and stops it on exit. With an API configured it uses that server. Either
way the flow runs in this process's runner (`Flow.serve`), one run at a time; SIGINT or SIGTERM
pauses the schedule, stops the runner, and then the server it started.

The deployment runs `scheduled_pipeline`, whose parameters are plain JSON (a sources file, paths):
it reads the sources file at each run, so an edit takes effect on the next run, and the same entry
point serves work-pool deployments (prefect.yaml).
"""

# No `from __future__ import annotations` here: the runner ships a served flow to its run process
# with cloudpickle, by value, and string annotations could not be resolved there.
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow

from contract.schedule import SCHEDULE_TIMEZONE, WEEKLY_CRON
from flows.weekly import weekly_run_name

DEFAULT_CRON = WEEKLY_CRON
DEPLOYMENT_NAME = "weekly"
SERVER_STARTUP_TIMEOUT = 120.0  # seconds; a first start migrates the server's SQLite database
SERVER_STOP_TIMEOUT = 20.0


class ServerFailed(RuntimeError):
    """The local Prefect server did not come up; the message says why (and where its log is)."""


@flow(name="scheduled-pipeline", flow_run_name=lambda: f"scheduled {weekly_run_name()}")
def scheduled_pipeline(
    sources_file: str,
    db_path: str,
    data_dir: str,
    write_report: bool = True,
    dask: str | None = None,
    work: str | None = None,
):
    """Run the weekly pipeline over the sources file's sources, with everything under data_dir
    (its crawl and normalizing tasks on the Dask cluster at `dask`, a scheduler address, if given;
    `work`: where normalized partitions go, see flows/partitioned_ingest.py).

    Ends Completed, or Failed when nothing was published, or Failed named "Partial" when some
    source or board was not read (scheduled_state below); the last two log at ERROR."""
    from prefect import get_run_logger

    from flows.weekly import weekly_pipeline  # imported here: the run process imports it whole
    from pipeline.run_quality import PipelineFailed
    from pipeline.sources import load_sources

    data = Path(data_dir)
    logger = get_run_logger()
    try:
        outcome = weekly_pipeline(
            load_sources(Path(sources_file)),
            Path(db_path),
            data / "landing",
            data / "reports",
            write_report=write_report,
            dask=dask,
            work=work,
        )
    except PipelineFailed as exc:
        logger.error("pipeline run failed: %s", exc)
        print(f"{weekly_run_name()}: failed: {exc}", flush=True)
        raise
    print(run_line(outcome), flush=True)
    return scheduled_state(outcome["run"], logger)


def run_line(outcome: dict[str, Any]) -> str:
    """The one line `serve` prints per scheduled run: the runner streams a run process's stdout to
    serve's terminal, so whoever watches it sees each run end without opening the UI."""
    run = outcome["run"]
    report = (outcome.get("report") or {}).get("html")
    line = f"{weekly_run_name()}: {run['status']} (pipeline run {run['run_id']})"
    return f"{line}; report {report}" if report else line


def schedule_for(cron: str = DEFAULT_CRON, interval: float | None = None):
    """A Prefect schedule: every `interval` seconds if given, else the cron expression in UTC.
    Raises ValueError (with a message for the user) for a malformed cron or a non-positive interval."""
    from prefect.schedules import Cron, Interval

    if interval is not None:
        if interval <= 0:
            raise ValueError(f"--interval must be a positive number of seconds, not {interval:g}")
        return Interval(dt.timedelta(seconds=interval))
    return Cron(cron, timezone=SCHEDULE_TIMEZONE)


def serve_weekly(parameters: dict[str, Any], schedule, *, prefect_dir: Path, announce=print) -> None:
    """Serve `scheduled_pipeline` with these parameters on the schedule until interrupted; starts
    and stops a local Prefect server when none is configured."""
    with _stop_on_sigterm(), prefect_api(prefect_dir, announce=announce) as api_url:
        from prefect.deployments.runner import EntrypointType

        when = (
            f"every {schedule.interval.total_seconds():g} s"
            if schedule.interval
            else f"on cron '{schedule.cron}' (UTC)"
        )
        announce(f"serving {scheduled_pipeline.name}/{DEPLOYMENT_NAME} {when} against {api_url}; Ctrl-C to stop")
        scheduled_pipeline.serve(
            name=DEPLOYMENT_NAME,
            schedule=schedule,
            parameters=parameters,
            limit=1,  # runs of one warehouse never overlap (a second would find it busy)
            pause_on_shutdown=True,
            print_starting_message=False,
            # A module path, not a file path: the runner's run processes import it from anywhere.
            entrypoint_type=EntrypointType.MODULE_PATH,
        )


@contextmanager
def prefect_api(prefect_dir: Path, *, announce=print) -> Iterator[str]:
    """The configured Prefect API URL, or that of a local server started here for the duration."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    with local_prefect_server(prefect_dir, announce=announce) as api_url:
        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = api_url  # for the run processes the runner starts
        try:
            with temporary_settings(updates={PREFECT_API_URL: api_url}):
                yield api_url
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = previous


@contextmanager
def local_prefect_server(
    prefect_dir: Path, *, announce=print, timeout: float = SERVER_STARTUP_TIMEOUT
) -> Iterator[str]:
    """Run `prefect server start` on a free loopback port (SQLite in `prefect_dir`) until exit."""
    prefect_dir = Path(prefect_dir).absolute()
    prefect_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{prefect_dir / 'prefect.db'}",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The UI asks the server where its API is; unset, the answer is :4200, not this port.
        "PREFECT_UI_API_URL": api_url,
    }
    env.pop("PREFECT_API_URL", None)
    log_path = prefect_dir / "server.log"
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopped as a whole, spared our Ctrl-C
        )
    announce(
        f"starting a local Prefect server on {api_url} (pid {server.pid}, log {log_path}); "
        f"its UI: http://127.0.0.1:{port}"
    )
    try:
        _wait_healthy(server, api_url, timeout, log_path)
        yield api_url
    finally:
        _stop(server)


def _wait_healthy(server: subprocess.Popen, api_url: str, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerFailed(f"the local Prefect server exited with status {server.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise ServerFailed(f"the local Prefect server was not healthy after {timeout:.0f} s; see {log_path}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(SERVER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    # SIGTERM (a service manager, `kill`) stops serve the way Ctrl-C does, so the local server is
    # stopped too; Prefect's runner installs its own SIGTERM handler while it runs.
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scheduled_state(run: dict[str, Any], logger: Any) -> Any:
    """The Prefect state a scheduled run ends in, so a failure reaches whoever watches the server.

    'ok' is Completed. 'partial' (published, but some source, board or file was not read) is a
    Failed state named "Partial": red in the UI, counted among failed runs, and its own event
    (`prefect.flow-run.Partial`) for an automation to route (README: "When a run fails"). A run
    that published nothing raises PipelineFailed, which Prefect records as Failed. Both log ERROR.
    """
    from prefect.states import Completed, Failed

    if run["status"] != "partial":
        return Completed(message=f"pipeline run {run['run_id']}: {run['status']}")
    problems = "; ".join(f["message"] for f in run["flags"] if f.get("check") in ("boards_not_read", "zero_postings"))
    message = f"pipeline run {run['run_id']} partial: {problems or 'some source or landing file failed'}"
    logger.error(message)
    return Failed(name="Partial", message=message)
