"""Himalayas extractor on every recorded `/jobs/api` response (ats_fixtures/himalayas)."""

from __future__ import annotations

import json

import pytest

from contract.posting import FIELDS
from crawlers.extractors.himalayas import extract, published_at
from tests.realdata import realdata_path

RECORDED = {"himalayas_jobs_api.json": 4, "himalayas_jobs_api_2.json": 3}


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "himalayas", name).read_text())


def by_company(name):
    return {item["company"]: item for item in extract(recorded(name))}


@pytest.mark.parametrize("name, count", RECORDED.items())
def test_every_recorded_job_becomes_a_complete_item(name, count):
    payload = recorded(name)
    items = extract(payload)
    assert len(items) == len(payload["jobs"]) == count
    for item, job in zip(items, payload["jobs"]):
        assert set(item) == set(FIELDS) and item["raw"] is job
        assert (item["source"], item["remote"]) == ("himalayas", "remote")
        assert item["source_id"] == item["url"] == job["guid"]  # the job's Himalayas page
        assert item["source_id"].startswith("https://himalayas.app/companies/")
        assert (item["title"], item["company"]) == (job["title"], job["companyName"])
        assert item["posted_at"] == published_at(job["pubDate"])


@pytest.mark.parametrize(
    "name, company, salary",
    [
        ("himalayas_jobs_api.json", "NVIDIA", (184000.0, 356500.0, "USD", "year")),  # annual
        ("himalayas_jobs_api.json", "Mindrift", (50.0, 50.0, "USD", "hour")),  # hourly
        ("himalayas_jobs_api.json", "Binance", (None, None, None, None)),  # null amounts: no salary
        ("himalayas_jobs_api_2.json", "mercor", (80.0, 135.0, "USD", "hour")),
    ],
)
def test_structured_salaries(name, company, salary):
    item = by_company(name)[company]
    assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == salary


def test_locations_are_the_countries_a_candidate_may_live_in():
    items = by_company("himalayas_jobs_api.json")
    assert items["Binance"]["location"] == "Hong Kong, Singapore, Taiwan"
    assert items["NVIDIA"]["location"] == "Canada, United States"
    (anywhere,) = extract({"jobs": [{**recorded("himalayas_jobs_api.json")["jobs"][0], "locationRestrictions": []}]})
    assert anywhere["location"] is None


@pytest.mark.parametrize(
    "value, iso",
    [
        (1783731532, "2026-07-11T00:58:52+00:00"),  # seconds, as recorded
        (1783731532000, "2026-07-11T00:58:52+00:00"),  # milliseconds, as Himalayas' data dictionary says
        (None, None),
    ],
)
def test_pub_date_in_seconds_or_milliseconds(value, iso):
    assert published_at(value) == iso


def test_the_envelope_says_how_many_there_are():
    payload = recorded("himalayas_jobs_api.json")
    assert (payload["offset"], payload["limit"], payload["totalCount"]) == (0, 5, 100371)
