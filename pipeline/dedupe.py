"""Cluster postings that are the same job: on another board, or reposted under a new id.

Candidates share a `dedupe_key` (normalized company + title); within a key, two postings are the
same job when their descriptions' word sets overlap by at least `SAME_JOB_JACCARD`. A cluster is
named after its earliest posting; trends count each cluster once. Exact duplicates by (source,
source_id) never get this far: they are one row already.

Set-based and incremental: the postings of the touched keys are fetched by key (ids, order and
stored cluster, no text), paired within their key by a join — only pairs with a new or changed
posting, or inside a stored cluster, since every other pair was compared when it was stored — a
chunk of whole keys at a time; only those pairs' texts are read, pairs whose word counts alone rule
out the threshold are dropped, and the overlap of the rest is computed on whole columns of word
lists. Only the pairs that are the same job (few) go through the union-find, in the order the
per-posting version compared them, so clusters and their names are the ones that version gave
(tests/pipeline/dedupe_reference.py keeps it; tests compare the two, and file-by-file clustering
with a comparison of all pairs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import duckdb
import polars as pl

SAME_JOB_JACCARD = 0.8
# jaccard = shared / union >= 4/5 exactly when 5·shared >= 4·union: integers, no float edge cases
# (and both texts empty, 0 >= 0, counts as the same job, as jaccard 1.0 did).
_NUM, _DEN = 4, 5
_WORD = r"[a-z0-9+#]{3,}"
_PAIRS_PER_CHUNK = 20_000  # word lists of this many pairs are held at once (~100 MB of real postings)
_ROWS_PER_CHUNK = 20_000  # postings whose texts are held at once: whole keys, so pairs never span chunks

Texts = Callable[[pl.Series], pl.Series]  # posting ids → their description_text, in that order


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


def compared_pairs(candidates: pl.DataFrame) -> pl.DataFrame:
    """(row, row_earlier) of the postings within a key whose overlap must be computed.

    Without `touched`/`stored` columns: every pair. With them (assign_clusters), a pair of two
    postings the warehouse had already clustered (`touched` false: same text as then) was compared
    then, and if it was the same job both are in one stored cluster; so only pairs with a touched
    posting (new, or content replaced) and pairs inside one stored cluster are computed. Those are
    all the pairs that can be the same job, so the union-find below meets exactly the pairs a full
    comparison would find, in the same order: the same clusters with the same names."""
    names = candidates.columns
    rows = candidates.select(
        key=pl.col("dedupe_key"),
        row=pl.int_range(pl.len(), dtype=pl.UInt32),
        touched=pl.col("touched") if "touched" in names else pl.lit(True),
        stored=pl.col("stored") if "stored" in names else pl.lit(None, dtype=pl.String),
    )
    touched = rows.filter("touched").select("key", other="row")
    with_touched = (
        rows.select("key", "row", "touched")
        .join(touched, on="key")
        # a pair of two touched postings is met from both ends: kept once
        .filter(~pl.col("touched") | (pl.col("row") > pl.col("other")))
        .select(row=pl.max_horizontal("row", "other"), row_earlier=pl.min_horizontal("row", "other"))
    )
    settled = rows.filter(~pl.col("touched")).select("key", "stored", "row")
    within_clusters = (
        settled.join(settled, on=["key", "stored"], suffix="_earlier")
        .filter(pl.col("row") > pl.col("row_earlier"))
        .select("row", "row_earlier")
    )
    return pl.concat([with_touched, within_clusters])


def same_job_pairs(candidates: pl.DataFrame, texts: Texts | None = None) -> pl.DataFrame:
    """(later, earlier) row numbers of postings that are the same job, sorted as the union-find
    meets them. `candidates`: dedupe_key (and touched, stored: see `compared_pairs`), ordered by
    key then earliest first, with description_text or a `texts` lookup by posting_id. Whole keys
    are taken a chunk at a time, and only the texts of postings in a pair are read."""
    keys = candidates["dedupe_key"]
    key_starts = (keys != keys.shift(1)).fill_null(True).arg_true().to_list()
    same, begin = [], 0
    for cut in [*key_starts[1:], candidates.height]:
        if cut - begin >= _ROWS_PER_CHUNK or cut == candidates.height:
            same.append(_same_job_in(candidates.slice(begin, cut - begin), begin, texts))
            begin = cut
    if not same:
        return pl.DataFrame(schema={"row": pl.UInt32, "row_earlier": pl.UInt32})
    return pl.concat(same).sort("row", "row_earlier")


def _same_job_in(chunk: pl.DataFrame, offset: int, texts: Texts | None) -> pl.DataFrame:
    pairs = compared_pairs(chunk)
    needed = pl.concat([pairs["row"], pairs["row_earlier"]]).unique().sort()
    ids = chunk["posting_id"].gather(needed) if texts is not None else None
    text = texts(ids) if ids is not None else chunk["description_text"].gather(needed)
    lists = pl.DataFrame({"text": text}).select(words=words(pl.col("text")))["words"]
    at = pl.DataFrame({"row": needed, "at": pl.int_range(len(needed), dtype=pl.UInt32, eager=True)})
    counts = lists.list.len()
    pairs = _with_counts(pairs, at, counts)
    # shared <= the smaller count and union >= the larger: below 4/5 of it, never the same job
    pairs = pairs.filter(_DEN * pl.min_horizontal("n", "n_earlier") >= _NUM * pl.max_horizontal("n", "n_earlier"))
    same = []
    for part in pairs.iter_slices(_PAIRS_PER_CHUNK):
        shared = (
            pl.DataFrame({"a": lists.gather(part["at"]), "b": lists.gather(part["at_earlier"])}).select(
                pl.col("a").list.set_intersection("b").list.len()
            )
        ).to_series()
        union = part["n"] + part["n_earlier"] - shared
        same.append(part.filter(_DEN * shared >= _NUM * union).select("row", "row_earlier"))
    if not same:
        return pl.DataFrame(schema={"row": pl.UInt32, "row_earlier": pl.UInt32})
    return pl.concat(same).select(pl.col("row", "row_earlier") + offset)


def _with_counts(pairs: pl.DataFrame, at: pl.DataFrame, counts: pl.Series) -> pl.DataFrame:
    """Each pair with where its two postings' word lists are (`at`) and how many words they hold."""
    n = at.with_columns(n=counts)
    return pairs.join(n, on="row").join(
        n.rename({"row": "row_earlier", "at": "at_earlier", "n": "n_earlier"}), on="row_earlier"
    )


def cluster_ids(candidates: pl.DataFrame, texts: Texts | None = None) -> pl.Series:
    """cluster_id of each candidate (posting_id, dedupe_key, description_text; ordered by key,
    earliest first): the union-find of the per-posting version, fed only the pairs that merge, so
    only postings in such a pair are touched in Python; every other one is its own cluster."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            parent[i] = parent.get(parent[i], parent[i])
            i = parent[i]
        return i

    for later, earlier in same_job_pairs(candidates, texts).iter_rows():
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
    how many postings ended up in a cluster with others. A posting whose cluster_id is NULL is new or
    has new content (load_postings clears it): only pairs with such a posting, or inside a stored
    cluster, are compared (`compared_pairs`), and only their texts are read."""
    key_filter, params = "dedupe_key IS NOT NULL", []
    if keys is not None:
        keys = sorted(set(keys))
        if not keys:
            con.execute("UPDATE postings SET cluster_id = posting_id WHERE cluster_id IS NULL")
            return 0
        key_filter, params = "dedupe_key IN (SELECT unnest(?))", [keys]
    candidates = con.sql(
        f"""
        SELECT posting_id, dedupe_key, coalesce(cluster_id, posting_id) AS stored, cluster_id IS NULL AS touched
        FROM postings WHERE {key_filter}
        QUALIFY count(*) OVER (PARTITION BY dedupe_key) > 1
        ORDER BY dedupe_key, coalesce(posted_at, first_seen), first_seen, posting_id
        """,
        params=params,
    ).pl()
    con.execute("UPDATE postings SET cluster_id = posting_id WHERE cluster_id IS NULL")
    if candidates.is_empty():
        return 0
    mapping = candidates.select("posting_id", "stored", cluster_ids(candidates, lambda ids: _texts(con, ids)))
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


def _texts(con: duckdb.DuckDBPyConnection, ids: pl.Series) -> pl.Series:
    wanted = pl.DataFrame({"posting_id": ids, "at": pl.int_range(len(ids), dtype=pl.UInt32, eager=True)})
    con.register("cluster_texts_wanted", wanted.to_arrow())
    try:
        found = con.sql(
            "SELECT w.at, p.description_text FROM cluster_texts_wanted w JOIN postings p USING (posting_id) "
            "ORDER BY w.at"
        ).pl()
    finally:
        con.unregister("cluster_texts_wanted")
    return found["description_text"]
