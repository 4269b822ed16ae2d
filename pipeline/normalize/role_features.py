"""The helper columns the role rules read (`roles.py`): the normalised title, its copy with fields
replaced ("mlx", "aix"), the text levels are read from, one boolean or position column per regex,
and the counts of ML/AI words in the descriptions that can matter.

Speed (~220k titles per CPU-second on 2 cores): each regex runs once per title into a helper
column (a when/then chain re-runs them in every branch: 50x slower), and descriptions are scanned
only where they can matter (research, scientist and forward-deployed titles).
"""

from __future__ import annotations

import polars as pl

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
    ANY_JOB_NOUN,
    BARE_RESEARCHER,
    DS_NOT,
    ENGINEER,
    FRONTIER_TRAINING,
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


def flat_title(lower: pl.Expr, spell_out: bool = True) -> pl.Expr:
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


def title_for_levels(lower: pl.Expr) -> pl.Expr:
    # A slash is an alternative ("Senior/Staff" is senior, "Senior Staff" is staff), and in
    # "Scientist / Senior Scientist" the first job named sets the level.
    text = flat_title(lower.str.replace_all("/", " or "), spell_out=False).str.replace(
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


def title_features() -> dict[str, pl.Expr]:
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


def ml_mentions() -> pl.Expr:
    """ML/AI words in the description; other rows scan an empty string (descriptions are long)."""
    text = pl.when(pl.col("_description_matters")).then(pl.col("description_text").fill_null("")).otherwise(pl.lit(""))
    words = text.str.extract_many(DESCRIPTION_ML_WORDS, ascii_case_insensitive=True).list.len()
    return words + text.str.count_matches(DESCRIPTION_AI_ML)


def agent_mentions() -> pl.Expr:
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


def models_data() -> pl.Expr:
    """The post speaks of models or statistics ("leveraging models, simulations, and data analysis"):
    what a data scientist does, not a pipeline engineer. Read only for "Data Science Engineer" rows."""
    text = pl.when(pl.col("_ds_engineer")).then(pl.col("description_text").fill_null("")).otherwise(pl.lit(""))
    return text.str.contains(r"(?i)\b(?:models|modell?ing|predictive|statistical|statistics|forecasting)\b")
