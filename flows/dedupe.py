"""Cluster postings that are the same job: on another board, or reposted under a new id.

Candidates share a `dedupe_key` (normalized company + title); within a key, two postings are the
same job when their descriptions' word sets overlap by at least `SAME_JOB_JACCARD`. A cluster is
named after its earliest posting; trends count each cluster once. Exact duplicates by (source,
source_id) never get this far: they are one row already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
import polars as pl

SAME_JOB_JACCARD = 0.8
_WORD = re.compile(r"[a-z0-9+#]{3,}")


def _words(text: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((text or "").lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def clusters_of(group: pl.DataFrame) -> dict[str, str]:
    """posting_id → cluster_id for one key's postings (earliest first), by union-find on similarity."""
    ids = group["posting_id"].to_list()
    words = [_words(t) for t in group["description_text"].to_list()]
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ids)):
        for j in range(i):
            if root(i) != root(j) and jaccard(words[i], words[j]) >= SAME_JOB_JACCARD:
                parent[root(i)] = root(j)  # the earlier posting stays the root
    return {ids[i]: ids[root(i)] for i in range(len(ids))}


def assign_clusters(con: duckdb.DuckDBPyConnection, keys: Iterable[str] | None = None) -> int:
    """(Re)compute cluster_id for postings sharing a key (all keys, or only those given); returns
    how many postings ended up in a cluster with others."""
    con.execute("UPDATE postings SET cluster_id = posting_id WHERE cluster_id IS NULL")
    key_filter, params = "", []
    if keys is not None:
        keys = sorted(set(keys))
        if not keys:
            return 0
        key_filter, params = "AND dedupe_key IN (SELECT unnest(?))", [keys]
    candidates = con.sql(
        f"""
        SELECT posting_id, dedupe_key, description_text
        FROM postings
        WHERE dedupe_key IN (SELECT dedupe_key FROM postings WHERE dedupe_key IS NOT NULL {key_filter}
                             GROUP BY 1 HAVING count(*) > 1)
        ORDER BY dedupe_key, coalesce(posted_at, first_seen), first_seen, posting_id
        """,
        params=params,
    ).pl()
    if candidates.is_empty():
        return 0
    assignments = {}
    for group in candidates.partition_by("dedupe_key", maintain_order=True):
        assignments |= clusters_of(group)
    mapping = pl.DataFrame({"posting_id": list(assignments), "cluster_id": list(assignments.values())})
    con.register("cluster_assignments", mapping.to_arrow())
    try:
        con.execute(
            "UPDATE postings SET cluster_id = a.cluster_id FROM cluster_assignments a WHERE postings.posting_id = a.posting_id"
        )
    finally:
        con.unregister("cluster_assignments")
    sizes = mapping.group_by("cluster_id").len()
    return int(sizes.filter(pl.col("len") > 1)["len"].sum())
