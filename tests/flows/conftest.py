"""Fixtures shared by the publishing tests."""

from __future__ import annotations

import pytest

from pipeline.publish import staged
from warehouse.db import connect


@pytest.fixture
def published(tmp_path):
    """A published warehouse holding one note."""
    db = tmp_path / "warehouse.duckdb"
    with staged(db) as staging:
        con = connect(staging)
        con.execute("CREATE TABLE notes AS SELECT 'first' AS note")
        con.close()
    return db
