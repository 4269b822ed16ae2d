"""The Muse extractor on the recorded results (ats_fixtures/themuse): 202 real `/api/public/jobs`
result objects, saved by another project inside its own wrapper `{generatedAt, count, jobs}`."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import pytest

from contract.posting import FIELDS
from crawlers.extractors.themuse import extract
from tests.realdata import realdata_path


@pytest.fixture(scope="module")
def recorded():
    return json.loads(realdata_path("ats_fixtures", "themuse", "themuse_jobs_202_items.json").read_text())


@pytest.fixture(scope="module")
def items(recorded):
    return extract(recorded)


def test_every_recorded_result_becomes_a_complete_item(recorded, items):
    assert len(items) == recorded["count"] == 202
    assert [i["source_id"] for i in items] == [str(job["id"]) for job in recorded["jobs"]]
    assert len(set(i["source_id"] for i in items)) == 202
    for item, job in zip(items, recorded["jobs"]):
        assert set(item) == set(FIELDS) and item["raw"] is job and item["source"] == "themuse"
        assert (item["title"], item["company"]) == (job["name"].strip(), job["company"]["name"])
        assert item["url"] == job["refs"]["landing_page"]
        assert item["description_html"] == job["contents"]
        assert datetime.fromisoformat(item["posted_at"]).tzinfo is not None
        assert item["salary_min"] is None  # The Muse publishes no salary


def test_an_api_page_gives_the_same_items_as_the_archive(recorded, items):
    page = {"page": 0, "page_count": 11, "items_per_page": 20, "total": 202, "results": recorded["jobs"]}
    assert extract(page) == items
    assert extract(recorded["jobs"]) == items  # a bare list of results too


def test_facts(items):
    first = items[0]
    assert (first["source_id"], first["company"], first["location"], first["posted_at"]) == (
        "22034722",
        "The Coca-Cola Company",
        "Atlanta, GA",
        "2026-08-06T23:36:54Z",
    )
    uber = next(i for i in items if i["source_id"] == "20406944")
    assert uber["location"] == "San Francisco, CA; Sunnyvale, CA"  # several places
    dates = sorted(i["posted_at"] for i in items)
    assert (dates[0], dates[-1]) == ("2021-02-25T17:17:45Z", "2026-08-07T19:52:30Z")


def test_flexible_remote_is_remote_and_a_city_says_nothing(items):
    assert Counter(i["remote"] for i in items) == {None: 196, "remote": 6}
    assert all("Flexible / Remote" in i["location"] for i in items if i["remote"] == "remote")
