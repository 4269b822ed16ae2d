"""The contract is written once (contract/); what must repeat it elsewhere (seed files, SQL, YAML,
the README) is held to it here, so an edit on one side fails until the other follows."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from contract.posting import FIELDS, REQUIRED_FIELDS, new_item
from contract.roles import FOCUS_IDS, FOCUS_ROLE, ML_ROLE_IDS, OTHER_ROLE, ROLE_IDS, SPECIALISM_IDS, SPECIALISM_ROLE
from contract.schedule import SCHEDULE_TIMEZONE, WEEKLY_CRON
from contract.sources import ATS_SOURCES, SOURCES

ROOT = Path(__file__).resolve().parents[2]


def test_the_roles_seed_lists_exactly_the_contracts_roles_specialisms_and_focuses():
    rows = list(csv.DictReader((ROOT / "warehouse/seeds/roles.csv").read_text().splitlines()))
    by_kind = {kind: [r["role_id"] for r in rows if r["kind"] == kind] for kind in ("role", "specialism", "focus")}
    assert by_kind == {"role": list(ROLE_IDS), "specialism": list(SPECIALISM_IDS), "focus": list(FOCUS_IDS)}
    parents = {r["role_id"]: r["parent_role"] for r in rows if r["parent_role"]}
    assert parents == {**dict.fromkeys(SPECIALISM_IDS, SPECIALISM_ROLE), **dict.fromkeys(FOCUS_IDS, FOCUS_ROLE)}


def test_the_sections_macro_names_the_contracts_ids():
    """views.sql spells the ML roles, specialisms and focuses out (SQL has no import)."""
    sql = (ROOT / "warehouse/views.sql").read_text()
    quoted = lambda ids: "(" + ", ".join(f"'{i}'" for i in ids) + ")"  # noqa: E731
    assert f"role IN {quoted(ML_ROLE_IDS)}" in sql
    assert f"role = '{SPECIALISM_ROLE}' AND specialism = for_section AND specialism IN {quoted(SPECIALISM_IDS)}" in sql
    assert f"role = '{FOCUS_ROLE}' AND focus = for_section AND focus IN {quoted(FOCUS_IDS)}" in sql


def test_other_is_the_one_role_that_is_not_an_ml_role():
    assert set(ROLE_IDS) - set(ML_ROLE_IDS) == {OTHER_ROLE}


def test_the_prefect_deployment_and_the_readme_run_on_the_contracts_schedule():
    (deployment,) = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]
    (schedule,) = deployment["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == (WEEKLY_CRON, SCHEDULE_TIMEZONE)
    assert f"cron `{WEEKLY_CRON}`" in (ROOT / "README.md").read_text()


def test_every_registered_source_has_a_spider_module_and_the_ats_sources_are_among_them():
    spiders = {p.stem for p in (ROOT / "crawlers/spiders").glob("*.py")} - {"__init__", "base", "feed"}
    assert set(SOURCES) == spiders
    assert set(ATS_SOURCES) < set(SOURCES)


def test_a_new_item_carries_every_field_and_refuses_unknown_ones():
    item = new_item(source="hn", source_id="1", title="ML Engineer")
    assert tuple(item) == FIELDS and set(REQUIRED_FIELDS) <= set(FIELDS)
    with pytest.raises(TypeError, match="salary"):
        new_item(source="hn", source_id="1", title="x", salary="100k")


def test_no_module_of_ours_spells_the_role_ids_out_again():
    """Role ids live in contract/roles.py; code elsewhere imports them (sandbox prose and rules may
    name a role, but not the whole list again)."""
    listing = re.compile(r'"data_scientist",\s*"ml_engineer",\s*"ai_engineer"')
    offenders = [
        str(p.relative_to(ROOT))
        for package in ("crawlers", "pipeline", "flows", "warehouse", "reports", "jobpulse")
        for p in (ROOT / package).rglob("*.py")
        if listing.search(p.read_text())
    ]
    assert offenders == []


def test_every_import_format_is_a_registered_source_or_a_generic_file_format():
    from pipeline.import_files import CONVERTERS

    generic = {"postings", "csv"}  # saved postings in the generic format, not one source's payload
    assert set(CONVERTERS) - generic <= set(SOURCES)
    assert set(ATS_SOURCES) <= set(CONVERTERS)  # every ATS's saved API answer can be imported
