"""Moves over years on the real HN "Who is hiring?" posts, 2013-08 … 2018-04, read through the report JSON.

Everyone who watched those threads saw TensorFlow arrive (released November 2015) and Hadoop fade;
the long-horizon trends must say so, and must never call a skill rising in a report whose window
ends before the skill existed. The warehouse is built once per session with `jobpulse import
--format hn` (about half a minute); the posts stay in ../shared/realdata.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hn_import import import_hn_history

from reports.build import build_report
from warehouse.db import connect

SECTION_PATHS = ("overview", "all_postings")


@pytest.fixture(scope="session")
def hn_history(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hn-history")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBPULSE_DATA_DIR", str(folder / "data"))
        return import_hn_history(folder)


@pytest.fixture(scope="session")
def reports(hn_history, tmp_path_factory):
    """(period, label) → the report's JSON as written, each built once."""
    out, built = tmp_path_factory.mktemp("hn-history-reports"), {}

    def report(period: str, label: str) -> dict:
        if (period, label) not in built:
            result = build_report(hn_history, out, as_of=date(2026, 1, 1), period=period, period_label=label)
            built[period, label] = json.loads(result.json_path.read_text())
        return built[period, label]

    return report


def sections(report: dict) -> list[dict]:
    roles = list(report["roles"].values())
    return [report["overview"], report["all_postings"], *roles, *(s for r in roles for s in r["subsections"].values())]


def long_trend(section: dict, skill: str) -> dict | None:
    return next((t for t in section["long_trends"] if t["skill_id"] == skill), None)


def test_hadoop_is_a_falling_long_horizon_trend_in_all_ml_roles_as_of_2018_01(reports):
    hadoop = long_trend(reports("month", "2018-01")["overview"], "hadoop")
    assert hadoop["direction"] == "falling" and hadoop["q"] < 0.01
    assert hadoop["span"]["first_year_share"] > 2 * hadoop["yoy"]["last_year_share"]


def test_tensorflow_is_a_rising_long_horizon_trend_in_all_ml_roles_as_of_2018_01(reports):
    assert long_trend(reports("month", "2018-01")["overview"], "tensorflow")["direction"] == "rising"


@pytest.mark.parametrize("report", [("month", "2018-01"), ("quarter", "2017-Q4")])
def test_across_all_postings_tensorflow_rises_and_hadoop_falls(reports, report):
    market = reports(*report)["all_postings"]
    tensorflow, hadoop = long_trend(market, "tensorflow"), long_trend(market, "hadoop")
    assert tensorflow["direction"] == "rising" and tensorflow["q"] < 0.001
    assert hadoop["direction"] == "falling" and hadoop["q"] < 0.001
    assert tensorflow["counts"][:2] == [0, 0]  # 2015-Q1/Q2 or Q2/Q3: before the release


RELEASES = [  # (skill, first public release, reports whose windows end before it)
    (
        "tensorflow",
        date(2015, 11, 9),
        [("month", "2014-06"), ("month", "2015-06"), ("month", "2015-10"), ("quarter", "2015-Q3")],
    ),
    ("pytorch", date(2017, 1, 18), [("month", "2016-12"), ("quarter", "2016-Q4")]),
    ("react_native", date(2015, 3, 26), [("month", "2015-02")]),
]


@pytest.mark.parametrize(("skill", "released", "report"), [(s, r, rep) for s, r, reps in RELEASES for rep in reps])
def test_no_skill_is_called_rising_before_it_existed(reports, skill, released, report):
    summary = reports(*report)
    assert date.fromisoformat(summary["all_postings"]["long_horizon"]["through"]) < released
    called = [s["id"] for s in sections(summary) if (t := long_trend(s, skill)) and t["direction"] == "rising"]
    assert called == []


def test_quarters_after_the_data_ends_are_unknown_not_zero(reports):
    # Data ends with 2018-04: in the 2018-07 report, 2018-Q3 has none, 2018-Q2 one month of three.
    market = reports("month", "2018-07")["all_postings"]
    horizon = market["long_horizon"]
    assert (horizon["quarters"][-1], horizon["covered"][-1], horizon["postings"][-1]) == ("2018-Q3", False, None)
    assert horizon["coverage"][-2] == pytest.approx(1 / 3, abs=1e-4)
    assert market["long_volume_trend"]["direction"] != "falling"
    react = long_trend(market, "react")
    assert react["counts"][-1] is None and react["shares"][-1] is None


def test_the_sql_macro_gives_the_reports_numbers_on_real_posts(reports, hn_history, tmp_path):
    report = reports("month", "2018-01")
    copy = tmp_path / "w.duckdb"  # the macro is created on a writable connection; the shared file stays as built
    copy.write_bytes(hn_history.read_bytes())
    con = connect(copy)
    try:
        for section_key, section_id in (("overview", "all_ml"), ("all_postings", "all_postings")):
            section = report[section_key]
            until = date.fromisoformat(section["long_horizon"]["through"]) + timedelta(days=1)
            for skill in ("tensorflow", "hadoop"):
                rows = con.execute(
                    "SELECT postings, with_skill FROM quarterly_skill_shares(?, ?, ?)", [section_id, skill, until]
                ).fetchall()
                assert [r[0] for r in rows] == section["long_horizon"]["postings"]
                assert [r[1] for r in rows] == long_trend(section, skill)["counts"]
    finally:
        con.close()


def test_the_headline_opens_the_report_with_evidence_and_gaps(reports):
    headline = reports("month", "2018-01")["headline"]
    all_ml = headline["roles"][0]
    # Its strongest long moves (which ones depends on the role rules: statistics falling, kubernetes
    # and tensorflow rising with the v8 rules), each with its evidence; Hadoop's fall is held by the
    # test above whether or not it makes the top of the headline.
    assert all_ml["id"] == "all_ml" and all_ml["long"]
    assert "tensorflow" in {m["skill_id"] for m in all_ml["long"] if m["direction"] == "rising"}
    for move in all_ml["long"]:
        assert move["q"] < 0.01 and move["last_year_counts"][1] > 0 and move["last_year_interval"] is not None
    assert any("2016-07, 2017-08, 2017-09" in gap for gap in headline["gaps"])
