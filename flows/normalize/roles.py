"""Job title (+ description) → role, specialism, focus and seniority, as Polars expressions.

Roles come from DESIGN.md: data_scientist, ml_engineer, ai_engineer, research_scientist,
research_engineer, other. Rules are regexes on the normalised title (lower case, punctuation →
space, padded), tried in this order; the first that matches wins:

1. not an ML practitioner: recruiting, product/program/project management, sales, marketing,
   support/success, legal, policy, design, writing, data labelling, AI tutoring gigs → other;
2. research engineer ("Research Engineer", "Software Engineer, Research"), unless bench science
   ("Research Engineer, Quantum Computing") without ML/AI in the title;
3. data scientist ("Data Scientist", "Data Science Manager", "Decision Scientist"), before
   research scientist so that "Data Scientist, Machine Learning" stays a data scientist;
4. research scientist: "Research Scientist", "Applied Scientist", "ML/AI/NLP Scientist",
   "Scientist, Machine Learning", "AI Researcher". Applied and ML scientists are counted here
   because their postings ask for the research profile (publications, PhD), not analytics.
   Bench science ("Clinical Research Scientist", "Research Scientist, Chemistry") → other unless
   the title also names ML/AI;
5. an ML/AI engineering title with a specialism cue → ml_engineer with that specialism, even when
   it says AI ("AI Infrastructure Engineer" is ML platform work);
6. "ML/Machine Learning/MLOps/Deep Learning/CV/NLP Engineer" → ml_engineer. "AI/ML Engineer" is
   here too: recruiters use it for ML engineers, and splitting it by description would make the
   role depend on boilerplate;
7. "AI/GenAI/LLM/Prompt/Agent Engineer" → ai_engineer;
8. any other engineer/developer title naming ML ("Software Engineer, Machine Learning") →
   ml_engineer, or naming AI/LLMs ("Software Engineer, AI") → ai_engineer;
9. everything else (Data Analyst, Data Engineer, Software Engineer, …) → other.
When a title names two roles, that order decides ("Data Scientist / ML Engineer" → data_scientist).

Specialisms (ml_engineer only): solutions architect (any "architect", customer/field/forward-deployed
/deployment engineers) > hardware > platform, from the title.
Focus (data scientists only): from the title when it says, else from counting analytics cues
(A/B tests, dashboards, stakeholders, SQL, …) against modelling cues (training, production, deep
learning, …) in the description; more analytics cues, or a tie, → analytics; no cue → null.
Seniority (title only): intern > lead by management (manager, head, director, VP) > principal >
staff > lead > senior > junior > mid (the default).
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

def _any(*phrases: str) -> str:
    """Regex group of whole phrases: _any("ml", "ai ml") → "(ml|ai ml)"."""
    return "(" + "|".join(phrases) + ")"


def _padded(*phrases: str) -> str:
    """The phrases as whole words of the padded title (" senior ml engineer ")."""
    return f" {_any(*phrases)} "


_ML = _any("machine learning", "ml", "mle", "mlops", "deep learning", "computer vision", "cv", "nlp",
           "natural language processing", "perception", "speech", "ai ml", "ml ai")
_AI = _any("ai", "genai", "gen ai", "generative ai", "llm", "llms", "agent", "agents", "agentic", "prompt",
           "conversational ai", "applied ai", "artificial intelligence")
_ENGINEER = _any("engineer", "engineers", "engineering", "developer", "programmer", "swe", "mle", "architect")

_NOT_PRACTITIONER = _padded(
    "recruiter", "recruiting", "recruitment", "sourcer", "talent", "sales", "account executive", "account manager",
    "marketing", "product manager", "program manager", "project manager", "product owner", "product lead",
    "counsel", "lawyer", "legal", "policy", "designer", "writer", "editor", "copywriter", "annotator", "annotation",
    "labeler", "labeling", "tutor", "ai trainer", "trainer", "customer success", "success", "support",
    "business development", "partnerships", "evangelist", "advocate", "devrel", "community manager", "hr",
    "people partner",
)
_BENCH_SCIENCE = _padded(
    "clinical", "chemist", "chemistry", "biology", "biologist", "wet lab", "immunology", "pharmacology", "materials",
    "material", "formulation", "assay", "toxicology", "neuroscience", "physician", "nurse", "medical", "geology",
    "geologist", "agronomy", "food", "semiconductor", "quantum", "physics", "protein",
)
_RESEARCH_ENGINEER = _padded(
    f"research (software )?{_ENGINEER}", f"{_ENGINEER} research", "mts research", "research mts",
)
_RESEARCH_SCIENTIST = _padded(
    "research scientist", "applied scientist", "applied research scientist", f"{_ML} scientist", f"{_AI} scientist",
    f"{_ML} (research )?researcher", f"{_AI} (research )?researcher", f"scientist {_ML}", f"scientist {_AI}",
    "research intern",
)
_DATA_SCIENTIST = _padded(
    "data scientist", "data scientists", "data science", "decision scientist", "product scientist",
)
_ML_ADJACENT = _padded(f"{_ML}( (software|systems|infrastructure|platform|ops|applied))? (software )?{_ENGINEER}")
_AI_ADJACENT = _padded(
    f"({_AI}|ai (software|application|applications|product|solutions?)) (software )?{_ENGINEER}", "prompt engineer",
)
_ML_ANYWHERE, _AI_ANYWHERE, _ENGINEER_ANYWHERE = f" {_ML} ", f" {_AI} ", f" {_ENGINEER} "

_SOLUTIONS_ARCHITECT = _padded(
    "architect", "solutions? architect", "solutions? engineer", "customer engineer", "field engineer",
    "forward deployed", "sales engineer", "technical account", "solutions consultant", "partner engineer",
    "deployment engineer", "implementation engineer", "presales", "pre sales",
)
_HARDWARE = _padded(
    "hardware", "compiler", "compilers", "kernel", "kernels", "accelerator", "accelerators", "silicon", "gpu", "gpus",
    "asic", "fpga", "tpu", "cuda", "chip", "chips", "npu", "performance",
)
_PLATFORM = _padded(
    "platform", "infrastructure", "infra", "mlops", "ml ops", "llmops", "systems", "reliability", "sre", "serving",
    "inference", "distributed", "devops", "tooling", "scalability", "training infrastructure",
)

_ANALYTICS_TITLE = _padded(
    "analytics", "analyst", "analytical", "product", "experimentation", "insights", "decision", "marketing", "growth",
    "business", "bi", "causal", "economist", "economics", "operations", "strategy", "a b testing",
)
_MODELLING_TITLE = _padded(
    "machine learning", "ml", "modeling", "modelling", "deep learning", "nlp", "computer vision", "ai", "algorithms",
    "algorithm", "research", "recommendations", "recommender", "ranking", "personalization", "llm", "genai", "applied",
)
_ANALYTICS_CUES = [
    "a/b test", "ab test", "experiment", "dashboard", "stakeholder", "sql", "metric", "kpi", "insight", "tableau",
    "looker", "power bi", "business question", "causal", "hypothes", "funnel", "retention", "segmentation",
    "analytics", "reporting", "product decisions", "excel", "data-driven decisions", "root cause",
]
_MODELLING_CUES = [
    "machine learning", "deep learning", "train model", "training model", "model training", "neural", "pytorch",
    "tensorflow", "production", "deploy", "feature engineering", "nlp", "computer vision", "recommend", "ranking",
    "algorithm", "llm", "predictive model", "ml model", "scikit", "xgboost", "mlops", "embedding", "fine-tun",
]

_SENIORITY = [  # first match wins
    ("intern", _padded("intern", "interns", "internship", "co op", "coop", "trainee", "apprentice",
                       "apprenticeship", "student", "placement")),
    ("lead", _padded("manager", "head", "director", "vp", "vice president", "chief", "cto", "cdo", "caio")),
    ("principal", _padded("principal", "distinguished", "fellow")),
    ("staff", _padded("staff")),
    ("lead", _padded("lead", "leader")),
    ("senior", _padded("senior", "sr", "snr", "iii", "iv", "expert")),
    ("junior", _padded("junior", "jr", "entry level", "graduate", "new grad", "associate", "i")),
]


def _normalised(text: pl.Expr) -> pl.Expr:
    """Lower case, punctuation to spaces, padded: " senior ml engineer platform "."""
    flat = text.fill_null("").str.to_lowercase().str.replace_all(r"&", " and ").str.replace_all(r"[^a-z0-9+#]+", " ")
    # "Member of Technical Staff" is a job family, not the staff level.
    flat = flat.str.replace_all(r"\bmember of (the )?technical staff\b", "mts")
    return pl.concat_str(pl.lit(" "), flat.str.strip_chars(), pl.lit(" "))


def _has(pattern: str) -> pl.Expr:
    return pl.col("_title").str.contains(pattern)


def _role() -> pl.Expr:
    ml_or_ai = _has(_ML_ANYWHERE) | _has(_AI_ANYWHERE)
    engineering = _has(_ENGINEER_ANYWHERE) | _has(_SOLUTIONS_ARCHITECT)
    specialised = _has(_SOLUTIONS_ARCHITECT) | _has(_HARDWARE) | _has(_PLATFORM)
    bench_science = _has(_BENCH_SCIENCE) & ~ml_or_ai
    return (
        pl.when(_has(_NOT_PRACTITIONER)).then(pl.lit("other"))
        .when(_has(_RESEARCH_ENGINEER) & ~bench_science).then(pl.lit("research_engineer"))
        .when(_has(_DATA_SCIENTIST)).then(pl.lit("data_scientist"))
        .when(_has(_RESEARCH_SCIENTIST) & ~bench_science).then(pl.lit("research_scientist"))
        .when(ml_or_ai & engineering & specialised).then(pl.lit("ml_engineer"))
        .when(_has(_ML_ADJACENT)).then(pl.lit("ml_engineer"))
        .when(_has(_AI_ADJACENT)).then(pl.lit("ai_engineer"))
        .when(_has(_ENGINEER_ANYWHERE) & _has(_ML_ANYWHERE)).then(pl.lit("ml_engineer"))
        .when(_has(_ENGINEER_ANYWHERE) & _has(_AI_ANYWHERE)).then(pl.lit("ai_engineer"))
        .otherwise(pl.lit("other"))
    )


def _specialism() -> pl.Expr:
    is_mle = pl.col("role") == "ml_engineer"
    return (
        pl.when(is_mle & _has(_SOLUTIONS_ARCHITECT)).then(pl.lit("ml_solutions_architect"))
        .when(is_mle & _has(_HARDWARE)).then(pl.lit("ml_hardware"))
        .when(is_mle & _has(_PLATFORM)).then(pl.lit("ml_platform"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def _focus() -> pl.Expr:
    is_data_scientist = pl.col("role") == "data_scientist"
    # Other rows scan an empty string: the description scan is the costly part of this module.
    description = pl.when(is_data_scientist).then(pl.col("description_text").fill_null("")).otherwise(pl.lit(""))
    analytics = description.str.extract_many(_ANALYTICS_CUES, ascii_case_insensitive=True).list.len()
    modelling = description.str.extract_many(_MODELLING_CUES, ascii_case_insensitive=True).list.len()
    title_analytics, title_modelling = _has(_ANALYTICS_TITLE), _has(_MODELLING_TITLE)
    return (
        pl.when(~is_data_scientist).then(pl.lit(None, dtype=pl.String))
        .when(title_analytics & ~title_modelling).then(pl.lit("analytics"))
        .when(title_modelling & ~title_analytics).then(pl.lit("modelling"))
        .when(modelling > analytics).then(pl.lit("modelling"))
        .when(analytics > 0).then(pl.lit("analytics"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def _seniority() -> pl.Expr:
    chain = pl.when(_has(_SENIORITY[0][1])).then(pl.lit(_SENIORITY[0][0]))
    for level, pattern in _SENIORITY[1:]:
        chain = chain.when(_has(pattern)).then(pl.lit(level))
    return chain.otherwise(pl.lit("mid"))


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def classify_roles(frame: Frame) -> Frame:
    """Add role, specialism, focus and seniority, given columns title and description_text."""
    return (
        frame.with_columns(_title=_normalised(pl.col("title")))
        .with_columns(role=_role(), seniority=_seniority())
        .with_columns(specialism=_specialism(), focus=_focus())
        .drop("_title")
    )


def role_of_title(title: str, description: str = "") -> tuple[str, str | None, str | None, str]:
    """(role, specialism, focus, seniority) of one title, through the same expressions."""
    row = classify_roles(pl.DataFrame({"title": [title], "description_text": [description]})).row(0, named=True)
    return row["role"], row["specialism"], row["focus"], row["seniority"]
