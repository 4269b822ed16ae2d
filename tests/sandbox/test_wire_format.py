"""The board's JSON has the same keys, nesting and value formats as the recorded real responses
(shared/realdata/ats_fixtures and hn_whoishiring/wire_format; see SOURCES.md §1d and §3)."""

from __future__ import annotations

import json
import re

from tests.realdata import realdata_path

ISO_WITH_OFFSET = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"


def recorded(*parts: str):
    return json.loads(realdata_path(*parts).read_text())


def keys_of(records) -> set[str]:
    """Union of the keys of several recorded objects (fixtures were trimmed differently)."""
    return set().union(*(r.keys() for r in records))


def same_types(served: dict, real: dict) -> list[str]:
    """Keys whose JSON type differs (nulls in the recording say nothing about the type)."""
    return [
        k for k, v in real.items() if v is not None and served.get(k) is not None and type(served[k]) is not type(v)
    ]


# --- Greenhouse ---------------------------------------------------------------------------------


def test_greenhouse_jobs_with_content(board, fetch):
    real = recorded("ats_fixtures", "greenhouse", "greenhouse_jobs_honeycomb.json")["jobs"]
    _, _, body = fetch(f"/v1/boards/{board.corpus.boards('greenhouse')[0]}/jobs?content=true")
    assert set(body) == {"jobs", "meta"} and body["meta"]["total"] == len(body["jobs"])
    job = body["jobs"][0]
    assert set(job) == keys_of(real)
    assert same_types(job, real[0]) == []
    for group in ("location", "departments", "offices", "data_compliance"):
        served, real_group = job[group], real[0][group]
        if isinstance(served, list):
            served, real_group = served[0], real_group[0]
        assert set(served) == set(real_group), group
    assert re.fullmatch(ISO_WITH_OFFSET, job["first_published"])
    assert re.fullmatch(ISO_WITH_OFFSET, job["updated_at"])
    # Content is HTML entity-escaped once more, exactly like the real API.
    assert job["content"].startswith("&lt;div class=&quot;content-intro&quot;&gt;&lt;h2&gt;")
    assert "<" not in job["content"]


def test_greenhouse_jobs_without_content_drop_the_content_groups(board, fetch):
    _, _, body = fetch(f"/v1/boards/{board.corpus.boards('greenhouse')[0]}/jobs")
    job = body["jobs"][0]
    assert not {"content", "departments", "offices", "ai_disclaimer"} & set(job)
    assert {"absolute_url", "id", "title", "updated_at", "first_published", "location"} <= set(job)


# --- Lever --------------------------------------------------------------------------------------


def test_lever_postings(board, fetch):
    real = recorded("ats_fixtures", "lever", "lever_postings_palantir.json") + recorded(
        "ats_fixtures", "lever", "lever_postings_jumpcloud.json"
    )
    _, _, body = fetch(f"/v0/postings/{board.corpus.boards('lever')[0]}?mode=json")
    assert isinstance(body, list)
    posting = body[0]
    assert set(posting) - {"salaryRange"} == keys_of(real)
    assert same_types(posting, real[0]) == []
    assert set(posting["categories"]) == keys_of([r["categories"] for r in real])
    assert set(posting["lists"][0]) == set(real[0]["lists"][0]) == {"text", "content"}
    assert posting["lists"][0]["content"].startswith("\n<li>")
    assert posting["createdAt"] > 10**12  # epoch milliseconds
    assert posting["workplaceType"] in {"onsite", "hybrid", "remote"}


def test_lever_salary_range_when_set(board, fetch):
    paid = next(p for p in board.corpus.postings if p.company.ats == "lever" and p.salary)
    _, _, body = fetch(f"/v0/postings/{paid.company.token}?mode=json")
    served = next(p for p in body if p["id"] == paid.id)
    assert set(served["salaryRange"]) == {"min", "max", "currency", "interval"}
    assert served["salaryRange"]["interval"] in {"per-year-salary", "per-hour-wage"}


# --- Ashby --------------------------------------------------------------------------------------


def test_ashby_job_board(board, fetch):
    real = recorded("ats_fixtures", "ashby", "ashby_job_board_openai.json")
    _, _, body = fetch(f"/posting-api/job-board/{board.corpus.boards('ashby')[0]}")
    assert set(body) == set(real) == {"apiVersion", "jobs"}
    job = body["jobs"][0]
    assert set(job) == set(real["jobs"][0])
    assert same_types(job, real["jobs"][0]) == []
    real_address_keys = keys_of([j["address"]["postalAddress"] for j in real["jobs"]])
    assert set(job["address"]["postalAddress"]) <= real_address_keys
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", job["publishedAt"])


def test_ashby_compensation_only_with_the_flag(board, fetch):
    paid = next(p for p in board.corpus.postings if p.company.ats == "ashby" and p.salary and p.salary.period == "year")
    _, _, body = fetch(f"/posting-api/job-board/{paid.company.token}?includeCompensation=true")
    job = next(j for j in body["jobs"] if j["id"] == paid.id)
    assert job["shouldDisplayCompensationOnJobPostings"] is True
    compensation = job["compensation"]
    assert set(compensation) == {
        "compensationTierSummary",
        "scrapeableCompensationSalarySummary",
        "compensationTiers",
        "summaryComponents",
    }
    salary = compensation["summaryComponents"][0]
    assert salary["compensationType"] == "Salary" and salary["interval"] == "1 YEAR"
    assert (salary["minValue"], salary["maxValue"]) == (int(paid.salary.min), int(paid.salary.max))
    _, _, plain = fetch(f"/posting-api/job-board/{paid.company.token}")
    assert not any("compensation" in j for j in plain["jobs"])


# --- HN Algolia ---------------------------------------------------------------------------------

SEARCH = "/api/v1/search_by_date?query=hiring&tags=story,(author__whoishiring,author_whoishiring)"


def test_algolia_search_page(fetch):
    real = recorded("hn_whoishiring", "wire_format", "algolia_search_by_date_whoishiring_page0.json")
    _, _, body = fetch(SEARCH + "&page=0")
    assert set(body) == set(real)
    hit = body["hits"][0]
    assert set(hit) == set(real["hits"][0])
    assert same_types(hit, real["hits"][0]) == []
    assert set(hit["_highlightResult"]) == set(real["hits"][0]["_highlightResult"])
    assert set(hit["_highlightResult"]["title"]) == set(real["hits"][0]["_highlightResult"]["title"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", hit["created_at"])
    assert hit["_tags"][:2] == ["story", "author_whoishiring"] and hit["author"] == "whoishiring"


def test_algolia_page_past_the_end_is_empty_like_the_recorded_one(fetch):
    real = recorded("hn_whoishiring", "wire_format", "algolia_search_by_date_whoishiring_page8.json")
    _, _, body = fetch(SEARCH + "&page=8")
    assert body["hits"] == real["hits"] == []
    assert set(body) == set(real)


def test_algolia_item_tree(fetch, corpus):
    real = recorded("hn_whoishiring", "wire_format", "algolia_items_2396027.json")
    thread = corpus.hn_threads()[-2]
    _, _, body = fetch(f"/api/v1/items/{thread.id}")

    def walk(node):
        yield node
        for child in node["children"]:
            yield from walk(child)

    real_keys = set(real)
    assert all(set(node) == real_keys for node in walk(body))
    assert body["type"] == "story" and body["author"] == "whoishiring"
    comment = body["children"][0]
    assert comment["type"] == "comment" and comment["parent_id"] == body["id"]
    assert comment["story_id"] == body["id"] and comment["options"] == []
    assert same_types(comment, real["children"][0]) == []
    assert len(body["children"]) == len(thread.children)
    assert any(node["parent_id"] != body["id"] for node in walk(body) if node["type"] == "comment")
