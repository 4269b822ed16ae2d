"""The phrases the role rules match (pipeline/normalize/roles.py), on normalised job titles.

Regex fragments only, no Polars: titles are lower case with punctuation turned to spaces and padded
with a space each side (so " ml " matches a whole word); the "fields" copy has each ML field
replaced by "mlx" and each AI field by "aix". roles.py's docstring says what each rule does with them.
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

HARD_VETO = padded(
    "recruiters?",
    "recruitment",
    "sourcers?",
    "talent",
    "product managers?",
    "program managers?",
    "project managers?",
    "product management",
    "program management",
    "product owners?",
    "product lead",
    "account executives?",
    "account managers?",
    "counsel",
    "lawyer",
    "attorney",
    "paralegal",
    "copywriter",
    "annotators?",
    "labelers?",
    "labeling",
    "tutors?",
    "instructors?",
    "teachers?",
    "lecturers?",
    "professors?",
    "ai trainers?",
    "trainers?",
    "evangelist",
    "advocates?",
    "devrel",
    "community manager",
    "people partner",
    "pm",
    "pms",
    "tpm",
)
NOUN_VETO = (
    any_of(
        "analysts?",
        "specialists?",
        "coordinators?",
        "consultants?",
        "designers?",
        "writers?",
        "editors?",
        "operations (?:leads?|managers?)",
    )
    + " "
)
FIELD_VETO = padded(
    "marketing",
    "legal",
    "policy",
    "support",
    "success",
    "partnerships",
    "business development",
    "annotation",
    "finance",
    "hr",
)
# The engineer noun's own discipline, when it is not ML ("Hardware Engineer, AI Satellites").
OTHER_DISCIPLINE = (
    " "
    + any_of(
        "hardware",
        "electrical",
        "mechanical",
        "civil",
        "rf",
        "firmware",
        "embedded",
        "mobile",
        "ios",
        "android",
        "frontend",
        "front end",
        "web",
        "game",
        "security",
        "network",
        "test",
        "qa",
        "validation",
        "verification",
        "data",
        "analytics",
        "devops",
        "site reliability",
        "manufacturing",
        "process",
        "controls",
        "support",
        "success",
        "field",
        "salesforce",
    )
    + f" {ENGINEER} "
)
CLIENT_APP = padded("ios", "android", "mobile", "frontend", "front end", "desktop")
RESEARCH_DOMAIN = padded(
    "clinical",
    "chemist",
    "chemistry",
    "biology",
    "biological",
    "biologist",
    "microbiology",
    "virology",
    "wet lab",
    "immunology",
    "oncology",
    "pharmacology",
    "pharmaceutics",
    "materials?",
    "formulations?",
    "assay",
    "toxicology",
    "neuroscience",
    "physician",
    "nurse",
    "medical",
    "medicinal",
    "geology",
    "agronomy",
    "food",
    "semiconductor",
    "quantum",
    "physics",
    "physical",
    "multiphysical",
    "protein",
    "mechatronics?",
    "mechanical",
    "electrical",
    "security",
    "privacy",
    "cyber",
    "cybersecurity",
    "embedded",
    "devops",
    "people",
    "ux",
    "user",
    "market",
    "economic",
    "economics",
    "economist",
    "policy",
    "quantitative",
    "quant",
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

# ---- role phrases (on the copy with fields replaced: "mlx" = ML field, "aix" = AI field) -------

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

# ---- specialism, focus, seniority ------------------------------------------------------------

SOLUTIONS_ARCHITECT = padded(
    "architects?",
    "solutions? architecture",
    "solutions? engineers?",
    "customer engineers?",
    "field engineers?",
    "forward deployed",
    "sales engineers?",
    "technical account",
    "solutions consultant",
    "partner engineers?",
    "deployment engineers?",
    "implementation engineers?",
    "presales",
    "pre sales",
    "field applications? engineers?",
)
HARDWARE = padded(
    "hardware",
    "compilers?",
    "kernels?",
    "accelerators?",
    "silicon",
    "asic",
    "fpga",
    "tpu",
    "cuda",
    "triton",
    "chips?",
    "npu",
    "performance",
    "optimi[sz]ation",
    "co ?design",
    "hw sw",
)
GPU_FLEET = padded("infrastructure", "infra", "clusters?", "fleet")
GPU_WORK = padded(
    "performance", "kernels?", "infrastructure", "infra", "clusters?", "compute", "inference", "training", "fleet"
)
# Platform cues strong enough to make an AI-engineer title ML engineering ("AI Inference Engineer").
PLATFORM_STRONG = padded(
    "platform engineers?",
    "infrastructure",
    "infra",
    "mlops",
    "ml ops",
    "llmops",
    "serving",
    "inference",
    "gpus?",
    "workloads?",
)
PLATFORM = padded(
    "platform",
    "infrastructure",
    "infra",
    "mlops",
    "ml ops",
    "llmops",
    "machine learning operations",
    "systems",
    "reliability",
    "sre",
    "serving",
    "inference",
    "distributed",
    "devops",
    "tooling",
    "scalability",
    "frameworks?",
    "developer productivity",
    "gpus?",
    "workloads?",
)

ANALYTICS_TITLE = padded(
    "analytics",
    "analyst",
    "analytical",
    "product",
    "experimentation",
    "insights",
    "decision",
    "marketing",
    "growth",
    "business",
    "bi",
    "causal",
    "economist",
    "economics",
    "operations",
    "strategy",
    "a b testing",
    "policy",
    "ux",
    "visualization",
)
MODELLING_TITLE = padded(
    "machine learning",
    "ml",
    "modeling",
    "modelling",
    "deep learning",
    "nlp",
    "computer vision",
    "ai",
    "algorithms",
    "algorithm",
    "research",
    "recommendations",
    "recommender",
    "ranking",
    "personalization",
    "llm",
    "genai",
    "applied",
    "predictive",
    "forecasting",
)
ANALYTICS_CUES = [
    "a/b test",
    "ab test",
    "experiment",
    "dashboard",
    "stakeholder",
    "sql",
    "metric",
    "kpi",
    "insight",
    "tableau",
    "looker",
    "power bi",
    "business question",
    "causal",
    "hypothes",
    "funnel",
    "retention",
    "segmentation",
    "analytics",
    "reporting",
    "product decisions",
    "excel",
    "data-driven decisions",
    "root cause",
]
MODELLING_CUES = [
    "machine learning",
    "deep learning",
    "train model",
    "training model",
    "model training",
    "neural",
    "pytorch",
    "tensorflow",
    "production",
    "deploy",
    "feature engineering",
    "nlp",
    "computer vision",
    "recommend",
    "ranking",
    "algorithm",
    "llm",
    "predictive model",
    "ml model",
    "scikit",
    "xgboost",
    "mlops",
    "embedding",
    "fine-tun",
    "model",
]
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

NOUN = r"(?:scientist|engineer|analyst|developer|researcher|designer|manager)s?"
IC_MANAGER = (
    r" (product|program|project|account|marketing|community|communications|comms|enablement|"
    r"implementation|office|care|case|success|adoption|deployment|contracts?|brand|portfolio|relationship|"
    r"partner|territory|category|data|merchandising) manager"
)
INTERN = padded(
    "intern",
    "interns",
    "internship",
    "co op",
    "coop",
    "trainee",
    "apprentice",
    "apprenticeship",
    "student",
    "placement",
    "fellows program",
    "fellowship",
    "residency",
    "residents?",
)
MANAGEMENT = padded("manager", "managers", "head", "director", "vp", "vice president", "chief", "cto", "cdo", "caio")
LEVELS = [  # the first named wins; on a tie the earlier entry ("senior staff" is staff)
    ("principal", padded("principal", "distinguished", "(?:technical|senior|distinguished) fellow")),
    ("staff", padded("(?:senior |sr )?staff")),
    ("lead", padded("lead", "leader", "tl", "tech lead")),
    ("senior", any_of(padded("senior", "sr", "snr", "iii", "iv", "sde ?(?:3|iii)"), f" {NOUN} (?:v|3|4|5) ")),
    ("mid", padded("mid", "mid level", "intermediate", "medior")),
    (
        "junior",
        any_of(
            padded(
                "junior",
                "jr",
                "entry level",
                "graduate",
                "new grad",
                "undergrad",
                "early career",
                "no experience",
                "research assistant",
                "i",
            ),
            " associate [a-z]",
            f" {NOUN} 1 ",
        ),
    ),
]
