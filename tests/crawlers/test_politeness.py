"""Polite and contained: settings, per-host budgets, no off-domain redirects, per-board accounting,
and the one-line reason a board failed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from contract.crawl_identity import user_agent
from crawlers import settings as project_settings
from crawlers.middlewares import BoardStatsMiddleware, OffsiteRedirect, OffsiteRedirectMiddleware, retry_after_seconds
from crawlers.spiders.base import failure_reason
from crawlers.spiders.greenhouse import GreenhouseSpider
from crawlers.spiders.hn import HackerNewsSpider

# --- settings --------------------------------------------------------------------------------------


def test_polite_defaults():
    assert project_settings.ROBOTSTXT_OBEY is True
    assert project_settings.AUTOTHROTTLE_ENABLED is True
    assert project_settings.CONCURRENT_REQUESTS_PER_DOMAIN <= 2 and project_settings.DOWNLOAD_DELAY > 0
    assert 0 < project_settings.DOWNLOAD_WARNSIZE < project_settings.DOWNLOAD_MAXSIZE <= 128 * 2**20
    assert project_settings.USER_AGENT.startswith("jobpulse/") and "+http" in project_settings.USER_AGENT


def api_spiders():
    loader = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["crawlers.spiders"]}))
    return [loader.load(name) for name in loader.list() if getattr(loader.load(name), "default_base_url", "")]


@pytest.mark.parametrize("spider", api_spiders(), ids=lambda s: s.name)
def test_every_api_host_has_a_budget_of_its_own(spider):
    host = spider.default_base_url.split("://", 1)[1].split("/", 1)[0]
    own = getattr(spider, "custom_settings", None) or {}
    concurrency = project_settings.DOWNLOAD_SLOTS.get(host, {}).get(
        "concurrency", own.get("CONCURRENT_REQUESTS_PER_DOMAIN")
    )
    floor = own.get("DOWNLOAD_DELAY", project_settings.DOWNLOAD_DELAY)  # AutoThrottle never goes below it
    assert concurrency is not None and concurrency <= 2, f"{host}: no per-host concurrency"
    assert floor >= 0.5, f"{host}: requests less than half a second apart"


@pytest.mark.parametrize(
    ("url", "email", "expected"),
    [
        (None, None, "jobpulse/0.1 (+https://github.com/jobpulse/jobpulse)"),
        ("https://example.org/bot", None, "jobpulse/0.1 (+https://example.org/bot)"),
        ("https://example.org/bot", "ops@example.org", "jobpulse/0.1 (+https://example.org/bot; ops@example.org)"),
    ],
)
def test_user_agent_names_the_operator(url, email, expected):
    assert user_agent(url, email) == expected


# --- requests stay on the source's domains ---------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "allowed"),
    [
        (None, ["boards-api.greenhouse.io"]),
        ("http://127.0.0.1:8765", ["127.0.0.1"]),  # the sandbox host, when given, is the one allowed
    ],
)
def test_a_spider_allows_only_its_api_host(base_url, allowed):
    assert GreenhouseSpider(boards="acme", base_url=base_url).allowed_domains == allowed


def redirect_middleware(allowed_domains: list[str]) -> OffsiteRedirectMiddleware:
    crawler = get_crawler(HackerNewsSpider)
    crawler.spider = HackerNewsSpider()
    crawler.spider.allowed_domains = allowed_domains
    crawler.stats.open_spider()
    return OffsiteRedirectMiddleware.from_crawler(crawler)


def redirect(location: str, status: int = 302) -> tuple[Request, Response]:
    request = Request("https://hn.algolia.com/api/v1/items/1")
    return request, Response(request.url, status=status, headers={"Location": location}, request=request)


@pytest.mark.parametrize(
    ("location", "status", "followed"),
    [
        ("/api/v1/items/2", 301, True),  # relative: same host
        ("https://hn.algolia.com/api/v1/items/2", 302, True),
        ("https://eu.hn.algolia.com/api/v1/items/2", 307, True),  # a subdomain of an allowed domain
        ("https://evil.example/api/v1/items/2", 302, False),
        ("https://algolia.com.evil.example/x", 308, False),
        ("https://evil.example/x", 200, True),  # not a redirect: Location means nothing
    ],
)
def test_an_off_domain_redirect_fails_its_request(location, status, followed):
    middleware = redirect_middleware(["hn.algolia.com"])
    request, response = redirect(location, status)
    if followed:
        assert middleware.process_response(request, response) is response
    else:
        with pytest.raises(OffsiteRedirect, match=f"redirect off-domain to {location}"):
            middleware.process_response(request, response)
        assert middleware.crawler.stats.get_value("jobpulse/offsite_redirects") == 1


def test_without_allowed_domains_every_redirect_is_left_to_scrapy():
    request, response = redirect("https://anywhere.example/")
    assert redirect_middleware([]).process_response(request, response) is response


# --- Retry-After ------------------------------------------------------------------------------------

NOW = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("Mon, 02 Mar 2026 12:00:30 GMT", 30.0),
        ("Mon, 02 Mar 2026 11:00:00 GMT", 0.0),  # already past
        ("soon", None),
        ("", None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(header, seconds):
    assert retry_after_seconds(header, now=NOW) == seconds


# --- per-board accounting ----------------------------------------------------------------------------


def test_requests_responses_and_items_are_counted_per_board():
    crawler = get_crawler(GreenhouseSpider)
    crawler.stats.open_spider()
    middleware = BoardStatsMiddleware.from_crawler(crawler)
    spider = GreenhouseSpider(boards="acme,beta", base_url="http://127.0.0.1:1")
    acme, beta = spider.initial_requests()
    for request, status in [(acme, 503), (acme, 200), (beta, 404)]:
        middleware.process_request(request)
        middleware.process_response(request, Response(request.url, status=status))
    for _ in range(3):
        middleware.item_scraped({"board": "acme"}, None, spider)
    stats = crawler.stats.get_stats()
    assert {
        k.split("/", 3)[3]: v
        for k, v in stats.items()
        if k.startswith("jobpulse/board/acme/") and not k.endswith("_at")
    } == {"requests": 2, "status/503": 1, "status/200": 1, "items": 3}
    assert stats["jobpulse/board/beta/status/404"] == 1 and "jobpulse/board/beta/items" not in stats


# --- why a request failed, in one line --------------------------------------------------------------


def failed(error: Exception, retries: int = 0) -> Failure:
    request = Request("http://127.0.0.1:1/v1/boards/acme/jobs", meta={"retry_times": retries})
    failure = Failure(error)
    failure.request = request
    return failure


def http_error(status: int) -> HttpError:
    return HttpError(Response("http://127.0.0.1:1/", status=status))


@pytest.mark.parametrize(
    ("error", "retries", "reason"),
    [
        (http_error(500), 3, "HTTP 500 after 3 retries"),
        (http_error(403), 0, "HTTP 403"),
        (http_error(404), 0, "not found (404)"),
        (OffsiteRedirect("redirect off-domain to http://x.example/"), 0, "redirect off-domain to http://x.example/"),
        (IgnoreRequest("Forbidden by robots.txt"), 0, "forbidden by robots.txt"),
        (TimeoutError("took too long"), 2, "TimeoutError: took too long after 2 retries"),
    ],
)
def test_failure_reasons(error, retries, reason):
    assert failure_reason(failed(error, retries)) == reason
