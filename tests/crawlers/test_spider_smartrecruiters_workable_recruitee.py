"""SmartRecruiters, Workable and Recruitee spiders: the requests they build, SmartRecruiters' paging
and detail calls, and missing boards or postings (no network: callbacks fed recorded payloads)."""

from __future__ import annotations

import json
import logging

import pytest
from scrapy.http import Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.spiders.recruitee import RecruiteeSpider
from crawlers.spiders.smartrecruiters import SmartRecruitersSpider
from crawlers.spiders.workable import WorkableSpider
from tests.realdata import realdata_path

LOCAL = "http://127.0.0.1:8765"


def recorded(ats, name):
    return json.loads(realdata_path("ats_fixtures", ats, name).read_text())


def run_callback(request: Request, payload, status: int = 200) -> list:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    response = TextResponse(
        request.url, status=status, body=body, request=request, headers={"Content-Type": "application/json"}
    )
    return list(request.callback(response, **request.cb_kwargs) or [])


def split(results):
    requests = [r for r in results if isinstance(r, Request)]
    return requests, [r for r in results if not isinstance(r, Request)]


@pytest.mark.parametrize(
    ("spider", "base_url", "url"),
    [
        (SmartRecruitersSpider, None, "https://api.smartrecruiters.com/v1/companies/Visa/postings?offset=0&limit=100"),
        (SmartRecruitersSpider, LOCAL, f"{LOCAL}/v1/companies/Visa/postings?offset=0&limit=100"),
        (WorkableSpider, None, "https://apply.workable.com/api/v1/widget/accounts/Visa?details=true"),
        (WorkableSpider, LOCAL, f"{LOCAL}/api/v1/widget/accounts/Visa?details=true"),
        (RecruiteeSpider, None, "https://visa.recruitee.com/api/offers/"),
        (RecruiteeSpider, LOCAL, f"{LOCAL}/recruitee/Visa/api/offers/"),
    ],
)
def test_first_request_per_board(spider, base_url, url):
    assert [r.url for r in spider(boards="Visa", base_url=base_url).initial_requests()] == [url]


@pytest.mark.parametrize("spider", [SmartRecruitersSpider, WorkableSpider, RecruiteeSpider])
def test_each_source_sets_its_own_politeness(spider):
    assert spider.custom_settings["CONCURRENT_REQUESTS_PER_DOMAIN"] <= 2
    assert spider.custom_settings["DOWNLOAD_DELAY"] >= 0.5


def test_recruitee_refuses_boards_that_are_not_subdomains(caplog):
    with caplog.at_level(logging.ERROR):
        requests = RecruiteeSpider(boards="acme,evil.example/x,-bad").initial_requests()
    assert [r.url for r in requests] == ["https://acme.recruitee.com/api/offers/"]
    assert "'evil.example/x' is not a Recruitee subdomain" in caplog.text
    assert "recruitee.com" in RecruiteeSpider(boards="acme").allowed_domains  # its subdomains, no others


@pytest.mark.parametrize(
    ("spider", "ats", "name", "ids"),
    [
        (WorkableSpider, "workable", "workable_widget_vasion.json", ["74172297A5", "15F16B8D99"]),
        (RecruiteeSpider, "recruitee", "recruitee_offers.json", ["2707521", "2707517", "2705729"]),
    ],
)
def test_one_board_document_to_items(spider, ats, name, ids):
    (request,) = spider(boards="acme", base_url=LOCAL).initial_requests()
    requests, items = split(run_callback(request, recorded(ats, name)))
    assert requests == [] and [i["source_id"] for i in items] == ids and {i["board"] for i in items} == {"acme"}


@pytest.mark.parametrize("spider", [SmartRecruitersSpider, WorkableSpider, RecruiteeSpider])
def test_a_missing_board_is_logged_once_and_yields_nothing(spider, caplog):
    (request,) = spider(boards="ghost", base_url=LOCAL).initial_requests()
    with caplog.at_level(logging.WARNING):
        assert run_callback(request, {"error": "Not found"}, status=404) == []
    assert caplog.text.count("board ghost not found (404)") == 1


# --- SmartRecruiters: list pages, then one detail per posting -----------------------------------


def test_a_list_page_asks_for_each_detail_and_the_next_page():
    spider = SmartRecruitersSpider(boards="AutomationAnywhere1", base_url=LOCAL)
    spider.page_size = 3
    (first,) = spider.initial_requests()
    requests, items = split(run_callback(first, recorded("smartrecruiters", "smartrecruiters_postings_page0.json")))
    assert items == []  # items come with their details
    *details, next_page = requests
    assert [r.url for r in details] == [
        f"{LOCAL}/v1/companies/AutomationAnywhere1/postings/{n}"
        for n in ("743999706414750", "743999706405540", "743999704892584")
    ]
    assert next_page.url == f"{LOCAL}/v1/companies/AutomationAnywhere1/postings?offset=3&limit=3"  # 3 of 4 so far
    # The recorded second page repeats a posting already seen: no second detail call, no third page.
    assert run_callback(next_page, recorded("smartrecruiters", "smartrecruiters_postings_page1.json")) == []


def test_a_detail_becomes_the_item():
    spider = SmartRecruitersSpider(boards="Visa", base_url=LOCAL)
    (first,) = spider.initial_requests()
    details, _ = split(run_callback(first, recorded("smartrecruiters", "smartrecruiters_postings_visa.json")))
    assert len(details) == 2  # 2 of 2: no next page
    (item,) = run_callback(details[0], recorded("smartrecruiters", "smartrecruiters_posting_detail_visa.json"))
    assert (item["source_id"], item["board"], item["company"]) == ("744000133907678", "Visa", "Visa")
    assert "EEO guidelines" in item["description_html"]


def test_a_posting_gone_before_its_detail_still_lands_from_its_listing(caplog):
    spider = SmartRecruitersSpider(boards="Visa", base_url=LOCAL)
    (first,) = spider.initial_requests()
    details, _ = split(run_callback(first, recorded("smartrecruiters", "smartrecruiters_postings_visa.json")))
    with caplog.at_level(logging.WARNING):
        (item,) = run_callback(details[1], {"message": "Posting not found"}, status=404)
    assert (item["title"], item["description_html"]) == ("Director", None)
    assert "posting 744000129971988 of board Visa has gone (404)" in caplog.text


def test_an_empty_company_is_reported(caplog):
    (first,) = SmartRecruitersSpider(boards="Nobody", base_url=LOCAL).initial_requests()
    with caplog.at_level(logging.WARNING):
        assert run_callback(first, {"offset": 0, "limit": 100, "totalFound": 0, "content": []}) == []
    assert "board Nobody has no postings" in caplog.text


def test_a_detail_that_keeps_failing_still_lands_its_listing(caplog):
    spider = SmartRecruitersSpider(boards="Visa", base_url=LOCAL)
    (first,) = spider.initial_requests()
    details, _ = split(run_callback(first, recorded("smartrecruiters", "smartrecruiters_postings_visa.json")))
    failure = Failure(HttpError(TextResponse(details[0].url, status=503, body=b"", request=details[0])))
    failure.request = details[0]  # as Scrapy sets it before calling the errback
    with caplog.at_level(logging.ERROR):
        (item,) = details[0].errback(failure)
    assert (item["source_id"], item["description_html"]) == ("744000133907678", None)
    assert "posting 744000133907678 of board Visa failed: HTTP 503" in caplog.text
