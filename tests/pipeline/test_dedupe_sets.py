"""Set-based duplicate clustering gives the clusters — members and names — of the per-posting
version it replaced (tests/pipeline/dedupe_reference.py), on the demo corpus and on real postings."""

from __future__ import annotations

import csv
import gzip
import itertools
import json

import polars as pl
import pytest

from jobpulse.sandbox.corpus import generate_corpus
from pipeline.dedupe import cluster_ids
from pipeline.normalize.dedupe_key import dedupe_key
from pipeline.normalize.text import html_to_text
from tests.pipeline.dedupe_reference import reference_clusters
from tests.realdata import realdata_path


def candidates(company, title, description_html, posted_at) -> pl.DataFrame:
    """Postings as assign_clusters fetches them: only keys held by two or more, by key, earliest first."""
    frame = pl.DataFrame({"company": company, "title": title, "html": description_html, "posted_at": posted_at})
    return (
        frame.with_row_index("n")
        .select(
            posting_id=pl.format("p{}", "n"),
            dedupe_key=dedupe_key(pl.col("company"), pl.col("title")),
            description_text=html_to_text(pl.col("html")),
            posted_at=pl.col("posted_at"),
        )
        .filter(pl.col("dedupe_key").is_not_null() & (pl.len().over("dedupe_key") > 1))
        .sort("dedupe_key", "posted_at", "posting_id")
    )


def assert_same_clusters(frame: pl.DataFrame, *, at_least_merged: int) -> None:
    expected = reference_clusters(frame)
    got = dict(zip(frame["posting_id"].to_list(), cluster_ids(frame).to_list(), strict=True))
    assert got == expected
    merged = sum(1 for posting, cluster in expected.items() if posting != cluster)
    assert merged >= at_least_merged  # the data really exercises merging, not only singletons


def test_the_demo_corpus_and_its_reposts():
    corpus = generate_corpus(n_postings=1500)
    postings = list(corpus.postings)
    # Each tenth posting relisted a week later with a line added: the same job under a new id.
    relisted = postings[::10]
    html = [
        "\n".join(
            f"<p>{s.heading or ''}</p><p>{' '.join(s.paragraphs)}</p>"
            f"<ul>{''.join(f'<li>{b}</li>' for b in s.bullets)}</ul>"
            for s in p.sections
        )
        for p in postings
    ]
    frame = candidates(
        [p.company.name for p in postings + relisted],
        [p.title for p in postings + relisted],
        html + [h + "<p>Apply by Friday.</p>" for h in html[::10]],
        [p.posted_at.isoformat() for p in postings] + [p.posted_at.isoformat() + "+1w" for p in relisted],
    )
    assert_same_clusters(frame, at_least_merged=len(relisted))


def test_hn_posts_by_the_same_author_month_after_month():
    """HN "Who is hiring?" posts keyed by author: many post the same job again each month, edited."""
    rows = []
    with gzip.open(realdata_path("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz"), "rt") as lines:
        for line in itertools.islice(lines, 6000):
            record = json.loads(line)
            rows.append((record["user"], "hn post", record["full_html"], record["thread_month"]))
    assert_same_clusters(candidates(*map(list, zip(*rows, strict=True))), at_least_merged=50)


def test_glassdoor_postings():
    with gzip.open(
        realdata_path("glassdoor_ds_2020", "glassdoor_jobs.csv.gz"), "rt", encoding="utf-8", newline=""
    ) as handle:
        rows = [
            (r["Company Name"].split("\n")[0], r["Job Title"], r["Job Description"], f"{i:05d}")
            for i, r in enumerate(csv.DictReader(handle))
        ]
    assert_same_clusters(candidates(*map(list, zip(*rows, strict=True))), at_least_merged=50)


def test_ai_lab_tracker_jobs():
    """The tracker has no descriptions; its raw ATS record stands in as the text: one job listed per
    location or team differs in a few fields, real near-duplicates."""
    with gzip.open(
        realdata_path("ai_labs_ats_tracker", "ai_lab_postings_2025-08_2026-08.csv.gz"),
        "rt",
        encoding="utf-8",
        newline="",
    ) as handle:
        rows = [(r["company_name"], r["title"], r["raw_record_json"], r["first_seen"]) for r in csv.DictReader(handle)]
    assert_same_clusters(candidates(*map(list, zip(*rows, strict=True))), at_least_merged=50)


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["", ""], ["p0", "p0"]),  # two empty texts: jaccard 1, the same job, as before
        (["one two three four five", "one two three four", "one two three"], ["p0", "p0", "p2"]),  # 4/5 merges, 3/5 not
    ],
)
def test_edges_of_the_threshold(texts, expected):
    frame = pl.DataFrame(
        {"posting_id": [f"p{i}" for i in range(len(texts))], "dedupe_key": "k", "description_text": texts}
    )
    assert cluster_ids(frame).to_list() == expected
    assert list(reference_clusters(frame).values()) == expected
