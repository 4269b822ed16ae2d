"""Openings a post names as fields or by what the job does (v8 of the post-role rules), and the
look-alikes that are no openings. The posts are written for these tests; the HN post devset measures
the rules on real posts (tests/normalize/test_role_post_devset.py)."""

from __future__ import annotations

import polars as pl

from pipeline.normalize.posting_roles import roles_per_title

HEADER = "Acme | New York | ONSITE"


def roles_in(body: str, header: str = HEADER) -> set[str]:
    """The ML roles an HN post (header line, then body) hires for, `other` left out."""
    post = pl.DataFrame(
        {"posting_id": ["p"], "source": ["hn"], "title": [header], "description_text": [f"{header}\n{body}"]}
    )
    return set(roles_per_title(post).filter(pl.col("role") != "other")["role"])


# ---- fields a group of engineers or roles is hired in --------------------------------------------


def test_engineers_of_all_kinds_name_each_field_they_list():
    body = "We're hiring engineers of all kinds — payments, mobile, infrastructure, and of course, data science."
    assert roles_in(body) == {"data_scientist"}


def test_a_list_in_parentheses_after_the_roles_hired_names_their_fields():
    body = "We are hiring for many different roles right now (frontend, backend, design & machine learning)."
    assert roles_in(body) == {"ml_engineer"}


def test_engineers_with_experience_in_a_list_of_fields_are_hired_in_each():
    body = (
        "We want to add engineers with experience in iOS (Swift mostly), Go, computer vision and "
        "natural language processing."
    )
    assert roles_in(body) == {"ml_engineer"}


def test_fields_named_before_the_word_positions_are_openings():
    assert roles_in("We also have Machine Learning and Frontend positions in our Oslo office.") == {"ml_engineer"}


def test_all_kinds_of_engineers_count_even_under_a_header_naming_one_job():
    header = "Acme | Backend Engineer | Remote"
    body = "We're looking for all types of engineers: backend, mobile, security, machine learning."
    assert roles_in(body, header) == {"ml_engineer"}


# ---- look-alikes that are no openings --------------------------------------------------------------


def test_the_areas_engineers_work_on_are_no_disciplines_hired():
    body = "We're hiring generalist engineers to work on web apps, data pipelines, machine learning, and devops."
    assert roles_in(body) == set()


def test_engineers_under_a_one_job_header_restate_that_job():
    header = "Acme | Data Engineer | Remote"
    body = "We're seeking engineers with a knack for big data, machine learning and streaming systems."
    assert roles_in(body, header) == set()


def test_one_engineer_asked_to_know_ml_among_other_skills_is_no_ml_opening():
    body = "We're hiring a Python engineer with a background in Linux, AWS and machine learning."
    assert roles_in(body) == set()


def test_the_people_a_hire_works_with_are_no_fields():
    body = "We're hiring engineers to collaborate with our designers, analysts and data scientists."
    assert roles_in(body) == set()


# ---- what the job does, and other wordings ----------------------------------------------------------


def test_an_engineer_hired_to_build_neural_networks_is_an_ml_engineer():
    body = (
        "We are looking for a curious engineer who can design, train and validate deep neural networks for radiology."
    )
    assert roles_in(body) == {"ml_engineer"}


def test_our_engineers_who_train_models_are_no_opening():
    body = "We're hiring a designer. Our engineers who can train machine learning models will mentor you."
    assert roles_in(body) == set()


def test_a_title_with_its_field_after_with_is_a_title():
    header = "Acme | 3 Senior AI Solutions Architect with ML | Boston"
    assert roles_in("Build what our customers deploy.", header) == {"ml_engineer"}


def test_titles_run_together_under_a_heading_are_read_one_by_one_however_playful():
    body = (
        "We're looking for engineers for the following positions:\n"
        "Keep Your Cool Backend Engineer Frontend Wizard Engineer Significantly Bayesian Data Scientist"
    )
    assert roles_in(body) == {"data_scientist"}


def test_a_post_that_looks_for_a_position_hires_no_one():
    post = pl.DataFrame(
        {
            "posting_id": ["p"],
            "source": ["hn"],
            "title": ["Looking for a remote position in NLP."],
            "description_text": ["Looking for a remote position in NLP."],
        }
    )
    roles = roles_per_title(post)
    assert roles.filter(pl.col("role") != "other").is_empty()
