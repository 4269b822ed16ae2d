"""Shared by the `jobpulse import` tests: a read-only query helper (their `data_dir` fixture is in
tests/pipeline/conftest.py)."""

from __future__ import annotations

import duckdb


def query(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
