"""The per-posting duplicate clustering pipeline/dedupe.py had before it became set-based, kept as the
reference the set-based version must agree with (tests/pipeline/test_dedupe_sets.py)."""

from __future__ import annotations

import re

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


def reference_clusters(candidates: pl.DataFrame) -> dict[str, str]:
    """posting_id → cluster_id over every key of `candidates` (ordered by key, earliest first)."""
    assignments: dict[str, str] = {}
    for group in candidates.partition_by("dedupe_key", maintain_order=True):
        assignments |= clusters_of(group)
    return assignments
