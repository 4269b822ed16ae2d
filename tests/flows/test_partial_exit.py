"""A run that could not read every board is 'partial': it is published and recorded with a flag
naming the boards, and `run` and `crawl` exit with status 3 so a scheduler notices."""

from __future__ import annotations

import json

import pytest

from jobpulse.cli import main
from jobpulse.commands import PARTIAL_EXIT
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard
from warehouse.db import connect


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=120, weeks=6)


def test_run_with_a_failed_board_is_partial_and_exits_3(tmp_path, prefect_harness, corpus, monkeypatch, capsys):
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    boards = corpus.boards_with_postings("greenhouse")[:2]
    with SandboxBoard(corpus, faults={boards[1]: "not_found"}) as sandbox:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[greenhouse]\nboards = {json.dumps(boards)}\nbase_url = "{sandbox.base_url}"\n')
        code = main(["run", "--sources", str(sources)])
        crawl_code = main(["crawl", "--source", "greenhouse", "--board", boards[1], "--base-url", sandbox.base_url])
    out = capsys.readouterr().out
    assert code == PARTIAL_EXIT == 3, out
    assert (
        "partial" in out
        and f"boards_not_read: greenhouse: 1 boards not read in full: {boards[1]} (failed: not found (404))" in out
    )
    con = connect(tmp_path / "data" / "warehouse.duckdb", read_only=True)  # published, despite the failed board
    try:
        ((status, flags),) = con.execute(
            "SELECT status, json_extract(detail, '$.flags') FROM runs WHERE kind = 'pipeline'"
        ).fetchall()
        postings = con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
    finally:
        con.close()
    assert status == "partial" and "boards_not_read" in flags and postings > 0
    assert crawl_code == PARTIAL_EXIT
