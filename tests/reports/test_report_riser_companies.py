"""Per ML role, the companies behind its biggest risers: one employer driving a rise shows up."""

from __future__ import annotations

import pytest
from planted_trends import AS_OF, weeks_back
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report

HOSTILE = "<i>Orbit</i> & Co"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """ML engineers, 30 a week: RAG in 3 a week for 8 weeks (Orbit), then 18 a week, 15 of them Lumen's."""
    factory = PostingFactory()
    for back in range(12):
        recent = back < 4
        for i in range(30):
            rag = i < (18 if recent else 3)
            company = "Lumen" if recent and i < 15 else (HOSTILE if rag else f"Company {i}")
            factory.add(
                "ml_engineer", weeks_back(back), skills=("python", "rag") if rag else ("python",), company=company
            )
    db = write_warehouse(tmp_path_factory.mktemp("risers") / "warehouse.duckdb", factory.frames())
    return build_report(db, tmp_path_factory.mktemp("risers-out"), as_of=AS_OF)


def test_the_companies_behind_a_rising_skill_are_named(report):
    (rag,) = [r for r in report.summary["riser_companies"]["ml_engineer"] if r["skill_id"] == "rag"]
    assert rag["companies"] == [
        {"company": "Lumen", "recent": 60, "baseline": 0},
        {"company": HOSTILE, "recent": 12, "baseline": 24},
    ]
    assert report.summary["riser_companies"]["ai_engineer"] == []  # no postings, no risers


def test_they_are_in_markdown_and_escaped_in_html(report):
    markdown = report.markdown_path.read_text()
    assert "| Machine Learning Engineer | RAG (+50.0 pts) | Lumen (60, baseline 0)" in markdown
    assert "\\<i\\>Orbit\\</i\\> & Co (12, baseline 24)" in markdown  # Markdown-escaped: no tag, no &amp;
    page = report.html_path.read_text()
    assert '<section id="riser-companies">' in page and "&lt;i&gt;Orbit&lt;/i&gt; &amp; Co (12, baseline 24)" in page
