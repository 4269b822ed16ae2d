"""How a reader opens the warehouse when DuckDB refuses it the file (warehouse/in_place_reads.py):
it waits out a write in place, but another holder is reported at once, as before."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.in_place_reads import open_beside_writer

LOCK_ERROR = 'IO Error: Could not set lock on file "w.duckdb": Conflicting lock is held in /usr/bin/duckdb (PID 4242)'


class Opener:
    """Stands in for duckdb.connect: refuses the file `refusals` times, then opens it."""

    def __init__(self, refusals: int):
        self.refusals, self.calls = refusals, 0

    def __call__(self, path):
        self.calls += 1
        if self.calls <= self.refusals:
            raise duckdb.IOException(LOCK_ERROR)
        return duckdb.connect()


def test_another_holder_of_the_file_is_reported(tmp_path):
    opener = Opener(refusals=10)
    with pytest.raises(duckdb.IOException, match="Conflicting lock is held in /usr/bin/duckdb"):
        open_beside_writer(tmp_path / "w.duckdb", opener)
    assert opener.calls == 2  # once more, in case a write had just ended; no waiting


def test_a_refusal_from_a_write_that_has_just_ended_is_tried_again(tmp_path):
    opener = Opener(refusals=1)
    con = open_beside_writer(tmp_path / "w.duckdb", opener)
    con.close()
    assert opener.calls == 2


def test_other_errors_are_not_retried(tmp_path):
    def broken(path):
        raise duckdb.IOException("IO Error: not a DuckDB file")

    with pytest.raises(duckdb.IOException, match="not a DuckDB file"):
        open_beside_writer(tmp_path / "w.duckdb", broken)
