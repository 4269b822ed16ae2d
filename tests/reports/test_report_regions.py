"""The report's region section: top countries and remote vs not, each a share of ML postings in the
recent window against the baseline, called with the report's statistics and minimum counts."""

from __future__ import annotations

import polars as pl
import pytest
from planted_trends import AS_OF, weeks_back
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report

WEEKLY = 30  # ML engineer postings a week, 4 recent weeks and 8 baseline weeks


def country_of(i: int, recent: bool) -> str | None:
    """Germany 3 → 12 of 30 a week (rising), the US 15 of 30 throughout, France once, the rest unknown."""
    if i < (12 if recent else 3):
        return "DE"
    if i < (12 if recent else 3) + 15:
        return "US"
    return None


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    factory, countries = PostingFactory(), {}
    for back in range(12):
        recent = back < 4
        for i in range(WEEKLY):
            remote = "remote" if i < (18 if recent else 6) else "onsite"
            posting = factory.add("ml_engineer", weeks_back(back), remote=remote)
            countries[posting] = country_of(i, recent)
    countries[factory.add("ml_engineer", weeks_back(5), remote="hybrid")] = "FR"
    frames = factory.frames()
    frames["postings"] = frames["postings"].with_columns(
        country=pl.col("posting_id").replace_strict(countries, default=None)
    )
    db = write_warehouse(tmp_path_factory.mktemp("regions") / "warehouse.duckdb", frames)
    return build_report(db, tmp_path_factory.mktemp("regions-out"), as_of=AS_OF)


def rows(report, part: str) -> dict[str, dict]:
    return {row["value"]: row for row in report.summary["regions"][part]}


def test_windows_count_every_ml_posting(report):
    regions = report.summary["regions"]
    assert (regions["recent"]["postings"], regions["baseline"]["postings"]) == (4 * WEEKLY, 8 * WEEKLY + 1)


def test_a_country_rising_in_share_is_called_rising_and_a_steady_one_stable(report):
    countries = rows(report, "countries")
    assert list(countries) == ["US", "DE", "FR"]  # by postings over both windows
    de = countries["DE"]
    assert (de["recent"], de["baseline"]) == (48, 24)
    assert de["recent_share"] == pytest.approx(48 / 120) and de["baseline_share"] == pytest.approx(24 / 241)
    assert de["verdict"] == "rising" and de["q_value"] < 0.01
    assert countries["US"]["verdict"] == "stable"
    assert countries["FR"]["verdict"] == "too few to tell" and countries["FR"]["p_value"] is None


def test_remote_work_rising_and_onsite_falling(report):
    places = rows(report, "workplaces")
    assert places["remote"]["verdict"] == "rising" and places["onsite"]["verdict"] == "falling"
    assert (places["remote"]["recent"], places["remote"]["baseline"]) == (72, 48)
    assert places["hybrid"]["verdict"] == "too few to tell"


def test_the_section_is_in_markdown_and_html(report):
    markdown = report.markdown_path.read_text()
    assert "## Regions" in markdown and "| DE | 48 (40.0%) |" in markdown
    page = report.html_path.read_text()
    assert '<section id="regions">' in page and "<td>remote</td>" in page
