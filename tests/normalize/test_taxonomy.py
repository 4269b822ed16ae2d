"""The seed files: contract ids present, references valid, and every spelling actually matches."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.normalize.skill_rules import match_tables
from pipeline.normalize.skill_tokens import tokenize_phrases
from pipeline.normalize.skills import match_skills
from warehouse import taxonomy


def test_every_design_skill_id_exists():
    ids = set(taxonomy.skills_frame()["skill_id"])
    assert set(taxonomy.REQUIRED_SKILL_IDS) <= ids


def test_at_least_400_skills_spread_over_every_category():
    skills = taxonomy.skills_frame()
    assert skills.height >= 400
    per_category = dict(skills.group_by("category").len().iter_rows())
    assert set(per_category) == set(taxonomy.CATEGORIES)
    assert min(per_category.values()) >= 8, per_category


def test_skills_frame_shape_and_categories():
    skills = taxonomy.skills_frame()
    assert skills.columns == ["skill_id", "name", "category"]
    assert skills["skill_id"].is_unique().all()
    assert set(skills["category"]) <= set(taxonomy.CATEGORIES)
    assert skills["skill_id"].str.contains(r"^[a-z][a-z0-9_]*$").all()


def test_aliases_and_rules_reference_known_skills():
    ids = set(taxonomy.skills_frame()["skill_id"])
    aliases = taxonomy.aliases_frame()
    assert aliases.columns == ["skill_id", "alias", "case_sensitive", "needs_context"]
    assert set(aliases["skill_id"]) == ids  # every skill has at least one spelling
    implications = taxonomy.implications_frame()
    assert set(implications["skill_id"]) | set(implications["implied_skill_id"]) <= ids


def test_implications_from_design():
    pairs = set(taxonomy.implications_frame().iter_rows())
    for instance, skill in [
        ("postgresql", "sql"),
        ("mysql", "sql"),
        ("sql_server", "sql"),
        ("oracle_db", "sql"),
        ("sqlite", "sql"),
        ("mariadb", "sql"),
        ("teradata", "sql"),
        ("jenkins", "ci_cd"),
        ("github_actions", "ci_cd"),
        ("github", "git"),
        ("gitlab", "git"),
        ("pyspark", "spark"),
        ("deep_learning", "machine_learning"),
    ]:
        assert (instance, skill) in pairs
    parts = [("django", "python"), ("pytorch", "deep_learning"), ("bigquery", "gcp"), ("typescript", "javascript")]
    for part, whole in parts:
        assert (part, whole) not in pairs


def test_roles_seed():
    roles = taxonomy.roles_frame()
    assert roles.columns == ["role_id", "name", "kind", "parent_role"]
    by_kind = {kind: set(group["role_id"]) for (kind,), group in roles.group_by("kind")}
    assert by_kind["role"] == set(taxonomy.ROLE_IDS)
    assert by_kind["specialism"] == set(taxonomy.SPECIALISM_IDS)
    assert by_kind["focus"] == set(taxonomy.FOCUS_IDS)
    parents = dict(roles.select("role_id", "parent_role").iter_rows())
    assert {parents[s] for s in taxonomy.SPECIALISM_IDS} == {"ml_engineer"}
    assert {parents[f] for f in taxonomy.FOCUS_IDS} == {"data_scientist"}


def test_version_is_a_stable_content_hash():
    assert len(taxonomy.TAXONOMY_VERSION) == 12
    int(taxonomy.TAXONOMY_VERSION, 16)


def test_context_templates_expand_to_the_rules_frame():
    """A context keeps its lists as slots; the rules frame holds every combination of them."""
    templates = [t for t in taxonomy.ambiguous_templates() if t[0] == "oracle_db" and t[1] == "Oracle"]
    contexts = set(
        taxonomy.ambiguous_rules_frame().filter((pl.col("skill_id") == "oracle_db") & (pl.col("form") == "Oracle"))[
            "context"
        ]
    )
    assert "sql , *" in contexts and "* , mysql" in contexts
    slots = templates[0][2]
    assert taxonomy.FORM_PLACEHOLDER in slots[-1] and "sql" in slots[0] and "," in slots[1]


def test_negation_triggers_and_rare_forms_load():
    triggers, ends = taxonomy.negation()
    assert {"replaced", "moving away from", "instead of"} <= set(triggers)
    assert "with" in ends
    assert ("hashicorp", "Consul") in taxonomy.rare_forms()


def test_brace_expansion():
    assert taxonomy.expand_braces("{deploy|deploying} {ml |}models") == [
        "deploy ml models",
        "deploy models",
        "deploying ml models",
        "deploying models",
    ]


def _found(texts: list[str]) -> pl.DataFrame:
    return match_skills(pl.DataFrame({"posting_id": [str(i) for i in range(len(texts))], "text": texts}))


def test_every_plain_alias_finds_its_skill():
    """A data check: an alias that cannot match (or is eaten by a stop phrase) is a seed bug."""
    aliases = taxonomy.aliases_frame().filter(~pl.col("case_sensitive"))
    found = _found([f"We use {alias} daily." for alias in aliases["alias"]])
    got = set(found.select(pl.col("posting_id").cast(pl.Int64), "skill_id").iter_rows())
    missing = [
        (alias, skill)
        for i, (skill, alias) in enumerate(aliases.select("skill_id", "alias").iter_rows())
        if (i, skill) not in got
    ]
    assert not missing


def test_every_ambiguous_form_matches_in_its_first_context():
    rules = taxonomy.ambiguous_rules_frame().unique(["skill_id", "form"], keep="first", maintain_order=True)
    texts = [f"We use {(context or '*').replace('*', form)} daily." for _, form, context in rules.iter_rows()]
    got = set(_found(texts).select(pl.col("posting_id").cast(pl.Int64), "skill_id").iter_rows())
    missing = [(form, skill) for i, (skill, form, _) in enumerate(rules.iter_rows()) if (i, skill) not in got]
    assert not missing


@pytest.mark.parametrize("phrase", ["R&D", "Series C", "go-to-market", "Spark Capital", "excel at", "C-suite"])
def test_stop_phrases_are_compiled_into_the_cleanup_table(phrase):
    key = tokenize_phrases([phrase])[0].lower()
    assert match_tables().cleanup.get(key) == " "
