"""Moves over years on a warehouse we planted ourselves: 12 quarters, known trends, known gaps.

ML engineers: PyTorch climbs from 5% to 38% of postings, TensorFlow falls from 40% to 7%, Python
stays at 50%, Julia is too rare to test. AI engineers grow as a share of all postings and "LLM
Engineer" takes over their titles. Data scientists appear only in the last five quarters. Two
quarters (2025-Q3, 2025-Q4) have no data at all, and a RAG boom after the report period must stay
unseen.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from report_warehouse import PostingFactory, write_warehouse

from reports.build import build_report
from reports.load import WarehouseFrames
from reports.model import to_json
from reports.periods import KINDS, choose_report_period, shift
from reports.quarters import months_with_data, quarter_coverage, quarter_window
from reports.summary import compute_report

FIRST_QUARTER = date(2023, 10, 1)
QUARTERS = [shift(KINDS["quarter"], FIRST_QUARTER, i) for i in range(12)]  # 2023-Q4 … 2026-Q3
GAPS = {8, 9}  # 2025-Q4 and 2026-Q1: no source covered them
REPORT = ("quarter", "2026-Q3")
AS_OF = date(2026, 10, 2)


def planted() -> PostingFactory:
    factory = PostingFactory()
    for i, quarter in enumerate(QUARTERS):
        if i in GAPS:
            continue
        mid = quarter + timedelta(days=40)
        shares = {"pytorch": 0.05 + 0.03 * i, "tensorflow": 0.40 - 0.03 * i, "python": 0.5}
        factory.add_week("ml_engineer", mid, 100, shares)
        factory.add("ml_engineer", mid, skills=("julia",))
        factory.add_week("ai_engineer", mid, 5 + 5 * i, titles=("LLM Engineer",) * i + ("AI Engineer",) * (12 - i))
        factory.add_week("other", mid, 200)
        if i >= 7:
            factory.add_week("data_scientist", mid, 30, {"sql": 0.6})
    factory.add_week("ml_engineer", date(2026, 10, 20), 300, {"rag": 1.0})  # after the report period
    return factory


@pytest.fixture(scope="module")
def summary() -> dict:
    windows = choose_report_period(AS_OF, *REPORT)
    return to_json(compute_report(WarehouseFrames.from_frames(**planted().frames()), windows, AS_OF)[0])


@pytest.fixture(scope="module")
def ml_engineer(summary) -> dict:
    return summary["roles"]["ml_engineer"]


def by_skill(section: dict) -> dict[str, dict]:
    return {t["skill_id"]: t for t in section["long_trends"]}


def test_the_long_view_is_the_twelve_quarters_ending_with_the_report_period(ml_engineer):
    horizon = ml_engineer["long_horizon"]
    assert (horizon["quarters"][0], horizon["quarters"][-1], len(horizon["quarters"])) == ("2023-Q4", "2026-Q3", 12)
    assert horizon["through"] == "2026-09-30" and horizon["last_quarter_partial"] is False


def test_a_share_that_climbs_for_years_is_rising_and_one_that_sinks_is_falling(ml_engineer):
    skills = by_skill(ml_engineer)
    assert skills["pytorch"]["direction"] == "rising" and skills["pytorch"]["q"] < 0.001
    assert skills["tensorflow"]["direction"] == "falling" and skills["tensorflow"]["q"] < 0.001
    assert skills["python"]["direction"] == "flat" and skills["python"]["q"] > 0.5


def test_rare_skills_are_not_tested_and_the_future_is_not_seen(ml_engineer):
    assert "julia" not in by_skill(ml_engineer)  # 10 mentions over the window, under min_mentions
    assert "rag" not in by_skill(ml_engineer)  # every RAG posting is dated after the report period


def test_a_quarter_without_data_is_unknown_never_zero(summary, ml_engineer):
    horizon, pytorch = ml_engineer["long_horizon"], by_skill(ml_engineer)["pytorch"]
    for i in GAPS:
        assert horizon["covered"][i] is False and horizon["postings"][i] is None
        assert pytorch["counts"][i] is None and pytorch["shares"][i] is None
    assert horizon["covered_quarters"] == 10
    # Read as zeros, two empty quarters near the end would look like a collapse in postings.
    market = summary["all_postings"]["long_volume_trend"]
    assert market["measure"] == "postings_per_quarter" and market["direction"] == "rising"
    assert [c is None for c in market["counts"]] == [i in GAPS for i in range(12)]


def test_counts_and_shares_per_quarter(ml_engineer):
    pytorch = by_skill(ml_engineer)["pytorch"]
    assert pytorch["counts"][0] == 5 and ml_engineer["long_horizon"]["postings"][0] == 101  # 100 + the Julia posting
    assert pytorch["shares"][0] == pytest.approx(5 / 101, abs=1e-6)


def test_year_over_year_is_the_last_four_quarters_against_the_four_before(ml_engineer):
    yoy = by_skill(ml_engineer)["pytorch"]["yoy"]
    # Last year: quarters 8–11, of which 8 and 9 are gaps; the year before: quarters 4–7.
    last = sum(round((0.05 + 0.03 * i) * 100) for i in (10, 11))
    before = sum(round((0.05 + 0.03 * i) * 100) for i in (4, 5, 6, 7))
    assert yoy["last_year_counts"] == [last, 202] and yoy["year_before_counts"] == [before, 404]
    assert yoy["change_pts"] == pytest.approx((last / 202 - before / 404) * 100)


def test_a_section_with_fewer_than_eight_covered_quarters_says_too_few(summary):
    scientists = summary["roles"]["data_scientist"]
    assert scientists["long_horizon"]["status"] == "too_few" and scientists["long_horizon"]["covered_quarters"] == 3
    sql = next(t for t in scientists["long_trends"] if t["skill_id"] == "sql")
    assert sql["direction"] == "too_few" and sql["q"] is None


def test_role_volume_is_tested_as_a_share_of_all_postings(summary, ml_engineer):
    ai = summary["roles"]["ai_engineer"]["long_volume_trend"]
    assert ai["measure"] == "share_of_all_postings" and ai["direction"] == "rising"
    # ML engineers post 101 a quarter while the market grows: their share falls.
    assert ml_engineer["long_volume_trend"]["direction"] == "falling"


def test_title_variants_get_the_same_test(summary):
    titles = {t["variant"]: t for t in summary["roles"]["ai_engineer"]["long_title_trends"]}
    assert titles["llm engineer"]["direction"] == "rising" and titles["llm engineer"]["title"] == "LLM Engineer"
    assert titles["ai engineer"]["direction"] == "falling"


def test_the_headline_names_the_strongest_moves_with_their_evidence(summary):
    roles = {role["id"]: role for role in summary["headline"]["roles"]}
    moves = {m["skill_id"]: m for m in roles["ml_engineer"]["long"]}
    assert moves["pytorch"]["direction"] == "rising" and moves["tensorflow"]["direction"] == "falling"
    evidence = moves["pytorch"]
    assert evidence["last_year_counts"][1] == 202 and evidence["first_year_counts"][1] == 404
    assert evidence["last_year_interval"][0] < evidence["last_year_share"] < evidence["last_year_interval"][1]
    assert roles["data_scientist"]["long"] == []
    gaps = " ".join(summary["headline"]["gaps"])
    assert "2025-Q4, 2026-Q1" in gaps and "Data Scientist" in gaps


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    db = write_warehouse(folder / "w.duckdb", planted().frames())
    return build_report(db, folder / "out", as_of=AS_OF, period=REPORT[0], period_label=REPORT[1])


def test_the_report_json_carries_long_trends_in_every_section(written):
    saved = json.loads(written.json_path.read_text())
    sections = [saved["overview"], saved["all_postings"], *saved["roles"].values()]
    sections += [sub for role in saved["roles"].values() for sub in role["subsections"].values()]
    assert all({"long_horizon", "long_trends", "long_title_trends", "long_volume_trend"} <= set(s) for s in sections)
    pytorch = next(t for t in saved["roles"]["ml_engineer"]["long_trends"] if t["skill_id"] == "pytorch")
    assert {"skill_id", "direction", "q", "counts", "shares", "yoy"} <= set(pytorch)
    assert saved["headline"]["roles"][0]["id"] == "all_ml"


def test_markdown_and_html_open_with_what_moved_and_show_gaps_as_gaps(written):
    markdown = written.markdown_path.read_text()
    assert markdown.index("## What moved") < markdown.index("## Overview")
    assert "PyTorch rising" in markdown and "Moves over years (2023-Q4 – 2026-Q3)" in markdown
    assert "··" in markdown  # the two quarters without data in the share sparklines
    page = written.html_path.read_text()
    assert page.index('id="what-moved"') < page.index('id="overview"')
    assert 'data-chart="long-share"' in page and 'data-chart="long-count"' in page
    assert page.count('class="gap"') >= 2 and "2025-Q4: no data" in page
    assert "Cochran–Armitage" in markdown and "Cochran–Armitage" in page  # the notes say how


def test_a_quarter_is_covered_for_the_part_of_its_months_with_data():
    window = quarter_window(choose_report_period(date(2018, 2, 1), "month", "2018-01"))
    assert (window.starts[0], window.starts[-1], window.last_partial) == (date(2015, 4, 1), date(2018, 1, 1), True)
    with_data = months_with_data({date(2017, 7, 1): 420, date(2017, 8, 1): 0, date(2018, 1, 1): 383})
    coverage = dict(zip(window.starts, quarter_coverage(window, with_data)))
    assert coverage[date(2017, 7, 1)] == pytest.approx(1 / 3)  # July only: August and September are gaps
    assert coverage[date(2018, 1, 1)] == pytest.approx(31 / 90)  # January, the part of Q1 the report reaches
    assert coverage[date(2016, 1, 1)] == 0.0  # no month of it has data: unknown
    # A recorded coverage table (share of boards per month) stands in unchanged.
    assert quarter_coverage(window, {date(2017, 7, 1): 0.5, date(2017, 8, 1): 1.0})[9] == pytest.approx(0.5)
