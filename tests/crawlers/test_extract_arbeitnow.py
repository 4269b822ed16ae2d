"""Arbeitnow extractor on the recorded `/api/job-board-api` response (ats_fixtures/arbeitnow)."""

from __future__ import annotations

import json

import pytest

from contract.posting import FIELDS
from crawlers.extractors.arbeitnow import description_html, extract, next_page
from tests.realdata import realdata_path


@pytest.fixture
def recorded():
    return json.loads(realdata_path("ats_fixtures", "arbeitnow", "arbeitnow_job_board_api_full.json").read_text())


def test_every_recorded_job_becomes_a_complete_item(recorded):
    items = extract(recorded)
    assert [i["source_id"] for i in items] == [
        "ml-product-engineer-heidelberg-60723",
        "machine-meta-learner-heidelberg-235959",
        "technical-co-founder-cto-aureas-munich-353142",
        "senior-product-owner-hamburg-berlin-302643",
        "director-of-data-berlin-456700",
    ]
    for item, job in zip(items, recorded["data"]):
        assert set(item) == set(FIELDS) and item["raw"] is job and item["source"] == "arbeitnow"
        assert (item["title"], item["company"], item["url"]) == (job["title"], job["company_name"], job["url"])
        assert item["remote"] is None  # `remote: false` is "not fully remote", maybe hybrid
        assert item["salary_min"] is None  # Arbeitnow has no salary field
        assert item["description_html"].startswith("<p>")


def test_dates_come_from_created_at(recorded):
    items = extract(recorded)
    assert items[0]["posted_at"] == "2026-08-03T21:30:34+00:00"  # created_at 1785792634
    assert items[-1]["posted_at"] == "2026-08-03T21:16:18+00:00"


def test_an_escaped_employer_text_is_unescaped_and_arbeitnows_footer_kept(recorded):
    raw = recorded["data"][3]["description"]
    assert raw.startswith("&lt;p&gt;&lt;strong&gt;Senior Product Owner")
    item = extract(recorded)[3]
    assert item["description_html"].startswith("<p><strong>Senior Product Owner (d/f/m)<br></strong>")
    assert '<p>Find more <a href="https://www.arbeitnow.com/english-speaking-jobs">' in item["description_html"]
    assert "&lt;" not in item["description_html"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<p>plain &amp; simple</p>", "<p>plain &amp; simple</p>"),  # real HTML: untouched
        ("&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;", "<p>Tom &amp; Jerry</p>"),  # escaped: once
        ("", None),
    ],
)
def test_description_html(text, expected):
    assert description_html(text) == expected


def test_remote_flag_and_location_words(recorded):
    job = {**recorded["data"][0], "remote": True}
    hybrid = {**recorded["data"][0], "location": "Berlin (hybrid)"}
    assert [i["remote"] for i in extract({"data": [job, hybrid]})] == ["remote", "hybrid"]


@pytest.mark.parametrize(
    "links, meta, expected",
    [
        ({"next": "https://www.arbeitnow.com/api/job-board-api?page=3"}, {"current_page": 2}, 3),
        ({"next": None}, {"current_page": 7}, None),  # the last page
        ({"next": "https://www.arbeitnow.com/api/job-board-api"}, {"current_page": 4}, 5),  # no page= in it
        (None, None, None),  # the recorded file kept no links/meta
    ],
)
def test_next_page(links, meta, expected):
    assert next_page({"data": [], "links": links, "meta": meta}) == expected
