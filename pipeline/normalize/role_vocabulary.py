"""The words the role rules (`roles.py`) build on, on normalised job titles: ML and AI fields, ML
systems, frontier-model training, levels, engineer nouns, and the job nouns a title may hold.

Regex fragments only, no Polars: titles are lower case with punctuation turned to spaces and padded
with a space each side (so " ml " matches a whole word); the "fields" copy has each ML field
replaced by "mlx" and each AI field by "aix". The rest of the vocabulary is by subject, each module
building on this one: `role_vetoes` (what makes a title other), `role_phrases` (the role phrases and
the description words they may need), `specialism_vocabulary`, `focus_vocabulary`,
`seniority_vocabulary`. roles.py's docstring says what each rule does with them.
"""

from __future__ import annotations


def any_of(*phrases: str) -> str:
    return "(?:" + "|".join(phrases) + ")"


def padded(*phrases: str) -> str:
    return f" {any_of(*phrases)} "


def longest_first(*phrases: str) -> str:
    """Whole-word alternation that prefers the longer phrase ("ml ops" over "ml")."""
    return r"\b" + any_of(*sorted(phrases, key=len, reverse=True)) + r"\b"


# ---- vocabulary (on the normalised title) --------------------------------------------------------

ML_FIELDS = longest_first(
    "machine learning",
    "ml",
    "mlops",
    "ml ops",
    "deep learning",
    "computer vision",
    "machine vision",
    "vision",
    "cv",
    "nlp",
    "natural language processing",
    "human language technolog(?:y|ies)",
    "perception",
    "speech",
    "multimodal",
    "multi modal",
    "recommendation systems?",
    "recommender systems?",
    "recommendations?",
    "recommenders?",
    "recsys",
    "machine learning operations",
    "ml operations",
    "data science (?:devops|platform|infrastructure|infra|mlops)",
    "neural",
    "ai ml",
    "ml ai",
    "(?:reinforcement|imitation|representation|federated|self supervised|contrastive) learning",
    "ai modell?ing",
    "pre ?training",
    "post training",
    "model training",
    "interpretability",
)
AI_FIELDS = longest_first(
    "ai",
    "a i",
    "genai",
    "gen ai",
    "generative ai",
    "generative",
    "llm",
    "llms",
    "agent",
    "agents",
    "agentic",
    "prompt",
    "conversational ai",
    "applied ai",
    "artificial intelligence",
    "agi",
    "foundation models?",
)
ML_SYSTEMS = padded(
    "inference",
    "tpu",
    "triton",
    "gpu kernels?",
    "gpu performance",
    "performance gpu",
    "(?:ml|ai) accelerators?",
    "accelerators",
    "accelerator platform",
    "gpu infrastructure",
    "training (?:performance|infrastructure|systems)",
    "model serving",
)
FRONTIER_TRAINING = padded(
    "pre ?training", "post training", "model training", "alignment", "interpretability", "reward models?"
)
LEVEL = any_of("senior", "sr", "staff", "principal", "lead", "junior", "jr", "founding", "mid", "head")
ENGINEER = any_of(
    "engineers?",
    "engineering",
    "developers?",
    "programmers?",
    "swes?",
    "mts",
    "architects?",
    "architecture",
    "tl",
    "tech lead",
    "technical lead",
)

DS_NOT = padded(f"data science (?:systems )?{any_of(ENGINEER, 'analysts?')}")
ANY_JOB_NOUN = padded(
    ENGINEER,
    "scientists?",
    "researchers?",
    "research",
    "managers?",
    "analysts?",
    "leads?",
    "specialists?",
    "heads?",
    "directors?",
    "designers?",
    "interns?",
    "fellows?",
    "associates?",
)
BARE_RESEARCHER = f"^ (?:{LEVEL} )*researchers? $"
# A science title that names no field ("Chief Scientist"): its description decides.
UNQUALIFIED_SCIENCE = f"^ (?:(?:{LEVEL}|chief|director|of) )*(?:scientists?|research|researchers?)(?: |$)"
