"""HN extractors on the recorded Algolia responses and on Firebase items built from real posts."""

from __future__ import annotations

import gzip
import json
from datetime import datetime

import pytest

from crawlers.extractors.hn import extract, hiring_threads
from tests.realdata import realdata_path


def wire(name):
    return json.loads(realdata_path("hn_whoishiring", "wire_format", name).read_text())


def search_page(page):
    return wire(f"algolia_search_by_date_whoishiring_page{page}.json")


# --- thread discovery ---------------------------------------------------------------------------


def test_search_pages_yield_exactly_the_monthly_hiring_threads():
    pages = [search_page(page) for page in range(9)]
    assert sum(len(p["hits"]) for p in pages) == 152
    assert sum(bool(p["hits"]) for p in pages) == 8 and pages[8]["hits"] == []
    results = [hiring_threads(p) for p in pages]
    assert {nb_pages for _, nb_pages in results} == {8}
    threads = [thread for found, _ in results for thread in found]
    # 152 hits minus "Who is hiring right now?" (a one-off), a "Show HN" and a meta question
    assert len(threads) == 149
    ids = {t["id"] for t in threads}
    assert {"22665398", "7829033", "2391828"}.isdisjoint(ids)
    # one thread per month from 2011-04 to 2023-09, except 2011-07, which was never posted
    months = [t["month"] for t in threads]
    assert len(set(months)) == 149 and "2011-07" not in months
    assert (months[0], months[-1]) == ("2023-09", "2011-04")


def test_a_thread_record():
    threads, _ = hiring_threads(search_page(0))
    assert threads[0] == {
        "id": "37351667",
        "title": "Ask HN: Who is hiring? (September 2023)",
        "created_at": "2023-09-01T15:00:25+00:00",
        "month": "2023-09",
        "num_comments": 500,
    }


def test_title_spellings_over_the_years():
    hits = {
        "hits": [
            {"objectID": str(n), "title": t, "created_at_i": 0}
            for n, t in enumerate(
                [
                    "Ask HN: Who is Hiring? (April 2011)",
                    "Ask HN: Who Is Hiring? (November 2012)",
                    "Ask HN: Who is hiring? (December 2012) ",
                    "Ask HN: Who wants to be hired? (May 2023)",
                    "Ask HN: Freelancer? Seeking freelancer? (May 2023)",
                ]
            )
        ],
        "nbPages": 1,
    }
    threads, _ = hiring_threads(hits)
    assert [t["month"] for t in threads] == ["2011-04", "2012-11", "2012-12"]


# --- Algolia items: a whole thread --------------------------------------------------------------


def test_april_2011_thread():
    tree = wire("algolia_items_2396027.json")
    items = extract(tree)
    top_level = [child["id"] for child in tree["children"]]
    assert len(items) == len(top_level) == 219
    assert [item["source_id"] for item in items] == [str(i) for i in top_level]  # replies skipped
    assert {item["board"] for item in items} == {"2396027"}
    assert {item["source"] for item in items} == {"hn"}
    for item in items:
        assert item["url"] == f"https://news.ycombinator.com/item?id={item['source_id']}"
        assert datetime.fromisoformat(item["posted_at"]).strftime("%Y-%m") == "2011-04"
        assert item["title"] and len(item["title"]) <= 121
        assert item["description_html"] == item["raw"]["text"]
        assert "children" not in item["raw"]
    first = items[0]
    assert (first["source_id"], first["title"], first["posted_at"]) == (
        "2396109",
        "Montreal - PHP/MySQL Developer",
        "2011-04-01T13:35:50+00:00",
    )
    assert first["company"] is None  # 2011 posts have no pipe header


def test_deleted_and_empty_comments_are_skipped():
    tree = wire("algolia_items_48747976_excerpt.json")
    tree["children"].append({**tree["children"][0], "id": 1, "text": None, "author": None, "children": []})
    tree["children"].append({**tree["children"][0], "id": 2, "text": "<p> </p>", "children": []})
    assert [i["source_id"] for i in extract(tree)] == ["48747987", "48747990", "48748003", "48748007"]


def test_july_2026_headers():
    items = {i["source_id"]: i for i in extract(wire("algolia_items_48747976_excerpt.json"))}
    flywheel = items["48747990"]
    assert (flywheel["company"], flywheel["title"], flywheel["location"], flywheel["remote"]) == (
        "We The Flywheel",
        "AI-Native Engineers & Operators",
        "REMOTE (worldwide)",
        "remote",
    )
    smarter = items["48748003"]
    assert (smarter["company"], smarter["location"]) == ("SmarterDx", "Remote (US only)")
    assert smarter["salary_text"] == "150-250k+ + equity + benefits"  # read by normalization
    assert smarter["salary_min"] is None  # HN has no pay fields: only text
    assert items["48747987"]["title"].startswith("CaseLight is looking for a U.S.-based developer")


# --- Firebase items built from real 2026 posts --------------------------------------------------


@pytest.fixture(scope="module")
def posts_2026():
    path = realdata_path("hn_whoishiring", "hn_whoishiring_2026-01_2026-05.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return {row["id"]: row for row in rows if row["source"] == "who_is_hiring"}


def firebase(row):
    """The Firebase /v0/item shape of a stored post (the store kept id, by, time, text)."""
    return {
        "id": row["id"],
        "by": row["by"],
        "time": row["time"],
        "text": row["text"],
        "parent": row["thread_id"],
        "type": "comment",
    }


def test_firebase_item_with_a_full_header(posts_2026):
    (item,) = extract(firebase(posts_2026[46466139]), "46466074")
    assert (item["source"], item["source_id"], item["board"]) == ("hn", "46466139", "46466074")
    assert item["url"] == "https://news.ycombinator.com/item?id=46466139"
    assert item["posted_at"] == "2026-01-02T16:05:21+00:00"
    assert (item["company"], item["title"], item["location"], item["remote"]) == (
        "Piq Energy",
        "Full Stack Software Engineer",
        "SF, Athens, or US REMOTE",
        "remote",
    )
    assert item["salary_text"] == "$150k-$250k + equity (SF; location-adjusted)"


@pytest.mark.parametrize(
    ("post_id", "company", "title", "location", "remote"),
    [
        (46466427, "Immunera", "Principal Machine Learning Engineer", "NYC area (hybrid)", "hybrid"),
        (46467697, "9 Mothers Defense", "Robotics Engineer, Data Scientist", "Austin TX", "onsite"),
        (46467125, "Tandem Health", "Software Engineers", "On-site in Stockholm, Sweden", "onsite"),
        (
            46466774,
            "Cosuno",
            "Senior Full Stack Developer (TypeScript) / Senior AI Engineer – LLMs & Agents",
            "Remote (EU) / Berlin",
            "remote",
        ),
    ],
)
def test_firebase_headers(posts_2026, post_id, company, title, location, remote):
    (item,) = extract(firebase(posts_2026[post_id]))
    assert (item["company"], item["title"], item["location"], item["remote"]) == (company, title, location, remote)
    assert item["board"] == str(posts_2026[post_id]["thread_id"])  # from `parent` when no thread given


def test_firebase_salary_in_pounds(posts_2026):
    (item,) = extract(firebase(posts_2026[46467871]))
    assert (item["company"], item["salary_text"]) == ("Freetrade", "£75k-£140k")


def test_post_without_a_pipe_header(posts_2026):
    (item,) = extract(firebase(posts_2026[46466830]))
    assert item["company"] is None
    assert item["title"] == "Founding Engineer @ Conductor (San Francisco, ONSITE)"
    assert item["remote"] == "onsite"


def test_every_2026_post_gets_a_title_and_a_date(posts_2026):
    items = [item for row in posts_2026.values() for item in extract(firebase(row))]
    assert len(items) == 1660 and all(items)
    assert all(0 < len(i["title"]) <= 201 for i in items)
    assert {i["posted_at"][:4] for i in items} == {"2026"}
    assert sum(i["company"] is not None for i in items) > 0.8 * len(items)  # most use the pipe header


@pytest.mark.parametrize(
    "item",
    [
        None,
        {"id": 1, "type": "comment", "deleted": True, "time": 1767369921},
        {"id": 2, "type": "comment", "dead": True, "text": "spam", "time": 1767369921},
        {"id": 3, "type": "story", "title": "Ask HN: Who is hiring?", "text": "x", "time": 1767369921},
        {"id": 4, "type": "comment", "text": "", "time": 1767369921},
    ],
)
def test_firebase_items_that_are_not_job_posts(item):
    assert extract(item) == []
