"""`scrapy crawl remoteok` against the sandbox board, and the spider's one request."""

from __future__ import annotations

import pytest

from crawlers.spiders.remoteok import RemoteOkSpider
from jobpulse.sandbox import wire_aggregators
from tests.crawlers.sandbox_crawls import sandbox_crawls
from tests.crawlers.spider_calls import LOCAL, run_callback


@pytest.fixture(scope="module")
def sandbox():
    return sandbox_crawls()


def test_every_job_the_sandbox_lists_lands_once(sandbox):
    crawl = sandbox.crawls["remoteok"]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert "Deprecat" not in crawl.stderr and "ERROR" not in crawl.stderr
    listed = {
        wire_aggregators.source_id("remoteok", p): p
        for p in wire_aggregators.listed(sandbox.corpus, "remoteok", sandbox.corpus.end)
    }
    assert len(listed) > 100
    assert sorted(crawl.ids()) == sorted(listed)  # the legal notice is no job; nothing twice
    assert crawl.stats["downloader/request_count"] == 2  # robots.txt and the one feed document
    for item in crawl.items:
        posting = listed[item["source_id"]]
        assert (item["title"], item["company"], item["remote"]) == (posting.title, posting.company.name, "remote")
        assert item["url"].startswith("https://remoteOK.com/remote-jobs/")  # the credit their terms ask for
        usd = (
            posting.salary
            if posting.salary and posting.salary.currency == "USD" and posting.salary.period == "year"
            else None
        )
        assert (item["salary_min"], item["salary_max"]) == ((usd.min, usd.max) if usd else (None, None))


def test_the_request_uses_base_url_and_the_real_host_by_default():
    assert [r.url for r in RemoteOkSpider(base_url=LOCAL).initial_requests()] == [f"{LOCAL}/api"]
    assert RemoteOkSpider().initial_requests()[0].url == "https://remoteok.com/api"
    assert RemoteOkSpider(base_url=LOCAL).allowed_domains == ["127.0.0.1"]


def test_a_payload_that_is_not_the_feed_gives_nothing():
    (request,) = RemoteOkSpider(base_url=LOCAL).initial_requests()
    assert run_callback(request, {"error": "rate limited"}) == ([], [])
    assert run_callback(request, [{"last_updated": 1, "legal": "terms"}]) == ([], [])


def test_the_terms_are_in_the_settings():
    settings = RemoteOkSpider.custom_settings
    assert settings["DOWNLOAD_SLOTS"]["remoteok.com"]["concurrency"] == 1
    assert settings["DOWNLOAD_DELAY"] >= 1
