"""Sandbox fault injection (a board gone, failing, or moved off-domain) and postings that close."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import OFFSITE_HOST, BoardRouter


@pytest.fixture(scope="module")
def small():
    return generate_corpus(n_postings=300, weeks=6)


@pytest.fixture(scope="module")
def closing():
    return generate_corpus(n_postings=300, weeks=6, closing_share=0.5)


@pytest.mark.parametrize(
    ("fault", "status", "headers"),
    [
        ("not_found", 404, ()),
        ("server_error", 500, ()),
        ("offsite_redirect", 302, (("Location", f"{OFFSITE_HOST}/v1/boards/{{token}}/jobs?content=true"),)),
    ],
)
def test_a_fault_answers_for_its_board_before_routing(small, fault, status, headers):
    token, other = small.boards("greenhouse")[:2]
    router = BoardRouter(small)
    router.faults = {token: fault}
    reply = router.handle(f"/v1/boards/{token}/jobs?content=true", small.end)
    assert reply.status == status
    assert reply.headers == tuple((name, value.format(token=token)) for name, value in headers)
    assert router.handle(f"/v1/boards/{other}/jobs?content=true", small.end).status == 200  # others unharmed


def test_without_faults_every_board_answers(small):
    router = BoardRouter(small)
    assert {router.handle(f"/v1/boards/{t}/jobs", small.end).status for t in small.boards("greenhouse")} == {200}


def test_closings_are_opt_in_and_change_nothing_else(small, closing):
    assert all(p.closes_on is None for p in small.postings)
    closes = [p for p in closing.postings if p.closes_on is not None]
    assert 0.4 < len(closes) / len(closing.postings) < 0.6
    assert all(timedelta(days=7) <= p.closes_on - p.posted_on <= timedelta(days=56) for p in closes)
    assert [(p.id, p.title, p.posted_at) for p in closing.postings] == [
        (p.id, p.title, p.posted_at) for p in small.postings
    ]


def test_a_board_lists_a_posting_only_until_it_closes(closing):
    posting = next(
        p
        for p in closing.postings
        if p.closes_on is not None and p.company.ats == "greenhouse" and p.closes_on <= closing.end
    )
    router = BoardRouter(closing)
    path = f"/v1/boards/{posting.company.token}/jobs"

    def listed(day) -> bool:
        return posting.id in {str(j["id"]) for j in json.loads(router.handle(path, day).body)["jobs"]}

    day_before = posting.closes_on - timedelta(days=1)
    assert [listed(posting.posted_on), listed(day_before), listed(posting.closes_on)] == [True, True, False]
