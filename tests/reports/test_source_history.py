"""The report's "History by source" table: how far back each source's postings reach."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from reports.history import history_lines, source_history


def test_each_source_gets_its_span_and_months_with_postings_by_posting_date_or_first_seen():
    postings = pl.LazyFrame({
        "source": ["hn", "hn", "hn", "greenhouse", "greenhouse"],
        "posted_at": [datetime(2024, 1, 3), datetime(2024, 1, 20), datetime(2026, 11, 2), None, datetime(2026, 9, 30)],
        "first_seen": [None, None, None, datetime(2026, 12, 1), datetime(2026, 12, 1)],
    })
    assert source_history(postings) == [
        {"source": "hn", "postings": 3, "first": "2024-01-03", "last": "2026-11-02", "months": 2},
        {"source": "greenhouse", "postings": 2, "first": "2026-09-30", "last": "2026-12-01", "months": 2},
    ]


def test_the_markdown_table_has_a_row_per_source_and_says_what_board_dates_mean():
    lines = history_lines({"history": [{"source": "hn", "postings": 3, "first": "2024-01-03", "last": "2026-11-02", "months": 2}]})
    assert lines[0] == "## History by source" and "| hn | 3 | 2024-01-03 | 2026-11-02 | 2 |" in lines
    assert any("not periods the board was watched" in line for line in lines)
    assert history_lines({"history": []}) == []
