"""The board's SmartRecruiters, Workable and Recruitee JSON has the keys, nesting and value formats
of the recorded real responses (shared/realdata/ats_fixtures; SOURCES.md §3), and their routes
page, 404 and list their boards like the others."""

from __future__ import annotations

import json
import re

import pytest

from jobpulse.demo import sandbox_sources
from jobpulse.sandbox.corpus import ATS_NAMES
from tests.realdata import realdata_path

NEW_ATS = ("smartrecruiters", "workable", "recruitee")


def recorded(*parts: str):
    return json.loads(realdata_path("ats_fixtures", *parts).read_text())


def same_types(served: dict, real: dict) -> list[str]:
    """Keys whose JSON type differs (nulls in the recording say nothing about the type)."""
    return [
        k for k, v in real.items() if v is not None and served.get(k) is not None and type(served[k]) is not type(v)
    ]


def between(served: dict, records: list[dict]) -> bool:
    """The served keys include what every recorded record has and nothing none of them has."""
    keys = [set(r) for r in records]
    return set.intersection(*keys) <= set(served) <= set.union(*keys)


def first_board(board, ats: str) -> str:
    return board.corpus.boards(ats)[0]


# --- SmartRecruiters ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sr_listings():
    return [
        *recorded("smartrecruiters", "smartrecruiters_postings_visa.json")["content"],
        *recorded("smartrecruiters", "smartrecruiters_postings_page0.json")["content"],
    ]


def test_smartrecruiters_list_page(board, fetch, sr_listings):
    _, _, body = fetch(f"/v1/companies/{first_board(board, 'smartrecruiters')}/postings?offset=0&limit=100")
    assert set(body) == {"offset", "limit", "totalFound", "content"}  # fixtures kept the last two
    assert body["totalFound"] >= len(body["content"]) > 0
    listing = body["content"][0]
    assert between(listing, sr_listings)
    assert set(listing) == set().union(*map(set, sr_listings))  # every key some recording has
    assert same_types(listing, sr_listings[0]) == [] and same_types(listing, sr_listings[2]) == []
    assert between(listing["location"], [r["location"] for r in sr_listings])
    for group in ("industry", "department", "function", "typeOfEmployment", "experienceLevel", "language"):
        assert set(listing[group]) == set(sr_listings[0][group]), group
    assert set(listing["customField"][0]) == set(sr_listings[0]["customField"][0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", listing["releasedDate"])
    assert re.fullmatch(r"\d{15}", listing["id"]) and listing["ref"].endswith(f"/postings/{listing['id']}")


def test_smartrecruiters_detail(board, fetch):
    real = recorded("smartrecruiters", "smartrecruiters_posting_detail_visa.json")
    token = first_board(board, "smartrecruiters")
    _, _, page = fetch(f"/v1/companies/{token}/postings?limit=1")
    _, _, detail = fetch(f"/v1/companies/{token}/postings/{page['content'][0]['id']}")
    assert set(detail) == set(real)
    assert same_types(detail, real) == []
    assert isinstance(detail["department"]["id"], int)  # an int here, a string in the list, as recorded
    sections = detail["jobAd"]["sections"]
    assert list(sections) == list(real["jobAd"]["sections"])
    assert all(set(s) == {"title", "text"} for s in sections.values())
    assert sections["jobDescription"]["text"].startswith("<p><strong>")
    assert detail["postingUrl"].startswith(f"https://jobs.smartrecruiters.com/{token}/{detail['id']}-")


def test_smartrecruiters_pages_with_offset_and_limit(board, fetch):
    token = max(
        board.corpus.boards("smartrecruiters"),
        key=lambda t: len(board.corpus.postings_on(board.corpus.company("smartrecruiters", t))),
    )

    def page_through(limit: int) -> list[str]:
        ids, offset, total = [], 0, 1
        while offset < total:
            _, _, page = fetch(f"/v1/companies/{token}/postings?offset={offset}&limit={limit}")
            assert (page["offset"], page["limit"]) == (offset, min(limit, 100))
            ids += [p["id"] for p in page["content"]]
            offset, total = offset + len(page["content"]), page["totalFound"]
        return ids

    _, _, default = fetch(f"/v1/companies/{token}/postings")
    assert (default["offset"], default["limit"], len(default["content"])) == (0, 10, 10)  # the API's default
    in_sevens, in_hundreds = page_through(7), page_through(500)  # 500 is capped at the API's 100
    assert in_sevens == in_hundreds and len(set(in_sevens)) == default["totalFound"] > 100


# --- Workable -------------------------------------------------------------------------------------


def test_workable_widget_with_details(board, fetch):
    real = recorded("workable", "workable_widget_vasion.json")
    token = first_board(board, "workable")
    _, _, body = fetch(f"/api/v1/widget/accounts/{token}?details=true")
    assert set(body) == set(real) == {"name", "jobs"}
    assert body["name"] == board.corpus.company("workable", token).name
    job = body["jobs"][0]
    assert set(job) == set(real["jobs"][0])
    assert same_types(job, real["jobs"][0]) == []
    assert set(job["locations"][0]) == set(real["jobs"][0]["locations"][0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", job["published_on"]) and job["created_at"] <= job["published_on"]
    assert re.fullmatch(r"[0-9A-F]{10}", job["shortcode"]) and job["url"].endswith(job["shortcode"])
    assert "<h3>" in job["description"]


def test_workable_widget_without_details_has_no_description(board, fetch):
    _, _, body = fetch(f"/api/v1/widget/accounts/{first_board(board, 'workable')}")
    assert body["jobs"] and not any("description" in job for job in body["jobs"])


# --- Recruitee ------------------------------------------------------------------------------------


def test_recruitee_offers(board, fetch):
    real = recorded("recruitee", "recruitee_offers.json")["offers"]
    token = first_board(board, "recruitee")
    _, _, body = fetch(f"/recruitee/{token}/api/offers/")
    assert set(body) == {"offers"}
    offer = body["offers"][0]
    assert set(offer) == set(real[0]) and len(offer) == 54
    assert same_types(offer, real[0]) == [] and same_types(offer, real[2]) == []
    assert set(offer["salary"]) == set(real[2]["salary"])
    assert set(offer["locations"][0]) == set(real[0]["locations"][0])
    assert set(offer["locations"][0]["translations"]["en"]) == set(real[0]["locations"][0]["translations"]["en"])
    for key in ("published_at", "created_at", "updated_at"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", offer[key]), key
    assert offer["careers_url"].startswith(f"https://{token}.recruitee.com/o/")


def test_recruitee_salary_block_when_set(board, fetch):
    paid = next(p for p in board.corpus.postings if p.company.ats == "recruitee" and p.salary)
    _, _, body = fetch(f"/recruitee/{paid.company.token}/api/offers/")
    offer = next(o for o in body["offers"] if str(o["id"]) == paid.id)
    assert offer["salary"] == {
        "min": f"{paid.salary.min:.2f}",
        "max": f"{paid.salary.max:.2f}",
        "period": paid.salary.period,
        "currency": paid.salary.currency,
    }
    unpaid = next(o for o in body["offers"] if o["salary"]["min"] is None)
    assert set(unpaid["salary"].values()) == {None}


# --- all three ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/v1/companies/NoSuchCompany/postings", 404),
        ("/v1/companies/NoSuchCompany/postings/744000000000001", 404),
        ("/api/v1/widget/accounts/no-such-account?details=true", 404),
        ("/recruitee/nosuchcompany/api/offers/", 404),
    ],
)
def test_unknown_boards_are_404_json(fetch, path, status):
    got, kind, _ = fetch(path)
    assert (got, kind) == (status, "application/json; charset=utf-8")


def test_the_board_list_and_the_demo_sources_name_every_ats(board, fetch):
    _, _, body = fetch("/_sandbox/boards")
    assert {ats: body[ats] for ats in ATS_NAMES} == {ats: board.corpus.boards(ats) for ats in ATS_NAMES}
    assert all(body[ats] for ats in NEW_ATS)
    sources = sandbox_sources(board.base_url)
    assert [s.source for s in sources] == [*ATS_NAMES, "hn", *body["aggregators"], "careers"]
    assert all(s.base_url == board.base_url for s in sources)


@pytest.mark.parametrize("ats", NEW_ATS)
def test_every_posting_of_each_new_ats_is_served(board, fetch, ats):
    served = 0
    for token in board.corpus.boards(ats):
        if ats == "smartrecruiters":
            served += fetch(f"/v1/companies/{token}/postings?limit=100")[2]["totalFound"]
        elif ats == "workable":
            served += len(fetch(f"/api/v1/widget/accounts/{token}")[2]["jobs"])
        else:
            served += len(fetch(f"/recruitee/{token}/api/offers/")[2]["offers"])
    assert served == sum(p.company.ats == ats for p in board.corpus.postings) > 200
