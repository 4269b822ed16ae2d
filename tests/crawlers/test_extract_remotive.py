"""Remotive extractor on every recorded `/api/remote-jobs` response (ats_fixtures/remotive)."""

from __future__ import annotations

import json

import pytest

from contract.posting import FIELDS
from crawlers.extractors.remotive import extract
from tests.realdata import realdata_path

RECORDED = {
    "remotive_remote_jobs_full.json": [2091081, 2090903, 2091075, 2091074, 2091072],
    "remotive_remote_jobs_with_notices.json": [2091048, 2086540, 2090949, 2091047],
}


def recorded(name):
    return json.loads(realdata_path("ats_fixtures", "remotive", name).read_text())


@pytest.mark.parametrize("name, ids", RECORDED.items())
def test_every_recorded_job_becomes_a_complete_item(name, ids):
    payload = recorded(name)
    items = extract(payload)
    assert [item["source_id"] for item in items] == [str(i) for i in ids]
    for item, job in zip(items, payload["jobs"]):
        assert set(item) == set(FIELDS) and item["raw"] is job
        assert (item["source"], item["remote"]) == ("remotive", "remote")
        assert item["url"] == job["url"] and item["url"].startswith("https://remotive.com/remote-jobs/")
        assert (item["title"], item["company"]) == (job["title"], job["company_name"])
        assert item["location"] == job["candidate_required_location"]
        assert item["posted_at"] == job["publication_date"]  # as sent: no offset, read as UTC


def test_the_notices_are_not_jobs_and_the_job_count_matches():
    payload = recorded("remotive_remote_jobs_with_notices.json")
    assert {"00-warning", "0-legal-notice", "job-count", "total-job-count"} <= set(payload)
    assert len(extract(payload)) == payload["job-count"] == 4


@pytest.mark.parametrize(
    "name, job_id, text",
    [
        ("remotive_remote_jobs_full.json", "2090903", "$18 - $22/hr"),
        ("remotive_remote_jobs_full.json", "2091075", "$45,000 - $50,000"),
        ("remotive_remote_jobs_full.json", "2091074", "$14/hr"),
        ("remotive_remote_jobs_full.json", "2091081", None),  # "" is no salary
        ("remotive_remote_jobs_with_notices.json", "2091048", "$55k - $100k"),
    ],
)
def test_the_free_text_salary_is_handed_over_as_written(name, job_id, text):
    """Normalization reads it (tests/normalize/test_salary.py); the extractor fills no pay numbers."""
    item = next(i for i in extract(recorded(name)) if i["source_id"] == job_id)
    assert item["salary_text"] == text
    assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (None,) * 4


def test_dates_of_the_full_recording():
    items = extract(recorded("remotive_remote_jobs_full.json"))
    assert [i["posted_at"][:10] for i in items] == [
        "2026-07-28",
        "2026-07-26",
        "2026-07-23",
        "2026-07-23",
        "2026-07-22",
    ]
