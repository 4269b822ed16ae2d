"""`jobpulse serve` runs the weekly pipeline on a schedule as a Prefect deployment. With no
PREFECT_API_URL it starts a local Prefect server (the temporary one has no scheduler); each
scheduled run publishes a pipeline run to the warehouse and its headline as a Prefect artifact;
SIGTERM stops runner and server cleanly."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from warehouse.db import WarehouseMissing, connect

JOBPULSE = Path(sys.executable).with_name("jobpulse")
RUNS_WANTED = 2
PATIENCE = 240  # seconds; about 40 on an idle 2-core machine (a server start, then two runs)

pytestmark = pytest.mark.slow


def published_runs(db: Path) -> list[tuple]:
    try:
        con = connect(db, read_only=True)
    except WarehouseMissing:
        return []  # no run has been published yet
    try:
        return con.execute("SELECT flow_run_id, status FROM pipeline_runs ORDER BY started_at").fetchall()
    finally:
        con.close()


def port_open(url: str) -> bool:
    host, port = re.search(r"//([\d.]+):(\d+)", url).groups()
    with socket.socket() as probe:
        return probe.connect_ex((host, int(port))) == 0


def ui_api_url(api_url: str) -> str:
    with urllib.request.urlopen(api_url.removesuffix("/api") + "/ui-settings", timeout=10) as answer:
        return json.load(answer)["api_url"]


def flow_run_names(api_url: str, runs: list[tuple]) -> list[str]:
    names = []
    for flow_run_id, _ in runs:
        with urllib.request.urlopen(f"{api_url}/flow_runs/{flow_run_id}", timeout=10) as answer:
            names.append(json.load(answer)["name"])
    return names


def info_logs(api_url: str, flow_run_id: str) -> list[str]:
    """INFO messages the server holds for a flow run (what its UI shows)."""
    query = {"logs": {"flow_run_id": {"any_": [flow_run_id]}, "level": {"ge_": 20}}, "limit": 200}
    request = urllib.request.Request(
        f"{api_url}/logs/filter", data=json.dumps(query).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return [log["message"] for log in json.load(answer)]


def markdown_artifacts(api_url: str, flow_run_id: str) -> list[str]:
    """The markdown artifacts of a flow run, read with the Prefect client as a data engineer would."""
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterType
    from prefect.settings import PREFECT_API_URL, temporary_settings

    async def read() -> list[str]:
        async with get_client() as client:
            artifacts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]), type=ArtifactFilterType(any_=["markdown"])
                )
            )
            return [a.data for a in artifacts]

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        return asyncio.run(read())


def test_serve_fires_scheduled_runs_on_its_own_server_and_stops_cleanly(tmp_path):
    data, log = tmp_path / "data", tmp_path / "serve.log"
    sources = tmp_path / "sources.toml"
    sources.write_text("# no sources: each scheduled run is tiny, but a whole pipeline run\n")
    # As a user starts it: no API configured, no logging level of the test session.
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_LOGGING_LEVEL")} | {
        "JOBPULSE_DATA_DIR": str(data),
        "PREFECT_HOME": str(tmp_path / "prefect-home"),  # no profile that names a server
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    }
    with open(log, "w") as out:
        serve = subprocess.Popen(
            [str(JOBPULSE), "serve", "--interval", "2", "--sources", str(sources)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server_pid = None
    try:
        deadline = time.monotonic() + PATIENCE
        while len(runs := published_runs(data / "warehouse.duckdb")) < RUNS_WANTED and time.monotonic() < deadline:
            assert serve.poll() is None, log.read_text()
            time.sleep(1)
        started = re.search(r"local Prefect server on (\S+) \(pid (\d+)", log.read_text())
        assert started, log.read_text()
        api_url, server_pid = started[1], int(started[2])
        assert len(runs) >= RUNS_WANTED, log.read_text()
        assert len({flow_run for flow_run, _ in runs}) == len(runs) and {s for _, s in runs} == {"ok"}
        assert ui_api_url(api_url) == api_url  # the UI talks to this server, not to :4200
        assert all(re.fullmatch(r"weekly \d{4}-W\d\d", name) for name in flow_run_names(api_url, runs))
        logs = info_logs(api_url, runs[0][0])
        assert any(message.startswith("pipeline run ") for message in logs), (logs, log.read_text())
        # The weekly run's headline artifact names the report it wrote (the run's tasks are subflows
        # of the scheduled run: the artifact belongs to the weekly-pipeline run).
        headlines = [text for flow_run, _ in runs for text in markdown_artifacts(api_url, flow_run)]
        assert headlines and all(text.startswith("# jobpulse run: ok") for text in headlines), headlines
        assert str(data / "reports" / "report-") in headlines[0]
        # and whoever watches serve's terminal sees each run end, with where its report is
        assert re.search(
            r"^weekly \d{4}-W\d\d: ok \(pipeline run \S+\); report \S+\.html$", log.read_text(), re.MULTILINE
        )

        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0, log.read_text()
        assert "serve stopped" in log.read_text()
        assert not port_open(api_url)  # the server serve started is gone with it
    finally:
        if serve.poll() is None:
            serve.kill()
        if server_pid is not None:
            try:
                os.killpg(server_pid, signal.SIGKILL)  # only if serve failed to stop it
            except ProcessLookupError:
                pass
