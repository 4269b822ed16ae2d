"""The report's "History by source" table: how far back each source's postings reach."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from reports.history import history_lines, source_history, survivors


def test_each_source_gets_its_span_and_months_with_postings_by_posting_date_or_first_seen():
    postings = pl.LazyFrame(
        {
            "source": ["hn", "hn", "hn", "greenhouse", "greenhouse"],
            "posted_at": [
                datetime(2024, 1, 3),
                datetime(2024, 1, 20),
                datetime(2026, 11, 2),
                None,
                datetime(2026, 9, 30),
            ],
            "first_seen": [None, None, None, datetime(2026, 12, 1), datetime(2026, 12, 1)],
        }
    )
    assert source_history(postings) == [
        {"source": "hn", "postings": 3, "first": "2024-01-03", "last": "2026-11-02", "months": 2},
        {"source": "greenhouse", "postings": 2, "first": "2026-09-30", "last": "2026-12-01", "months": 2},
    ]


def test_the_markdown_table_has_a_row_per_source_and_says_what_board_dates_mean():
    lines = history_lines([{"source": "hn", "postings": 3, "first": "2024-01-03", "last": "2026-11-02", "months": 2}])
    assert lines[0] == "## History by source" and "| hn | 3 | 2024-01-03 | 2026-11-02 | 2 |" in lines
    assert any("not periods the board was watched" in line for line in lines)
    assert history_lines([]) == []


def test_postings_published_before_a_sources_first_crawl_are_a_labelled_series_of_survivors_only():
    postings = pl.LazyFrame(
        {
            "source": ["greenhouse", "greenhouse", "greenhouse", "greenhouse", "hn"],
            "posted_at": [
                datetime(2026, 9, 3),
                datetime(2026, 9, 20),
                datetime(2026, 11, 2),
                datetime(2026, 12, 2),
                datetime(2024, 1, 1),
            ],
            "first_seen": [
                datetime(2026, 12, 1),
                datetime(2026, 12, 1),
                datetime(2026, 12, 1),
                datetime(2026, 12, 8),
                datetime(2026, 12, 1),
            ],
        }
    )
    (greenhouse,) = survivors(postings)  # HN threads are history of their own, not survivors
    assert greenhouse == {
        "source": "greenhouse",
        "first_crawl": "2026-12-01",
        "months": [{"month": "2026-09", "postings": 2}, {"month": "2026-11", "postings": 1}],
    }
    lines = history_lines(
        [{"source": "greenhouse", "postings": 4, "first": "2026-09-03", "last": "2026-12-02", "months": 3}],
        [greenhouse],
    )
    assert "- greenhouse (first crawled 2026-12-01): 2026-09: 2, 2026-11: 1" in lines
    assert any("not covered periods and no trend" in line for line in lines)
