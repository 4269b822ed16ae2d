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

Speed (~220k titles per CPU-second on 2 cores): each regex runs once per title into a helper
column (a when/then chain re-runs them in every branch: 50x slower), eager frames go through the
lazy engine, and descriptions are scanned only where they can matter (research, scientist and
forward-deployed titles; data scientists' focus).

`title_split.split_titles` splits a multi-role header ("Data Scientists & Research Engineers") into titles, and
`title_parts` does it for a frame of postings (one row per named role title, for `posting_roles`).
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from contract.roles import ROLE_IDS

# The rules' phrases, by subject.
from pipeline.normalize.focus_vocabulary import (
    ANALYTICS_CUES,
    ANALYTICS_TITLE,
    MODELLING_CUES,
    MODELLING_TITLE,
)
from pipeline.normalize.role_phrases import (
    AIE_PHRASE,
    DESCRIPTION_AI_ML,
    DESCRIPTION_MATTERS,
    DESCRIPTION_ML_WORDS,
    DS_PHRASE,
    FDE_PHRASE,
    FIELD_MARK,
    HEAD_OF_AI,
    HEAD_OF_ML,
    MLE_PHRASE,
    ONLY_ML_FIELDS,
    RE_PHRASE,
    RS_IF_ML,
    RS_PHRASE,
)
from pipeline.normalize.role_vetoes import (
    CLIENT_APP,
    FIELD_VETO,
    HARD_VETO,
    NOUN_VETO,
    OTHER_DISCIPLINE,
    RESEARCH_DOMAIN,
)
from pipeline.normalize.role_vocabulary import (
    AI_FIELDS,
    ANY_JOB_NOUN,
    BARE_RESEARCHER,
    DS_NOT,
    ENGINEER,
    FRONTIER_TRAINING,
    ML_FIELDS,
    ML_SYSTEMS,
    UNQUALIFIED_SCIENCE,
    any_of,
)
from pipeline.normalize.seniority_vocabulary import (
    IC_MANAGER,
    INTERN,
    LEVELS,
    MANAGEMENT,
    NOUN,
)
from pipeline.normalize.specialism_vocabulary import (
    GPU_FLEET,
    GPU_WORK,
    HARDWARE,
    PLATFORM,
    PLATFORM_STRONG,
    SOLUTIONS_ARCHITECT,
)

ROLES = list(ROLE_IDS)


# ---- expressions -----------------------------------------------------------------------------


def _flat(lower: pl.Expr, spell_out: bool = True) -> pl.Expr:
    """Punctuation to spaces and the job families that read as something else, padded."""
    flat = lower.str.replace_all(r"&|\+", " and ").str.replace_all(r"[^a-z0-9#]+", " ")
    # "Member of Technical Staff" is a job family, not the staff level.
    flat = flat.str.replace_all(
        r"\b(?:member of (?:the )?technical staff|(?:core )?technical staff(?: members?)?)\b", "mts"
    )
    if spell_out:  # "RE/RS", "MLE", "forward deployment", "developer relations" as the rules spell them
        flat = (
            flat.str.replace_all(r"\bre rs\b", "research engineer research scientist")
            .str.replace_all(r"\bmles?\b", "ml engineer")
            .str.replace_all(r"\bforward deploy(?:ment)?\b", "forward deployed")
            .str.replace_all(r"\bdeveloper relations\b", "devrel")
        )
        # "ML DevOps" is MLOps; "ML and Data Engineer" is read as "ML/Data Engineer".
        flat = flat.str.replace_all(r"\b(?:ml|machine learning) devops\b", "mlops").str.replace_all(
            r"\b(ml|mlops|machine learning) and data (engineers?)\b", "$1 data $2"
        )
        # "AI-native", "AI-powered" describe the company or its tools, not the job ("Systems Architect (AI-Native)").
        flat = flat.str.replace_all(r"\bai (?:native|first|powered|driven|enabled|assisted|augmented)\b", " ")
        # "ML Research Tooling Engineer" builds what research runs on: ML engineering, ml_platform.
        flat = flat.str.replace_all(
            r"\b(ml|machine learning|ai) research (tooling|infrastructure|infra|platform)\b", "$1 $2"
        )
    return pl.concat_str(pl.lit(" "), flat.str.strip_chars(), pl.lit(" "))


def _level_text(lower: pl.Expr) -> pl.Expr:
    # A slash is an alternative ("Senior/Staff" is senior, "Senior Staff" is staff), and in
    # "Scientist / Senior Scientist" the first job named sets the level.
    text = _flat(lower.str.replace_all("/", " or "), spell_out=False).str.replace(
        rf"^(.*? {NOUN}) or (?:senior|sr|principal|staff|lead|junior|jr) .*{NOUN} .*$", "$1 "
    )
    return text.str.replace_all(IC_MANAGER, " $1 icmanager").str.replace_all(
        r" associate (general counsel|counsel|director|partner|vice president|vp|principal|professor)", " $1"
    )


_TITLE_FLAGS = {  # name → pattern on the normalised title
    "_ml_systems": ML_SYSTEMS,
    "_gpu": " gpus? ",
    "_gpu_work": GPU_WORK,
    "_gpu_fleet": GPU_FLEET,
    "_domain": RESEARCH_DOMAIN,
    "_clinical_data": " clinical data ",
    "_ds_not": DS_NOT,
    "_data_scientist": " data scientists? ",
    "_hard_veto": HARD_VETO,
    "_other_field": any_of(FIELD_VETO, " " + NOUN_VETO, OTHER_DISCIPLINE),
    "_client_app": CLIENT_APP,
    "_engineer": f" {ENGINEER} ",
    "_frontier": FRONTIER_TRAINING,
    "_bare_researcher": BARE_RESEARCHER,
    "_any_job_noun": ANY_JOB_NOUN,
    "_postdoc": " postdoc(?:toral|s)? ",
    "_ds_engineer": "^ (?:[a-z]+ ){0,2}data science (?:engineers?|developers?) $",
    "_unqualified_science": UNQUALIFIED_SCIENCE,
    "_sa": SOLUTIONS_ARCHITECT,
    "_hardware": HARDWARE,
    "_platform": PLATFORM,
    "_platform_strong": PLATFORM_STRONG,
    # A platform for building agents is where AI engineers work, not ML infrastructure.
    "_agent_platform": " (?:ai )?agent(?:s|ic)?(?: ai)? platform ",
}
_FIELD_FLAGS = {  # name → pattern on the copy with fields replaced
    "_ml": " mlx ",
    "_ai": " aix ",
    "_head_of_ml": HEAD_OF_ML,
    "_head_of_ai": HEAD_OF_AI,
    "_only_ml_fields": ONLY_ML_FIELDS,
    "_field_platform": f" {FIELD_MARK} platform ",
}
_FIELD_POSITIONS = {  # name → phrase whose first position in the copy with fields replaced is kept
    "_at_re": RE_PHRASE,
    "_at_ds": DS_PHRASE,
    "_at_rs": RS_PHRASE,
    "_at_rs_if_ml": RS_IF_ML,
    "_at_mle": MLE_PHRASE,
    "_at_fde": FDE_PHRASE,
    "_at_aie": AIE_PHRASE,
    "_at_noun_veto": NOUN_VETO,
    "_at_engineer": "(?:engineers?|developers?|programmers?) ",
}


def _features() -> dict[str, pl.Expr]:
    title, fields, level_text = pl.col("_title"), pl.col("_fields"), pl.col("_level_text")
    description = pl.col("description_text").fill_null("")
    return {
        **{name: title.str.contains(pattern) for name, pattern in _TITLE_FLAGS.items()},
        **{name: fields.str.contains(pattern) for name, pattern in _FIELD_FLAGS.items()},
        **{name: fields.str.find(f" {pattern}") for name, pattern in _FIELD_POSITIONS.items()},
        # The leftmost level phrase; in the union, the earlier level wins a tie ("senior staff" is staff).
        "_level_word": level_text.str.extract(f"({'|'.join(pattern for _, pattern in LEVELS)})", 1),
        "_intern": level_text.str.contains(INTERN),
        "_management": level_text.str.contains(MANAGEMENT),
        "_described": description.str.len_chars() > 0,
        "_description_matters": title.str.contains(DESCRIPTION_MATTERS),
    }


def _ml_mentions() -> pl.Expr:
    """ML/AI words in the description; other rows scan an empty string (descriptions are long)."""
    text = pl.when(pl.col("_description_matters")).then(pl.col("description_text").fill_null("")).otherwise(pl.lit(""))
    words = text.str.extract_many(DESCRIPTION_ML_WORDS, ascii_case_insensitive=True).list.len()
    return words + text.str.count_matches(DESCRIPTION_AI_ML)


def _agent_mentions() -> pl.Expr:
    """AI products named without the word AI ("agents like Claude Code", "agentic workflows", "inference"), or
    named as what the product does ("our platform uses AI to …"):
    what a forward deployed engineer deploys (LABELLING.md: agents, models, inference). Read only for
    forward-deployed titles."""
    text = pl.when(pl.col("_title").str.contains(" forward deployed ")).then(pl.col("description_text").fill_null(""))
    # "Our platform uses AI to eliminate manual workflows": AI as what the product does, not a cost it manages.
    product_ai = r"\b(?:uses?|using|applies|leverag\w*|powered by|built on) (?:ai|ml|machine learning)\b"
    return text.otherwise(pl.lit("")).str.count_matches(
        r"(?i)\b(?:agents?|agentic|inference|llms?)\b|" + product_ai + r"|\bai[- ](?:powered|driven|automation)\b"
    )


def _models_data() -> pl.Expr:
    """The post speaks of models or statistics ("leveraging models, simulations, and data analysis"):
    what a data scientist does, not a pipeline engineer. Read only for "Data Science Engineer" rows."""
    text = pl.when(pl.col("_ds_engineer")).then(pl.col("description_text").fill_null("")).otherwise(pl.lit(""))
    return text.str.contains(r"(?i)\b(?:models|modell?ing|predictive|statistical|statistics|forecasting)\b")


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
        .when(c("_ds_engineer") & ~other_field & ((c("_ml_mentions") >= 1) | _models_data()))
        .then(pl.lit("data_scientist"))
        # "Postdoctoral researchers" at a company whose text is about ML: ML research (the post says the field).
        .when(c("_postdoc") & ~c("_domain") & (c("_ml_mentions") >= 1))
        .then(pl.lit("research_scientist"))
        .otherwise(pl.lit("other"))
    )


def _specialism_cue() -> pl.Expr:
    c = pl.col
    return (
        pl.when(c("_sa"))
        .then(pl.lit("ml_solutions_architect"))
        .when(c("_hardware") | (c("_gpu") & ~c("_gpu_fleet")))
        .then(pl.lit("ml_hardware"))
        .when(c("_platform"))
        .then(pl.lit("ml_platform"))
    )


def _focus() -> pl.Expr:
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


def _seniority() -> pl.Expr:
    chain = pl.when(pl.col("_intern")).then(pl.lit("intern")).when(pl.col("_management")).then(pl.lit("lead"))
    for level, pattern in LEVELS:  # which level the (short) leftmost level phrase is
        chain = chain.when(pl.col("_level_word").str.contains(f"^(?:{pattern})$")).then(pl.lit(level))
    return chain.otherwise(pl.lit("mid"))


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
        frame.with_columns(_title=_flat(lower), _level_text=_level_text(lower))
        .with_columns(_fields=pl.col("_title").str.replace_all(ML_FIELDS, "mlx").str.replace_all(AI_FIELDS, "aix"))
        .with_columns(**_features())
        .with_columns(_ml_mentions=_ml_mentions(), _agent_mentions=_agent_mentions())
        .with_columns(role=_role(), seniority=_seniority(), _cue=_specialism_cue())
        .with_columns(role=pl.when(becomes_ml).then(pl.lit("ml_engineer")).otherwise(pl.col("role")))
        .with_columns(specialism=pl.when(pl.col("role") == "ml_engineer").then(pl.col("_cue")), focus=_focus())
        .select(*columns, "role", "seniority", "specialism", "focus")
    )


def role_of_title(title: str, description: str = "") -> tuple[str, str | None, str | None, str]:
    """(role, specialism, focus, seniority) of one title, through the same expressions."""
    row = classify_roles(pl.DataFrame({"title": [title], "description_text": [description]})).row(0, named=True)
    return row["role"], row["specialism"], row["focus"], row["seniority"]
