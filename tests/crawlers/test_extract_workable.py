"""Workable extractor on both recorded shapes (shared/realdata/ats_fixtures/workable): the widget
API `{name, jobs}` with descriptions, and the v3 list `{total, results}` without."""

from __future__ import annotations

import json
from datetime import date, datetime

from crawlers.extractors.workable import extract, place
from tests.realdata import realdata_path


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "workable", name).read_text())


def test_every_widget_job_becomes_an_item():
    payload = recorded("workable_widget_vasion.json")
    items = extract(payload, "vasion")
    assert [i["source_id"] for i in items] == ["74172297A5", "15F16B8D99"]
    for item, job in zip(items, payload["jobs"]):
        assert (item["source"], item["board"], item["company"]) == ("workable", "vasion", "Vasion")
        assert item["title"] == job["title"] and item["url"] == job["url"]
        assert item["description_html"] == job["description"]
        assert date.fromisoformat(item["posted_at"]) == date.fromisoformat(job["published_on"])
        assert item["raw"] is job


def test_vasion_facts():
    apac, uk = extract(recorded("workable_widget_vasion.json"), "vasion")
    assert (apac["location"], apac["remote"]) == ("New South Wales, Australia", "remote")  # telecommuting
    assert (uk["location"], uk["remote"]) == ("London, England, United Kingdom", None)  # on site or hybrid: unsaid
    assert uk["posted_at"] == "2026-08-10"
    assert uk["title"] == "Account Executive - UK&I / Northern Europe"
    assert "<h3>The Opportunity</h3>" in apac["description_html"] and "&lt;" not in apac["description_html"]
    assert "UK&amp;I" in uk["description_html"]  # an entity of the HTML itself, left for the HTML parser


def test_every_v3_result_becomes_an_item_without_description():
    payload = recorded("workable_v3_jobs_sample.json")
    items = extract(payload, "someaccount")
    assert payload["total"] == 7 and len(items) == len(payload["results"]) == 3
    assert [i["source_id"] for i in items] == ["F8427A442D", "CB1DEFE6CE", "97904BAC90"]
    for item, job in zip(items, payload["results"]):
        assert item["title"] == job["title"] and item["company"] == "someaccount"
        assert item["url"] == f"https://apply.workable.com/j/{job['shortcode']}"
        assert item["remote"] == "remote" and item["description_html"] is None
        assert datetime.fromisoformat(item["posted_at"]).tzinfo is not None
    assert [i["location"] for i in items] == ["United States", "France", "Paris, Île-de-France, France"]


def test_a_saved_response_of_either_shape():
    assert len(extract(recorded("workable_widget_vasion.json"), "vasion")) == 2
    assert len(extract(recorded("workable_v3_jobs_sample.json"), "vasion")) == 3
    assert extract([], "vasion") == []


def test_v3_workplace_values():
    def remote_of(workplace):
        job = {"shortcode": "AB12", "title": "Data Scientist", "workplace": workplace, "remote": False}
        return extract({"results": [job]}, "acme")[0]["remote"]

    assert [remote_of(w) for w in ("remote", "hybrid", "on_site", None)] == ["remote", "hybrid", "onsite", None]


def test_place_says_each_part_once():
    assert place("Singapore", None, "Singapore") == "Singapore"  # the missing region in between is skipped
    assert place("Berlin", "Berlin", "Germany") == "Berlin, Germany"
    assert place("", None, "") is None
