"""Shared by the `jobpulse import` tests: a private data directory and a read-only query helper."""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def query(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
