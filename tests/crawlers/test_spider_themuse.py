"""`scrapy crawl themuse` against the sandbox board, its `?page=N` paging (from 0), and the
500-requests-an-hour rule in its settings."""

from __future__ import annotations

import pytest

from crawlers.spiders.themuse import TheMuseSpider
from jobpulse.sandbox import wire_aggregators
from tests.crawlers.sandbox_crawls import sandbox_crawls
from tests.crawlers.spider_calls import LOCAL, run_callback


@pytest.fixture(scope="module")
def sandbox():
    return sandbox_crawls()


def test_every_job_on_every_page_lands_once(sandbox):
    crawl = sandbox.crawls["themuse"]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert "Deprecat" not in crawl.stderr and "ERROR" not in crawl.stderr
    listed = {
        wire_aggregators.source_id("themuse", p): p
        for p in wire_aggregators.listed(sandbox.corpus, "themuse", sandbox.corpus.end)
    }
    pages = -(-len(listed) // wire_aggregators.THEMUSE_PAGE)
    assert pages >= 5
    assert sorted(crawl.ids()) == sorted(listed)
    assert crawl.stats["downloader/request_count"] == 1 + pages
    for item in crawl.items:
        posting = listed[item["source_id"]]
        assert (item["title"], item["company"]) == (posting.title, posting.company.name)
        assert item["remote"] == ("remote" if posting.workplace == "remote" else None)


def results_page(page, page_count):
    return {
        "page": page,
        "page_count": page_count,
        "results": [{"id": page * 100 + n, "name": "Data Scientist", "company": {"name": "Acme"}} for n in range(3)],
    }


def test_pages_count_from_zero_until_page_count():
    spider = TheMuseSpider(base_url=LOCAL)
    (first,) = spider.initial_requests()
    assert first.url == f"{LOCAL}/api/public/jobs?page=0"
    (second,), items = run_callback(first, results_page(0, page_count=2))
    assert second.url == f"{LOCAL}/api/public/jobs?page=1" and len(items) == 3
    assert run_callback(second, results_page(1, page_count=2))[0] == []


def test_categories_are_sent_as_a_repeated_parameter():
    (first,) = TheMuseSpider(base_url=LOCAL, category="Data Science, Software Engineering").initial_requests()
    assert first.url == f"{LOCAL}/api/public/jobs?page=0&category=Data+Science&category=Software+Engineering"


def test_500_requests_an_hour_means_at_least_7_2_seconds_apart_without_jitter():
    settings = TheMuseSpider.custom_settings
    slot = settings["DOWNLOAD_SLOTS"]["www.themuse.com"]
    assert 3600 / slot["delay"] <= 500 and slot["jitter"] == 0 and slot["concurrency"] == 1
    assert settings["DOWNLOAD_DELAY"] >= 7.2 and settings["DOWNLOAD_DELAY_JITTER"] == 0
    assert settings["AUTOTHROTTLE_START_DELAY"] >= 7.2  # AutoThrottle never goes below DOWNLOAD_DELAY
