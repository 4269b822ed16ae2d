"""`jobpulse import --format smartrecruiters|workable|recruitee` loads saved API responses, each
named `<board>.json`, through the usual ingest (shared/realdata/ats_fixtures)."""

from __future__ import annotations

import shutil

import pytest

from jobpulse.cli import main
from tests.pipeline.imports_support import query
from tests.realdata import realdata_path

# format → {saved file name: recorded fixture}, and the rows expected: (board, source_id, title, has text)
SAVED = {
    "smartrecruiters": (
        # a list page saved without details lands its listings without text; a saved detail with its ad
        {
            "AutomationAnywhere1.json": "smartrecruiters_postings_page0.json",
            "Visa.json": "smartrecruiters_posting_detail_visa.json",
        },
        [
            (
                "AutomationAnywhere1",
                "743999704892584",
                "Strategic Account Manager/Senior Account Executive - Seattle  (4120)",
                False,
            ),
            ("AutomationAnywhere1", "743999706405540", "Sr. Sales Executive  (4418)", False),
            ("AutomationAnywhere1", "743999706414750", "Pricing Analyst", False),
            ("Visa", "744000133907678", "Sr. Manager", True),
        ],
    ),
    "workable": (
        {"vasion.json": "workable_widget_vasion.json", "someaccount.json": "workable_v3_jobs_sample.json"},
        [
            ("someaccount", "97904BAC90", "Data/Infrastructure Advocate Engineer - EMEA Remote", False),
            (
                "someaccount",
                "CB1DEFE6CE",
                "Senior Python Software Engineer/Open-Source Contributor - EMEA Remote",
                False,
            ),
            ("someaccount", "F8427A442D", "Senior Python Software Engineer/Open-Source Contributor - US Remote", False),
            ("vasion", "15F16B8D99", "Account Executive - UK&I / Northern Europe", True),
            ("vasion", "74172297A5", "Account Executive (Partner First) - APAC", True),
        ],
    ),
    "recruitee": (
        {"aikidosecurity.json": "recruitee_offers.json"},
        [
            ("aikidosecurity", "2705729", "Office Manager Chicago", True),
            ("aikidosecurity", "2707517", "Customer Success Engineer Dubai", True),
            ("aikidosecurity", "2707521", "Customer Success Engineer Tel Aviv", True),
        ],
    ),
}


@pytest.mark.parametrize("fmt", SAVED)
def test_saved_responses_import(tmp_path, data_dir, fmt):
    files, expected = SAVED[fmt]
    for saved_name, fixture in files.items():
        shutil.copy(realdata_path("ats_fixtures", fmt, fixture), tmp_path / saved_name)
    db = tmp_path / "w.duckdb"
    assert main(["import", "--db", str(db), "--format", fmt, *(str(tmp_path / name) for name in files)]) == 0
    rows = query(
        db,
        "SELECT board, source_id, title, coalesce(description_text, '') <> '' FROM postings "
        f"WHERE source = '{fmt}' ORDER BY 1, 2",
    )
    assert rows == expected
    assert query(db, "SELECT count(*) FROM rejects") == [(0,)]
    if fmt == "recruitee":  # the one source here with a structured salary; its dates are UTC words
        assert query(
            db,
            "SELECT source_id, salary_currency, salary_period, posted_at::VARCHAR, remote "
            "FROM postings WHERE salary_currency IS NOT NULL",
        ) == [("2705729", "USD", "year", "2026-08-10 15:13:59", "onsite")]
