"""`scrapy crawl arbeitnow` against the sandbox board, and its `?page=N` / `links.next` paging."""

from __future__ import annotations

import pytest

from crawlers.spiders.arbeitnow import ArbeitnowSpider
from jobpulse.sandbox import wire_aggregators
from tests.crawlers.sandbox_crawls import sandbox_crawls
from tests.crawlers.spider_calls import LOCAL, run_callback

API = "https://www.arbeitnow.com/api/job-board-api"


@pytest.fixture(scope="module")
def sandbox():
    return sandbox_crawls()


def test_every_job_on_every_page_lands_once(sandbox):
    crawl = sandbox.crawls["arbeitnow"]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert "Deprecat" not in crawl.stderr and "ERROR" not in crawl.stderr
    listed = {
        wire_aggregators.source_id("arbeitnow", p): p
        for p in wire_aggregators.listed(sandbox.corpus, "arbeitnow", sandbox.corpus.end)
    }
    pages = -(-len(listed) // wire_aggregators.ARBEITNOW_PAGE)
    assert pages >= 3
    assert sorted(crawl.ids()) == sorted(listed)
    assert crawl.stats["downloader/request_count"] == 1 + pages  # robots.txt, then each page once
    for item in crawl.items:
        posting = listed[item["source_id"]]
        assert (item["title"], item["company"]) == (posting.title, posting.company.name)
        assert item["remote"] == ("remote" if posting.workplace == "remote" else None)
        assert item["posted_at"] == posting.posted_at.replace(microsecond=0).isoformat()


def page(number, next_number=None, jobs=1):
    data = [
        {"slug": f"job-{number}-{n}", "title": "Data Scientist", "company_name": "Acme", "created_at": 1}
        for n in range(jobs)
    ]
    return {
        "data": data,
        "links": {"next": f"{API}?page={next_number}" if next_number else None},
        "meta": {"current_page": number},
    }


def test_pages_follow_links_next_on_the_configured_host():
    spider = ArbeitnowSpider(base_url=LOCAL)
    (first,) = spider.initial_requests()
    assert first.url == f"{LOCAL}/api/job-board-api?page=1"
    (second,), items = run_callback(first, page(1, next_number=2))
    assert second.url == f"{LOCAL}/api/job-board-api?page=2"  # the page number, not arbeitnow.com
    assert [i["source_id"] for i in items] == ["job-1-0"]
    requests, items = run_callback(second, page(2, next_number=None))  # the last page
    assert requests == [] and [i["source_id"] for i in items] == ["job-2-0"]


@pytest.mark.parametrize(
    "payload",
    [
        page(1, next_number=1),  # a next link back to the same page
        page(1, next_number=2, jobs=0),  # an empty page
    ],
)
def test_paging_stops_on_a_page_that_cannot_lead_anywhere_new(payload):
    (first,) = ArbeitnowSpider(base_url=LOCAL).initial_requests()
    requests, _ = run_callback(first, payload)
    assert requests == []


def test_max_pages_caps_the_crawl():
    spider = ArbeitnowSpider(base_url=LOCAL, max_pages="2")
    (first,) = spider.initial_requests()
    (second,), _ = run_callback(first, page(1, next_number=2))
    assert run_callback(second, page(2, next_number=3))[0] == []
    with pytest.raises(ValueError, match="max_pages"):
        ArbeitnowSpider(max_pages="0")
