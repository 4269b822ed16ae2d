"""The role phrases (rule 2 of `roles.py`), matched on the copy of the title with fields replaced
("mlx" = ML field, "aix" = AI field), and the description words that research and forward-deployed
phrases may need (rules 3, 4 and 7): what the description must say before a title's role hangs on it.
"""

from __future__ import annotations

from pipeline.normalize.role_vocabulary import ENGINEER, LEVEL, any_of, padded

FIELD_MARK = "(?:mlx|aix)"
# Words that may stand between a field and its noun ("ML Platform Engineer", "AI Safety Researcher").
BETWEEN = any_of(
    "software",
    "systems?",
    "infrastructure",
    "infra",
    "platform",
    "ops",
    "applied",
    "applications?",
    "product",
    "solutions?",
    "integration",
    "automation",
    "backend",
    "full stack",
    "fullstack",
    "native",
    "deployment",
    "inference",
    "frameworks?",
    "performance",
    "compilers?",
    "kernels?",
    "hardware",
    "accelerator",
    "data",
    "python",
    "team",
    FIELD_MARK,
)
RESEARCH_AREA = any_of("research", "applied", "safety", "alignment", "robustness", "evaluations?", "evals", FIELD_MARK)
ML_NOUN = any_of(
    ENGINEER, "leads?", "leaders?", "experts?", "specialists?", "backend", "full stack", "fullstack", "ops", "interns?"
)

RE_PHRASE = any_of(f"research (?:software )?{ENGINEER}", "(?:software engineers?|swe|mts)(?: [a-z]+){0,3} research $")
DS_PHRASE = any_of("data scientists?", "decision scientists?", "data science", "data (?:and )?mlx scientists?")
RS_PHRASE = any_of(
    "research scientists?",
    "applied (?:research )?scientists?",
    "applied researchers?",
    "(?:applied|research) science",
    f"{FIELD_MARK}(?: {RESEARCH_AREA})* (?:scientists?|researchers?)",
    f"scientists? {FIELD_MARK}",
    f"researchers?(?: [a-z]+){{0,2}} {FIELD_MARK}",
    f"{FIELD_MARK}(?: [a-z]+){{0,2}} research (?:[^e]|$)",
    "research intern",
)
RS_IF_ML = any_of(
    "research (?:manager|lead|director|head)",
    "fellows program",
    "fellowship",
    "residency",
    "residents?",
    "research fellows?",
    "postdoc(?:toral)?",
    "phd (?:research )?interns?",
)
FDE_PHRASE = any_of(f"forward deployed (?:software )?{ENGINEER}", f"{ENGINEER}(?: [a-z]+){{0,3}} forward deployed")
MLE_PHRASE = any_of(f"mlx(?: {BETWEEN}){{0,2}} {ML_NOUN}", "mlx (?:managers?|ops)")
AIE_PHRASE = any_of(
    f"aix(?: {BETWEEN}){{0,2}} " + any_of(ENGINEER, "backend", "full stack", "fullstack", "leads?", "leaders?"),
    "aix builders?",
)
# "Head of ML", "Director, Applied AI": only when no role phrase names the job itself.
HEAD_OF_ML = " (?:head|director|vp|chief|manager|lead) (?:of )?mlx "
HEAD_OF_AI = " (?:head|director|vp|chief|lead|tl) (?:of )?aix "
ONLY_ML_FIELDS = f"^ (?:{LEVEL} )*mlx(?: (?:and )?mlx)* $"

# ---- the description, where a title's role hangs on it ---------------------------------------

DESCRIPTION_ML_WORDS = [
    "machine learning",
    "deep learning",
    "neural net",
    "artificial intelligence",
    "llm",
    "large language",
    "nlp",
    "natural language",
    "computer vision",
    "reinforcement learning",
    "pytorch",
    "tensorflow",
    "generative",
    "genai",
]
# Case-sensitive: the "5 ml" of a lab protocol is no machine learning.
DESCRIPTION_AI_ML = r"\b(?:AI|ML)\b"
# Titles whose role may hang on the description (research without ML words, forward deployed).
DESCRIPTION_MATTERS = padded(
    "research",
    "researchers?",
    "scientists?",
    "forward deployed",
    "postdoc(?:toral|s)?",
    "data science (?:engineers?|developers?)",
)
