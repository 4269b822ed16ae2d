"""A scheduled run that cannot read every board reaches someone: it logs at ERROR and ends in a
Failed state named "Partial" (an automation can route `prefect.flow-run.Partial` or any Failed run;
README "When a run fails"). The data it did read is still published. A run that could read no board
at all ends Failed and publishes nothing."""

from __future__ import annotations

import json
import logging
import re

import pytest

from flows.serve import scheduled_pipeline
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard

pytestmark = pytest.mark.slow


def test_a_scheduled_run_with_a_failing_board_ends_failed_named_partial_and_logs_error(
    tmp_path, prefect_harness, caplog, capsys
):
    corpus = generate_corpus(n_postings=120, weeks=6)
    boards = corpus.boards_with_postings("greenhouse")[:2]
    with SandboxBoard(corpus, faults={boards[1]: "not_found"}) as sandbox:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[greenhouse]\nboards = {json.dumps(boards)}\nbase_url = "{sandbox.base_url}"\n')
        state = scheduled_pipeline(
            str(sources), str(tmp_path / "w.duckdb"), str(tmp_path / "data"), write_report=False, return_state=True
        )
    assert state.is_failed() and state.name == "Partial"
    assert state.message.startswith("pipeline run ") and f"{boards[1]} (failed" in state.message
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR and r.name == "prefect.flow_runs"]
    assert state.message in errors
    assert (tmp_path / "w.duckdb").exists()  # what was read is published
    # serve's terminal shows one line per run (the runner streams the run's stdout there)
    assert re.search(r"^weekly \d{4}-W\d\d: partial \(pipeline run \S+\)$", capsys.readouterr().out, re.MULTILINE)


def test_a_scheduled_run_whose_every_board_fails_ends_failed_logs_error_and_publishes_nothing(
    tmp_path, prefect_harness, caplog, capsys
):
    corpus = generate_corpus(n_postings=120, weeks=6)
    boards = corpus.boards_with_postings("greenhouse")[:2]
    with SandboxBoard(corpus, faults={board: "not_found" for board in boards}) as sandbox:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[greenhouse]\nboards = {json.dumps(boards)}\nbase_url = "{sandbox.base_url}"\n')
        state = scheduled_pipeline(
            str(sources), str(tmp_path / "w.duckdb"), str(tmp_path / "data"), write_report=False, return_state=True
        )
    assert state.is_failed() and state.name == "Failed"
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR and r.name == "prefect.flow_runs"]
    assert any(message.startswith("pipeline run failed: ") for message in errors), errors
    assert not (tmp_path / "w.duckdb").exists()
    assert re.search(r"^weekly \d{4}-W\d\d: failed: ", capsys.readouterr().out, re.MULTILINE)
