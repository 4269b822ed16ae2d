"""Greenhouse extractor on every recorded board response (shared/realdata/ats_fixtures/greenhouse)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from contract.posting import FIELDS
from crawlers.extractors.greenhouse import extract
from tests.realdata import realdata_path

RECORDED = ["greenhouse_jobs_honeycomb.json", "greenhouse_jobs_stripe.json"]


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "greenhouse", name).read_text())


@pytest.mark.parametrize("name", RECORDED)
def test_every_recorded_job_becomes_a_complete_item(name):
    payload = recorded(name)
    items = extract(payload, "someboard")
    assert [item["source_id"] for item in items] == [str(job["id"]) for job in payload["jobs"]]
    for item, job in zip(items, payload["jobs"]):
        assert set(item) == set(FIELDS)
        assert item["source"] == "greenhouse" and item["board"] == "someboard"
        assert item["title"] == job["title"] and item["url"] == job["absolute_url"]
        assert item["raw"] is job
        # content arrives entity-escaped ("&lt;p&gt;"); the item holds real HTML
        assert "&lt;" not in item["description_html"] and item["description_html"].startswith("<")
        assert datetime.fromisoformat(item["posted_at"]).tzinfo is not None


def test_honeycomb_facts():
    first, second = extract(recorded("greenhouse_jobs_honeycomb.json"), "honeycomb")
    assert (first["source_id"], first["title"], first["company"]) == (
        "5378630008",
        "Field Marketing Specialist",
        "Honeycomb.io",
    )
    assert first["location"] == "Remote - United States" and first["remote"] == "remote"
    assert first["description_html"].startswith('<div class="content-intro"><div><strong>What We')
    # first_published, not the later updated_at, is when the job was posted
    assert second["posted_at"] == "2025-10-16T19:50:42-04:00"
    assert second["updated_at"] == "2026-08-07T14:34:29-04:00"


def test_content_is_unescaped_exactly_once():
    payload = recorded("greenhouse_jobs_honeycomb.json")
    assert "&amp;nbsp;" in payload["jobs"][0]["content"]
    html = extract(payload, "honeycomb")[0]["description_html"]
    assert "&nbsp;" in html and "&amp;nbsp;" not in html


def test_stripe_facts():
    items = extract(recorded("greenhouse_jobs_stripe.json"), "stripe")
    assert [(i["source_id"], i["company"], i["location"]) for i in items] == [
        ("7954688", "Stripe", "San Francisco, CA"),
        ("8029128", "Stripe", "Sydney"),
    ]
    assert items[0]["title"] == "Account Executive, AI Sales (Grower)"
    assert items[0]["description_html"].startswith("<h2>Who we are</h2>")
    assert items[0]["remote"] is None  # the location names no remote/hybrid/onsite


def test_list_shape_without_content_and_sparse_jobs():
    job = {
        k: v
        for k, v in recorded("greenhouse_jobs_stripe.json")["jobs"][1].items()
        if k not in ("content", "first_published", "company_name")
    }
    (item,) = extract({"jobs": [job]}, "stripe")
    assert item["description_html"] is None
    assert item["posted_at"] == job["updated_at"]  # fallback when first_published is missing
    assert item["company"] == "stripe"  # fallback: the board token


def test_empty_board():
    assert extract({"jobs": [], "meta": {"total": 0}}, "empty") == []
