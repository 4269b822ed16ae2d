"""Text from postings cannot act in the places a report lands: a CSV cell that would start a
spreadsheet formula is made plain text (numbers untouched), and bidirectional controls, which can
make a line read differently from what it says, are stripped from the Markdown, HTML and tables."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
import pytest
from planted_trends import AS_OF, REPORT_WEEK
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report
from reports.formatting import BIDI_CONTROLS

FORMULA = '=HYPERLINK("http://evil.example","click")'
COMMAND = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)"
DASH = "-2+3"
BIDI_COMPANY = "Acme \u202egnp.exe\u202c Labs \u2066x\u2069"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    factory = PostingFactory()
    for weeks_back in range(8):
        week = REPORT_WEEK - timedelta(weeks=weeks_back)
        for company in (FORMULA, COMMAND, AT, DASH, BIDI_COMPANY):
            factory.add_week("ml_engineer", week, 3, {"python": 0.7}, company=company)
    work = tmp_path_factory.mktemp("hostile")
    db = write_warehouse(work / "w.duckdb", factory.frames())
    return build_report(db, work / "out", as_of=AS_OF)


def test_csv_text_cells_that_would_run_as_formulas_are_plain_text(report):
    companies = pl.read_csv(report.tables_dir / "companies.csv")
    labels = set(companies["label"])
    assert {f"'{FORMULA}", f"'{COMMAND}", f"'{AT}", f"'{DASH}"} <= labels
    assert not any(label[0] in "=+-@" for label in labels)
    assert companies["postings"].dtype == pl.Int64 and companies["postings"].min() > 0  # numbers stay numbers
    volume = pl.read_csv(report.tables_dir / "volume.csv")
    assert volume["change"].dtype != pl.String  # a negative number is not text to neutralise


def test_the_parquet_tables_keep_the_text_as_is(report):
    labels = set(pl.read_parquet(report.tables_dir / "companies.parquet")["label"])
    assert FORMULA in labels and COMMAND in labels  # Parquet is typed data, no spreadsheet evaluates it


def test_bidi_controls_are_stripped_everywhere_text_is_shown(report):
    shown = {
        "markdown": report.markdown_path.read_text(),
        "html": report.html_path.read_text(),
        "companies.csv": (report.tables_dir / "companies.csv").read_text(),
    }
    for name, text in shown.items():
        assert not set(BIDI_CONTROLS) & set(text), name
    assert "Acme gnp.exe Labs x" in shown["markdown"] and "Acme gnp.exe Labs x" in shown["html"]
