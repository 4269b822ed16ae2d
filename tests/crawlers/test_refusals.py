"""Extractors never drop a record silently: a record they cannot use becomes a refusal with its
reason (ingest stores it in `rejects`), and a record that raises costs only itself."""

from __future__ import annotations

import json

import pytest

from crawlers.extractors import ashby, greenhouse, lever
from crawlers.extractors.common import each_record, is_refusal
from crawlers.spiders.base import refuse_unencodable


@pytest.mark.parametrize(
    ("extract", "payload", "reason"),
    [
        (greenhouse.extract, {"jobs": [{"id": 1, "title": "ML Engineer"}, {"title": "No id"}]}, "job has no id"),
        (
            greenhouse.extract,
            {"jobs": [{"id": 1, "title": "ML Engineer"}, "a string"]},
            "job is a JSON str, not an object",
        ),
        (lever.extract, [{"id": "a", "text": "ML Engineer"}, {"text": "No id"}], "posting has no id"),
        (ashby.extract, {"jobs": [{"id": "a", "title": "ML Engineer"}, {"title": "No id"}]}, "job has no id"),
    ],
    ids=["greenhouse-no-id", "greenhouse-not-object", "lever-no-id", "ashby-no-id"],
)
def test_a_record_without_an_id_is_refused_with_its_reason(extract, payload, reason):
    good, bad = extract(payload, "acme")
    assert not is_refusal(good) and good["board"] == "acme"
    assert bad["_reject"] == reason and bad["board"] == "acme" and bad["source"] in ("greenhouse", "lever", "ashby")


def test_an_unlisted_ashby_job_is_not_a_posting_and_not_a_refusal():
    assert ashby.extract({"jobs": [{"id": "a", "title": "x", "isListed": False}]}, "acme") == []


def test_a_record_whose_extraction_raises_costs_only_itself():
    def make(record):
        return {"n": 10 // record}

    out = each_record([1, 0, 5], make, "greenhouse", "acme")
    assert out[0] == {"n": 10} and out[2] == {"n": 2}
    assert out[1]["_reject"] == "cannot extract: ZeroDivisionError: integer division or modulo by zero"


def test_greenhouse_states_its_total_when_the_board_does():
    assert greenhouse.declared_total({"jobs": [], "meta": {"total": 0}}) == 0
    assert greenhouse.declared_total({"jobs": []}) is None
    assert greenhouse.declared_total({"jobs": [], "meta": {"total": "3"}}) is None  # not a count


def test_text_from_a_bad_byte_makes_its_item_a_refusal_and_keeps_the_rest():
    body = b'[{"title": "ML Engin\xffeer"}, {"title": "AI Engineer"}]'
    decoded = json.loads(body.decode("utf-8", errors="surrogateescape"))
    items = [{"source": "lever", "board": "acme", "title": j["title"], "raw": j} for j in decoded]
    bad, good = refuse_unencodable(items)
    assert good["title"] == "AI Engineer"
    assert bad["_reject"] == "invalid UTF-8 in the source's answer" and bad["board"] == "acme"
    json.dumps(bad, ensure_ascii=False).encode("utf-8")  # what the landing file needs: valid UTF-8
    assert "\\udcff" in bad["_original"]  # the bad byte is kept, escaped, for the reject
