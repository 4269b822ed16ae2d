"""SmartRecruiters extractor on every recorded list page and detail (shared/realdata/ats_fixtures/
smartrecruiters): a list record plus its detail make one item; a list record alone makes one too."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from crawlers.extractors.smartrecruiters import extract, iso_utc, job_ad_html, listing_page, posting_item
from tests.realdata import realdata_path

# file → (records on the page, totalFound)
LIST_PAGES = {
    "smartrecruiters_postings_visa.json": (2, 2),
    "smartrecruiters_postings_page0.json": (3, 4),
    "smartrecruiters_postings_page1.json": (1, 4),
}


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "smartrecruiters", name).read_text())


@pytest.mark.parametrize(("name", "expected"), LIST_PAGES.items())
def test_every_recorded_list_page_parses(name, expected):
    payload = recorded(name)
    listings, total = listing_page(payload)
    assert (len(listings), total) == expected
    items = [posting_item(listing, None, "board") for listing in listings]
    for item, listing in zip(items, payload["content"]):
        assert (item["source"], item["source_id"], item["board"]) == ("smartrecruiters", listing["id"], "board")
        assert item["title"] == listing["name"].strip()
        assert item["location"] == listing["location"]["fullLocation"]
        assert item["remote"] == "onsite"  # remote: false, hybrid: false on every recorded posting
        assert item["description_html"] is None  # the job ad only comes with the detail
        posted = datetime.fromisoformat(item["posted_at"])
        assert posted.tzinfo is not None and posted == datetime.fromisoformat(listing["releasedDate"])
        assert item["raw"] == listing


def test_visa_listing_and_detail_make_one_item():
    listings, _ = listing_page(recorded("smartrecruiters_postings_visa.json"))
    detail = recorded("smartrecruiters_posting_detail_visa.json")
    item = posting_item(listings[0], detail, "Visa")
    assert (item["source_id"], item["title"], item["company"]) == ("744000133907678", "Sr. Manager", "Visa")
    assert item["url"] == "https://jobs.smartrecruiters.com/Visa/744000133907678-sr-manager"  # the detail's
    assert item["location"] == "Austin, TX, United States"
    assert item["posted_at"] == "2026-06-24T10:00:11.853000+00:00"
    # Only the non-empty section of this ad, under its title; its HTML is kept as sent.
    assert item["description_html"] == (
        "<h3>Additional Information</h3>\n"
        "<p>All your information will be kept confidential according to EEO guidelines.</p>"
    )
    assert item["raw"]["jobAd"] == detail["jobAd"] and item["raw"]["customField"] == detail["customField"]


def test_listing_without_its_company_block_falls_back_to_the_board():
    listings, _ = listing_page(recorded("smartrecruiters_postings_visa.json"))
    item = posting_item(listings[1], None, "Visa")
    assert (item["title"], item["company"], item["location"]) == ("Director", "Visa", "Bengaluru, KA, India")
    assert item["url"] == "https://jobs.smartrecruiters.com/Visa/744000129971988"


def test_pricing_analyst_gets_its_job_ad_sections_in_reading_order():
    listings, _ = listing_page(recorded("smartrecruiters_postings_page0.json"))
    item = posting_item(listings[0], recorded("smartrecruiters_posting_detail_jobad.json"), "AutomationAnywhere1")
    assert (item["title"], item["company"]) == ("Pricing Analyst", "Automation Anywhere")
    html = item["description_html"]
    titles = ["<h3>Company Description</h3>", "<h3>Job Description</h3>", "<h3>Additional Information</h3>"]
    assert [html.index(t) for t in titles] == sorted(html.index(t) for t in titles)
    assert "<h3>Qualifications</h3>" not in html  # its text is empty
    assert "Automation Anywhere’s enterprise-grade platform" in html and "&lt;" not in html
    assert item["posted_at"] == "2020-02-06T19:42:44+00:00"


def test_a_saved_response_is_a_list_page_or_one_detail():
    assert [i["source_id"] for i in extract(recorded("smartrecruiters_postings_page0.json"), "aa")] == [
        "743999706414750",
        "743999706405540",
        "743999704892584",
    ]
    (detail,) = extract(recorded("smartrecruiters_posting_detail_visa.json"), "Visa")
    assert detail["description_html"].startswith("<h3>Additional Information</h3>")
    assert extract(recorded("smartrecruiters_posting_detail_jobad.json"), "aa") == []  # no id in it


@pytest.mark.parametrize(
    ("flags", "remote"),
    [
        ({"remote": True, "hybrid": False}, "remote"),
        ({"remote": False, "hybrid": True}, "hybrid"),
        ({"remote": False, "hybrid": False}, "onsite"),
        ({}, None),
    ],
)
def test_work_mode_from_the_location_flags(flags, remote):
    listing = {"id": "1", "name": "ML Engineer", "location": {"city": "Austin", **flags}}
    assert posting_item(listing, None, "acme")["remote"] == remote


def test_dates_and_empty_ads():
    assert iso_utc("2026-06-03T11:08:12.368Z") == "2026-06-03T11:08:12.368000+00:00"
    assert iso_utc("not a date") is None and iso_utc(None) is None
    assert job_ad_html(None) is None and job_ad_html({"jobAd": {"sections": {}}}) is None
