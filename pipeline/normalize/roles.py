"""Job title (+ description) → role, specialism, focus and seniority, as Polars expressions.

Role ids are DESIGN.md's; tests/devsets/LABELLING.md says what each covers and how the hard titles
are labelled, and tests/normalize/test_role_devset.py measures these rules on real titles labelled
by hand. Titles are normalised (lower case, punctuation → space, "Member of Technical Staff" →
"mts"), and a second copy has each ML field ("computer vision", "MLOps", "AI/ML") replaced by
"mlx" and each AI field ("GenAI", "LLM", "agents") by "aix", so the phrases below stay simple.

1. Never a practitioner, wherever it stands: recruiters, product/program/project managers,
   account executives, lawyers, advocates, AI trainers and annotators, instructors and
   teachers ("Machine Learning Instructor") → other.
2. The first-named role phrase wins ("ML Engineer / Data Scientist" → ml_engineer; "Data
   Scientist, Machine Learning" → data_scientist). Phrases: research engineer; data scientist or
   data science (not "Data Science Analyst/Engineer", not after an engineer noun); research or
   applied scientist, ML/AI scientist or researcher, "ML research", an ML research manager or
   fellowship; forward deployed engineer; ML field + engineer/lead/manager noun ("Computer Vision
   Expert", "ML Ops Manager"); AI field + engineer noun. Only engineering words may stand between
   field and noun, so "AI Platform Security Engineer" is no AI-engineer phrase. An analyst,
   specialist, consultant or coordinator named before any phrase makes the title other.
3. Research phrases need ML: with no ML/AI word in the title, a non-ML research domain (chemistry,
   clinical, physics, security, UX, economics, …) or a description that never mentions ML/AI makes
   them other. "Clinical Data Scientist" is clinical data management, not data science.
4. Forward deployed engineers (customer-embedded engineers, a title now used mostly by AI labs) are
   ML engineers, solutions-architect specialism, unless the description never mentions ML/AI.
5. An AI-engineer title with a platform, hardware or solutions cue ("AI Inference Engineer", "AI
   Solutions Architect") is ML engineering with that specialism, but an agent platform is AI
   engineering ("Software Engineer, Agent Platform"); "AI/ML Engineer" is ml_engineer.
6. Without a phrase: "Head of ML/AI"; then a generic engineer noun (software engineer, MTS,
   engineering manager) takes its field from the rest of the title: frontier-model training
   (pretraining, post-training, alignment) → research_engineer; ML words or ML systems (inference,
   TPU, Triton, GPU kernels, accelerators) → ml_engineer; AI/LLM/agent words → ai_engineer. Not when
   the noun's own discipline is another ("Electrical Hardware Engineer, AI Satellites"), the title
   names a non-engineering field (support, success, policy, marketing), or a client app (iOS).
7. No job noun at all: a frontier-training area ("Agent Post-Training") → research_scientist, an
   ML field ("Machine Learning & Computer Vision") → ml_engineer; a bare "Researcher" →
   research_scientist; "Chief Scientist"-like titles with an ML-heavy description →
   research_scientist; everything else → other.

Specialism, focus and seniority are `role_attributes`' (its docstring says how); the helper columns
the rules read, one per regex, are `role_features`'; the phrases are in the vocabulary modules
(`role_vocabulary` and those built on it). Eager frames go through the lazy engine (~3x faster).

`title_split.split_titles` splits a multi-role header ("Data Scientists & Research Engineers") into titles, and
`title_parts` does it for a frame of postings (one row per named role title, for `posting_roles`).
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from contract.roles import ROLE_IDS
from pipeline.normalize.role_attributes import focus_expression, seniority_expression, specialism_cue
from pipeline.normalize.role_features import (
    agent_mentions,
    flat_title,
    ml_mentions,
    models_data,
    title_features,
    title_for_levels,
)
from pipeline.normalize.role_vocabulary import AI_FIELDS, ML_FIELDS

ROLES = list(ROLE_IDS)


def _role() -> pl.Expr:
    c = pl.col
    ml_systems = c("_ml_systems") | (c("_gpu") & c("_gpu_work"))
    ml_or_ai = c("_ml") | c("_ai") | ml_systems
    # Only meaningful where _ml_mentions was counted: every research and forward-deployed phrase
    # holds one of the DESCRIPTION_MATTERS words, and only those rows read it.
    ml_unmentioned = c("_described") & (c("_ml_mentions") == 0)
    research_ok = ml_or_ai | ~(c("_domain") | ml_unmentioned)
    # "Data Science Analyst/Engineer", "Product Engineer, Data Science": the head noun is no scientist.
    ds_at = pl.when(~c("_clinical_data") & (~c("_ds_not") | c("_data_scientist"))).then(c("_at_ds"))
    engineer_at = pl.when(~c("_data_scientist")).then(c("_at_engineer"))
    phrases = [  # (role, first position of its phrase); list order breaks ties
        ("research_engineer", pl.when(research_ok).then(c("_at_re"))),
        ("data_scientist", pl.when(engineer_at.is_null() | (engineer_at > ds_at)).then(ds_at)),
        (
            "research_scientist",
            pl.min_horizontal(pl.when(research_ok).then(c("_at_rs")), pl.when(ml_or_ai).then(c("_at_rs_if_ml"))),
        ),
        # A forward deployed engineer deploys AI where the post speaks of AI work more than in passing
        # ("manage their cloud, SaaS and AI costs" is one mention, no AI work).
        (
            "ml_engineer",
            pl.min_horizontal(
                c("_at_mle"),
                pl.when(~c("_described") | (c("_ml_mentions") + c("_agent_mentions") >= 2)).then(c("_at_fde")),
            ),
        ),
        ("ai_engineer", c("_at_aie")),
    ]
    first = pl.min_horizontal(position for _, position in phrases)
    chain = pl.when(c("_hard_veto") | (c("_at_noun_veto") < first.fill_null(10_000))).then(pl.lit("other"))
    for role, position in phrases:
        chain = chain.when(position == first).then(pl.lit(role))
    other_field = c("_other_field")
    generic = c("_engineer") & ~other_field & ~c("_client_app")
    no_job_noun = ~c("_any_job_noun")
    return (
        chain.when(c("_head_of_ml") & ~other_field)
        .then(pl.lit("ml_engineer"))
        .when(c("_head_of_ai") & ~other_field)
        .then(pl.lit("ai_engineer"))
        .when(generic & c("_frontier"))
        .then(pl.lit("research_engineer"))
        .when(generic & (c("_ml") | ml_systems))
        .then(pl.lit("ml_engineer"))
        .when(generic & c("_ai"))
        .then(pl.lit("ai_engineer"))
        .when(c("_only_ml_fields"))
        .then(pl.lit("ml_engineer"))
        # A bare "Researcher" does ML research where the post speaks of ML more than in passing.
        .when(c("_bare_researcher") & (~c("_described") | (c("_ml_mentions") >= 2)))
        .then(pl.lit("research_scientist"))
        .when(no_job_noun & c("_frontier"))
        .then(pl.lit("research_scientist"))
        .when(no_job_noun & ~other_field & c("_ml"))
        .then(pl.lit("ml_engineer"))
        .when(c("_unqualified_science") & ~c("_domain") & (c("_ml_mentions") >= 3))
        .then(pl.lit("research_scientist"))
        # "Data Science Engineer" follows what the post says the job does: ML models → a data scientist.
        .when(c("_ds_engineer") & ~other_field & ((c("_ml_mentions") >= 1) | models_data()))
        .then(pl.lit("data_scientist"))
        # "Postdoctoral researchers" at a company whose text is about ML: ML research (the post says the field).
        .when(c("_postdoc") & ~c("_domain") & (c("_ml_mentions") >= 1))
        .then(pl.lit("research_scientist"))
        .otherwise(pl.lit("other"))
    )


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def classify_roles(frame: Frame) -> Frame:
    """Add role, specialism, focus and seniority, given columns title and description_text."""
    if isinstance(frame, pl.DataFrame):  # the lazy engine runs the ~50 title regexes ~3x faster
        return classify_roles(frame.lazy()).collect()
    columns = frame.collect_schema().names()
    # "Software Engineers (ML experience a plus)": a skill asked of the job, not its field (LABELLING.md).
    lower = (
        pl.col("title")
        .fill_null("")
        .str.to_lowercase()
        .str.replace_all(r"\([^)]*\b(?:a plus|nice to have|preferred|a bonus)\b[^)]*\)?", " ")
    )
    # An AI-engineer title with a solutions, hardware or strong platform cue is ML engineering (rule 5).
    becomes_ml = (pl.col("role") == "ai_engineer") & (
        pl.col("_cue").is_in(["ml_solutions_architect", "ml_hardware"])
        | pl.col("_platform_strong")
        | (pl.col("_field_platform") & ~pl.col("_agent_platform"))
    )
    return (
        frame.with_columns(_title=flat_title(lower), _level_text=title_for_levels(lower))
        .with_columns(_fields=pl.col("_title").str.replace_all(ML_FIELDS, "mlx").str.replace_all(AI_FIELDS, "aix"))
        .with_columns(**title_features())
        .with_columns(_ml_mentions=ml_mentions(), _agent_mentions=agent_mentions())
        .with_columns(role=_role(), seniority=seniority_expression(), _cue=specialism_cue())
        .with_columns(role=pl.when(becomes_ml).then(pl.lit("ml_engineer")).otherwise(pl.col("role")))
        .with_columns(
            specialism=pl.when(pl.col("role") == "ml_engineer").then(pl.col("_cue")), focus=focus_expression()
        )
        .select(*columns, "role", "seniority", "specialism", "focus")
    )


def role_of_title(title: str, description: str = "") -> tuple[str, str | None, str | None, str]:
    """(role, specialism, focus, seniority) of one title, through the same expressions."""
    row = classify_roles(pl.DataFrame({"title": [title], "description_text": [description]})).row(0, named=True)
    return row["role"], row["specialism"], row["focus"], row["seniority"]
