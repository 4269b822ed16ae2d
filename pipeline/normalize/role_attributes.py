"""Specialism, focus and seniority of a classified title, as Polars expressions over the helper
columns of `role_features` (`roles.classify_roles` runs them).

Specialism (ml_engineer only, title): solutions architect (architects, customer-facing, forward
deployed, solutions engineers) > hardware (kernels, compilers, accelerators, silicon, TPU/GPU,
performance) > platform (infrastructure, inference, serving, MLOps, systems, frameworks); GPU
infrastructure/clusters are platform. Focus (data scientists): from the title when it says, else
analytics cues (A/B tests, dashboards, SQL, …) against modelling cues (models, training,
production, …) in the description; more analytics cues or a tie → analytics; no cue → null.
Seniority (title): intern (internships, apprenticeships, fellowships, residencies) > management
(manager, head, director, VP, chief — not the individual-contributor product/program/account…
managers) > the first-named of principal, staff, lead, senior, mid, junior ("Senior/Staff" →
senior, "Senior Staff" → staff); in "Scientist / Senior Scientist" the first job sets the level.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.focus_vocabulary import ANALYTICS_CUES, ANALYTICS_TITLE, MODELLING_CUES, MODELLING_TITLE
from pipeline.normalize.seniority_vocabulary import LEVELS


def specialism_cue() -> pl.Expr:
    """The specialism a title cues, whatever its role: kept for ml_engineer, and it turns some AI-engineer
    titles into ML engineering (rule 5 of `roles.py`)."""
    c = pl.col
    return (
        pl.when(c("_sa"))
        .then(pl.lit("ml_solutions_architect"))
        .when(c("_hardware") | (c("_gpu") & ~c("_gpu_fleet")))
        .then(pl.lit("ml_hardware"))
        .when(c("_platform"))
        .then(pl.lit("ml_platform"))
    )


def focus_expression() -> pl.Expr:
    """A data scientist's focus; null for every other role."""
    is_data_scientist = pl.col("role") == "data_scientist"
    # Other rows scan an empty string: the description scan is the costly part of this module.
    description = pl.when(is_data_scientist).then(pl.col("description_text").fill_null("")).otherwise(pl.lit(""))
    analytics = description.str.extract_many(ANALYTICS_CUES, ascii_case_insensitive=True).list.len()
    modelling = description.str.extract_many(MODELLING_CUES, ascii_case_insensitive=True).list.len()
    title = pl.when(is_data_scientist).then(pl.col("_title")).otherwise(pl.lit(""))
    title_analytics, title_modelling = title.str.contains(ANALYTICS_TITLE), title.str.contains(MODELLING_TITLE)
    return (
        pl.when(~is_data_scientist)
        .then(pl.lit(None, dtype=pl.String))
        .when(title_analytics & ~title_modelling)
        .then(pl.lit("analytics"))
        .when(title_modelling & ~title_analytics)
        .then(pl.lit("modelling"))
        .when(modelling > analytics)
        .then(pl.lit("modelling"))
        .when(analytics > 0)
        .then(pl.lit("analytics"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def seniority_expression() -> pl.Expr:
    """The level of any title, from the text `role_features.title_for_levels` reads."""
    chain = pl.when(pl.col("_intern")).then(pl.lit("intern")).when(pl.col("_management")).then(pl.lit("lead"))
    for level, pattern in LEVELS:  # which level the (short) leftmost level phrase is
        chain = chain.when(pl.col("_level_word").str.contains(f"^(?:{pattern})$")).then(pl.lit(level))
    return chain.otherwise(pl.lit("mid"))
