"""The v9 post-role rules on posts written for these tests (LABELLING.md, "Version 9").

Each pair says what the rule reads and what it must leave alone; the real posts that prompted them are
measured by tests/normalize/test_role_post_devset.py.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.posting_roles import roles_per_title
from pipeline.normalize.roles import role_of_title


def roles_in(text: str) -> set[str]:
    """The ML roles an HN post hires for (`other` left out); its first line is the header, as HN has it."""
    header = text.split("\n", 1)[0]
    post = pl.DataFrame({"posting_id": ["p"], "source": ["hn"], "title": [header], "description_text": [text]})
    roles = roles_per_title(post)
    return set(roles.filter(pl.col("role") != "other")["role"])


def test_a_list_of_disciplines_that_the_next_sentence_hires_for_names_them():
    text = "Acme | Berlin\nMachine learning, backend, design. Hiring 3 engineers now. We make maps."
    assert roles_in(text) == {"ml_engineer"}


def test_a_list_of_topics_with_a_language_in_it_names_no_one():
    # v11: a list made of disciplines only names openings on its own line (tests/normalize/test_post_roles_v11.py);
    # one with languages or tools among its items is what a hire should know.
    text = "Acme | Berlin\nMachine learning, Python, design. Those are the things we love. We make maps."
    assert roles_in(text) == set()


def test_fdes_welcome_at_a_company_that_builds_ai_agents():
    text = (
        "Acme | Paris\nWe build AI agents that answer phone calls with voice AI for clinics.\n"
        "We are looking for implementation leads. FDEs welcome as well."
    )
    assert roles_in(text) == {"ml_engineer"}


def test_a_forward_deployed_engineer_where_ai_is_named_once_in_passing_is_no_ml_role():
    text = (
        "Acme | Forward Deployed Engineer | NYC\nAcme helps finance teams track their cloud, SaaS and AI "
        "spend. You will work with our largest customers on integrations and architecture."
    )
    assert roles_in(text) == set()


def test_forward_deploy_is_forward_deployed():
    agents = "We build AI agents for enterprises; our AI agents run support for banks and LLM evaluation."
    assert role_of_title("Forward Deploy Engineer (Agent)", agents)[0] == "ml_engineer"


def test_a_title_with_its_fields_after_one_comma_is_one_title():
    text = (
        "Senior Data Scientist, AI and Machine Learning - Acme Insurance | NJ\n"
        "The data scientist will apply machine learning to underwriting."
    )
    assert roles_in(text) == {"data_scientist"}


def test_three_disciplines_in_a_header_are_still_each_hired():
    text = "Acme | Frontend, Backend, Machine Learning | Remote\nWe make maps."
    assert roles_in(text) == {"ml_engineer"}


def test_a_header_job_and_a_field_beside_it_hires_both():
    text = "Acme | Software Engineer & Data Science | SF\nWe build ML tools; both jobs are on our site."
    assert roles_in(text) == {"data_scientist"}


def test_a_header_job_with_a_field_qualifier_in_parentheses_is_one_job():
    text = "Acme | Product Engineer (Backend & AI) | SF\nWe build a CRM."
    assert "data_scientist" not in roles_in(text)


def test_a_natural_language_processing_specialist_is_an_ml_engineer():
    text = (
        "Acme | CT\nWe are hiring for many roles:\n* Cloud Software Engineer - http://x.example/1\n"
        "* Natural Language Processing Specialist - http://x.example/2\n* Product Manager"
    )
    assert roles_in(text) == {"ml_engineer"}


def test_a_bare_researcher_at_a_firm_that_names_ml_once_is_no_ml_researcher():
    text = (
        "Acme Investments | CT\nWe are hiring for many roles:\n"
        "* Natural Language Processing Specialist - http://x.example/2\n* Senior Researcher - http://x.example/3"
    )
    assert roles_in(text) == {"ml_engineer"}


def test_a_bare_researcher_at_a_company_about_ml_is_a_research_scientist():
    text = (
        "Acme AI | London\nWe train large language models and publish on machine learning and deep learning.\n"
        "Open roles:\n- Senior Researcher\n- Backend Engineer"
    )
    assert roles_in(text) == {"research_scientist"}


def test_ml_devops_is_mlops_and_ml_and_data_engineer_reads_as_ml_slash_data():
    assert role_of_title("ML DevOps Engineer")[0] == "ml_engineer"
    assert role_of_title("Machine Learning DevOps and Data Engineer")[0] == "ml_engineer"
    assert role_of_title("ML and Data Scientist")[0] == "data_scientist"  # not an engineer: first named


def test_a_data_science_engineer_follows_what_the_post_says_the_job_does():
    models = "You will build models and simulations to forecast demand and estimate delivery times."
    pipelines = "You will own our Kafka pipelines, Airflow jobs and the warehouse schema."
    assert role_of_title("Data Science Engineer", models)[0] == "data_scientist"
    assert role_of_title("Data Science Engineer", pipelines)[0] == "other"
