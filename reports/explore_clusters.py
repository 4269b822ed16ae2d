"""From posting rows to duplicate clusters, the explorer's counting unit (warehouse/SCHEMA.md: a
cluster counts once; it has a skill when any of its postings names it; a post hiring for several
roles counts for each). Polars on integer keys: 64-bit hashes for postings and clusters, a bit per
role token, categorical codes for companies and titles, so a million postings stay quick."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from reports import explore_measures as m


@dataclass(frozen=True)
class Clusters:
    tokens: list[str]  # role tokens: 'ml_engineer', 'ml_engineer/ml_platform', …; bit i of `roles` is tokens[i]
    facts: pl.DataFrame  # cluster, first_day, roles (bit mask), country, remote, company (categorical)
    skills: pl.DataFrame  # cluster, s (skill number, explore_measures.skill_names): once per skill any posting of the cluster names
    open_days: pl.DataFrame  # cluster, day: the days it was seen open (its first day included)
    titles: pl.DataFrame  # cluster, role, title_key (case and spaces folded), title (as written)


def read_clusters(con) -> Clusters:
    postings = pl.from_arrow(m.first_appearances(con))
    # Most postings are a cluster of their own (cluster key = posting key): only the others are
    # mapped, through a small left join, and de-duplicating passes run only when clusters are shared.
    moved = postings.filter(pl.col("cluster") != pl.col("posting_key")).select("posting_key", "cluster")
    shared = postings["cluster"].n_unique() < postings.height

    def clustered(rows: pl.DataFrame) -> pl.DataFrame:
        if moved.is_empty():
            return rows.rename({"posting_key": "cluster"})
        joined = rows.join(moved, on="posting_key", how="left")
        return joined.with_columns(cluster=pl.coalesce("cluster", "posting_key")).drop("posting_key")

    assignments = clustered(pl.from_arrow(m.role_assignments(con)))
    tokens, masks = _role_tokens(assignments)
    roles = (assignments.join(masks, on=["role", "specialism", "focus"], nulls_equal=True)
             .group_by("cluster").agg(roles=pl.col("mask").bitwise_or()))  # fmt: skip
    firsts = postings.sort("day", "posting_key").unique("cluster", keep="first") if shared else postings
    facts = firsts.select("cluster", first_day="day", country="country", remote="remote",
                          company=pl.col("company").cast(pl.Categorical)).join(roles, on="cluster")  # fmt: skip
    skills = clustered(pl.from_arrow(m.skill_mentions(con)))
    sightings = clustered(pl.from_arrow(m.open_sightings(con)))
    open_days = pl.concat([postings.select("cluster", "day"), sightings.select("cluster", "day")])
    return Clusters(
        tokens=tokens,
        facts=facts,
        skills=skills.unique() if shared else skills,
        open_days=open_days.unique() if shared or sightings.height else open_days,
        titles=_titles(assignments),
    )


def _role_tokens(assignments: pl.DataFrame) -> tuple[list[str], pl.DataFrame]:
    """The role tokens present, and per (role, specialism, focus) the bit mask of its tokens."""
    combos = assignments.select("role", "specialism", "focus").unique().filter(pl.col("role").is_not_null())
    def tokens_of(row: dict) -> list[str]:
        return [row["role"]] + [f"{row['role']}/{row[k]}" for k in ("specialism", "focus") if row[k] is not None]
    rows = combos.to_dicts()  # a handful of combinations, not postings
    tokens = sorted({t for row in rows for t in tokens_of(row)})
    masks = [sum(1 << tokens.index(t) for t in tokens_of(row)) for row in rows]
    return tokens, combos.with_columns(mask=pl.Series(masks, dtype=pl.Int64))


def _titles(assignments: pl.DataFrame) -> pl.DataFrame:
    """Titles folded for case and spacing, once per distinct spelling rather than per posting."""
    spellings = assignments.select("title").unique().drop_nulls().with_columns(
        title_key=pl.col("title").str.strip_chars().str.replace_all(r"\s+", " ").str.to_lowercase()
    ).filter(pl.col("title_key") != "")
    keyed = assignments.select("cluster", "role", "title").join(spellings, on="title")
    return keyed.with_columns(pl.col("title_key").cast(pl.Categorical)).unique(["cluster", "role", "title_key"])
