"""Roles read from a post's whole text: what counts as an opening, and what does not.

The posts below are written for these tests (the real ones stay in ../shared/realdata; the HN post
devset measures the rules on them, tests/normalize/test_role_post_devset.py).
"""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.normalize.batch import derive_taxonomy
from pipeline.normalize.body_roles import body_role_titles, reads_body
from pipeline.normalize.posting_roles import roles_per_title


def roles_in(text: str, title: str = "Acme | New York | ONSITE") -> set[str]:
    """The ML roles an HN post hires for (`other` left out), read as the pipeline reads it."""
    post = pl.DataFrame({"posting_id": ["p"], "source": ["hn"], "title": [title], "description_text": [text]})
    roles = roles_per_title(post)
    return set(roles.filter(pl.col("role") != "other")["role"])


# ---- openings ---------------------------------------------------------------------------------


def test_a_bulleted_list_of_roles_names_each_opening():
    text = "Acme | NYC\nOpen roles:\n- Senior Backend Engineer\n- Data Scientist\n- Machine Learning Engineer"
    assert roles_in(text) == {"data_scientist", "ml_engineer"}


def test_a_list_run_together_in_one_paragraph_still_names_each_opening():
    # HN joins single newlines, so bullets arrive as " - " inside one line.
    text = "We are hiring: - Data Scientist - Senior ML Engineer - Product Designer - Applied AI Engineer"
    assert roles_in(text) == {"data_scientist", "ml_engineer", "ai_engineer"}


def test_a_hiring_sentence_names_the_roles_it_governs():
    text = "We're looking for a mid or senior level data scientist to help drive our machine learning efforts."
    assert roles_in(text) == {"data_scientist"}


def test_a_comma_list_after_a_hiring_cue_is_a_list_of_openings():
    text = "We are currently hiring for: Principal Software Engineers, Data Engineers, Machine Learning Engineers"
    assert roles_in(text) == {"ml_engineer"}


def test_fields_hired_in_stand_for_their_roles():
    text = "We are always looking for talent in data science, engineering and devops."
    assert roles_in(text) == {"data_scientist"}
    text = (
        "Hiring at an experienced level in lots of disciplines: backend, big data & data science & machine learning, "
        "iOS"
    )
    assert roles_in(text) == {"data_scientist", "ml_engineer"}


def test_a_discipline_list_in_the_header_names_the_fields_hired():
    header = "Acme | Frontend, Backend, Dev Ops, ML/AI | Berlin | ONSITE"
    assert roles_in(header + "\nWe build search for lawyers.", title=header) == {"ml_engineer"}


def test_a_bare_field_in_a_list_of_openings_names_that_field():
    text = (
        "Acme | Software Engineer | LA\n"
        "Briefly: Computer Vision (CV) in Zurich, mid-to-senior backend engineer in LA, QA engineer in LA."
    )
    assert roles_in(text) == {"ml_engineer"}


@pytest.mark.parametrize(
    "header",
    [
        "Acme | Full-Stack Engineer | TypeScript / Postgres / React / AI",  # a stack, not disciplines
        "Acme | Research Engineer, Machine Learning",  # a qualified title, not two jobs
        "SEEKING WORK | Figma, Canva, Notion, AI, Framer, Prototyping, User Research, Jira, Wireframes, Maze, Miro",
    ],
)
def test_a_stack_a_qualified_title_or_a_skill_list_names_no_discipline(header):
    assert "ml_engineer" not in roles_in(header + "\nWe build tools.", title=header)
    assert "ai_engineer" not in roles_in(header + "\nWe build tools.", title=header)


def test_people_of_a_field_and_postdocs_at_an_ml_company_are_openings():
    assert roles_in("We need web people and data science people who love Python.") == {"data_scientist"}
    text = "We build deep learning systems. We also welcome interest from postdoctoral researchers."
    assert roles_in(text) == {"research_scientist"}


def test_a_post_addressing_the_reader_as_the_hire_names_the_opening():
    assert roles_in("As a data scientist at Acme, you'll build our pricing models.") == {"data_scientist"}
    assert roles_in("PS: if machine learning is close to your heart, ping me.") == {"ml_engineer"}


def test_a_bulleted_field_heading_under_a_hiring_line_names_the_field():
    text = "We're hiring across disciplines:\n● Artificial Intelligence: strong in neural networks.\n● Backend: Go."
    assert roles_in(text) == {"ai_engineer"}


def test_a_field_heading_in_prose_is_a_skill_not_an_opening():
    text = "ROBOTICS ENGINEERS\nOur favourite keywords:\nComputer Vision: tracking, slam, odometry."
    assert roles_in(text) == set()


def test_a_range_of_positions_names_both_ends():
    assert roles_in("We're looking to fill positions from Front-End Engineering to Data Science.") == {"data_scientist"}


def test_a_title_in_parentheses_or_quotes_names_the_job():
    assert roles_in("Software Engineer (Data Scientist): experience with ML systems.") == {"data_scientist"}
    assert roles_in('Hack our stack as "Big Data/Machine Learning Developer" (intern).') == {"ml_engineer"}


def test_teams_an_engineer_is_hired_into_name_their_fields():
    text = "Looking for senior engineers to join our Artificial Intelligence, Web Applications and QA teams."
    assert roles_in(text) == {"ai_engineer"}
    # the work of a data engineer, restated: no ML opening
    text = "Acme | Data Engineer\nWe need engineers to work on big data, machine learning and distributed systems."
    assert roles_in(text, title="Data Engineer") == set()


def test_a_job_seekers_post_hires_no_one():
    text = "SEEKING | AI/ML Engineer | Remote\nOpen to: Applied Scientist / ML Eng / AI Eng\nResume: on request"
    post = pl.DataFrame(
        {"posting_id": ["p"], "source": ["hn"], "title": ["AI/ML Engineer"], "description_text": [text]}
    )
    found = derive_taxonomy(post.with_columns(company=pl.lit(None, pl.String)))
    assert found.posting_roles.filter(pl.col("role") != "other").is_empty()
    assert found.postings["role"].to_list() == ["other"]
    hiring = "SEEKING a senior ML engineer to join us in Berlin. Send your CV."
    assert roles_in(hiring) == {"ml_engineer"}
    # Other sources carry employers' ads only: an ad opening with "Seeking" keeps its role.
    ad = pl.DataFrame(
        {
            "posting_id": ["a"],
            "source": ["greenhouse"],
            "title": ["Machine Learning Engineer"],
            "company": ["Acme"],
            "description_text": ["Seeking: ML engineering. We are open to remote."],
        }
    )
    assert derive_taxonomy(ad).postings["role"].to_list() == ["ml_engineer"]


def test_a_field_after_a_title_qualifies_it():
    text = "Roles: Software Engineer - Machine Learning Team: https://jobs.example/1"
    assert roles_in(text) == {"ml_engineer"}


def test_a_field_heading_a_bare_job_noun_names_the_job():
    text = "Open positions: * Artificial Intelligence - Scientist * Deep Learning - Developer / engineer"
    assert roles_in(text) == {"research_scientist", "ml_engineer"}


def test_a_title_followed_by_its_employer_is_still_a_title():
    assert roles_in(
        "Berlin, ONSITE, FULL-TIME Data Scientist at Fraugster\nOur goal is precise anti-fraud software."
    ) == {"data_scientist"}


def test_software_engineers_with_a_machine_learning_focus_are_ml_engineers():
    text = "We're looking for Software Engineers with Front End, Back End or Machine Learning focus."
    assert roles_in(text) == {"ml_engineer"}


def test_titles_run_together_without_separators_are_cut_after_each_job_noun():
    text = "Open Roles: Backend Engineer Data Scientist ML Engineer Frontend Engineer"
    assert roles_in(text) == {"data_scientist", "ml_engineer"}


def test_a_post_hiring_several_roles_gets_one_row_per_role_and_title():
    post = pl.DataFrame(
        {
            "posting_id": ["p"],
            "source": ["hn"],
            "title": ["Acme | NYC"],
            "description_text": ["Open roles: - Data Scientist - Senior Data Scientist - ML Engineer"],
        }
    )
    roles = roles_per_title(post).filter(pl.col("role") != "other")
    assert roles.select("role", "seniority").rows() == [
        ("data_scientist", "mid"),
        ("data_scientist", "senior"),
        ("ml_engineer", "mid"),
    ]


# ---- not openings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You'll work closely with our data scientists to ship models.",
        "Join our ML team as a Senior Backend Engineer.",
        "Acme was founded by ex-Google research scientists.",
        "Acme is built for data scientists who hate spreadsheets.",
        "We're hiring a full-stack engineer. Experience with machine learning is a plus.",
        "We are a team of engineers, designers and data scientists.",
        "I'm a data scientist here and I love it. We're hiring frontend engineers.",
        "Looking for engineers who have worked with data scientists, analysts and ML engineers.",
        "Our AI platform helps marketers; we're hiring backend engineers.",
    ],
)
def test_mentions_that_are_not_openings_name_no_role(text):
    assert roles_in(text) == set()


def test_teaching_a_field_is_no_practitioner_job():
    assert roles_in("Educative | Machine Learning Instructor, Data Science Instructor | REMOTE") == set()


def test_a_post_without_ml_words_is_not_read():
    posts = pl.DataFrame({"posting_id": ["p"], "description_text": ["We're hiring Rails developers and designers."]})
    assert body_role_titles(posts).height == 0


# ---- which postings are read in full ----------------------------------------------------------


def test_hn_posts_and_generic_titles_are_read_in_full_but_a_specific_title_is_not():
    postings = pl.DataFrame(
        {
            "source": ["hn", "greenhouse", "greenhouse", "workable", "lever"],
            "title": ["Acme | NYC", "Multiple roles", None, "We're hiring!", "Senior Data Scientist"],
        }
    )
    assert postings.select(reads_body(postings))["source"].to_list() == [True, True, True, True, False]


def test_a_specific_title_keeps_its_own_role_whatever_its_text_mentions():
    post = pl.DataFrame(
        {
            "posting_id": ["p"],
            "source": ["greenhouse"],
            "title": ["Senior Backend Engineer"],
            "description_text": ["Open roles: - Data Scientist"],
        }
    )
    assert roles_per_title(post)["role"].to_list() == ["other"]


# ---- the primary role -------------------------------------------------------------------------


def _derived(title: str, text: str, source: str = "hn") -> tuple[pl.DataFrame, pl.DataFrame]:
    post = pl.DataFrame(
        {"posting_id": ["p"], "source": [source], "title": [title], "company": ["Acme"], "description_text": [text]}
    )
    batch = derive_taxonomy(post)
    return batch.postings, batch.posting_roles


def test_the_primary_role_is_the_first_ml_role_the_text_names_when_the_header_names_none():
    postings, roles = _derived("Acme | NYC | ONSITE", "Positions: - Data Scientist - Computer Vision Engineer")
    assert postings["role"].to_list() == ["data_scientist"]
    # The header named no job at all, so it adds no `other` row once the text named ML roles.
    assert sorted(roles["role"]) == ["data_scientist", "ml_engineer"]


def test_the_header_role_stays_primary_when_it_is_an_ml_role():
    postings, _ = _derived("Acme | ML Engineer | NYC", "We're also hiring: - Data Scientist")
    assert postings["role"].to_list() == ["ml_engineer"]


def test_a_posts_first_role_is_the_one_its_text_names_first_in_every_run():
    # Titles of one list share a position; which of them leads must not depend on how a batch is hashed.
    lines = {
        "ds": "We're hiring: Data Scientist, Machine Learning Engineer, Backend Engineer",
        "ml": "We're hiring: Machine Learning Engineer, Data Scientist, Backend Engineer",
    }
    ids = [f"{first}-{i}" for i in range(2_000) for first in lines]
    posts = pl.DataFrame(
        {
            "posting_id": ids,
            "source": ["hn"] * len(ids),
            "title": ["Acme | Remote"] * len(ids),
            "company": [None] * len(ids),
            "description_text": [lines[i.split("-")[0]] for i in ids],
        },
        schema_overrides={"company": pl.String},
    )
    primary = derive_taxonomy(posts).postings.select("posting_id", "role")
    named_first = pl.when(pl.col("posting_id").str.starts_with("ds")).then(pl.lit("data_scientist"))
    expected = primary.select(named_first.otherwise(pl.lit("ml_engineer")).alias("role"))
    assert primary["role"].to_list() == expected["role"].to_list()
