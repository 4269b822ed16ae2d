"""Test session set-up: Prefect runs on a private temporary server that never calls out."""

from __future__ import annotations

import os
import tempfile

# Must be set before anything imports prefect: a private PREFECT_HOME per session, no analytics.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="jobpulse-prefect-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "90"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for every test that runs a real flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield
