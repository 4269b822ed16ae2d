"""Coverage of crawled data: weekly crawls of two boards, an outage and failed boards, loaded through
the real ingest (landing files with the sidecars pipeline/spider_process.py writes), then read through SQL
(`coverage()`, `period_coverage()`, `new_postings()`, `active_postings()`) and the report JSON,
which must agree.

The story: greenhouse boards acme and globex are crawled every Monday of weeks 1–12 of 2026. The
first crawl lists jobs posted up to two weeks earlier (a backfill); no crawl ran in weeks 6 and 7
(an outage); in week 8 globex failed. Each board posts three data-scientist jobs early every Monday,
each listed by that week's crawl and the next two.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from contract.posting import new_item
from pipeline.ingest import ingest_files
from pipeline.landing import write_meta
from reports.build import build_report
from tests.warehouse.old_schema import warehouse_at_version
from warehouse.db import connect

WEEK1 = datetime(2025, 12, 29, 6)  # Monday of ISO week 2026-W01
BOARDS = ("acme", "globex")
OUTAGE = (6, 7)
PER_BOARD_WEEK = 3
OPEN_WEEKS = 3


def monday(week: int) -> datetime:
    return WEEK1 + timedelta(weeks=week - 1)


def listed(board: str, week: int) -> list[dict]:
    """What a crawl of `board` in `week` lists: the jobs posted in the last OPEN_WEEKS weeks (backfill included)."""
    items = []
    for posted_week in range(week - OPEN_WEEKS + 1, week + 1):
        for n in range(PER_BOARD_WEEK):
            posted = monday(posted_week) - timedelta(hours=3 + n)  # early on Monday, before that week's crawl
            items.append(
                new_item(
                    source="greenhouse",
                    source_id=f"{board}-{posted_week}-{n}",
                    board=board,
                    company=board.title(),
                    title=f"Data Scientist {posted_week}-{n}",
                    description_html=f"<p>Data scientist, job ref{board}{posted_week}x{n}: Python and SQL.</p>",
                    posted_at=posted.isoformat(),
                )
            )
    return items


def write_crawl(landing: Path, week: int, statuses: dict[str, str]) -> Path:
    path = landing / f"crawl-w{week:02d}.jsonl"
    items = [item for board, status in statuses.items() if status == "ok" for item in listed(board, week)]
    path.write_text("".join(json.dumps(item) + "\n" for item in items))
    summaries = {
        board: {"status": status, "reason": None if status == "ok" else "HTTP 500 after 3 retries", "items": 0}
        for board, status in statuses.items()
    }
    write_meta(
        path,
        {
            "source": "greenhouse",
            "run_id": f"crawl-w{week:02d}",
            "crawled_at": monday(week).isoformat(),
            "board_summaries": summaries,
        },
    )
    return path


def build(folder: Path, failing: dict[int, set[str]]) -> Path:
    """Weeks 1–12 of crawls (none in OUTAGE weeks); `failing`: week → boards whose crawl failed."""
    landing = folder / "landing" / "greenhouse"
    landing.mkdir(parents=True)
    files = [
        write_crawl(landing, week, {b: "failed" if b in failing.get(week, ()) else "ok" for b in BOARDS})
        for week in range(1, 13)
        if week not in OUTAGE
    ]
    con = connect(folder / "warehouse.duckdb")
    try:
        assert all(r.status == "ok" for r in ingest_files(con, files))
    finally:
        con.close()
    return folder / "warehouse.duckdb"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("crawled"), failing={8: {"globex"}})


@pytest.fixture(scope="module")
def weekly_report(crawled, tmp_path_factory):
    return build_report(crawled, tmp_path_factory.mktemp("weekly"), as_of=monday(13).date())


@pytest.fixture(scope="module")
def weekly(weekly_report) -> dict:
    return weekly_report.summary


def sql(db: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(query).fetchall()


def test_coverage_per_board_and_week(crawled):
    rows = {
        str(start): (expected, covered, share)
        for _, start, expected, covered, share in sql(crawled, "FROM coverage(period := 'week')")
    }
    assert rows["2025-12-15"] == (2, 2, 1.0)  # before the first crawl: what it listed covers back to the oldest posting
    assert rows["2026-01-26"] == (2, 2, 1.0)  # week 5
    assert rows["2026-02-02"] == rows["2026-02-09"] == (2, 0, 0.0)  # weeks 6 and 7: no crawl ran
    assert rows["2026-02-16"] == (2, 1, 0.5)  # week 8: globex failed
    assert max(rows) == "2026-03-16"  # week 12, the last crawl


def test_the_report_shows_the_outage_as_gaps_and_week_8_as_partial(weekly):
    assert weekly["period"]["label"] == "2026-W12"
    series = {p["period"]: p for p in weekly["roles"]["data_scientist"]["postings"]["series"]}
    assert series["2026-W06"]["postings"] is None and series["2026-W07"]["postings"] is None
    assert series["2026-W05"]["postings"] == 2 * PER_BOARD_WEEK
    assert (series["2026-W08"]["coverage"], series["2026-W08"]["postings"]) == (0.5, 2 * PER_BOARD_WEEK)
    flags = weekly["quality"]["flags"]
    assert any(f.startswith("2 period(s) have no coverage (2026-W06, 2026-W07)") for f in flags)
    assert any(f.startswith("1 period(s) are only partly covered") and "2026-W08 (50%)" in f for f in flags)


def test_gaps_are_drawn_apart_from_zero_and_the_notes_say_what_is_counted(weekly_report):
    markdown, page = weekly_report.markdown_path.read_text(), weekly_report.html_path.read_text()
    assert "2026-W06: no data (not covered)" in page and 'class="gap"' in page
    history = next(line for line in markdown.splitlines() if line.startswith("| Data Scientist |"))
    assert "··" in history  # the two outage weeks in the text sparkline; zero would be ▁
    assert "- What is counted: every volume table, chart and history counts new postings" in markdown
    assert "- Gaps: a week is covered when a source's data covers it" in markdown
    assert "Active postings (jobs seen open): 18 this week" in markdown
    assert (
        "| Baseline window | 8 | 6 | 91.7% | 2026-W06, 2026-W07 | 2026-W08 |" in markdown
    )  # data quality: coverage table


def test_the_baseline_averages_its_covered_weeks(weekly):
    baseline = weekly["windows"]["baseline"]
    assert (baseline["first"], baseline["last"], baseline["periods_with_data"]) == ("2026-W01", "2026-W08", 6)
    volume = weekly["roles"]["data_scientist"]["postings"]
    assert volume["baseline_per_period"] == volume["baseline_total"] / 6 == 2 * PER_BOARD_WEEK
    assert volume["coverage"]["baseline"] == pytest.approx(5.5 / 6) and volume["verdict"] == "steady"


def test_active_postings_count_a_job_in_every_week_a_crawl_listed_it(weekly):
    volume = weekly["roles"]["data_scientist"]["postings"]
    # A job is listed by the crawls of the three weeks after it was posted: active in those too.
    assert volume["active"]["current"] == 2 * PER_BOARD_WEEK * OPEN_WEEKS
    assert volume["current"] == 2 * PER_BOARD_WEEK


def test_the_sql_macros_give_the_reports_numbers(crawled, weekly):
    new = {(str(s), r): n for s, r, n in sql(crawled, "FROM new_postings(period := 'week')")}
    active = {(str(s), r): n for s, r, n in sql(crawled, "FROM active_postings(period := 'week')")}
    shares = {
        str(s): share for s, share in sql(crawled, "SELECT period_start, share FROM period_coverage(period := 'week')")
    }
    series = weekly["roles"]["data_scientist"]["postings"]["series"]
    assert len(series) >= 12
    for point in series:
        key = (point["start"], "data_scientist")
        assert point["coverage"] == shares.get(point["start"], 0.0)
        assert (point["postings"], point["active"]) == (
            (new.get(key, 0), active.get(key, 0)) if shares.get(point["start"]) else (None, None)
        )


def test_no_volume_verdict_when_the_windows_coverage_differs_by_more_than_20_points(tmp_path):
    # globex fails in every recent week (50% covered) but never in the baseline (100%): its
    # missing postings would read as a fall.
    db = build(tmp_path, failing={week: {"globex"} for week in range(9, 13)})
    volume = build_report(db, tmp_path / "out", as_of=monday(13).date()).summary["roles"]["data_scientist"]["postings"]
    assert (volume["coverage"]["recent"], volume["coverage"]["baseline"]) == (0.5, 1.0)
    assert volume["recent_per_period"] < volume["baseline_per_period"]
    assert volume["verdict"] == "coverage differs"


def test_a_week_whose_crawl_failed_before_landing_anything_has_no_data(tmp_path):
    db = build(tmp_path, failing={})
    con = connect(db)
    try:  # week 13: the spider failed outright; the pipeline recorded the failed crawl run, nothing was ingested
        con.execute(
            "INSERT INTO runs (run_id, kind, source, started_at, status) "
            "VALUES ('crawl-w13', 'crawl', 'greenhouse', ?, 'failed')",
            [monday(13)],
        )
    finally:
        con.close()
    rows = dict(sql(db, "SELECT strftime(period_start, '%G-W%V'), share FROM coverage(period := 'week')"))
    assert (rows["2026-W12"], rows["2026-W13"]) == (1.0, 0.0)
    volume = build_report(db, tmp_path / "out", as_of=monday(14).date()).summary["roles"]["data_scientist"]["postings"]
    assert (volume["current"], volume["previous"]) == (None, 2 * PER_BOARD_WEEK)


def test_a_version_3_warehouse_gets_coverage_when_opened_for_writing(tmp_path):
    """Coverage is derived (views), so a v3 file needs no data migration: connect() adds the views."""
    path = tmp_path / "v3.duckdb"
    con = warehouse_at_version(path, 3, monday(0))
    crawled_at = monday(1)
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, board, title, role, posted_at, first_seen, last_seen) "
        "VALUES ('p1', 'greenhouse', '1', 'acme', 'Data Scientist', 'data_scientist', ?, ?, ?)",
        [crawled_at - timedelta(days=10), crawled_at, crawled_at],
    )
    con.execute("INSERT INTO sightings VALUES ('c1', 'p1', ?)", [crawled_at])
    con.execute(
        "INSERT INTO board_crawls (run_id, source, board, landing_file, crawled_at, status) "
        "VALUES ('c1', 'greenhouse', 'acme', 'f', ?, 'ok')",
        [crawled_at],
    )
    con.close()
    report = build_report(
        path, tmp_path / "before", as_of=monday(2).date()
    )  # read-only: no views yet, so no recorded coverage
    assert report.summary["quality"]["coverage"]["recorded"] is False
    connect(path).close()
    assert sql(path, "SELECT strftime(period_start, '%G-W%V'), share FROM coverage(period := 'week')") == [
        ("2025-W51", 1.0),
        ("2025-W52", 1.0),
        ("2026-W01", 1.0),
    ]
    after = build_report(path, tmp_path / "after", as_of=monday(2).date()).summary
    assert after["quality"]["coverage"]["recorded"] is True
    assert (
        after["roles"]["data_scientist"]["postings"]["current"] == 0
        and after["roles"]["data_scientist"]["postings"]["active"]["current"] == 1
    )
