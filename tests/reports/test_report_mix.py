"""Beyond skills: title variants, seniority mix, work mode and pay, on the planted warehouse."""

import polars as pl
import pytest
from planted_trends import ANALYTICS_PAY, GENAI_TITLE, MODELLING_PAY

from reports.membership import title_variant


@pytest.fixture
def data_scientist(planted_report) -> dict:
    return planted_report.summary["roles"]["data_scientist"]


@pytest.mark.parametrize(
    ("title", "variant"),
    [
        ("Senior AI Engineer, Search (Remote)", "ai engineer"),
        ("AI Engineer II", "ai engineer"),
        ("Staff AI Engineer - Agents", "ai engineer"),
        ("GenAI/LLM Engineer", "genai/llm engineer"),
        ("Applied AI Engineer at Acme", "applied ai engineer"),
        (GENAI_TITLE, "genai engineer"),
        ("Senior", "senior"),
    ],
)
def test_title_variants_drop_level_words_and_everything_after_a_separator(title, variant):
    frame = pl.DataFrame({"title": [title]}).select(title_variant())
    assert frame["variant"][0] == variant


def test_a_growing_title_variant_is_called(planted_report):
    titles = planted_report.summary["roles"]["ai_engineer"]["titles"]
    assert [t["variant"] for t in titles["growing"]] == ["genai engineer"]
    genai = next(t for t in titles["top"] if t["variant"] == "genai engineer")
    assert (genai["baseline_share"], genai["recent_share"], genai["current"]) == (0.0, 0.5, 20)
    assert genai["title"] == "GenAI Engineer"  # shown as written, not lowercased


def test_seniority_mix_shares(data_scientist):
    mix = {entry["value"]: entry for entry in data_scientist["seniority"]}
    assert set(mix) == {"senior", "mid"}
    assert mix["senior"]["recent_share"] == pytest.approx(15 / 25) and mix["mid"]["current"] == 10
    assert [entry["value"] for entry in data_scientist["seniority"]] == ["mid", "senior"]  # ordered by level


def test_remote_share_with_its_interval(data_scientist, planted_report):
    remote = data_scientist["remote"]
    assert remote["remote_share"] == pytest.approx(0.6)
    low, high = remote["remote_ci"]
    assert low < 0.6 < high
    assert remote["known_share"] == 1.0
    assert planted_report.summary["roles"]["ai_engineer"]["remote"]["known_share"] == 0.0  # nobody said


def test_pay_by_seniority_from_annual_figures_and_yearly_ranges(data_scientist):
    rows = {(r["seniority"], r["currency"]): r for r in data_scientist["salary"]["by_seniority"]}
    senior = rows[("senior", "USD")]
    assert senior["median"] == pytest.approx(sum(ANALYTICS_PAY) / 2) and senior["disclosed"] == 4 * 8
    mid = rows[("mid", "EUR")]  # salary_annual_* empty: the yearly range stands in; hourly pay is left out
    assert mid["median"] == pytest.approx(sum(MODELLING_PAY) / 2) and mid["disclosed"] == 4 * 8
    assert ("all", "USD") in rows and ("all", "EUR") in rows  # currencies are never pooled


def test_share_of_postings_disclosing_pay(data_scientist):
    disclosure = {d["seniority"]: d for d in data_scientist["salary"]["disclosure"]}
    assert disclosure["senior"]["share"] == pytest.approx(8 / 15)
    assert disclosure["mid"]["share"] == pytest.approx(8 / 10)
    assert disclosure["all"]["postings"] == 4 * 25 and disclosure["all"]["disclosed"] == 4 * 16


def test_no_pay_anywhere_is_an_empty_table_not_an_error(planted_report):
    pay = planted_report.summary["roles"]["research_scientist"]["salary"]
    assert pay["by_seniority"] == [] and {d["share"] for d in pay["disclosure"]} == {0.0}
