"""Role ids, display names and the article's claims, as the report uses them.

Names come from the warehouse's `roles` table when it is seeded; these are the fallbacks so a
report over an unseeded warehouse still reads well.
"""

from __future__ import annotations

from contract.roles import FOCUS_IDS, FOCUS_ROLE, ML_ROLE_IDS, SPECIALISM_IDS, SPECIALISM_ROLE

ML_ROLES = ML_ROLE_IDS
ALL_ML = "all_ml"  # the overview's pseudo-role: every posting with one of ML_ROLES
ALL_POSTINGS = "all_postings"  # every posting, ML or not: the market the ML roles sit in
SENIORITY_ORDER = ("intern", "junior", "mid", "senior", "staff", "principal", "lead")

DEFAULT_NAMES = {
    "data_scientist": "Data Scientist",
    "ml_engineer": "Machine Learning Engineer",
    "ai_engineer": "AI Engineer",
    "research_scientist": "Research Scientist",
    "research_engineer": "Research Engineer",
    "other": "Other (not an ML role)",
    ALL_ML: "All ML roles",
    ALL_POSTINGS: "All postings (any role)",
    "ml_platform": "ML platform",
    "ml_hardware": "ML hardware",
    "ml_solutions_architect": "ML solutions architect",
    "analytics": "Analytics-focused",
    "modelling": "Modelling-focused",
    "unspecified": "Not specified",
}

# Which posting column refines which role, and the values it takes.
BREAKDOWNS = {SPECIALISM_ROLE: ("specialism", SPECIALISM_IDS), FOCUS_ROLE: ("focus", FOCUS_IDS)}
UNSPECIFIED = "unspecified"
# Each specialism / focus gets its own sub-section under its role: id → parent role.
SUBSECTIONS = {value: role for role, (_, values) in BREAKDOWNS.items() for value in values}
SECTIONS = (*ML_ROLES, *SUBSECTIONS, ALL_ML, ALL_POSTINGS)

_CLOUD = ("aws", "azure", "gcp")
_RESEARCH = (
    "python",
    "sql",
    "git",
    "bash",
    *_CLOUD,
    "ci_cd",
    "mlops",
    "docker",
    "machine_learning",
    "computer_vision",
    "reinforcement_learning",
    "llm",
    "phd",
    "masters",
    "research_experience",
)
# What "Top Machine Learning Jobs and How to Prepare For Them" says each role uses (DESIGN.md).
ARTICLE_SKILLS = {
    "data_scientist": (
        "python",
        "sql",
        "git",
        "bash",
        "statistics",
        "machine_learning",
        *_CLOUD,
        "xgboost",
        "linear_regression",
        "logistic_regression",
        "random_forest",
        "kmeans",
        "ab_testing",
        "eda",
    ),
    "ml_engineer": (
        "python",
        "sql",
        "rust",
        "git",
        "bash",
        *_CLOUD,
        "ci_cd",
        "mlops",
        "docker",
        "machine_learning",
    ),
    "ai_engineer": (
        "python",
        "sql",
        "java",
        "go",
        "ci_cd",
        "git",
        "llm",
        "transformers",
        "rag",
        "prompt_engineering",
        "foundation_models",
        "fine_tuning",
    ),
    "research_scientist": _RESEARCH,
    "research_engineer": _RESEARCH,
}
ARTICLE_SKILLS.update({sub: ARTICLE_SKILLS[role] for sub, role in SUBSECTIONS.items()})
