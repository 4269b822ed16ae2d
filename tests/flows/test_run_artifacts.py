"""Each weekly run shows its headline (with the report's paths) and its counts per source as
Prefect artifacts; the served run's artifact is found through the API in tests/flows/test_serve.py."""

from __future__ import annotations

from flows.run_artifacts import counts_table, headline_markdown, headline_section

RUN = {
    "status": "partial",
    "items": 1200,
    "loaded": 1100,
    "rejected": 3,
    "flags": [{"check": "boards_not_read"}],
    "sources": {
        "greenhouse": {"status": "ok", "items": 1000, "loaded": 950, "rejected": 2, "crawl_errors": 0},
        "lever": {"status": "ok", "items": 200, "loaded": 150, "rejected": 1, "crawl_errors": 4},
    },
}

REPORT_MD = """# ML job trends, 2026-W49

_period_

## What moved

**AI Engineer** — 120 postings, up 10%

- rag ▲ 9 pts

## Overview

rest of the report
"""


def test_the_headline_artifact_is_the_reports_what_moved_section_with_its_paths(tmp_path):
    markdown = tmp_path / "report-2026-W49.md"
    markdown.write_text(REPORT_MD)
    report = {
        "week": "2026-W49",
        "markdown": str(markdown),
        "html": "/r/report-2026-W49.html",
        "json": "/r/report-2026-W49.json",
    }
    assert (
        headline_markdown(report, RUN)
        == f"""# jobpulse run: partial

1,200 items, 1,100 postings loaded, 3 rejected; quality flags: 1

Report for **2026-W49**:

- markdown: `{markdown}`
- html: `/r/report-2026-W49.html`
- json: `/r/report-2026-W49.json`

## What moved

**AI Engineer** — 120 postings, up 10%

- rag ▲ 9 pts
"""
    )


def test_a_run_without_report_says_so():
    assert headline_markdown(None, RUN).endswith("No report was written by this run (--no-report).\n")


def test_a_report_without_headline_yields_no_section():
    assert headline_section("# title\n\n## Overview\n") == ""


def test_the_counts_table_has_a_row_per_source_and_a_total():
    assert counts_table(RUN) == [
        {"source": "greenhouse", "status": "ok", "items": 1000, "loaded": 950, "rejected": 2, "crawl_errors": 0},
        {"source": "lever", "status": "ok", "items": 200, "loaded": 150, "rejected": 1, "crawl_errors": 4},
        {"source": "total", "status": "partial", "items": 1200, "loaded": 1100, "rejected": 3, "crawl_errors": 4},
    ]
