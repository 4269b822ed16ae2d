"""The v11 post-role rules on posts written for these tests (LABELLING.md, "Version 11").

Each pair says what the rule reads and what it must leave alone; the real posts that prompted them are
measured by tests/normalize/test_role_post_devset.py.
"""

from __future__ import annotations

from tests.normalize.test_post_roles_v9 import roles_in


def test_a_line_of_disciplines_only_names_its_ml_fields():
    assert roles_in("Acme | Boston\nFull Time iOS, Android, QA, Data Science, Machine Learning\nWe make maps.") == {
        "data_scientist",
        "ml_engineer",
    }
    assert roles_in("Acme - Seattle - Full Stack/Mobile/Data Science\nWe make maps with data.") == {"data_scientist"}


def test_a_header_list_with_languages_is_one_hires_skills():
    header = "Acme | London | Java (essential), Python, Machine Learning, Optimisation, AWS"
    assert roles_in(header + "\nWe are looking for strong engineers to grow our team.") == set()


def test_engineers_for_multiple_roles_are_not_the_headers_one_job_restated():
    text = (
        "Acme | Redwood City | DevOps, Big Data and Data Scientists | ONSITE\nWe use machine learning.\n"
        "We are looking for engineers for multiple roles including devOps, big data (spark), API platform and "
        "machine learning."
    )
    assert roles_in(text) == {"data_scientist", "ml_engineer"}


def test_a_skill_asked_in_the_titles_parentheses_is_no_field():
    assert roles_in("Acme | Software Engineers (ML experience a plus) | Boston\nWe build a platform.") == set()
    assert roles_in("Acme | Software Engineer (Machine Learning) | Boston\nWe build a platform.") == {"ml_engineer"}


def test_a_long_remark_after_a_job_noun_does_not_hide_the_next_job():
    text = (
        "Acme - San Francisco\nWe're looking for mobile engineers (iOS - hard problems include making our sync "
        "engine fast and reliable), and data scientists (R, SQL, statistics - hard problems include growth and "
        "retention models)."
    )
    assert roles_in(text) == {"data_scientist"}


def test_a_forward_deployed_engineer_deploys_agents_named_without_the_word_ai():
    fde = "Acme | NYC | Founding Full-stack Engineers and Forward Deployed Engineers\n"
    assert roles_in(fde + "Knowledge workers will work through agents. We connect data providers to agents.") == {
        "ml_engineer"
    }
    assert roles_in(fde + "We manage cloud costs for our customers. You'd build the core platform.") == set()


def test_a_field_heading_a_software_title_in_a_run_together_list():
    text = "Acme (San Diego)\n- Firmware Engineer - Machine Learning - Software Engineer - Product Manager"
    assert roles_in(text) == {"ml_engineer"}


def test_research_cut_from_research_slash_engineers_is_a_researcher():
    text = "Acme Labs | Senior research/engineers | Zurich\nWe are an AI research lab training language models. AI."
    assert roles_in(text) == {"research_scientist", "research_engineer"}


def test_a_field_heading_with_its_count_of_roles_names_the_field():
    text = "Acme | Berlin\nHiring for technical roles:\nAgentic AI (2 roles): Platform Engineers, Sales Engineers"
    assert roles_in(text) == {"ai_engineer"}
    assert roles_in("Acme | Berlin\nHiring for technical roles:\nDesign (2 roles): Product Designers") == set()


def test_a_forward_deployed_engineer_where_the_product_uses_ai():
    fde = "Acme | Forward Deployed Engineer | San Mateo\n"
    assert roles_in(fde + "Our platform uses AI to eliminate manual workflows in clinics.") == {"ml_engineer"}
    assert roles_in(fde + "We help customers manage their cloud, SaaS and AI costs.") == set()


def test_a_heading_that_opens_with_its_titles_and_what_they_will_do():
    text = "Acme | SF\nWho we're looking for\nStatisticians & Data Scientists to Focus on the Energy Industry\nWe mine."
    assert roles_in(text) == {"data_scientist"}
    assert roles_in("Acme | SF\nWe built a tool for data scientists to share notebooks.") == set()


def test_a_title_with_the_years_of_experience_it_asks_is_an_opening():
    text = (
        "Acme | AI/ML Engineer + others | SF\nWe are looking for AI/ML Engineers to contribute to foundation "
        "models (1+ years experience), Senior Data Scientists (5+ years), and Product Engineers (3+ years)."
    )
    assert roles_in(text) == {"ml_engineer", "data_scientist"}
    team = "Acme | Infrastructure Engineer | SF\nWe are a team of veteran vision engineers (20+ years combined)."
    assert roles_in(team) == set()


def test_a_reader_interested_in_a_field_is_invited_to_it():
    text = "Acme | SF\nIf you're a developer or someone who is interested in data science for social good, write us!"
    assert roles_in(text) == {"data_scientist"}
    assert roles_in("Acme | SF\nIf you're interested in joining a small team, write us! We use data science.") == set()


def test_people_named_in_an_aside_between_dashes_are_no_openings():
    text = (
        "Acme - SF - Full Stack Engineer\nAcme enables the whole organization - marketers, product managers and "
        "data scientists - to run their business on data. We are looking for a full stack engineer."
    )
    assert roles_in(text) == set()
    assert roles_in("Acme | SF\nOpen roles - Data Scientist - Backend Engineer") == {"data_scientist"}
