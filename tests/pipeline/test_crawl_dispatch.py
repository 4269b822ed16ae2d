"""One-shot commands start no Prefect server unless one is configured: without PREFECT_API_URL
`jobpulse crawl` runs the spider plainly (Prefect is never imported); with it, commands are flow
runs of that server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import pytest

from jobpulse.cli import main
from jobpulse.dispatch import prefect_api_url
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard


def test_a_server_is_configured_by_the_environment_or_the_active_profile(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    assert prefect_api_url() is None  # no profiles file
    (tmp_path / "profiles.toml").write_text(
        textwrap.dedent("""\
        active = "work"
        [profiles.work]
        PREFECT_API_URL = "http://prefect.internal:4200/api"
        [profiles.ephemeral]
        """)
    )
    assert prefect_api_url() == "http://prefect.internal:4200/api"
    monkeypatch.setenv("PREFECT_PROFILE", "ephemeral")
    assert prefect_api_url() is None
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4300/api")
    assert prefect_api_url() == "http://127.0.0.1:4300/api"


def test_crawl_without_a_server_runs_the_spider_without_prefect(tmp_path):
    corpus = generate_corpus(n_postings=60, weeks=3)
    board = corpus.boards("greenhouse")[0]
    with SandboxBoard(corpus) as sandbox:
        script = (
            f"import sys; from jobpulse.cli import main; code = main(['crawl', '--source', 'greenhouse', "
            f"'--board', {board!r}, '--base-url', {sandbox.base_url!r}, '--db', {str(tmp_path / 'w.duckdb')!r}]); "
            "print('prefect imported:', 'prefect' in sys.modules); sys.exit(code)"
        )
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PREFECT_HOME": str(tmp_path / "prefect"),
            "JOBPULSE_DATA_DIR": str(tmp_path / "data"),
        }
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "prefect imported: False" in done.stdout
    assert f"    {board}" in done.stdout and "landing file: " in done.stdout


@pytest.mark.slow
def test_with_a_server_configured_crawl_and_ingest_are_named_flow_runs(tmp_path, prefect_harness, monkeypatch, capsys):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())  # the harness's server, as a user sets it
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    corpus = generate_corpus(n_postings=60, weeks=3)
    with SandboxBoard(corpus) as sandbox:
        assert (
            main(
                [
                    "crawl",
                    "--source",
                    "greenhouse",
                    "--board",
                    corpus.boards("greenhouse")[0],
                    "--base-url",
                    sandbox.base_url,
                    "--landing",
                    str(tmp_path / "landing"),
                ]
            )
            == 0
        )
    assert main(["ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "landing")]) == 0

    async def names() -> list[str]:
        async with get_client() as client:
            return [run.name for run in await client.read_flow_runs()]

    assert {"crawl greenhouse", "ingest 1 landing file"} <= set(asyncio.run(names()))
