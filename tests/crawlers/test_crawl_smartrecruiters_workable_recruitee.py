"""Real `scrapy crawl` runs of the SmartRecruiters, Workable and Recruitee spiders, each in a
subprocess, against the sandbox board: every posting served lands once, as the corpus wrote it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawlers.extractors.common import strip_tags
from jobpulse.sandbox import SandboxBoard, generate_corpus

REPO = Path(__file__).resolve().parents[2]
CLOCK = dt.date(2026, 5, 20)  # before the corpus ends: what is not yet published must not land
# Loopback needs no politeness; the command line outranks each spider's custom_settings.
LOCAL = [
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "CONCURRENT_REQUESTS=16",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
]


@pytest.fixture(scope="module")
def board():
    corpus = generate_corpus(seed=5, end=dt.date(2026, 5, 31), weeks=16, n_postings=1500)
    with SandboxBoard(corpus, clock=CLOCK) as running:
        yield running


EXTRA_ARGS = {"smartrecruiters": ("-a", "page_size=20")}  # small pages, so paging runs too


@pytest.fixture(scope="module")
def crawled(board, tmp_path_factory):
    """name → (finished process, landed items, seconds); each spider crawls the board once."""
    runs = {}

    def run(name: str):
        if name not in runs:
            out = tmp_path_factory.mktemp(name) / "landing.jsonl"
            boards = ",".join([*board.corpus.boards(name), "ghost"])
            started = time.monotonic()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "crawl",
                    name,
                    "-a",
                    f"boards={boards}",
                    "-a",
                    f"base_url={board.base_url}",
                    "-O",
                    str(out),
                    *LOCAL,
                    *EXTRA_ARGS.get(name, ()),
                ],
                cwd=REPO,
                env={**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"},
                capture_output=True,
                text=True,
                timeout=120,
            )
            seconds = time.monotonic() - started
            assert done.returncode == 0, done.stderr[-2000:]
            items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            runs[name] = (done, items, seconds)
        return runs[name]

    return run


@pytest.mark.parametrize("name", ["smartrecruiters", "workable", "recruitee"])
def test_every_served_posting_lands_once(board, crawled, name):
    done, items, seconds = crawled(name)
    served = {p.id: p for p in board.corpus.postings if p.company.ats == name and p.posted_on <= CLOCK}
    assert len(served) >= 50 and len(board.corpus.boards(name)) >= 3
    assert sorted(i["source_id"] for i in items) == sorted(served)  # each once, none unpublished
    for item in items:
        truth = served[item["source_id"]]
        assert (item["source"], item["board"], item["title"]) == (name, truth.company.token, truth.title)
        assert item["company"] == truth.company.name
        text = strip_tags(item["description_html"])  # the whole text came along, every line of it
        assert all(line in text for s in truth.sections for line in (*s.paragraphs, *s.bullets))
        assert item["posted_at"][:10] == truth.posted_on.isoformat()
    assert done.stderr.count("board ghost not found (404)") == 1
    assert "Deprecat" not in done.stderr
    print(f"{name}: {len(items)} postings from {len(board.corpus.boards(name))} boards in {seconds:.1f} s")


def test_recruitee_salaries_land(board, crawled):
    _, items, _ = crawled("recruitee")
    paid = {
        p.id: p.salary
        for p in board.corpus.postings
        if p.company.ats == "recruitee" and p.salary and p.posted_on <= CLOCK
    }
    landed = {i["source_id"]: i for i in items if i["salary_min"]}
    assert landed.keys() == paid.keys() and paid
    for posting_id, salary in paid.items():
        item = landed[posting_id]
        assert (item["salary_min"], item["salary_max"], item["salary_currency"], item["salary_period"]) == (
            salary.min,
            salary.max,
            salary.currency,
            salary.period,
        )


def test_smartrecruiters_pages_through_each_company_then_asks_each_detail_once(board, crawled):
    done, items, _ = crawled("smartrecruiters")
    per_board = [
        sum(p.posted_on <= CLOCK for p in board.corpus.postings_on(board.corpus.company("smartrecruiters", t)))
        for t in board.corpus.boards("smartrecruiters")
    ]
    pages = sum(max(1, -(-n // 20)) for n in per_board)  # 20 a page; an empty company still has one
    assert max(per_board) > 20  # some company needs more than one page
    requests = 1 + pages + 1 + len(items)  # robots.txt, list pages, the ghost, one detail per posting
    assert f"'downloader/request_count': {requests}," in done.stderr
