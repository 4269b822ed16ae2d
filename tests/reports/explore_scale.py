"""A big generated warehouse shaped like real postings, for measuring the explorer's size and time.

Unlike report_warehouse.synthetic_frames (uniform skills, no place), every posting here has a
country (a few big ones, a long tail), a work place, a skewed number of skills drawn from a skewed
taxonomy, some multi-role posts and specialisms: what makes the explorer's cube fill up. Vectorised
Polars (hash-based uniforms), so 1M postings take seconds, not minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import polars as pl
from report_warehouse import POSTING_SCHEMA, ROLES

ROLE_IDS = ["other", "data_scientist", "ml_engineer", "ai_engineer", "research_scientist", "research_engineer"]
COUNTRIES = [
    "US",
    "GB",
    "DE",
    "CA",
    "FR",
    "NL",
    "IN",
    "ES",
    "PL",
    "CH",
    "SE",
    "IE",
    "AU",
    "SG",
    "BR",
    "IL",
    "JP",
    "DK",
    "PT",
    "AT",
    "FI",
    "NO",
    "BE",
    "IT",
    "CZ",
    "RO",
    "MX",
    "AR",
    "NZ",
    "ZA",
    "KR",
    "EE",
    "LT",
    "UA",
    "GR",
    "HU",
    "TR",
    "CO",
    "CL",
    "PH",
]
SKILLS = 400


def _uniform(seed: int) -> pl.Expr:
    """A deterministic uniform in [0, 1) per row."""
    return (pl.int_range(pl.len(), dtype=pl.UInt64).hash(seed) % 1_000_003).cast(pl.Float64) / 1_000_003


def _pick(values: list, u: pl.Expr, skew: float) -> pl.Expr:
    """values[floor(len · u^skew)]: skew > 1 favours the first values."""
    index = (u.pow(skew) * len(values)).floor().cast(pl.Int64).clip(0, len(values) - 1)
    return pl.lit(pl.Series(values)).gather(index)


def realistic_frames(
    postings: int, *, weeks: int = 104, last_week: datetime = datetime(2026, 11, 16, 9)
) -> dict[str, pl.DataFrame]:
    start = last_week - timedelta(weeks=weeks - 1)
    frame = pl.DataFrame({"i": pl.int_range(postings, eager=True)}).with_columns(
        posting_id=pl.format("g{}", pl.col("i")),
        role=_pick(ROLE_IDS, _uniform(1), 2.0),
        country=pl.when(_uniform(2) < 0.3).then(None).otherwise(_pick(COUNTRIES, _uniform(3), 3.0)),
        remote=_pick(["onsite", "remote", "hybrid", None], _uniform(4), 1.5),
        company=pl.format("Company {}", (_uniform(5).pow(2) * 5000).floor().cast(pl.Int64)),
        title_no=(_uniform(6).pow(3) * 300).floor().cast(pl.Int64),
        posted_at=pl.lit(start) + pl.duration(hours=(_uniform(7) * weeks * 7 * 24).floor().cast(pl.Int64)),
        skill_count=(_uniform(8).pow(2) * 16).floor().cast(pl.Int64) + 1,
        u_spec=_uniform(9),
    )
    frame = frame.with_columns(
        title=pl.format("{} {}", pl.col("role"), pl.col("title_no")),
        specialism=pl.when((pl.col("role") == "ml_engineer") & (pl.col("u_spec") < 0.3)).then(
            _pick(["ml_platform", "ml_hardware", "ml_solutions_architect"], _uniform(10), 1.0)
        ),
        focus=pl.when(pl.col("role") == "data_scientist").then(_pick(["analytics", "modelling"], _uniform(11), 1.0)),
        source=pl.lit("generated"),
        source_id=pl.col("posting_id"),
        first_seen=pl.col("posted_at"),
        last_seen=pl.col("posted_at"),
    )
    pairs = (
        frame.select("posting_id", slot=pl.int_ranges(0, pl.col("skill_count")))
        .explode("slot")
        .with_columns(skill_no=(_uniform(12).pow(2.5) * SKILLS).floor().cast(pl.Int64))
        .select("posting_id", skill_id=pl.format("skill_{}", pl.col("skill_no")))
        .unique()
    )
    multi = frame.filter(pl.col("u_spec") > 0.97).select(
        "posting_id",
        role=pl.when(pl.col("role") == "ml_engineer")
        .then(pl.lit("research_engineer"))
        .otherwise(pl.lit("ml_engineer")),
        specialism=pl.lit(None, pl.String),
        focus=pl.lit(None, pl.String),
        seniority=pl.lit(None, pl.String),
        title=pl.col("title"),
    )  # a few posts hire for a second role (their first role is postings.role)
    first_roles = frame.filter(pl.col("u_spec") > 0.97).select(
        "posting_id", "role", "specialism", "focus", seniority=pl.lit(None, pl.String), title="title"
    )
    postings_frame = frame.select(*(c for c in POSTING_SCHEMA if c in frame.columns), "country")
    skills = pl.DataFrame(
        {
            "skill_id": [f"skill_{i}" for i in range(SKILLS)],
            "name": [f"Skill {i}" for i in range(SKILLS)],
            "category": ["generated"] * SKILLS,
        }
    )
    return {
        "postings": postings_frame,
        "posting_skills": pairs,
        "posting_roles": pl.concat([first_roles, multi]),
        "skills": skills,
        "roles": pl.DataFrame(ROLES, schema=["role_id", "name", "kind", "parent_role"], orient="row"),
    }
