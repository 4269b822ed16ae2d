"""Spiders build the right requests, follow pages, and shrug off missing boards (no network)."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from scrapy.http import Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.spiders.ashby import AshbySpider
from crawlers.spiders.greenhouse import GreenhouseSpider
from crawlers.spiders.hn import HackerNewsSpider
from crawlers.spiders.lever import LeverSpider
from tests.realdata import realdata_path

LOCAL = "http://127.0.0.1:8765/"


def respond(request: Request, payload, status: int = 200) -> TextResponse:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return TextResponse(
        request.url, status=status, body=body, request=request, headers={"Content-Type": "application/json"}
    )


def run_callback(request: Request, payload, status: int = 200) -> list:
    return list(request.callback(respond(request, payload, status), **request.cb_kwargs) or [])


def split(results):
    requests = [r for r in results if isinstance(r, Request)]
    return requests, [r for r in results if not isinstance(r, Request)]


def test_board_urls_use_base_url_and_each_board_once():
    spider = GreenhouseSpider(boards="acme, beta,,acme", base_url=LOCAL)
    assert [r.url for r in spider.initial_requests()] == [
        "http://127.0.0.1:8765/v1/boards/acme/jobs?content=true",
        "http://127.0.0.1:8765/v1/boards/beta/jobs?content=true",
    ]
    assert [r.url for r in AshbySpider(boards="openai").initial_requests()] == [
        "https://api.ashbyhq.com/posting-api/job-board/openai?includeCompensation=true"
    ]
    assert GreenhouseSpider(boards="x").initial_requests()[0].url.startswith("https://boards-api.greenhouse.io/")


def test_start_yields_the_same_requests():
    spider = LeverSpider(boards="a,b", base_url=LOCAL)

    async def collect():
        return [request.url async for request in spider.start()]

    assert asyncio.run(collect()) == [r.url for r in spider.initial_requests()]


def test_no_boards_means_no_requests(caplog):
    with caplog.at_level(logging.WARNING):
        assert GreenhouseSpider().initial_requests() == []
    assert "no boards given" in caplog.text


def test_greenhouse_board_to_items():
    payload = json.loads(realdata_path("ats_fixtures", "greenhouse", "greenhouse_jobs_stripe.json").read_text())
    (request,) = GreenhouseSpider(boards="stripe", base_url=LOCAL).initial_requests()
    requests, items = split(run_callback(request, payload))
    assert requests == [] and [i["source_id"] for i in items] == ["7954688", "8029128"]
    assert {i["board"] for i in items} == {"stripe"}


def test_ashby_board_to_items():
    payload = json.loads(realdata_path("ats_fixtures", "ashby", "ashby_job_board_openai.json").read_text())
    (request,) = AshbySpider(boards="openai", base_url=LOCAL).initial_requests()
    assert [i["title"] for i in run_callback(request, payload)] == [
        "Technical Program Manager, Compute Infrastructure",
        "Research Engineer",
    ]


def test_a_missing_board_is_logged_once_and_yields_nothing(caplog):
    (request,) = GreenhouseSpider(boards="ghost", base_url=LOCAL).initial_requests()
    with caplog.at_level(logging.WARNING):
        assert run_callback(request, {"status": 404, "error": "Job not found"}, status=404) == []
    assert caplog.text.count("board ghost not found (404)") == 1
    assert 404 in GreenhouseSpider.handle_httpstatus_list  # so the 404 reaches the callback at all


def test_a_non_json_answer_is_logged_not_raised(caplog):
    (request,) = AshbySpider(boards="odd", base_url=LOCAL).initial_requests()
    with caplog.at_level(logging.ERROR):
        assert run_callback(request, b"<html>maintenance</html>") == []
    assert "board odd: response from" in caplog.text


def test_a_failing_board_is_logged_by_name(caplog):
    (request,) = GreenhouseSpider(boards="busy", base_url=LOCAL).initial_requests()
    failure = Failure(HttpError(respond(request, b"", status=503)))
    failure.request = request  # as Scrapy sets it before calling the errback
    with caplog.at_level(logging.ERROR):
        request.errback(failure)
    assert "board busy failed: HTTP 503" in caplog.text


# --- Lever paging --------------------------------------------------------------------------------


def postings(start: int, count: int) -> list[dict]:
    return [
        {
            "id": f"p{n}",
            "text": f"ML Engineer {n}",
            "createdAt": 1_700_000_000_000,
            "categories": {"location": "Remote"},
            "hostedUrl": f"https://jobs.example/p{n}",
        }
        for n in range(start, start + count)
    ]


def test_lever_pages_until_a_short_page():
    spider = LeverSpider(boards="acme", base_url=LOCAL)
    spider.page_size = 3
    (first,) = spider.initial_requests()
    assert first.url == "http://127.0.0.1:8765/v0/postings/acme?mode=json&skip=0&limit=3"
    (second,), items = split(run_callback(first, postings(0, 3)))
    assert second.url == "http://127.0.0.1:8765/v0/postings/acme?mode=json&skip=3&limit=3"
    assert [i["source_id"] for i in items] == ["p0", "p1", "p2"]
    requests, items = split(run_callback(second, postings(3, 2)))
    assert requests == [] and [i["source_id"] for i in items] == ["p3", "p4"]


def test_lever_stops_when_the_server_ignores_skip():
    spider = LeverSpider(boards="acme", base_url=LOCAL)
    spider.page_size = 2
    (first,) = spider.initial_requests()
    (second,), _ = split(run_callback(first, postings(0, 2)))
    requests, _ = split(run_callback(second, postings(0, 2)))  # the same page again
    assert requests == []


def test_lever_default_page_size_is_100():
    (request,) = LeverSpider(boards="palantir").initial_requests()
    assert request.url == "https://api.lever.co/v0/postings/palantir?mode=json&skip=0&limit=100"


# --- HN discovery and threads ---------------------------------------------------------------------


def search_page(page):
    path = realdata_path("hn_whoishiring", "wire_format", f"algolia_search_by_date_whoishiring_page{page}.json")
    return json.loads(path.read_text())


def test_hn_starts_with_the_first_search_page():
    (request,) = HackerNewsSpider(base_url=LOCAL, boards="ignored").initial_requests()
    assert request.url == (
        "http://127.0.0.1:8765/api/v1/search_by_date?query=hiring"
        "&tags=story,(author__whoishiring,author_whoishiring)&hitsPerPage=100&page=0"
    )


def test_hn_follows_search_pages_and_requests_each_thread():
    spider = HackerNewsSpider(base_url=LOCAL)
    (request,) = spider.initial_requests()
    requests = run_callback(request, search_page(0))
    threads = [r for r in requests if r.callback == spider.parse_thread]
    pages = [r for r in requests if r.callback == spider.parse_search_page]
    assert len(threads) == 20 and threads[0].url == "http://127.0.0.1:8765/api/v1/items/37351667"
    assert [r.url[-7:] for r in pages] == ["&page=1"]


def test_hn_stops_at_the_last_page_and_on_an_empty_page():
    spider = HackerNewsSpider(base_url=LOCAL)
    last = spider.search_request(7)
    assert all(r.callback == spider.parse_thread for r in run_callback(last, search_page(7)))
    assert run_callback(spider.search_request(8), search_page(8)) == []


def test_hn_month_filters_and_early_stop():
    spider = HackerNewsSpider(base_url=LOCAL, since="2023-06", until="2023-08")
    results = run_callback(spider.search_request(0), search_page(0))
    # Aug, Jul, Jun 2023; page 0 already reaches back before June, so no page 1
    assert [r.cb_kwargs["thread_id"] for r in results] == ["36956867", "36573871", "36152014"]


def test_hn_given_threads_skip_discovery():
    spider = HackerNewsSpider(base_url=LOCAL, threads="2396027, 48747976")
    assert [r.url for r in spider.initial_requests()] == [
        "http://127.0.0.1:8765/api/v1/items/2396027",
        "http://127.0.0.1:8765/api/v1/items/48747976",
    ]


def test_hn_thread_to_items():
    tree = json.loads(realdata_path("hn_whoishiring", "wire_format", "algolia_items_2396027.json").read_text())
    request = HackerNewsSpider(base_url=LOCAL).thread_request("2396027")
    items = run_callback(request, tree)
    assert len(items) == 219 and {i["board"] for i in items} == {"2396027"}


def test_hn_rejects_malformed_months():
    with pytest.raises(ValueError, match="YYYY-MM"):
        HackerNewsSpider(since="2023-13")
