"""Cluster postings that are the same job: on another board, or reposted under a new id.

Candidates share a `dedupe_key` (normalized company + title); within a key, two postings are the
same job when their descriptions' word sets overlap by at least `SAME_JOB_JACCARD`. A cluster is
named after its earliest posting; trends count each cluster once. Exact duplicates by (source,
source_id) never get this far: they are one row already.

Set-based: the postings of the touched keys are fetched by key, paired within their key by a join,
pairs whose word counts alone rule out the threshold are dropped, and the overlap of the rest is
computed on whole columns of word lists. Only the pairs that are the same job (few) go through the
union-find, in the order the per-posting version compared them, so clusters and their names are the
ones that version gave (tests/pipeline/dedupe_reference.py keeps it; a test compares the two).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

SAME_JOB_JACCARD = 0.8
# jaccard = shared / union >= 4/5 exactly when 5·shared >= 4·union: integers, no float edge cases
# (and both texts empty, 0 >= 0, counts as the same job, as jaccard 1.0 did).
_NUM, _DEN = 4, 5
_WORD = r"[a-z0-9+#]{3,}"
_PAIRS_PER_CHUNK = 200_000  # word lists of this many pairs are held at once


def words(text: pl.Expr) -> pl.Expr:
    """The distinct words (3+ of a-z, 0-9, +, #) of a lower-cased text, as a list."""
    return (
        text.fill_null("")
        .str.to_lowercase()
        .str.extract_all(_WORD)
        .list.unique()
        .fill_null(pl.lit([], dtype=pl.List(pl.String)))
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def same_job_pairs(candidates: pl.DataFrame) -> pl.DataFrame:
    """(later, earlier) row numbers of postings that are the same job, sorted as the union-find
    meets them. `candidates`: dedupe_key, description_text, ordered by key then earliest first."""
    texts = candidates.select(
        key=pl.col("dedupe_key"),
        row=pl.int_range(pl.len(), dtype=pl.UInt32),
        words=words(pl.col("description_text")),
    ).with_columns(n=pl.col("words").list.len())
    sides = texts.select("key", "row", "n")
    pairs = (
        sides.lazy()
        .join(sides.lazy(), on="key", suffix="_earlier")
        .filter(pl.col("row") > pl.col("row_earlier"))
        # shared <= the smaller count and union >= the larger: below 4/5 of it, never the same job
        .filter(_DEN * pl.min_horizontal("n", "n_earlier") >= _NUM * pl.max_horizontal("n", "n_earlier"))
        .select("row", "row_earlier", "n", "n_earlier")
        .collect()
    )
    word_lists = texts["words"]
    same = []
    for chunk in pairs.iter_slices(_PAIRS_PER_CHUNK):
        shared = (
            pl.DataFrame({"a": word_lists.gather(chunk["row"]), "b": word_lists.gather(chunk["row_earlier"])}).select(
                pl.col("a").list.set_intersection("b").list.len()
            )
        ).to_series()
        union = chunk["n"] + chunk["n_earlier"] - shared
        same.append(chunk.filter(_DEN * shared >= _NUM * union).select("row", "row_earlier"))
    if not same:
        return pl.DataFrame(schema={"row": pl.UInt32, "row_earlier": pl.UInt32})
    return pl.concat(same).sort("row", "row_earlier")


def cluster_ids(candidates: pl.DataFrame) -> pl.Series:
    """cluster_id of each candidate (posting_id, dedupe_key, description_text; ordered by key,
    earliest first): the union-find of the per-posting version, fed only the pairs that merge, so
    only postings in such a pair are touched in Python; every other one is its own cluster."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            parent[i] = parent.get(parent[i], parent[i])
            i = parent[i]
        return i

    for later, earlier in same_job_pairs(candidates).iter_rows():
        a, b = root(later), root(earlier)
        if a != b:
            parent[a] = b  # as before: the later posting's root goes under the earlier's
    rows = pl.int_range(candidates.height, dtype=pl.UInt32, eager=True)
    if parent:
        merged = pl.DataFrame(
            {"row": list(parent), "root": [root(i) for i in parent]}, schema={"row": pl.UInt32, "root": pl.UInt32}
        )
        rows = (
            pl.DataFrame({"row": rows})
            .join(merged, on="row", how="left", maintain_order="left")
            .select(pl.coalesce("root", "row"))
            .to_series()
        )
    return candidates["posting_id"].gather(rows).alias("cluster_id")


def clusters_of(group: pl.DataFrame) -> dict[str, str]:
    """posting_id → cluster_id for one key's postings (posting_id, description_text; earliest first)."""
    group = group.with_columns(dedupe_key=pl.lit("k"))
    return dict(zip(group["posting_id"].to_list(), cluster_ids(group).to_list(), strict=True))


def assign_clusters(con: duckdb.DuckDBPyConnection, keys: Iterable[str] | None = None) -> int:
    """(Re)compute cluster_id for postings sharing a key (all keys, or only those given); returns
    how many postings ended up in a cluster with others."""
    con.execute("UPDATE postings SET cluster_id = posting_id WHERE cluster_id IS NULL")
    key_filter, params = "dedupe_key IS NOT NULL", []
    if keys is not None:
        keys = sorted(set(keys))
        if not keys:
            return 0
        key_filter, params = "dedupe_key IN (SELECT unnest(?))", [keys]
    candidates = con.sql(
        f"""
        SELECT posting_id, dedupe_key, description_text, cluster_id AS stored
        FROM postings WHERE {key_filter}
        QUALIFY count(*) OVER (PARTITION BY dedupe_key) > 1
        ORDER BY dedupe_key, coalesce(posted_at, first_seen), first_seen, posting_id
        """,
        params=params,
    ).pl()
    if candidates.is_empty():
        return 0
    mapping = candidates.select("posting_id", "stored", cluster_ids(candidates))
    changed = mapping.filter(pl.col("stored").ne_missing(pl.col("cluster_id"))).select("posting_id", "cluster_id")
    if not changed.is_empty():  # an UPDATE costs per row: only the postings whose cluster moved
        con.register("cluster_assignments", changed.to_arrow())
        try:
            con.execute(
                "UPDATE postings SET cluster_id = a.cluster_id FROM cluster_assignments a "
                "WHERE postings.posting_id = a.posting_id"
            )
        finally:
            con.unregister("cluster_assignments")
    sizes = mapping.group_by("cluster_id").len()
    return int(sizes.filter(pl.col("len") > 1)["len"].sum())
