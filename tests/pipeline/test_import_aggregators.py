"""`jobpulse import --format remoteok|remotive|arbeitnow|himalayas|themuse FILE`: saved aggregator
responses become landing records (then the usual ingest), filed under the aggregator."""

from __future__ import annotations

import json

import duckdb
import pytest

from jobpulse.cli import main
from pipeline.import_files import write_landing
from tests.realdata import realdata_path

SAVED = [  # format, recorded file, postings in it
    ("remoteok", "remoteok/remoteok_api_full.json", 4),  # the legal notice is no posting
    ("remoteok", "remoteok/remoteok_api_excerpt.json", 4),
    ("remotive", "remotive/remotive_remote_jobs_full.json", 5),
    ("remotive", "remotive/remotive_remote_jobs_with_notices.json", 4),
    ("arbeitnow", "arbeitnow/arbeitnow_job_board_api_full.json", 5),
    ("himalayas", "himalayas/himalayas_jobs_api.json", 4),
    ("himalayas", "himalayas/himalayas_jobs_api_2.json", 3),
    ("themuse", "themuse/themuse_jobs_202_items.json", 202),  # results saved under "jobs"
]


@pytest.mark.parametrize("fmt, name, count", SAVED)
def test_a_saved_response_becomes_one_record_per_posting(tmp_path, fmt, name, count):
    landing = tmp_path / "landing.jsonl"
    assert write_landing(fmt, realdata_path("ats_fixtures", *name.split("/")), landing) == count
    records = [json.loads(line) for line in landing.read_text(encoding="utf-8").splitlines()]
    assert {(r["source"], r["board"]) for r in records} == {(fmt, fmt)}  # not the file's name
    assert not any("_reject" in r for r in records)


def test_import_loads_the_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "w.duckdb"
    saved = realdata_path("ats_fixtures", "himalayas", "himalayas_jobs_api.json")
    assert main(["import", "--db", str(db), "--format", "himalayas", str(saved)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT company, salary_min, salary_max, salary_currency, salary_period FROM postings "
            "WHERE source = 'himalayas' ORDER BY company"
        ).fetchall()
    finally:
        con.close()
    assert [row[0] for row in rows] == ["Binance", "Ceragon Networks", "Mindrift", "NVIDIA"]
    assert rows[3][1:] == (184000.0, 356500.0, "USD", "year")
