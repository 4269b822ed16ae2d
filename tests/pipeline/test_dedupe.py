"""The same job seen twice — on another board, or reposted under a new id — is one cluster."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.dedupe import clusters_of, jaccard
from pipeline.ingest import ingest_files
from pipeline.normalize.dedupe_key import dedupe_key
from tests.pipeline.landing_files import posting, write_landing
from warehouse.db import connect

TEXT = (
    "<p>Join our applied ML team to build ranking models in PyTorch. You will own training pipelines, "
    "evaluation, and deployment to production on Kubernetes. Requirements: Python, SQL, 3+ years of experience "
    "shipping machine learning systems, strong statistics.</p>"
)
OTHER_TEXT = "<p>Lead our finance analytics: dashboards in Tableau, forecasting in Excel, stakeholder reviews.</p>"


def key_of(company, title):
    return pl.select(dedupe_key(pl.lit(company), pl.lit(title))).item()


def test_company_spellings_and_title_punctuation_share_a_key():
    assert key_of("Quillstone Analytics, Inc.", "ML Engineer - Ranking") == key_of(
        "quillstone-analytics", "ML Engineer, Ranking"
    )
    assert key_of("Quillstone", "ML Engineer") != key_of("Quillstone", "Senior ML Engineer")


def test_jaccard_of_word_sets():
    assert jaccard(frozenset({"a", "b"}), frozenset({"a", "b"})) == 1.0
    assert jaccard(frozenset({"a", "b"}), frozenset({"b", "c"})) == pytest.approx(1 / 3)


def test_clusters_are_named_after_the_earliest_posting():
    group = pl.DataFrame(
        {"posting_id": ["old", "new", "unrelated"], "description_text": [TEXT, TEXT + " Apply now.", OTHER_TEXT]}
    )
    assert clusters_of(group) == {"old": "old", "new": "old", "unrelated": "unrelated"}


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    yield con
    con.close()


def clusters(con) -> dict[str, str]:
    rows = con.execute("SELECT source || ':' || source_id, cluster_id FROM postings").fetchall()
    ids = dict(con.execute("SELECT posting_id, source || ':' || source_id FROM postings").fetchall())
    return {name: ids[cluster] for name, cluster in rows}


def test_the_same_job_on_two_sources_and_a_repost_form_one_cluster(warehouse, tmp_path):
    board = posting(
        "1",
        "Machine Learning Engineer, Ranking",
        TEXT,
        company="Quillstone Analytics",
        posted_at="2026-10-01T00:00:00Z",
    )
    aggregator = {
        **posting(
            "rok-77",
            "Machine Learning Engineer - Ranking",
            TEXT + "<p>Via RemoteOK.</p>",
            company="Quillstone Analytics, Inc.",
            posted_at="2026-10-03T00:00:00Z",
        ),
        "source": "remoteok",
    }
    repost = posting(
        "2",
        "Machine Learning Engineer, Ranking",
        TEXT,
        company="Quillstone Analytics",
        posted_at="2026-11-01T00:00:00Z",
    )
    different_job = posting("3", "Machine Learning Engineer, Ranking", OTHER_TEXT, company="Quillstone Analytics")
    other_company = posting("4", "Machine Learning Engineer, Ranking", TEXT, company="Brightwater Labs")
    ingest_files(
        warehouse,
        [
            write_landing(tmp_path / "l", "a", [board, repost, different_job, other_company]),
            write_landing(tmp_path / "l", "b", [aggregator]),
        ],
    )
    assert clusters(warehouse) == {
        "greenhouse:1": "greenhouse:1",
        "remoteok:rok-77": "greenhouse:1",
        "greenhouse:2": "greenhouse:1",
        "greenhouse:3": "greenhouse:3",
        "greenhouse:4": "greenhouse:4",
    }
