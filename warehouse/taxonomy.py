"""The skill and role taxonomy, read from the seed files in `warehouse/seeds/`.

The seeds are the single source of truth: adding a skill, an alias or a rule is a data edit
(`skills.toml`, `skill_rules.toml`, `roles.csv`); nothing here names a skill. Loaders return small
Polars frames. `TAXONOMY_VERSION` changes whenever a seed file changes, so anything derived from
the taxonomy (matched skills in the warehouse, cached automata) can tell it is stale.
`JOBPULSE_SEEDS_DIR` points the loaders at another copy of the seed files (an edited taxonomy
tried out by `jobpulse reprocess`, or tested) without touching the installed package.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import polars as pl

from contract.roles import FOCUS_IDS, ROLE_IDS, SPECIALISM_IDS  # noqa: F401 (the seeds are held to them)

SEEDS = (
    Path(os.environ["JOBPULSE_SEEDS_DIR"])
    if os.environ.get("JOBPULSE_SEEDS_DIR")
    else (resources.files("warehouse") / "seeds")
)
SEED_FILES = ("skills.toml", "skill_rules.toml", "roles.csv")

CATEGORIES = (
    "language",
    "ml_library",
    "genai",
    "mlops",
    "cloud",
    "data_platform",
    "statistics_method",
    "research_area",
    "qualification",
    "tool",
)
# DESIGN.md's public contract: these ids must exist, spelled exactly so.
REQUIRED_SKILL_IDS = (
    "python",
    "sql",
    "r",
    "go",
    "java",
    "javascript",
    "typescript",
    "scala",
    "rust",
    "cpp",
    "c",
    "csharp",
    "julia",
    "bash",
    "spark",
    "hadoop",
    "kafka",
    "airflow",
    "dbt",
    "snowflake",
    "databricks",
    "aws",
    "gcp",
    "azure",
    "docker",
    "kubernetes",
    "git",
    "linux",
    "tensorflow",
    "pytorch",
    "jax",
    "keras",
    "scikit_learn",
    "xgboost",
    "pandas",
    "numpy",
    "tableau",
    "excel",
    "statistics",
    "ab_testing",
    "machine_learning",
    "deep_learning",
    "nlp",
    "computer_vision",
    "reinforcement_learning",
    "llm",
    "transformers",
    "rag",
    "prompt_engineering",
    "fine_tuning",
    "foundation_models",
    "mlops",
    "ci_cd",
    "linear_regression",
    "logistic_regression",
    "random_forest",
    "kmeans",
    "eda",
    "research_experience",
    "phd",
    "masters",
)

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_BRACES = re.compile(r"\{([^{}]*)\}")
FORM_PLACEHOLDER = "*"


def _seed_bytes(name: str) -> bytes:
    return (SEEDS / name).read_bytes()


# Bump when the matcher reads the same seeds differently (tokenizing, negation, …): the derived
# skills change then too, and `jobpulse reprocess` must see a new version.
MATCHING_REVISION = b"2: '+' between words separates them; negation scopes; long context lists on demand"
# Bump when the role rules change (pipeline/normalize/: roles.py, role_features.py, role_attributes.py, the
# vocabulary modules, body_roles.py and the body_* / listed_titles / hiring_sentences modules it combines,
# posting_roles.py, language.py), for the same reason.
ROLE_RULES_REVISION = (
    b"6: post roles v11 (field lists, forward deployed engineers at AI products, asides); a post's first role"
    b" is the one its text names first, in every run"
)
TAXONOMY_VERSION = hashlib.sha256(
    b"".join(_seed_bytes(name) for name in SEED_FILES) + MATCHING_REVISION + ROLE_RULES_REVISION
).hexdigest()[:12]


def expand_braces(phrase: str) -> list[str]:
    """ "{deploy|deploying} {ml |}models" → the four phrases it stands for (spaces normalised)."""
    match = _BRACES.search(phrase)
    if not match:
        return [" ".join(phrase.split())]
    head, tail = phrase[: match.start()], phrase[match.end() :]
    return [out for option in match.group(1).split("|") for out in expand_braces(head + option + tail)]


def _slots(context: str, lists: dict[str, list[str]]) -> tuple[tuple[str, ...], ...]:
    """ "@sep *" → ((",", "/", …), ("*",)): every "@name" token becomes the entries of list `name`."""
    slots = []
    for token in context.split():
        if token.startswith("@"):
            if token[1:] not in lists:
                raise ValueError(f"skill_rules.toml: unknown list {token!r} in context {context!r}")
            slots.append(tuple(lists[token[1:]]))
        else:
            slots.append((token,))
    return tuple(slots)


@lru_cache(maxsize=1)
def _skill_seed() -> dict:
    return tomllib.loads(_seed_bytes("skills.toml").decode())


@lru_cache(maxsize=1)
def _rule_seed() -> dict:
    return tomllib.loads(_seed_bytes("skill_rules.toml").decode())


@lru_cache(maxsize=1)
def skills_frame() -> pl.DataFrame:
    """One row per skill: skill_id, name, category."""
    rows = [
        {"skill_id": skill_id, "name": entry["name"], "category": category}
        for category, skills in _skill_seed().items()
        for skill_id, entry in skills.items()
    ]
    frame = pl.DataFrame(rows, schema={"skill_id": pl.String, "name": pl.String, "category": pl.String})
    _validate(frame)
    return frame


Slots = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def ambiguous_templates() -> tuple[tuple[str, str, Slots | None], ...]:
    """(skill_id, form, slots) per ambiguous form and context, braces expanded, lists kept as slots.

    A context is a sequence of slots, each the phrases it may be; the slot ("*",) is the form.
    `None` for a form that needs no context.
    """
    seed = _rule_seed()
    lists = {name: [e for entry in entries for e in expand_braces(entry)] for name, entries in seed["lists"].items()}
    templates = []
    for rule in seed.get("ambiguous", []):
        contexts = [braced for context in rule.get("contexts", []) for braced in expand_braces(context)]
        for context in contexts:
            if context.split().count(FORM_PLACEHOLDER) != 1:
                raise ValueError(f"skill_rules.toml: context {context!r} of {rule['skill']} needs one '*'")
        for form in rule["forms"]:
            templates += [(rule["skill"], form, _slots(context, lists)) for context in contexts]
            templates += [] if contexts else [(rule["skill"], form, None)]
    return tuple(dict.fromkeys(templates))


@lru_cache(maxsize=1)
def rare_forms() -> frozenset[tuple[str, str]]:
    """(skill_id, form) of rules marked `rare = true`: the form is a rare word (Consul, Stan), so its
    contexts are searched only in the postings that hold it."""
    return frozenset(
        (rule["skill"], form)
        for rule in _rule_seed().get("ambiguous", [])
        if rule.get("rare")
        for form in rule["forms"]
    )


@lru_cache(maxsize=1)
def ambiguous_rules_frame() -> pl.DataFrame:
    """One row per (skill, case-sensitive form, context); context is null for a form that needs none.

    A context is a phrase in which "*" stands for the form, e.g. ", *" or "* programming".
    """
    rows = [
        {"skill_id": skill_id, "form": form, "context": " ".join(combo) if slots is not None else None}
        for skill_id, form, slots in ambiguous_templates()
        for combo in (itertools.product(*slots) if slots is not None else [None])
    ]
    schema = {"skill_id": pl.String, "form": pl.String, "context": pl.String}
    return pl.DataFrame(rows, schema=schema).unique(maintain_order=True)


@lru_cache(maxsize=1)
def aliases_frame() -> pl.DataFrame:
    """Every spelling of every skill: skill_id, alias, case_sensitive, needs_context.

    Plain aliases match case-insensitively anywhere; ambiguous forms (from skill_rules.toml) match
    with their exact case and, when `needs_context`, only in one of their contexts.
    """
    skills_frame()  # validates the seeds
    plain = [
        {"skill_id": skill_id, "alias": alias, "case_sensitive": False, "needs_context": False}
        for skills in _skill_seed().values()
        for skill_id, entry in skills.items()
        for written in entry.get("aliases", [])
        for alias in expand_braces(written.lower())
    ]
    forms = (
        ambiguous_rules_frame()
        .group_by("skill_id", "form", maintain_order=True)
        .agg(needs_context=pl.col("context").is_not_null().any())
        .select("skill_id", alias="form", case_sensitive=pl.lit(True), needs_context="needs_context")
    )
    schema = {"skill_id": pl.String, "alias": pl.String, "case_sensitive": pl.Boolean, "needs_context": pl.Boolean}
    return pl.concat([pl.DataFrame(plain, schema=schema), forms]).unique(maintain_order=True)


@lru_cache(maxsize=1)
def implications_frame() -> pl.DataFrame:
    """skill_id → implied_skill_id, closed transitively (PySpark → spark; RLHF → fine_tuning, …)."""
    direct = {
        skill_id: set(entry.get("implies", []))
        for skills in _skill_seed().values()
        for skill_id, entry in skills.items()
    }
    rows = []
    for skill_id in direct:
        seen, todo = set(), list(direct[skill_id])
        while todo:
            implied = todo.pop()
            if implied not in seen and implied != skill_id:
                seen.add(implied)
                todo.extend(direct.get(implied, ()))
        rows += [{"skill_id": skill_id, "implied_skill_id": implied} for implied in sorted(seen)]
    return pl.DataFrame(rows, schema={"skill_id": pl.String, "implied_skill_id": pl.String})


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[str, ...]:
    """Phrases that never name a skill (deleted before matching), braces expanded."""
    return tuple(dict.fromkeys(p for phrase in _rule_seed()["stop"]["phrases"] for p in expand_braces(phrase)))


@lru_cache(maxsize=1)
def rewrites() -> dict[str, str]:
    """Phrase → replacement applied before matching ("MS Excel" → "Excel")."""
    return dict(_rule_seed().get("rewrite", {}))


@lru_cache(maxsize=1)
def negation() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(triggers, ends), braces expanded: a skill between a trigger and an end is no mention."""
    section = _rule_seed().get("negation", {})

    def expanded(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for phrase in section.get(key, []) for p in expand_braces(phrase)))

    return expanded("triggers"), expanded("ends")


@lru_cache(maxsize=1)
def roles_frame() -> pl.DataFrame:
    """One row per role, specialism or focus: role_id, name, kind, parent_role."""
    rows = list(csv.DictReader(_seed_bytes("roles.csv").decode().splitlines()))
    for row in rows:
        row["parent_role"] = row["parent_role"] or None
    schema = {"role_id": pl.String, "name": pl.String, "kind": pl.String, "parent_role": pl.String}
    return pl.DataFrame(rows, schema=schema)


def _validate(skills: pl.DataFrame) -> None:
    ids = skills["skill_id"].to_list()
    problems = [f"bad skill id {i!r}" for i in ids if not _SLUG.match(i)]
    problems += [f"duplicate skill id {i!r}" for i in skills.filter(pl.col("skill_id").is_duplicated())["skill_id"]]
    problems += [f"unknown category {c!r}" for c in set(skills["category"]) - set(CATEGORIES)]
    problems += [f"required skill id missing: {i}" for i in REQUIRED_SKILL_IDS if i not in ids]
    known = set(ids)
    for skills_in_category in _skill_seed().values():
        for skill_id, entry in skills_in_category.items():
            problems += [f"{skill_id} implies unknown {i!r}" for i in entry.get("implies", []) if i not in known]
    ruled = {rule["skill"] for rule in _rule_seed().get("ambiguous", [])}
    problems += [f"rule for unknown skill {skill_id!r}" for skill_id in ruled - known]
    for skills_in_category in _skill_seed().values():
        unspelled = [i for i, entry in skills_in_category.items() if not entry.get("aliases") and i not in ruled]
        problems += [f"{i} has no alias and no rule" for i in unspelled]
    if problems:
        raise ValueError("taxonomy seeds are inconsistent: " + "; ".join(problems))
