"""Every table behind the report, as CSV and Parquet, agrees with the JSON; the index lists every report."""

import polars as pl
import pytest

from reports.index_page import render_index_markdown
from reports.tables import sections

TABLES = (
    "volume",
    "period_series",
    "top_skills",
    "skill_trends",
    "emerging_dropped",
    "skill_history",
    "title_variants",
    "seniority",
    "work_mode",
    "pay",
    "pay_disclosure",
    "article_check",
    "companies",
    "sources",
    "rejects",
    "flags",
)


@pytest.fixture(scope="module")
def tables(planted_report) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(planted_report.tables_dir / f"{name}.parquet") for name in TABLES}


@pytest.mark.parametrize("name", TABLES)
def test_each_table_is_written_as_csv_and_parquet_with_the_same_rows(planted_report, tables, name):
    from_csv = pl.read_csv(planted_report.tables_dir / f"{name}.csv", infer_schema_length=None)
    assert from_csv.columns == tables[name].columns and from_csv.height == tables[name].height


def test_volume_table_matches_every_section_of_the_summary(planted_report, tables):
    by_section = {row["section"]: row["current"] for row in tables["volume"].iter_rows(named=True)}
    assert by_section == {sid: s["postings"]["current"] for sid, s in sections(planted_report.summary)}
    assert len(by_section) == 12  # five roles, five sub-sections, all ML roles, all postings


def test_skill_trends_table_holds_every_call(planted_report, tables):
    ml = tables["skill_trends"].filter(pl.col("section") == "ml_engineer")
    assert dict(zip(ml["skill_id"], ml["call"])) == {
        t["skill_id"]: t["call"] for t in planted_report.summary["roles"]["ml_engineer"]["trends"]
    }


def test_skill_history_covers_the_whole_history(planted_report, tables):
    rag = tables["skill_history"].filter(pl.col("section") == "ml_engineer", pl.col("skill_id") == "rag").sort("start")
    assert rag.height == 14  # every week of data mentions RAG
    # report week: 60% of the 20 + 10 planted ML engineers, of 32 postings (the julia and escaping ones too)
    assert rag["share"][0] == pytest.approx(0.1) and rag["share"][-1] == pytest.approx((12 + 6) / 32)
    assert all(0 <= s <= 1 for s in tables["skill_history"]["share"])


def test_the_index_lists_reports_newest_first_and_escapes(tmp_path):
    entries = [
        {
            "stem": "report-2026-W46",
            "kind": "week",
            "label": "2026-W46",
            "as_of": "2026-11-18",
            "ml_postings": 3,
            "tables": True,
        },
        {
            "stem": "report-2026-W47",
            "kind": "week",
            "label": "2026-W47",
            "as_of": "2026-11-25",
            "ml_postings": None,
            "tables": False,
        },
    ]
    markdown = render_index_markdown(sorted(entries, key=lambda e: e["label"], reverse=True))
    assert markdown.index("2026-W47") < markdown.index("2026-W46")
    assert "[tables](report-2026-W46-tables/)" in markdown and "report-2026-W47-tables" not in markdown


def test_the_index_pages_link_the_report(planted_report):
    out = planted_report.html_path.parent
    assert 'href="report-2026-W47.html"' in (out / "index.html").read_text()
    assert "[JSON](report-2026-W47.json)" in (out / "index.md").read_text()
