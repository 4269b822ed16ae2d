"""Lever extractor on every recorded postings response (shared/realdata/ats_fixtures/lever)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from crawlers.extractors.lever import extract
from tests.realdata import realdata_path

RECORDED = ["lever_postings_palantir.json", "lever_postings_jumpcloud.json"]


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "lever", name).read_text())


@pytest.mark.parametrize("name", RECORDED)
def test_every_recorded_posting_becomes_an_item(name):
    payload = recorded(name)
    items = extract(payload, "acme")
    assert [item["source_id"] for item in items] == [posting["id"] for posting in payload]
    for item, posting in zip(items, payload):
        assert item["source"] == "lever" and item["company"] == "acme"
        assert item["title"] == posting["text"] and item["url"] == posting["hostedUrl"]
        assert item["location"] == posting["categories"]["location"]
        assert item["remote"] == posting["workplaceType"]
        assert datetime.fromisoformat(item["posted_at"]).timestamp() == posting["createdAt"] // 1000
        assert item["raw"] is posting
        # opening, body, lists and closing all present, in that order
        html = item["description_html"]
        parts = [
            posting["opening"],
            posting["descriptionBody"],
            *(f"<h3>{s['text']}</h3>" for s in posting.get("lists", [])),
            posting["additional"],
        ]
        positions = [html.index(part[:60]) for part in parts]
        assert positions == sorted(positions)


def test_palantir_facts():
    first, second = extract(recorded("lever_postings_palantir.json"), "palantir")
    assert first["title"] == "Administrative Business Partner"
    assert first["posted_at"] == "2024-03-25T21:50:16+00:00"
    assert (first["location"], first["remote"]) == ("London, United Kingdom", "hybrid")
    assert (
        "<h3>Administrative Business Partner (Foundry)</h3><ul>\n<li>Provide administrative"
        in first["description_html"]
    )
    assert first["description_html"].count("A World-Changing Company") == 1
    assert second["posted_at"].startswith("2026-05-12")
    assert "<h3>Core Responsibilities</h3><ul>" in second["description_html"]
    assert second["salary_min"] is None  # these recordings carry no salaryRange


def test_jumpcloud_facts():
    items = extract(recorded("lever_postings_jumpcloud.json"), "jumpcloud")
    assert [(i["location"], i["remote"]) for i in items] == [
        ("Bangalore, India - Remote", "remote"),
        ("Singapore, Singapore - Remote", "remote"),
    ]
    assert items[0]["description_html"].count("About JumpCloud") == 1


def test_older_description_only_shape():
    posting = {
        k: v
        for k, v in recorded("lever_postings_palantir.json")[0].items()
        if k not in ("opening", "descriptionBody", "lists", "additional")
    }
    (item,) = extract([posting], "palantir")
    assert item["description_html"] == posting["description"]


@pytest.mark.parametrize(
    ("salary_range", "expected"),
    [
        (
            {"min": 140000, "max": 170000, "currency": "USD", "interval": "per-year-salary"},
            (140000.0, 170000.0, "USD", "year"),
        ),
        ({"min": 45, "max": 60, "currency": "cad", "interval": "per-hour-wage"}, (45.0, 60.0, "CAD", "hour")),
        ({"min": 5000, "max": None, "currency": "EUR", "interval": "per-month-salary"}, (5000.0, None, "EUR", "month")),
    ],
)
def test_salary_range(salary_range, expected):
    posting = {**recorded("lever_postings_jumpcloud.json")[0], "salaryRange": salary_range}
    (item,) = extract([posting], "jumpcloud")
    assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == expected


def test_unspecified_workplace_falls_back_to_the_location_text():
    posting = {**recorded("lever_postings_jumpcloud.json")[0], "workplaceType": "unspecified"}
    assert extract([posting], "jumpcloud")[0]["remote"] == "remote"  # "… - Remote"
