"""Monthly and quarterly reports over real Hacker News "Who is hiring?" posts, 2013-08 … 2018-04.

The posts go through the real ingest (landing file → normalize → warehouse) as generic landing
records; the report must then show what everyone who watched those threads saw: TensorFlow only
from its release (November 2015) on, Docker climbing year after year, React taking off in 2015–16.
The text stays in ../shared/realdata: this module only reads it.
"""

from __future__ import annotations

import gzip
import json
from datetime import date

import polars as pl
import pytest

from contract.posting import new_item
from crawlers.extractors.common import first_line
from pipeline.ingest import ingest_files
from pipeline.landing import write_meta
from reports.build import build_report
from tests.realdata import realdata_path
from warehouse.db import connect

HN_POSTS = ("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz")
MISSING_MONTHS = ["2016-07", "2017-08", "2017-09"]  # absent from the source (see SOURCES.md)
TENSORFLOW_RELEASE = date(2015, 11, 1)


def landing_record(post: dict) -> dict:
    """A real HN post as the generic landing record an import would write."""
    return new_item(
        source="hn",
        source_id=str(post["comment_id"]),
        board=str(post["thread_id"]),
        title=first_line(post["full_html"]) or "(no first line)",
        description_html=post["full_html"],
        posted_at=post["thread_month"] + "-01",
    )


@pytest.fixture(scope="module")
def hn_warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hn")
    landing = folder / "landing" / "hn" / "realdata-2013-2018.jsonl"
    landing.parent.mkdir(parents=True)
    with (
        gzip.open(realdata_path(*HN_POSTS), "rt", encoding="utf-8") as posts,
        open(landing, "w", encoding="utf-8") as out,
    ):
        for line in posts:
            out.write(json.dumps(landing_record(json.loads(line))) + "\n")
    write_meta(landing, {"source": "hn", "crawled_at": "2018-05-02T00:00:00+00:00", "run_id": "hn-realdata"})
    db = folder / "warehouse.duckdb"
    con = connect(db)
    try:
        (result,) = ingest_files(con, [landing])
    finally:
        con.close()
    assert result.status == "ok" and result.loaded > 28_000
    return db


@pytest.fixture(scope="module")
def monthly(hn_warehouse, tmp_path_factory):
    return build_report(hn_warehouse, tmp_path_factory.mktemp("hn-reports"), as_of=date(2018, 5, 1), period="month")


def yearly_share(report, skill: str) -> dict[int, float]:
    """Share of all HN posts mentioning `skill`, per calendar year, from the report's history table."""
    history = pl.read_parquet(report.tables_dir / "skill_history.parquet").filter(pl.col("section") == "all_postings")
    series = pl.read_parquet(report.tables_dir / "period_series.parquet").filter(pl.col("section") == "all_postings")
    postings = series.group_by(year=pl.col("start").str.slice(0, 4).cast(pl.Int32)).agg(pl.col("postings").sum())
    mentions = (
        history.filter(pl.col("skill_id") == skill)
        .group_by(year=pl.col("start").dt.year())
        .agg(pl.col("mentions").sum())
    )
    joined = postings.join(mentions, on="year", how="left").with_columns(pl.col("mentions").fill_null(0))
    return {row["year"]: row["mentions"] / row["postings"] for row in joined.iter_rows(named=True) if row["postings"]}


def test_a_monthly_report_covers_the_whole_history(monthly):
    assert (monthly.week, monthly.period, monthly.json_path.name) == ("2018-04", "month", "report-2018-04.json")
    series = monthly.summary["all_postings"]["postings"]["series"]
    assert (series[0]["period"], series[-1]["period"], len(series)) == ("2013-08", "2018-04", 57)
    # A month without a thread is not covered: no data (None), not zero postings.
    assert [p["period"] for p in series if p["postings"] is None] == MISSING_MONTHS
    assert any(flag.startswith("3 period(s) have no coverage") for flag in monthly.summary["quality"]["flags"])
    assert monthly.summary["roles"]["data_scientist"]["postings"]["recent_total"] > 0


def test_tensorflow_appears_from_its_release_on(monthly):
    history = pl.read_parquet(monthly.tables_dir / "skill_history.parquet")
    tensorflow = history.filter(pl.col("section") == "all_postings", pl.col("skill_id") == "tensorflow")
    mentions_before = tensorflow.filter(pl.col("start") < TENSORFLOW_RELEASE)["mentions"].sum()
    series = monthly.summary["all_postings"]["postings"]["series"]
    posts_before = sum(p["postings"] or 0 for p in series if p["start"] < TENSORFLOW_RELEASE.isoformat())
    # Before the release only stray matches remain (HN posts saying "TF2" about a video game): under 0.1%.
    share_before = mentions_before / posts_before
    assert posts_before > 5_000 and share_before < 0.001
    share = yearly_share(monthly, "tensorflow")
    assert share[2016] > 5 * share_before
    assert share[2017] > share[2016] and share[2018] > share[2016]


def test_docker_rises_from_2014_to_2017(monthly):
    share = yearly_share(monthly, "docker")
    assert share[2014] < share[2015] < share[2016] < share[2017]
    assert share[2017] > 2 * share[2014]


def test_react_is_called_growing_in_early_2016(hn_warehouse, tmp_path):
    quarterly = build_report(hn_warehouse, tmp_path, as_of=date(2016, 4, 1), period="quarter")
    assert quarterly.week == "2016-Q1"
    react = next(t for t in quarterly.summary["all_postings"]["trends"] if t["skill_id"] == "react")
    assert react["category"] in ("growing", "rapidly growing") and react["q"] < 0.01
    docker = next(t for t in quarterly.summary["all_postings"]["trends"] if t["skill_id"] == "docker")
    assert docker["category"] != "declining"
