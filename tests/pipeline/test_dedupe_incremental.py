"""Clusters kept up to date file by file (only new or changed postings compared again) are the
clusters a comparison of every pair of the whole warehouse gives: members and names."""

from __future__ import annotations

from jobpulse.sandbox.corpus import generate_corpus
from pipeline.dedupe import cluster_ids
from pipeline.ingest import ingest_files
from tests.pipeline.landing_files import posting, write_landing
from warehouse.db import connect


def demo_postings(count: int) -> list[dict]:
    corpus = generate_corpus(n_postings=count)
    return [
        posting(
            p.id,
            p.title,
            "".join(f"<p>{s.heading or ''}</p><p>{' '.join(s.paragraphs)}</p>" for s in p.sections),
            company=p.company.name,
            posted_at=p.posted_at.isoformat(),
        )
        for p in corpus.postings
    ]


def every_pair_compared(con) -> dict[str, str]:
    """cluster_id of every posting whose key others share, from all pairs of the warehouse as it is."""
    everything = con.sql(
        """SELECT posting_id, dedupe_key, description_text FROM postings WHERE dedupe_key IS NOT NULL
        QUALIFY count(*) OVER (PARTITION BY dedupe_key) > 1
        ORDER BY dedupe_key, coalesce(posted_at, first_seen), first_seen, posting_id"""
    ).pl()
    return dict(zip(everything["posting_id"], cluster_ids(everything), strict=True))


def test_file_by_file_clusters_are_those_of_all_pairs(tmp_path):
    week1 = demo_postings(800)
    # Week 2 relists every tenth job under a new id with a line added (the same job); week 3 sees
    # jobs of week 1 again with their text rewritten: a fifth get another key's text (leaving the
    # clusters they were in), and the second job of each title at a company gets the first one's
    # text (joining its cluster, with no new posting in it to set off a comparison).
    relisted = [
        {**p, "source_id": f"{p['source_id']}-again", "description_html": p["description_html"] + "<p>Apply now.</p>"}
        for p in week1[::10]
    ]
    first_of_title: dict[tuple[str, str], dict] = {}
    rewritten = []
    for i, p in enumerate(week1):
        earlier = first_of_title.setdefault((p["company"], p["title"]), p)
        if earlier is not p and i % 10:
            rewritten.append({**p, "description_html": earlier["description_html"]})
        elif i % 5 == 3:
            rewritten.append({**p, "description_html": week1[(i + 7) % len(week1)]["description_html"]})
    landing = tmp_path / "landing"
    files = [
        write_landing(landing, "week1", week1, crawled_at="2026-11-02T06:00:00Z"),
        write_landing(landing, "week2", relisted, crawled_at="2026-11-09T06:00:00Z"),
        write_landing(landing, "week3", rewritten, crawled_at="2026-11-16T06:00:00Z"),
    ]
    con = connect(tmp_path / "w.duckdb")
    try:
        ingest_files(con, files)
        stored = dict(con.execute("SELECT posting_id, cluster_id FROM postings").fetchall())
        expected = every_pair_compared(con)
    finally:
        con.close()
    assert {p: stored[p] for p in expected} == expected
    assert sum(1 for p, c in expected.items() if p != c) >= len(relisted) + 10  # merging really happens
