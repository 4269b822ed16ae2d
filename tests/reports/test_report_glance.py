"""The report at a glance: the role × skill grid under the headline, one comparison behind each trend
column, fallers in the history charts, thin shares marked, pay from enough postings, one name per
employer, Markdown escaped the Markdown way, a JSON that says what it is, and the seed article named."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib import metadata
from types import SimpleNamespace

import polars as pl
import pytest
from planted_trends import AS_OF, REPORT_WEEK
from report_warehouse import PostingFactory, write_warehouse

from reports import formatting as fmt
from reports.build import SCHEMA_VERSION, build_report
from reports.html_sections import share_cell
from reports.render_markdown import md_text, share_text
from reports.skills import RULES, history_skills
from reports.trends import fold_companies


def test_the_grid_shows_which_skill_moved_for_which_role(planted_report):
    grid = planted_report.summary["headline"]["grid"]
    rows = {row["id"]: row["cells"] for row in grid["roles"]}
    assert {"rag", "tensorflow"} <= {s["skill_id"] for s in grid["skills"]}
    rag, tensorflow = rows["ml_engineer"]["rag"], rows["ml_engineer"]["tensorflow"]
    called = {t["skill_id"]: t for t in planted_report.summary["roles"]["ml_engineer"]["trends"]}
    assert rag["direction"] == "rising" and rag["q"] < RULES.alpha and rag["change_pts"] == called["rag"]["change_pts"]
    assert tensorflow["direction"] == "falling" and tensorflow["change_pts"] == called["tensorflow"]["change_pts"]
    assert rag["change_pts"] == pytest.approx(49.1, abs=0.05)  # 10% → 60% planted, one extra posting in the report week
    page = planted_report.html_path.read_text()
    assert page.index('data-grid="role-skill"') < page.index(
        'id="overview"'
    )  # under the headline, before everything else
    assert '<td class="rising" data-skill="rag">▲ +49.1<br><small>q &lt; 0.001</small></td>' in page
    markdown = planted_report.markdown_path.read_text()
    assert markdown.index("### Which skills moved for which role") < markdown.index("## Overview")


def test_the_top_skills_change_and_trend_are_one_comparison(planted_report):
    """The change shown beside the trend is the recent-vs-baseline change the call rests on, never week over week."""
    for section in [planted_report.summary["overview"], *planted_report.summary["roles"].values()]:
        calls = {t["skill_id"]: t for t in section["trends"]}
        for skill in section["top_skills"]:
            trend = calls[skill["skill_id"]]
            assert skill["trend_change_pts"] == trend["change_pts"] and skill["category"] == trend["category"]
            if skill["call"] == "stable":  # never a big move called stable beside a small one called growing
                assert abs(skill["trend_change_pts"]) < RULES.min_change_pts or skill["q"] >= RULES.alpha
    markdown = planted_report.markdown_path.read_text()
    assert "| Change (pts, recent vs baseline) | q | Trend |" in markdown


def test_a_faller_is_drawn_even_when_risers_alone_would_fill_the_chart():
    trends = [
        {"skill_id": f"up{i}", "call": "rising", "change_pts": 30.0 - i, "recent_share": 0.5, "recent_mentions": 50}
        for i in range(6)
    ]
    trends.append(
        {"skill_id": "down", "call": "falling", "change_pts": -6.0, "recent_share": 0.1, "recent_mentions": 5}
    )
    chosen = history_skills([], trends, RULES)
    assert chosen[:2] == ["up0", "down"] and len(chosen) == RULES.history_skills


def test_the_planted_faller_has_its_own_history_chart(planted_report):
    history = planted_report.summary["roles"]["ml_engineer"]["skill_history"]
    assert "tensorflow" in [s["skill_id"] for s in history["skills"]]
    page = planted_report.html_path.read_text()
    assert "TensorFlow (falling)" in page  # a small multiple of its own, on its own scale


def test_shares_from_few_postings_are_marked():
    assert fmt.thin(fmt.MIN_SHARE_BASE - 1) and not fmt.thin(fmt.MIN_SHARE_BASE) and not fmt.thin(None)
    assert share_cell(0.25, 8) == '<span class="thin" title="from 8 postings (under 20)">25.0%</span>'
    assert share_cell(0.25, 80) == "25.0%"
    assert share_text(0.25, 8) == "_25.0% (n=8)_" and share_text(0.25, 80) == "25.0%"
    assert fmt.mix_bases([SimpleNamespace(recent=3, baseline=10), SimpleNamespace(recent=4, baseline=2)]) == (7, 12)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Fraud & risk", "Fraud & risk"),  # not &amp;: Markdown is not HTML
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),  # no inline HTML reaches GitHub's renderer
        ("AT&amp;T", "AT\\&amp;T"),  # an entity-looking run stays literal
        ("C# | *ML*", "C\\# \\| \\*ML\\*"),
    ],
)
def test_markdown_text_is_escaped_for_markdown(text, escaped):
    assert md_text(text) == escaped


def test_the_json_says_its_schema_time_and_version(planted_report):
    written = json.loads(planted_report.json_path.read_text())
    assert list(written)[:3] == ["schema_version", "generated_at", "jobpulse_version"]
    assert written["schema_version"] == SCHEMA_VERSION
    assert abs(datetime.fromisoformat(written["generated_at"]) - datetime.now().astimezone()) < timedelta(hours=1)
    assert written["jobpulse_version"] == metadata.version("jobpulse")


def test_the_seed_article_is_named_with_its_claims(planted_report):
    assert fmt.ARTICLE == "Top Machine Learning Jobs and How to Prepare For Them"
    markdown, page = planted_report.markdown_path.read_text(), planted_report.html_path.read_text()
    assert f"### Article check: what “{fmt.ARTICLE}” says this role uses" in markdown
    assert f"Each row is one claim of the article “{fmt.ARTICLE}”" in page
    assert planted_report.summary["roles"]["ml_engineer"]["article_check"]  # the claims, one row each


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """A week of Data Scientist postings: pay stated by 6 seniors and 4 mids; one employer under its slug and its
    name."""
    factory = PostingFactory()
    for i in range(12):
        seniority = "senior" if i < 6 else "mid" if i < 10 else None
        pay = (
            {"salary_annual_min": 100_000.0 + i, "salary_annual_max": 120_000.0 + i, "salary_currency": "USD"}
            if seniority
            else {}
        )
        company = "lanternwicksecurity" if i % 3 == 0 else "Lanternwick Security" if i % 3 == 1 else "Other Co"
        factory.add("data_scientist", REPORT_WEEK, company=company, seniority=seniority, **pay)
    folder = tmp_path_factory.mktemp("glance")
    return build_report(write_warehouse(folder / "warehouse.duckdb", factory.frames()), folder / "out", as_of=AS_OF)


def test_pay_rows_need_five_postings_with_pay(small_report):
    pay = small_report.summary["roles"]["data_scientist"]["salary"]
    assert {(r["seniority"], r["disclosed"]) for r in pay["by_seniority"]} == {
        ("all", 10),
        ("senior", 6),
    }  # mid (4) left out
    assert {d["seniority"]: d["disclosed"] for d in pay["disclosure"]}["mid"] == 4  # still counted as disclosing


def test_a_slug_and_its_display_name_are_one_company(small_report):
    companies = small_report.summary["roles"]["data_scientist"]["top_companies"]
    assert companies == [{"label": "Lanternwick Security", "postings": 8}, {"label": "Other Co", "postings": 4}]


def test_folding_prefers_the_written_name_over_the_slug():
    frame = pl.LazyFrame({"section": ["s"] * 4, "company": ["acmeai", "acmeai", "acmeai", "Acme AI"]})
    assert fold_companies(frame).collect().rows() == [("s", "Acme AI", 4)]
