"""The data-quality section: crawls from the runs table, postings per source, rejects, flags."""

import json
from datetime import date, datetime

import polars as pl
import pytest
from planted_trends import AS_OF, XSS_REJECT_REASON
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report


@pytest.fixture
def quality(planted_report) -> dict:
    return planted_report.summary["quality"]


def source(quality: dict, name: str) -> dict:
    return next(s for s in quality["sources"] if s["source"] == name)


def test_the_last_crawl_of_each_source_with_its_counters_and_boards(quality):
    greenhouse = source(quality, "greenhouse")["last_crawl"]
    assert (greenhouse["status"], greenhouse["requests"], greenhouse["items"]) == ("ok", 12, 900)
    assert greenhouse["boards"] == ["acme", "globex", "initech"]  # named by the ingest run of that crawl
    lever = source(quality, "lever")
    assert lever["last_crawl"]["responses_by_status"] == {"200": 6, "429": 3}
    assert (lever["crawl_runs"], lever["failed_crawls"], lever["total"]) == (1, 1, 0)  # crawled, nothing loaded


def test_postings_per_source(quality, planted_report):
    synthetic = source(quality, "synthetic")
    assert synthetic["total"] == planted_report.summary["data"]["postings_total"]
    assert synthetic["current"] == planted_report.summary["all_postings"]["postings"]["current"]
    assert synthetic["last_crawl"] is None  # imported, never crawled


def test_rejects_are_counted_by_reason(quality):
    assert quality["rejects"]["total"] == 4
    assert [(r["reason"], r["rejects"]) for r in quality["rejects"]["by_reason"]] == [
        ("missing required field: title", 3),
        (XSS_REJECT_REASON, 1),
    ]


def test_what_the_runs_flag(quality):
    flags = "\n".join(quality["flags"])
    assert "The last crawl of lever failed: HTTP 429." in flags
    assert "3 × HTTP 429" in flags and "logged 2 error(s)" in flags
    assert "4 input record(s) were refused" in flags
    assert "greenhouse" not in flags


def test_the_quality_section_is_rendered_and_escaped(planted_report):
    page = planted_report.html_path.read_text()
    assert '<section id="data-quality">' in page and "initech" not in page  # boards are counted, not listed
    assert XSS_REJECT_REASON not in page and "&lt;svg onload=alert(2)&gt;" in page
    markdown = planted_report.markdown_path.read_text()
    assert "## Data quality" in markdown and XSS_REJECT_REASON not in markdown


def test_a_warehouse_without_runs_or_rejects_flags_only_what_it_knows(tmp_path):
    factory = PostingFactory()
    factory.add("mystery_role", date(2026, 11, 16))
    factory.add("ai_engineer", date(2026, 11, 9), source="lever")  # a source that went quiet this week
    result = build_report(write_warehouse(tmp_path / "w.duckdb", factory.frames()), tmp_path / "out", as_of=AS_OF)
    quality = result.summary["quality"]
    assert quality["rejects"] == {"total": 0, "by_reason": []}
    assert quality["flags"] == [
        "lever has no postings in the report period (1 the period before).",
        "1 posting(s) carry an unknown role id and are left out of the role sections.",
    ]


def test_board_failures_pipeline_flags_and_gaps_are_flagged(tmp_path):
    factory = PostingFactory()
    for week in (date(2026, 11, 2), date(2026, 11, 16)):  # nothing in W46: a gap
        factory.add("ai_engineer", week, source="greenhouse")
    started = datetime(2026, 11, 23, 6)
    boards = {"acme": {"status": "ok", "items": 2}, "globex": {"status": "failed", "reason": "not found (404)"}}
    pipeline = {
        "flags": [{"check": "count_drop", "source": "greenhouse", "message": "greenhouse: 2 items, down from 40"}]
    }
    factory.tables["runs"] = pl.DataFrame(
        [
            {
                "run_id": "c1",
                "kind": "crawl",
                "source": "greenhouse",
                "started_at": started,
                "status": "ok",
                "items": 2,
                "detail": json.dumps(
                    {"requests": 3, "responses_by_status": {"200": 2, "404": 1}, "items": 2, "boards": boards}
                ),
            },
            {
                "run_id": "p1",
                "kind": "pipeline",
                "source": None,
                "started_at": started,
                "status": "ok",
                "items": 2,
                "detail": json.dumps(pipeline),
            },
        ]
    )
    result = build_report(write_warehouse(tmp_path / "w.duckdb", factory.frames()), tmp_path / "out", as_of=AS_OF)
    quality = result.summary["quality"]
    assert quality["sources"][0]["last_crawl"]["boards"] == ["acme", "globex"]
    flags = quality["flags"]
    # Without recorded coverage a period counts as covered when it has postings: W46 is a gap.
    assert flags[0].startswith("1 period(s) have no coverage (2026-W46)")
    assert "The last crawl of greenhouse could not read board globex: not found (404)." in flags
    assert "Last pipeline run: greenhouse: 2 items, down from 40" in flags
