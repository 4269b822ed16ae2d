"""Fixtures shared by the pipeline tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private data directory (JOBPULSE_DATA_DIR) for commands that default to it."""
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"
