"""Coverage on the real HN "Who is hiring?" posts: months without a thread are unknown, never zero.

The warehouse is built the way a user builds it — `jobpulse import --format hn` of both archives in
../shared/realdata (2013-08 … 2018-04 without 2016-07, 2017-08 and 2017-09; then 2026-01 … 2026-05)
— and every check reads the report JSON. Before coverage, the 2026-04 monthly report averaged its
baseline over nine months of which eight had no data and called All ML roles "growing ×10.7".
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from jobpulse.cli import main as jobpulse
from reports.build import build_report
from reports.periods import KINDS, period_label, shift
from tests.realdata import realdata_path

ARCHIVES = ("hn_whoishiring_2013-08_2018-04.jsonl.gz", "hn_whoishiring_2026-01_2026-05.jsonl.gz")
MISSING_THREADS = {"2016-07", "2017-08", "2017-09"}  # absent from the 2013–2018 archive (SOURCES.md)
MONTH = KINDS["month"]
# Monthly reports at and around the edges of the gaps (the first day after each month reported).
AS_OF = [
    date(2016, 8, 1),
    date(2017, 10, 1),
    date(2018, 5, 1),
    date(2018, 6, 1),
    date(2018, 8, 1),
    date(2019, 3, 1),
    date(2025, 12, 1),
    date(2026, 2, 1),
    date(2026, 3, 1),
    date(2026, 5, 1),
]


@pytest.fixture(scope="module")
def hn_warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hn-import")
    db = folder / "warehouse.duckdb"
    files = [str(realdata_path("hn_whoishiring", name)) for name in ARCHIVES]
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JOBPULSE_DATA_DIR", str(folder / "data"))
        assert jobpulse(["import", "--format", "hn", "--db", str(db), *files]) == 0
    return db


@pytest.fixture(scope="module")
def monthly(hn_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("hn-coverage-reports")
    return {as_of: build_report(hn_warehouse, out, as_of=as_of, period="month").summary for as_of in AS_OF}


def covered_months() -> set[str]:
    months, day = set(), date(2013, 8, 1)
    while day <= date(2026, 5, 1):
        label = period_label(MONTH, day)
        if (day <= date(2018, 4, 1) and label not in MISSING_THREADS) or day >= date(2026, 1, 1):
            months.add(label)
        day = shift(MONTH, day, 1)
    return months


def sections(summary: dict):
    yield summary["overview"]
    yield summary["all_postings"]
    for role in summary["roles"].values():
        yield role
        yield from role["subsections"].values()


def test_months_without_a_thread_are_gaps_not_zeros(monthly):
    series = monthly[date(2026, 5, 1)]["all_postings"]["postings"]["series"]
    assert (series[0]["period"], series[-1]["period"]) == ("2013-08", "2026-04")
    gaps = {point["period"] for point in series if point["postings"] is None}
    assert gaps == {point["period"] for point in series} - covered_months()
    assert {"2016-07", "2018-07", "2025-12"} <= gaps
    assert all(point["postings"] > 0 and point["coverage"] == 1.0 for point in series if point["period"] not in gaps)


def test_the_2026_04_baseline_averages_its_one_covered_month(monthly):
    summary = monthly[date(2026, 5, 1)]
    assert summary["period"]["label"] == "2026-04"
    assert (summary["windows"]["baseline"]["periods"], summary["windows"]["baseline"]["periods_with_data"]) == (9, 1)
    for section in sections(summary):
        volume = section["postings"]
        january = next(p["postings"] for p in volume["series"] if p["period"] == "2026-01")
        assert volume["baseline_per_period"] == january  # 2026-01 alone, not spread over nine months
        recent = [p["postings"] for p in volume["series"] if p["period"] in ("2026-02", "2026-03", "2026-04")]
        assert volume["recent_per_period"] == pytest.approx(sum(recent) / 3)
    ml = summary["overview"]["postings"]
    assert ml["ratio"] < 2, "the ×10.7 of an average over eight empty months is gone"


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_no_verdict_in_a_window_without_coverage(monthly, as_of):
    summary = monthly[as_of]
    windows = summary["windows"]
    uncovered = [w for w in ("recent", "baseline") if windows[w]["periods_with_data"] == 0]
    for section in sections(summary):
        volume = section["postings"]
        if uncovered:
            assert volume["verdict"] == "no data", (section["id"], uncovered)
            assert {t["call"] for t in section["trends"] + section["titles"]["top"]} <= {"no_data"}
            assert section["risers"] == section["fallers"] == section["emerging"] == section["dropped"] == []
        if windows["report_period"]["periods_with_data"] == 0:
            assert volume["current"] is None and section["top_skills"] == []


def test_the_2018_07_report_has_no_data_and_says_so(monthly):
    summary = monthly[date(2018, 8, 1)]
    assert summary["period"]["label"] == "2018-07" and summary["data"]["report_period_covered"] is False
    assert all(s["postings"]["verdict"] == "no data" and s["postings"]["current"] is None for s in sections(summary))
    assert not [t for s in sections(summary) for t in s["trends"] if t["call"] in ("rising", "falling", "stable")]
    gap_flag = next(f for f in summary["quality"]["flags"] if "have no coverage" in f)
    assert "2018-05, 2018-06, 2018-07" in gap_flag and "2016-07" in gap_flag


def test_a_repost_counts_once_as_new_and_in_each_month_as_active(monthly, hn_warehouse):
    summary = monthly[date(2018, 5, 1)]
    series = summary["all_postings"]["postings"]["series"]
    covered = [p for p in series if p["postings"] is not None]
    assert all(p["active"] >= p["postings"] for p in covered)
    with duckdb.connect(str(hn_warehouse), read_only=True) as con:
        ((reposted,),) = con.sql(
            "SELECT count(*) FROM postings WHERE cluster_id <> posting_id AND posted_at < '2018-05-01'"
        ).fetchall()
    # Each later post of a reposted ad is no new job, but the job is active in that month again
    # (two posts of one job in the same month count once there).
    extra = sum(p["active"] for p in covered) - sum(p["postings"] for p in covered)
    assert reposted > 1000 and 0.9 * reposted <= extra <= reposted


def test_the_sql_macros_give_the_reports_numbers(monthly, hn_warehouse):
    summary = monthly[date(2018, 5, 1)]
    with duckdb.connect(str(hn_warehouse), read_only=True) as con:
        new = {(str(m)[:7], r): n for m, r, n in con.sql("FROM new_postings(period := 'month')").fetchall()}
        active = {(str(m)[:7], r): n for m, r, n in con.sql("FROM active_postings(period := 'month')").fetchall()}
        shares = dict(
            con.sql("SELECT strftime(period_start, '%Y-%m'), share FROM period_coverage(period := 'month')").fetchall()
        )
    for role, section in summary["roles"].items():
        for point in section["postings"]["series"]:
            assert point["coverage"] == shares.get(point["period"], 0.0)
            if point["postings"] is None:
                assert (point["period"], role) not in new
            else:
                assert (point["postings"], point["active"]) == (
                    new.get((point["period"], role), 0),
                    active.get((point["period"], role), 0),
                )
