"""`scrapy crawl himalayas` against the sandbox board, and its `?offset=&limit=20` paging."""

from __future__ import annotations

import pytest

from crawlers.spiders.himalayas import PAGE_SIZE, HimalayasSpider
from jobpulse.sandbox import wire_aggregators
from tests.crawlers.sandbox_crawls import sandbox_crawls
from tests.crawlers.spider_calls import LOCAL, run_callback


@pytest.fixture(scope="module")
def sandbox():
    return sandbox_crawls()


def test_every_job_on_every_page_lands_once(sandbox):
    crawl = sandbox.crawls["himalayas"]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert "Deprecat" not in crawl.stderr and "ERROR" not in crawl.stderr
    listed = {
        wire_aggregators.source_id("himalayas", p): p
        for p in wire_aggregators.listed(sandbox.corpus, "himalayas", sandbox.corpus.end)
    }
    pages = -(-len(listed) // PAGE_SIZE)
    assert pages >= 5
    assert sorted(crawl.ids()) == sorted(listed)
    assert crawl.stats["downloader/request_count"] == 1 + pages
    for item in crawl.items:
        posting, salary = listed[item["source_id"]], listed[item["source_id"]].salary
        assert (item["title"], item["company"], item["remote"]) == (posting.title, posting.company.name, "remote")
        assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (
            (salary.min, salary.max, salary.currency, salary.period) if salary else (None, None, None, None)
        )


def jobs_page(offset, count, total):
    jobs = [
        {
            "guid": f"https://himalayas.app/companies/acme/jobs/job-{offset + n}",
            "title": "ML Engineer",
            "companyName": "Acme",
            "pubDate": 1_780_000_000,
        }
        for n in range(count)
    ]
    return {"offset": offset, "limit": PAGE_SIZE, "totalCount": total, "jobs": jobs}


def test_offsets_advance_by_what_each_page_held_until_the_total():
    spider = HimalayasSpider(base_url=LOCAL)
    (first,) = spider.initial_requests()
    assert first.url == f"{LOCAL}/jobs/api?offset=0&limit=20"
    (second,), items = run_callback(first, jobs_page(0, 20, total=35))
    assert second.url == f"{LOCAL}/jobs/api?offset=20&limit=20" and len(items) == 20
    requests, items = run_callback(second, jobs_page(20, 15, total=35))
    assert requests == [] and len(items) == 15


def test_an_empty_page_ends_the_crawl_and_max_pages_caps_it():
    (first,) = HimalayasSpider(base_url=LOCAL).initial_requests()
    assert run_callback(first, jobs_page(0, 0, total=100)) == ([], [])
    (capped,) = HimalayasSpider(base_url=LOCAL, max_pages=1).initial_requests()
    requests, items = run_callback(capped, jobs_page(0, 20, total=100))
    assert requests == [] and len(items) == 20
