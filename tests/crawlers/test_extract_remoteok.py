"""RemoteOK extractor on every recorded `/api` response (shared/realdata/ats_fixtures/remoteok)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from contract.posting import FIELDS
from crawlers.extractors.remoteok import extract, repair_mojibake
from tests.realdata import realdata_path

RECORDED = {  # file → the job ids after the legal notice, in feed order
    "remoteok_api_full.json": ["1135929", "1136039", "1135927", "1135924"],
    "remoteok_api_excerpt.json": ["1134698", "1134650", "1134651", "1134648"],
}


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "remoteok", name).read_text())


@pytest.mark.parametrize("name, ids", RECORDED.items())
def test_every_job_after_the_legal_notice_becomes_an_item(name, ids):
    payload = recorded(name)
    assert "legal" in payload[0] and "id" not in payload[0]  # element 0 is the API terms
    items = extract(payload)
    assert [item["source_id"] for item in items] == ids
    for item, job in zip(items, payload[1:]):
        assert set(item) == set(FIELDS) and item["raw"] is job
        assert (item["source"], item["board"], item["remote"]) == ("remoteok", "remoteok", "remote")
        # Their terms: link back to the job's page on Remote OK.
        assert item["url"] == job["url"] and item["url"].startswith("https://remoteOK.com/remote-jobs/")
        assert item["title"] == job["position"] and item["company"] == job["company"]
        assert datetime.fromisoformat(item["posted_at"]).timestamp() == job["epoch"]
        # Every recorded job says salary_min = salary_max = 0: no salary, not a salary of 0.
        assert item["salary_min"] is item["salary_max"] is item["salary_currency"] is None


def test_facts_of_the_full_recording():
    first, _, third, _ = extract(recorded("remoteok_api_full.json"))
    assert (first["company"], first["title"], first["posted_at"]) == (
        "DanielTems",
        "Compatibility",
        "2026-08-02T21:05:22+00:00",
    )
    assert first["location"] == "How"  # the recorded "How, " without its dangling separator
    # Descriptions arrive as UTF-8 read as Latin-1; the item holds the real characters.
    assert "â\x80\x9c" in recorded("remoteok_api_full.json")[3]["description"]
    assert third["description_html"].startswith("As Abraham Lincoln once said, “The best way")
    assert "â\x80" not in third["description_html"]


def test_salary_fields_are_usd_per_year_when_given():
    job = {**recorded("remoteok_api_excerpt.json")[1], "salary_min": 120000, "salary_max": 150000}
    (item,) = extract([{"legal": "terms"}, job])
    assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (
        120000.0,
        150000.0,
        "USD",
        "year",
    )


@pytest.mark.parametrize(
    "text, repaired",
    [
        ("it\u00e2\u0080\u0099s", "it’s"),  # mojibake: repaired
        ("it’s", "it’s"),  # already right: untouched
        ("café ☕ \u00e2\u0080\u0099", "café ☕ \u00e2\u0080\u0099"),  # mixed: a repair would break it, so none
        ("", ""),
        (None, None),
    ],
)
def test_mojibake_is_repaired_only_when_that_is_what_happened(text, repaired):
    assert repair_mojibake(text) == repaired


def test_an_empty_feed_and_a_feed_of_only_the_notice():
    assert extract([]) == [] and extract([{"last_updated": 1, "legal": "terms"}]) == []
