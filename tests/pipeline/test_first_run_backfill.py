"""History on the first run: with no HN postings in the warehouse, `run` first backfills months of
HN threads, so the first report already has history; later runs stay incremental."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, date, datetime

import duckdb
import pytest

from jobpulse.cli import main
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard
from pipeline.backfill import months_back, with_first_run_backfill
from pipeline.sources import SourceSpec


@pytest.mark.parametrize(
    ("months", "today", "since"),
    [
        (1, date(2026, 12, 7), "2026-12"),
        (3, date(2026, 12, 7), "2026-10"),
        (36, date(2026, 12, 7), "2024-01"),
        (13, date(2026, 1, 31), "2025-01"),
    ],
)
def test_the_backfill_starts_months_minus_one_before_the_current_month(months, today, since):
    assert months_back(months, today) == since


def test_the_command_line_overrides_the_sources_file_which_overrides_the_default(tmp_path):
    today = date(2026, 12, 7)
    hn = SourceSpec("hn", backfill_months=6)
    assert with_first_run_backfill([hn], tmp_path / "none.duckdb", None, today)[1].since == "2026-07"
    assert with_first_run_backfill([hn], tmp_path / "none.duckdb", 2, today)[1].since == "2026-11"
    assert with_first_run_backfill([SourceSpec("hn")], None, None, today)[1].months == 36
    assert with_first_run_backfill([hn], None, 0, today) == ([hn], None)  # 0: no backfill


def test_an_hn_source_that_names_its_months_or_threads_is_left_alone():
    for args in ({"since": "2011-01"}, {"threads": "2396027"}):
        sources = [SourceSpec("greenhouse", ("acme",)), SourceSpec("hn", args=args)]
        assert with_first_run_backfill(sources, None, 3) == (sources, None)


@pytest.fixture(scope="module")
def first_and_second_run(tmp_path_factory, prefect_harness):
    home = tmp_path_factory.mktemp("first-run")
    today = datetime.now(UTC).date()
    corpus = generate_corpus(n_postings=400, weeks=26, end=today)
    db = home / "w.duckdb"
    outputs = []
    with SandboxBoard(corpus) as sandbox, pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBPULSE_DATA_DIR", str(home / "data"))
        sources = home / "sources.toml"
        boards = corpus.boards_with_postings("greenhouse")[:3]
        sources.write_text(
            f'[greenhouse]\nbase_url = "{sandbox.base_url}"\nboards = {json.dumps(boards)}\n'
            f'[hn]\nbase_url = "{sandbox.base_url}"\nbackfill_months = 36\n'
        )
        for _ in range(2):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                status = main(["run", "--db", str(db), "--sources", str(sources), "--backfill-months", "3"])
            outputs.append((status, out.getvalue()))
        reports = sorted((home / "data" / "reports").glob("report-*.json"))
    return {"db": db, "today": today, "outputs": outputs, "summary": json.loads(reports[-1].read_text())}


@pytest.mark.slow
def test_a_first_run_on_an_empty_warehouse_backfills_hn_and_says_so(first_and_second_run):
    (status, printed), _ = first_and_second_run["outputs"]
    since = months_back(3, first_and_second_run["today"])
    assert status == 0
    assert f"HN is backfilled 3 months (threads since {since})" in printed  # the --backfill-months override
    assert "HN backfill: " in printed and f"threads since {since}" in printed


@pytest.mark.slow
def test_the_first_report_shows_the_history_hn_brought(first_and_second_run):
    summary = first_and_second_run["summary"]
    history = {row["source"]: row for row in summary["history"]}
    since = months_back(3, first_and_second_run["today"])
    assert history["hn"]["months"] >= 2 and history["hn"]["first"] >= f"{since}-01"
    con = duckdb.connect(str(first_and_second_run["db"]), read_only=True)
    try:
        months = con.execute(
            "SELECT count(DISTINCT date_trunc('month', posted_at)) FROM postings WHERE source = 'hn'"
        ).fetchone()[0]
    finally:
        con.close()
    assert months == history["hn"]["months"]
    # The HN posts of past months are in the report's role series, before the report week.
    series = summary["all_postings"]["postings"]
    assert series and json.dumps(summary["all_postings"]).count('"period"') > 1


@pytest.mark.slow
def test_the_second_run_finds_hn_data_and_stays_incremental(first_and_second_run):
    _, (status, printed) = first_and_second_run["outputs"]
    assert status == 0 and "backfilled" not in printed and "HN backfill" not in printed
