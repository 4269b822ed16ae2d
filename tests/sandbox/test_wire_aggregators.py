"""The sandbox's aggregators (RemoteOK, Remotive, Arbeitnow, Himalayas, The Muse) and career sites:
the same keys, nesting and value types as the recorded real responses, the real paging, what each
aggregator re-publishes, and the career pages a JobPosting crawler reads."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from crawlers.extractors import extractor
from jobpulse.sandbox import careers, wire_aggregators
from jobpulse.sandbox.wire_greenhouse_lever_ashby import end_of
from tests.realdata import realdata_path


def recorded(source: str, name: str):
    return json.loads(realdata_path("ats_fixtures", source, name).read_text())


def keys_of(records) -> set[str]:
    return set().union(*(r.keys() for r in records))


def same_types(served: dict, real: dict) -> list[str]:
    """Keys whose JSON type differs (a null in the recording says nothing about the type)."""
    return [
        k for k, v in real.items() if v is not None and served.get(k) is not None and type(served[k]) is not type(v)
    ]


def get(board, path: str, clock: dt.date | None = None):
    reply = board.router.handle(path, clock or board.clock)
    body = json.loads(reply.body) if reply.content_type.startswith("application/json") else reply.body.decode()
    return reply, body


# --- wire formats --------------------------------------------------------------------------------


def test_each_aggregator_answers_json_at_its_real_path(fetch):
    for name, path in wire_aggregators.PATHS.items():
        status, kind, _ = fetch(path)
        assert (status, kind) == (200, "application/json; charset=utf-8"), name


def test_remoteok_feed(board):
    real = recorded("remoteok", "remoteok_api_full.json") + recorded("remoteok", "remoteok_api_excerpt.json")[1:]
    _, feed = get(board, "/api")
    assert set(feed[0]) == set(real[0]) == {"last_updated", "legal"}  # element 0: the terms, no job
    job = feed[1]
    assert set(job) == keys_of(real[1:]) and same_types(job, real[1]) == []
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", job["date"])
    assert job["url"] == job["apply_url"] == f"https://remoteOK.com/remote-jobs/{job['slug']}"
    assert all(isinstance(j["salary_min"], int) for j in feed[1:])  # 0 when not given, like the real feed


def test_remotive_feed(board):
    real = recorded("remotive", "remotive_remote_jobs_with_notices.json")
    real_jobs = real["jobs"] + recorded("remotive", "remotive_remote_jobs_full.json")["jobs"]
    _, body = get(board, "/api/remote-jobs")
    assert set(body) == set(real)
    assert set(body["jobs"][0]) == keys_of(real_jobs) and same_types(body["jobs"][0], real_jobs[0]) == []
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", body["jobs"][0]["publication_date"])  # no offset
    _, limited = get(board, "/api/remote-jobs?limit=3")
    assert (limited["job-count"], len(limited["jobs"]), limited["total-job-count"]) == (3, 3, body["job-count"])


def test_arbeitnow_pages(board):
    real = recorded("arbeitnow", "arbeitnow_job_board_api_full.json")["data"]
    _, first = get(board, "/api/job-board-api")
    assert set(first) == {"data", "links", "meta"}
    assert set(first["links"]) == {"first", "last", "prev", "next"}
    assert set(first["meta"]) == {"current_page", "from", "path", "per_page", "to", "terms", "info"}
    assert set(first["data"][0]) == keys_of(real) and same_types(first["data"][0], real[0]) == []
    total = len(wire_aggregators.listed(board.corpus, "arbeitnow", board.clock))
    last = -(-total // wire_aggregators.ARBEITNOW_PAGE)
    _, final = get(board, f"/api/job-board-api?page={last}")
    assert final["links"]["next"] is None and first["links"]["next"].endswith("?page=2")
    assert final["meta"]["to"] == total and len(final["data"]) == total - (last - 1) * 100


def test_himalayas_pages_of_at_most_20(board):
    real = recorded("himalayas", "himalayas_jobs_api.json")
    _, body = get(board, "/jobs/api?offset=0&limit=100")
    assert set(body) == set(real)
    assert body["limit"] == len(body["jobs"]) == 20  # a bigger limit is not honoured, like the real API
    assert set(body["jobs"][0]) == keys_of(real["jobs"]) and same_types(body["jobs"][0], real["jobs"][0]) == []
    seen = [
        job["guid"]
        for offset in range(0, body["totalCount"], 20)
        for job in get(board, f"/jobs/api?offset={offset}&limit=20")[1]["jobs"]
    ]
    assert len(seen) == len(set(seen)) == body["totalCount"]


def test_themuse_pages_count_from_zero(board):
    real = recorded("themuse", "themuse_jobs_202_items.json")["jobs"]
    _, first = get(board, "/api/public/jobs?page=0")
    assert set(first) == {
        "page",
        "page_count",
        "items_per_page",
        "took",
        "timed_out",
        "total",
        "results",
        "aggregations",
    }
    result = first["results"][0]
    assert set(result) == keys_of(real) and same_types(result, real[0]) == []
    for group in ("company", "refs"):
        assert set(result[group]) == set(real[0][group])
    assert set(result["levels"][0]) == set(real[0]["levels"][0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", result["publication_date"])
    _, final = get(board, f"/api/public/jobs?page={first['page_count'] - 1}")
    assert 0 < len(final["results"]) <= 20 and first["total"] == (first["page_count"] - 1) * 20 + len(final["results"])
    _, science = get(board, "/api/public/jobs?page=0&category=Data%20Science")
    assert 0 < science["total"] < first["total"]
    assert {r["categories"][0]["name"] for r in science["results"]} == {"Data Science"}


# --- what the aggregators carry -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, carried",
    [
        ("remoteok", lambda p: p.workplace == "remote"),
        ("remotive", lambda p: p.workplace == "remote"),
        ("himalayas", lambda p: p.workplace == "remote"),
        ("arbeitnow", lambda p: p.office.iso2 in {"DE", "NL", "FR", "IE", "CH", "GB"}),
        ("themuse", lambda p: p.office.iso2 == "US"),
    ],
)
def test_each_aggregator_republishes_its_kind_of_posting_from_some_companies(corpus, name, carried):
    postings = wire_aggregators.republished(corpus, name)
    companies = {p.company.token for p in postings}
    assert len(postings) >= 50 and all(carried(p) for p in postings)
    assert 3 <= len(companies) < len(corpus.companies)  # some companies, not every one
    # Every matching posting of a company it carries is on it.
    assert {p.id for p in postings} == {p.id for p in corpus.postings if p.company.token in companies and carried(p)}


def test_the_same_job_on_several_sources_is_known(corpus):
    truth = wire_aggregators.truth(corpus)
    assert len(truth) == sum(len(wire_aggregators.republished(corpus, n)) for n in wire_aggregators.AGGREGATORS)
    sources_per_posting: dict[str, int] = {}
    for (_, _), posting in truth.items():
        sources_per_posting[posting.id] = sources_per_posting.get(posting.id, 0) + 1
    assert max(sources_per_posting.values()) >= 3  # its ATS board and at least three aggregators
    ats_postings = {id(p) for p in corpus.postings}
    assert all(id(p) in ats_postings for p in truth.values())  # always a posting of an ATS board


def test_the_clock_decides_what_is_listed_and_remotive_is_a_day_late(board):
    earlier = board.clock - dt.timedelta(days=28)
    for name in wire_aggregators.AGGREGATORS:
        now, then = (wire_aggregators.listed(board.corpus, name, day) for day in (board.clock, earlier))
        assert 0 < len(then) < len(now)
    _, body = get(board, "/api/remote-jobs", earlier)
    limit = (end_of(earlier) - wire_aggregators.REMOTIVE_DELAY).replace(tzinfo=None)
    assert max(dt.datetime.fromisoformat(j["publication_date"]) for j in body["jobs"]) <= limit


# --- career sites ----------------------------------------------------------------------------------


def test_the_board_list_names_the_aggregators_and_the_career_sites(board):
    _, body = get(board, "/_sandbox/boards")
    assert body["aggregators"] == list(wire_aggregators.AGGREGATORS)
    assert body["careers"] == [f"{board.base_url}/careers/{site}/" for site in careers.career_sites(board.corpus)]
    assert body["careers_sitemaps"] == [f"{board.base_url}/careers/sitemap.xml"]


def test_a_listing_page_links_its_postings_the_next_page_and_off_site(board):
    site, company = next(iter(careers.career_sites(board.corpus).items()))
    postings = careers.posted(board.corpus, company, board.clock)
    assert len(postings) > careers.PAGE_SIZE
    reply, html = get(board, f"/careers/{site}/")
    assert (reply.status, reply.content_type) == (200, "text/html; charset=utf-8")
    assert re.findall(r'href="/careers/[^/]+/jobs/([^"]+)"', html) == [p.id for p in postings[: careers.PAGE_SIZE]]
    assert f'<link rel="next" href="/careers/{site}/?page=2">' in html
    assert f'href="{careers.ats_board(company)}"' in html and f'href="https://{company.domain}/"' in html
    _, last = get(board, f"/careers/{site}/?page={-(-len(postings) // careers.PAGE_SIZE)}")
    assert 'rel="next"' not in last


def test_posting_pages_carry_each_sites_markup_and_our_extractor_reads_the_truth(board):
    truth = careers.truth(board.corpus)
    for index, (site, company) in enumerate(careers.career_sites(board.corpus).items()):
        posting = careers.posted(board.corpus, company, board.clock)[0]
        _, html = get(board, f"/careers/{site}/jobs/{posting.id}")
        markup = careers.MARKUP[index]
        assert ('"@graph"' in html) == (markup == "graph")
        assert ("itemscope" in html) == (markup == "microdata")
        (item,) = extractor("careers").extract(html, url=f"{board.base_url}/careers/{site}/jobs/{posting.id}")
        assert truth[("careers", item["source_id"])] is posting
        assert (item["title"], item["company"], item["url"]) == (
            posting.title,
            company.name,
            careers.canonical_url(posting),
        )


def test_the_sitemap_index_leads_to_every_posting_page(board):
    _, index = get(board, "/careers/sitemap.xml")
    sitemaps = re.findall(r"<loc>([^<]+)</loc>", index)
    assert sitemaps == [f"{board.base_url}/careers/{site}/sitemap.xml" for site in careers.career_sites(board.corpus)]
    pages = [
        loc
        for sitemap in sitemaps
        for loc in re.findall(r"<loc>([^<]+)</loc>", get(board, sitemap.removeprefix(board.base_url))[1])
    ]
    shown = sum(len(careers.posted(board.corpus, c, board.clock)) for c in careers.career_sites(board.corpus).values())
    assert len(pages) == len(set(pages)) == shown


def test_apply_redirects_off_site_and_unknown_pages_are_404(board):
    site, company = next(iter(careers.career_sites(board.corpus).items()))
    reply, _ = get(board, f"/careers/{site}/apply")
    assert reply.status == 302 and dict(reply.headers)["Location"] == f"{careers.ats_board(company)}/apply"
    for path in ("/careers/no-such-site/", f"/careers/{site}/jobs/0", f"/careers/{site}/?page=999"):
        assert get(board, path)[0].status == 404, path
