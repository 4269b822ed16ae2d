"""`scrapy crawl careers` against the sandbox's career sites: from the listing pages (following
pages and postings, refusing the off-site links and redirects) and from the sitemap index."""

from __future__ import annotations

import pytest

from jobpulse.sandbox import careers
from tests.crawlers.sandbox_crawls import sandbox_crawls


@pytest.fixture(scope="module")
def sandbox():
    return sandbox_crawls()


@pytest.fixture(scope="module")
def expected(sandbox):
    """source_id → posting, for every posting the career sites show on the corpus's last day."""
    truth = careers.truth(sandbox.corpus)
    shown = {
        p.id
        for company in careers.career_sites(sandbox.corpus).values()
        for p in careers.posted(sandbox.corpus, company, sandbox.corpus.end)
    }
    return {source_id: p for (_, source_id), p in truth.items() if p.id in shown}


@pytest.mark.parametrize("crawl_name", ["careers-urls", "careers-sitemaps"])
def test_every_posting_of_every_site_lands_once(sandbox, expected, crawl_name):
    crawl = sandbox.crawls[crawl_name]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert len(expected) > 100
    assert sorted(crawl.ids()) == sorted(expected)
    for item in crawl.items:
        posting = expected[item["source_id"]]
        assert (item["title"], item["company"]) == (posting.title, posting.company.name)
        assert item["url"] == careers.canonical_url(posting)
        assert item["remote"] == ("remote" if posting.workplace == "remote" else None)
        salary = posting.salary
        assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (
            (salary.min, salary.max, salary.currency, salary.period) if salary else (None, None, None, None)
        )
        assert item["posted_at"][:10] == posting.posted_on.isoformat()


def test_listing_crawls_file_items_under_their_start_url_and_stay_on_the_sandbox(sandbox):
    crawl = sandbox.crawls["careers-urls"]
    assert {item["board"] for item in crawl.items} == set(sandbox.boards["careers"])
    # Every site links to its ATS board and its home page (off-site: never requested) and to an
    # "apply" page that redirects off-site (requested, its redirect refused).
    sites = len(sandbox.boards["careers"])
    assert crawl.stats["jobpulse/offsite_redirects"] == sites
    assert crawl.stats.get("jobpulse/failed") is None and crawl.stats.get("log_count/ERROR") is None
    assert crawl.stats["downloader/response_status_count/302"] == sites


def test_every_markup_the_sites_use_was_read(sandbox):
    crawl = sandbox.crawls["careers-urls"]
    sites = careers.career_sites(sandbox.corpus)
    by_company = {c.name: careers.MARKUP[i] for i, c in enumerate(sites.values())}
    kinds = {by_company[item["company"]] for item in crawl.items}
    assert kinds == {"jsonld", "graph", "microdata"}
