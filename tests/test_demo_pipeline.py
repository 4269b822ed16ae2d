"""The whole pipeline, offline: real spiders crawl the sandbox board, Prefect flows load the
warehouse, and the report recovers every trend planted in the corpus — and nothing else."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from jobpulse.demo import run_demo
from jobpulse.sandbox import careers, generate_corpus, planted_trends, wire_aggregators
from jobpulse.sandbox.corpus import ATS_NAMES
from tests.golden.report_digest import golden, html_digest, json_digest, text_digest

AS_OF = date(2026, 11, 25)  # a Wednesday: the report week is 2026-W47 (16–22 November)
SEED = 7

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory, prefect_harness):
    demo_dir = tmp_path_factory.mktemp("demo")
    status = run_demo(demo_dir=demo_dir, db_path=demo_dir / "warehouse.duckdb", fresh=True, seed=SEED, as_of=AS_OF)
    summary = json.loads((demo_dir / "reports" / "report-2026-W47.json").read_text())
    return {"dir": demo_dir, "status": status, "summary": summary}


def trend_id(trend) -> str:
    return f"{trend.role}:{trend.skill or 'volume'}"


def call_for(summary, role, skill):
    calls = {t["skill_id"]: t["call"] for t in summary["roles"][role]["trends"]}
    return calls.get(skill, "absent")


def test_the_demo_succeeds(demo):
    # It says how long it took ("demo finished in N s"); the time is for reading, not asserted.
    assert demo["status"] == 0


def test_every_posting_served_lands_once(demo):
    corpus = generate_corpus(seed=SEED, end=AS_OF)
    expected = {
        ats: sum(len(corpus.postings_on(corpus.company(ats, t))) for t in corpus.boards(ats)) for ats in ATS_NAMES
    }
    expected["hn"] = len(corpus.hn_job_posts())
    expected |= {name: len(wire_aggregators.listed(corpus, name, AS_OF)) for name in wire_aggregators.AGGREGATORS}
    expected["careers"] = sum(
        len(careers.posted(corpus, site, AS_OF)) for site in careers.career_sites(corpus).values()
    )
    con = duckdb.connect(str(demo["dir"] / "warehouse.duckdb"), read_only=True)
    try:
        landed = dict(con.execute("SELECT source, count(*) FROM postings GROUP BY source").fetchall())
        rejects = con.execute("SELECT count(*) FROM rejects").fetchall()[0][0]
        crawls = con.execute("SELECT source, status FROM runs WHERE kind = 'crawl' ORDER BY source").fetchall()
    finally:
        con.close()
    assert landed == expected
    assert rejects == 0
    assert crawls == sorted((source, "ok") for source in expected)


@pytest.mark.parametrize(
    "trend", [t for t in planted_trends() if t.skill and t.kind in ("rising", "falling")], ids=trend_id
)
def test_planted_skill_trends_are_called(demo, trend):
    assert call_for(demo["summary"], trend.role, trend.skill) == trend.kind


@pytest.mark.parametrize("trend", [t for t in planted_trends() if t.kind == "stable"], ids=trend_id)
def test_planted_stable_skills_are_not_called_trends(demo, trend):
    assert call_for(demo["summary"], trend.role, trend.skill) == "stable"


@pytest.mark.parametrize("trend", [t for t in planted_trends() if t.kind == "rare"], ids=trend_id)
def test_a_handful_of_mentions_is_never_a_trend(demo, trend):
    assert call_for(demo["summary"], trend.role, trend.skill) == "too_few"


@pytest.mark.parametrize("trend", [t for t in planted_trends() if t.is_volume], ids=trend_id)
def test_planted_volume_growth_is_called_growing(demo, trend):
    assert demo["summary"]["roles"][trend.role]["postings"]["verdict"] == "growing"


def test_the_report_is_written_as_markdown_and_html(demo):
    reports = demo["dir"] / "reports"
    html = (reports / "report-2026-W47.html").read_text()
    markdown = (reports / "report-2026-W47.md").read_text()
    for role in ("data_scientist", "ml_engineer", "ai_engineer", "research_scientist", "research_engineer"):
        assert f'id="role-{role}"' in html
    assert "AI Engineer" in markdown and "rag" in markdown.lower()


@pytest.mark.parametrize(
    "trend", [t for t in planted_trends() if t.skill and t.kind in ("rising", "falling")], ids=trend_id
)
def test_planted_skill_trends_get_their_growth_category(demo, trend):
    category = next(
        t["category"] for t in demo["summary"]["roles"][trend.role]["trends"] if t["skill_id"] == trend.skill
    )
    assert category in (("growing", "rapidly growing") if trend.kind == "rising" else ("declining",))


def test_aggregator_copies_of_board_postings_are_counted_once(demo):
    """Aggregators re-publish board postings; each copy joins its original's duplicate cluster."""
    con = duckdb.connect(str(demo["dir"] / "warehouse.duckdb"), read_only=True)
    try:
        ((copies, clustered_with_a_board),) = con.execute(f"""
            SELECT count(*), count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM postings o WHERE o.cluster_id = a.cluster_id AND o.source IN {tuple(ATS_NAMES)}))
            FROM postings a WHERE a.source IN {tuple(wire_aggregators.AGGREGATORS)}""").fetchall()
    finally:
        con.close()
    assert copies > 1000
    assert clustered_with_a_board == copies


def test_the_reports_explorer_link_is_never_dead(demo):
    reports = demo["dir"] / "reports"
    assert 'href="explore.html"' in (reports / "report-2026-W47.html").read_text()
    assert "<html" in (reports / "explore.html").read_text()[:500].lower()


def test_the_report_matches_the_golden_copy_taken_before_the_reshaping(demo):
    """Same corpus, same as-of date: the same report, in JSON, Markdown and HTML (generation
    metadata aside, see tests/golden/report_digest.py)."""
    reports = demo["dir"] / "reports"
    report = json.loads((reports / "report-2026-W47.json").read_text())
    assert json.dumps(json_digest(report), indent=1, sort_keys=True) == golden("demo-report.json.gz")
    assert text_digest((reports / "report-2026-W47.md").read_text()) == golden("demo-report.md.gz")
    assert "\n".join(html_digest((reports / "report-2026-W47.html").read_text())) == golden("demo-report.html.gz")
