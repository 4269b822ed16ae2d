"""Ashby extractor on every recorded job-board response (shared/realdata/ats_fixtures/ashby)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from crawlers.extractors.ashby import extract, salary_from_compensation
from tests.realdata import realdata_path

RECORDED = {
    "ashby_job_board_openai.json": 2,
    "ashby_job_board_truelogic_full.json": 3,
    "ashby_job_board_michaeldinhmai.json": 2,
}


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "ashby", name).read_text())


@pytest.mark.parametrize(("name", "count"), RECORDED.items())
def test_every_recorded_job_becomes_an_item(name, count):
    payload = recorded(name)
    items = extract(payload, "org")
    assert len(items) == count
    for item, job in zip(items, payload["jobs"]):
        assert (item["source"], item["source_id"], item["board"]) == ("ashby", job["id"], "org")
        assert item["title"] == job["title"] and item["url"] == job["jobUrl"]
        assert item["description_html"] == job["descriptionHtml"]
        assert datetime.fromisoformat(item["posted_at"]).tzinfo is not None
        assert item["raw"] is job


def test_openai_facts():
    program_manager, research_engineer = extract(recorded("ashby_job_board_openai.json"), "openai")
    assert research_engineer["source_id"] == "240d459b-696d-43eb-8497-fab3e56ecd9b"
    assert research_engineer["title"] == "Research Engineer"
    assert research_engineer["posted_at"] == "2025-04-05T00:03:20.653+00:00"
    assert (research_engineer["location"], research_engineer["remote"]) == ("San Francisco", None)
    assert program_manager["title"] == "Technical Program Manager, Compute Infrastructure"


def test_remote_from_workplace_type():
    items = extract(recorded("ashby_job_board_truelogic_full.json"), "truelogic")
    assert {(i["location"], i["remote"]) for i in items} == {("LatAm", "remote")}
    assert "<h2><strong>Responsibilities</strong></h2>" in items[0]["description_html"]  # full text kept


def test_unlisted_jobs_are_skipped():
    payload = recorded("ashby_job_board_michaeldinhmai.json")
    payload["jobs"][0]["isListed"] = False
    assert [i["title"] for i in extract(payload, "render")] == ["Software Engineer, Product (all levels)"]


# Hand-written compensation blocks in the wire shape Ashby sends with includeCompensation=true.
def component(kind, low, high, currency="USD", interval="1 YEAR"):
    return {
        "compensationType": kind,
        "interval": interval,
        "currencyCode": currency,
        "minValue": low,
        "maxValue": high,
        "summary": "…",
    }


def test_salary_from_summary_components():
    compensation = {
        "compensationTierSummary": "$160K – $230K • Offers Equity",
        "summaryComponents": [
            component("EquityPercentage", None, None, None, "NONE"),
            component("Salary", 160000, 230000),
        ],
    }
    job = {**recorded("ashby_job_board_openai.json")["jobs"][1], "compensation": compensation}
    (item,) = extract({"jobs": [job]}, "openai")
    assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (
        160000.0,
        230000.0,
        "USD",
        "year",
    )


def test_salary_spans_the_tiers_when_there_is_no_summary():
    compensation = {
        "compensationTiers": [
            {"title": "Zone A", "components": [component("Salary", 150000, 200000), component("Bonus", None, None)]},
            {"title": "Zone B", "components": [component("Salary", 130000, 170000)]},
        ]
    }
    assert salary_from_compensation(compensation) == (130000.0, 200000.0, "USD", "year")


def test_hourly_and_missing_compensation():
    hourly = {"summaryComponents": [component("Salary", 40, 55, "EUR", "1 HOUR")]}
    assert salary_from_compensation(hourly) == (40.0, 55.0, "EUR", "hour")
    assert salary_from_compensation(None) is None
    assert salary_from_compensation({"summaryComponents": [component("Salary", None, None)]}) is None
