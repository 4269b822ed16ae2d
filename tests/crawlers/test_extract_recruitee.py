"""Recruitee extractor on the recorded `/api/offers/` response (shared/realdata/ats_fixtures/recruitee)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from crawlers.extractors.recruitee import extract, salary_of, utc_timestamp
from tests.realdata import realdata_path


@pytest.fixture
def offers():
    return json.loads(realdata_path("ats_fixtures", "recruitee", "recruitee_offers.json").read_text())


def test_every_recorded_offer_becomes_an_item(offers):
    items = extract(offers, "aikidosecurity")
    assert [i["source_id"] for i in items] == ["2707521", "2707517", "2705729"]
    for item, offer in zip(items, offers["offers"]):
        assert (item["source"], item["board"], item["company"]) == ("recruitee", "aikidosecurity", "Aikido Security")
        assert item["title"] == offer["title"] and item["url"] == offer["careers_url"]
        # description then requirements, both whole and unescaped
        html = item["description_html"]
        assert html.index(offer["description"]) < html.index(offer["requirements"])
        assert "&lt;" not in html
        assert datetime.fromisoformat(item["posted_at"]).tzinfo is not None
        assert item["raw"] is offer


def test_aikido_facts(offers):
    tel_aviv, dubai, chicago = extract(offers, "aikidosecurity")
    assert (tel_aviv["location"], tel_aviv["remote"]) == ("Tel Aviv, Israel", "remote")
    assert dubai["location"] == "Dubai, United Arab Emirates"
    assert (chicago["location"], chicago["remote"]) == ("Chicago, Illinois, United States", "onsite")
    assert chicago["posted_at"] == "2026-08-10T15:13:59+00:00"
    assert chicago["updated_at"] == "2026-08-10T19:18:44+00:00"
    assert "<li><p>Proven experience in a G&amp;A role" in chicago["description_html"]


def test_salary_block_when_published(offers):
    tel_aviv, _, chicago = extract(offers, "aikidosecurity")
    # The amounts are taken as the API states them (this employer typed thousands as units).
    assert (chicago["salary_min"], chicago["salary_max"], chicago["salary_currency"], chicago["salary_period"]) == (
        75.0,
        95.0,
        "USD",
        "year",
    )
    assert tel_aviv["salary_min"] is None and tel_aviv["salary_currency"] is None  # all-null block


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            {"min": "60000.00", "max": "80000.00", "period": "year", "currency": "eur"},
            (60000.0, 80000.0, "EUR", "year"),
        ),
        ({"min": "25.50", "max": None, "period": "hour", "currency": "GBP"}, (25.5, None, "GBP", "hour")),
        ({"min": None, "max": None, "period": None, "currency": None}, None),
        (None, None),
    ],
)
def test_salary_blocks(block, expected):
    assert salary_of({"salary": block}) == expected


def test_work_mode_flags_and_timestamps():
    def remote_of(**flags):
        offer = {"id": 1, "title": "ML Engineer", "remote": False, "hybrid": False, "on_site": False, **flags}
        return extract({"offers": [offer]}, "acme")[0]["remote"]

    assert remote_of(hybrid=True, remote=True) == "hybrid"
    assert (remote_of(remote=True), remote_of(on_site=True), remote_of()) == ("remote", "onsite", None)
    assert utc_timestamp("2026-08-11 20:45:29 UTC") == "2026-08-11T20:45:29+00:00"
    assert utc_timestamp("yesterday") is None and utc_timestamp(None) is None
