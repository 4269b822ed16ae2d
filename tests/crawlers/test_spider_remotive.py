"""`scrapy crawl remotive` against the sandbox board: one request a run, as Remotive asks."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from crawlers.spiders.remotive import RemotiveSpider
from jobpulse.sandbox import wire_aggregators
from jobpulse.sandbox.wire_greenhouse_lever_ashby import end_of
from pipeline.normalize.salary import salary_columns
from tests.crawlers.sandbox_crawls import sandbox_crawls
from tests.crawlers.spider_calls import LOCAL


@pytest.fixture(scope="module")
def sandbox():
    return sandbox_crawls()


def test_every_job_the_sandbox_lists_lands_once(sandbox):
    crawl = sandbox.crawls["remotive"]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert "Deprecat" not in crawl.stderr and "ERROR" not in crawl.stderr
    listed = {
        wire_aggregators.source_id("remotive", p): p
        for p in wire_aggregators.listed(sandbox.corpus, "remotive", sandbox.corpus.end)
    }
    assert len(listed) > 50
    assert sorted(crawl.ids()) == sorted(listed)
    assert crawl.stats["downloader/request_count"] == 2  # robots.txt and the one API call
    # Remotive shows jobs a day after they were posted (publication_date has no offset: UTC).
    newest = max(dt.datetime.fromisoformat(item["posted_at"]) for item in crawl.items)
    assert newest <= (end_of(sandbox.corpus.end) - wire_aggregators.REMOTIVE_DELAY).replace(tzinfo=None)
    # Remotive's free-text salary ("$150k - $180k") lands as written; normalization reads it back.
    pay = salary_columns(
        pl.DataFrame(crawl.items)
        .select(
            "source_id",
            "salary_text",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            title=pl.lit(None, dtype=pl.String),
            description_text=pl.lit(None, dtype=pl.String),
        )
        .cast({"salary_min": pl.Float64, "salary_max": pl.Float64})
    )
    read = {
        source_id: tuple(rest)
        for source_id, *rest in pay.select("source_id", "salary_min", "salary_currency", "salary_period").iter_rows()
    }
    for item in crawl.items:
        posting = listed[item["source_id"]]
        assert (item["title"], item["company"]) == (posting.title, posting.company.name)
        assert (item["salary_text"] is not None) == (posting.salary is not None)
        if posting.salary:
            low, currency, period = read[item["source_id"]]
            assert (currency, period) == (posting.salary.currency, posting.salary.period)
            assert low == pytest.approx(posting.salary.min, rel=0.01)
        else:
            assert read[item["source_id"]] == (None, None, None)


def test_one_request_whatever_max_pages_says():
    spider = RemotiveSpider(base_url=LOCAL, max_pages="50")
    assert spider.max_pages == 1
    assert [r.url for r in spider.initial_requests()] == [f"{LOCAL}/api/remote-jobs"]


def test_the_terms_are_in_the_settings():
    settings = RemotiveSpider.custom_settings
    assert settings["RETRY_TIMES"] == 1 and settings["RETRY_BACKOFF_BASE"] >= 60
    assert settings["DOWNLOAD_SLOTS"]["remotive.com"] == {"concurrency": 1, "delay": settings["DOWNLOAD_DELAY"]}
