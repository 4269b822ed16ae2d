"""build_report(): the files it writes, the period it picks, escaping, and awkward inputs."""

import json
from datetime import date
from html.parser import HTMLParser
from importlib import resources

import duckdb
import pytest
from planted_trends import AS_OF, XSS_COMPANY, XSS_SKILL_NAME, XSS_TITLE
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report
from reports.taxonomy import ML_ROLES, SUBSECTIONS
from warehouse.db import WarehouseMissing

ROLE_NAMES = ["Data Scientist", "Machine Learning Engineer", "AI Engineer", "Research Scientist", "Research Engineer"]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.section_ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "section":
            self.section_ids.append(dict(attrs).get("id"))


def test_writes_markdown_html_json_tables_and_index_named_after_the_week(planted_report):
    assert planted_report.week == "2026-W47" and planted_report.period == "week"
    paths = {".md": planted_report.markdown_path, ".html": planted_report.html_path, ".json": planted_report.json_path}
    for suffix, path in paths.items():
        assert path.name == f"report-2026-W47{suffix}" and path.stat().st_size > 0
    assert json.loads(planted_report.json_path.read_text()) == planted_report.summary
    assert planted_report.tables_dir.name == "report-2026-W47-tables"
    assert {p.name for p in planted_report.html_path.parent.iterdir()} == {
        "report-2026-W47.md",
        "report-2026-W47.html",
        "report-2026-W47.json",
        "report-2026-W47-tables",
        "index.html",
        "index.md",
    }


def test_every_role_and_sub_section_is_in_both_formats(planted_report):
    parser = _Tags()
    parser.feed(planted_report.html_path.read_text())
    expected = {f"role-{role}" for role in ML_ROLES} | {f"role-{parent}-{sub}" for sub, parent in SUBSECTIONS.items()}
    assert expected | {"overview", "overview-all", "all-postings", "data-quality", "notes"} <= set(parser.section_ids)
    assert not {"script", "link", "img", "iframe"} & set(parser.tags)  # self-contained, no JS
    markdown = planted_report.markdown_path.read_text()
    for name in ROLE_NAMES:
        assert f"\n## {name}\n" in markdown
    assert "\n### Machine Learning Engineer — ML platform\n" in markdown
    assert "## Notes" in markdown and "Benjamini–Hochberg" in markdown and "rapidly growing = rising" in markdown


def test_text_from_postings_is_escaped(planted_report):
    page = planted_report.html_path.read_text()
    assert XSS_TITLE not in page and "<img src=x" not in page and XSS_COMPANY not in page
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page  # the title variant
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the skill name
    assert "Evil &amp; &quot;Co&quot; &lt;b&gt;" in page  # the company
    markdown = planted_report.markdown_path.read_text()
    assert XSS_TITLE not in markdown and XSS_SKILL_NAME not in markdown and XSS_COMPANY not in markdown
    assert (
        "\\<script\\>" in markdown and "&lt;" not in markdown
    )  # escaped for Markdown, with backslashes, not HTML entities


def test_charts_and_sparklines_in_both_formats(planted_report):
    page = planted_report.html_path.read_text()
    for chart in ("volume", "top-skills", "moves", "skill-history", "seniority", "remote", "salary"):
        assert f'data-chart="{chart}"' in page
    assert any(block in planted_report.markdown_path.read_text() for block in "▁▂▃▄▅▆▇█")


def test_an_explicit_week_and_rerunning_overwrites(planted_warehouse, tmp_path):
    first = build_report(planted_warehouse, tmp_path, as_of=AS_OF, week="2026-W45")
    assert first.week == "2026-W45" and first.summary["roles"]["ai_engineer"]["postings"]["week"] == 40
    first.markdown_path.write_text("stale")
    again = build_report(planted_warehouse, tmp_path, as_of=AS_OF, week="2026-W45")
    assert again.markdown_path.read_text().startswith("# jobpulse weekly trend report — 2026-W45")


def test_default_week_is_the_latest_complete_week_before_as_of(planted_warehouse, tmp_path):
    assert build_report(planted_warehouse, tmp_path, as_of=date(2026, 11, 22)).week == "2026-W46"
    assert build_report(planted_warehouse, tmp_path, as_of=date(2026, 11, 23)).week == "2026-W47"


def test_monthly_and_quarterly_reports_sit_beside_the_weekly_ones(planted_warehouse, tmp_path):
    weekly = build_report(planted_warehouse, tmp_path, as_of=AS_OF)
    monthly = build_report(planted_warehouse, tmp_path, as_of=AS_OF, period="month")
    quarterly = build_report(planted_warehouse, tmp_path, as_of=date(2026, 10, 2), period="quarter")
    assert (monthly.week, monthly.json_path.name, quarterly.json_path.name) == (
        "2026-10",
        "report-2026-10.json",
        "report-2026-Q3.json",
    )
    assert monthly.markdown_path.read_text().startswith("# jobpulse monthly trend report — 2026-10")
    assert monthly.summary["windows"]["recent"]["periods"] == 3
    index = (tmp_path / "index.md").read_text()
    assert all(f"[HTML]({r.html_path.name})" in index for r in (weekly, monthly, quarterly))


def test_week_names_a_week_only(planted_warehouse, tmp_path):
    with pytest.raises(ValueError, match="cannot be combined with --period month"):
        build_report(planted_warehouse, tmp_path, as_of=AS_OF, week="2026-W45", period="month")
    assert build_report(planted_warehouse, tmp_path, period="month", period_label="2026-09").week == "2026-09"


def test_an_empty_warehouse_gives_a_clear_report(tmp_path):
    db = write_warehouse(tmp_path / "empty.duckdb", {})
    result = build_report(db, tmp_path / "out", as_of=AS_OF)
    assert result.summary["data"]["empty"] is True
    # Nothing covers any period of an empty warehouse: no data, not "steady".
    assert all(role["postings"]["verdict"] == "no data" for role in result.summary["roles"].values())
    assert "holds no postings yet" in result.markdown_path.read_text()
    page = result.html_path.read_text()
    assert "holds no postings yet" in page
    assert all(f'<section id="role-{role}"' in page for role in ML_ROLES)


def test_a_week_without_postings_says_so(planted_warehouse, tmp_path):
    result = build_report(planted_warehouse, tmp_path, as_of=AS_OF, week="2025-W10")
    assert result.summary["data"]["report_period_empty"] is True
    assert "No postings fall in 2025-W10" in result.markdown_path.read_text()
    assert result.summary["roles"]["ml_engineer"]["top_skills"] == []


def test_the_warehouse_file_is_opened_read_only(planted_warehouse, tmp_path):
    before = planted_warehouse.read_bytes()
    build_report(planted_warehouse, tmp_path, as_of=AS_OF)
    assert planted_warehouse.read_bytes() == before


def test_a_missing_warehouse_is_an_error_not_an_empty_report(tmp_path):
    with pytest.raises(WarehouseMissing):
        build_report(tmp_path / "nope.duckdb", tmp_path / "out", as_of=AS_OF)


def test_postings_with_only_other_roles_do_not_crash(tmp_path):
    factory = PostingFactory()
    factory.add_week("other", date(2026, 11, 16), 5)
    result = build_report(write_warehouse(tmp_path / "w.duckdb", factory.frames()), tmp_path, as_of=AS_OF)
    assert (
        result.summary["overview"]["other"]["current"] == 5 and result.summary["overview"]["postings"]["current"] == 0
    )


def test_a_schema_v1_warehouse_without_pay_clusters_or_posting_roles_still_reports(tmp_path):
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute((resources.files("warehouse") / "migrations" / "001_initial.sql").read_text())
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, title, role, first_seen, last_seen, posted_at) "
        "VALUES ('a', 'hn', '1', 'AI Engineer', 'ai_engineer', '2026-11-17', '2026-11-17', '2026-11-17')"
    )
    con.close()
    result = build_report(path, tmp_path / "out", as_of=AS_OF)
    ai = result.summary["roles"]["ai_engineer"]
    assert ai["postings"]["current"] == 1 and ai["salary"]["by_seniority"] == []
