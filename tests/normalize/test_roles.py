"""Title (+ description) → role, specialism, focus, seniority, one documented rule per case."""

from __future__ import annotations

import polars as pl
import pytest

from flows.normalize.roles import classify_roles, role_of_title
from warehouse.taxonomy import roles_frame

# (title, role, specialism)
ROLE_CASES = [
    # ML engineers and their specialisms
    ("Machine Learning Engineer", "ml_engineer", None),
    ("Senior ML Engineer", "ml_engineer", None),
    ("MLE, Ranking", "ml_engineer", None),
    ("Software Engineer, Machine Learning", "ml_engineer", None),
    ("Software Engineer (ML)", "ml_engineer", None),
    ("Deep Learning Engineer", "ml_engineer", None),
    ("Computer Vision Engineer", "ml_engineer", None),
    ("NLP Engineer", "ml_engineer", None),
    ("AI/ML Engineer", "ml_engineer", None),
    ("ML/AI Developer", "ml_engineer", None),
    ("MLOps Engineer", "ml_engineer", "ml_platform"),
    ("ML Platform Engineer", "ml_engineer", "ml_platform"),
    ("Staff Engineer, ML Infrastructure", "ml_engineer", "ml_platform"),
    ("AI Infrastructure Engineer", "ml_engineer", "ml_platform"),
    ("LLM Inference Engineer", "ml_engineer", "ml_platform"),
    ("ML Compiler Engineer", "ml_engineer", "ml_hardware"),
    ("Machine Learning Engineer, GPU Kernels", "ml_engineer", "ml_hardware"),
    ("ML Accelerator Hardware Engineer", "ml_engineer", "ml_hardware"),
    ("Solutions Architect, Machine Learning", "ml_engineer", "ml_solutions_architect"),
    ("Customer Engineer, AI/ML", "ml_engineer", "ml_solutions_architect"),
    ("Forward Deployed ML Engineer", "ml_engineer", "ml_solutions_architect"),
    ("Engineering Manager, Machine Learning", "ml_engineer", None),
    # AI engineers
    ("AI Engineer", "ai_engineer", None),
    ("GenAI Engineer", "ai_engineer", None),
    ("Generative AI Engineer", "ai_engineer", None),
    ("LLM Engineer", "ai_engineer", None),
    ("Applied AI Engineer", "ai_engineer", None),
    ("Prompt Engineer", "ai_engineer", None),
    ("AI Agent Developer", "ai_engineer", None),
    ("Software Engineer, AI", "ai_engineer", None),
    ("Software Engineer - LLM Applications", "ai_engineer", None),
    ("Backend Engineer, Agents", "ai_engineer", None),
    # research
    ("Research Scientist", "research_scientist", None),
    ("Research Scientist, LLM Post-Training", "research_scientist", None),
    ("Applied Scientist", "research_scientist", None),
    ("Machine Learning Scientist", "research_scientist", None),
    ("Scientist, Machine Learning", "research_scientist", None),
    ("AI Researcher", "research_scientist", None),
    ("Research Engineer", "research_engineer", None),
    ("Research Engineer, Machine Learning", "research_engineer", None),
    ("Machine Learning Research Engineer", "research_engineer", None),
    ("Software Engineer, Research", "research_engineer", None),
    # data scientists
    ("Data Scientist", "data_scientist", None),
    ("Senior Data Scientist, Product Analytics", "data_scientist", None),
    ("Data Scientist, Machine Learning", "data_scientist", None),
    ("Data Science Manager", "data_scientist", None),
    ("Decision Scientist", "data_scientist", None),
    ("Research Data Scientist", "data_scientist", None),
    # not ML roles
    ("Data Analyst", "other", None),
    ("Data Engineer", "other", None),
    ("Analytics Engineer", "other", None),
    ("Software Engineer", "other", None),
    ("Backend Engineer", "other", None),
    ("Clinical Scientist", "other", None),
    ("Clinical Research Scientist", "other", None),
    ("Research Scientist, Chemistry", "other", None),
    ("AI Product Manager", "other", None),
    ("Product Manager, Machine Learning", "other", None),
    ("Technical Program Manager, AI", "other", None),
    ("AI Recruiter", "other", None),
    ("Technical Recruiter, Machine Learning", "other", None),
    ("AI Trainer (freelance)", "other", None),
    ("Developer Advocate, AI", "other", None),
    ("Forward Deployed Engineer", "other", None),
    ("", "other", None),
]


@pytest.mark.parametrize(("title", "role", "specialism"), ROLE_CASES, ids=[c[0] or "<empty>" for c in ROLE_CASES])
def test_role_and_specialism(title, role, specialism):
    got_role, got_specialism, _, _ = role_of_title(title)
    assert (got_role, got_specialism) == (role, specialism)


SENIORITY_CASES = [
    ("Machine Learning Engineer Intern", "intern"),
    ("Research Scientist Internship, Summer 2025", "intern"),
    ("PhD Student Researcher", "intern"),
    ("Junior Data Scientist", "junior"),
    ("Jr. ML Engineer", "junior"),
    ("Associate Data Scientist", "junior"),
    ("Data Scientist I", "junior"),
    ("New Grad Software Engineer, AI", "junior"),
    ("Data Scientist II", "mid"),
    ("Machine Learning Engineer", "mid"),
    ("Senior Machine Learning Engineer", "senior"),
    ("Sr. Data Scientist", "senior"),
    ("Data Scientist III", "senior"),
    ("Staff Research Engineer", "staff"),
    ("Senior Staff ML Engineer", "staff"),
    ("Member of Technical Staff, Research", "mid"),
    ("Principal Applied Scientist", "principal"),
    ("Distinguished Engineer, AI", "principal"),
    ("Lead Data Scientist", "lead"),
    ("Tech Lead, ML Platform", "lead"),
    ("ML Engineering Manager", "lead"),
    ("Head of Data Science", "lead"),
    ("Director of Machine Learning", "lead"),
    ("VP, AI Research", "lead"),
    ("Associate Director, Data Science", "lead"),
    ("Senior Manager, Applied Science", "lead"),
    ("Staff ML Engineer, Tech Lead", "staff"),
]


@pytest.mark.parametrize(("title", "seniority"), SENIORITY_CASES, ids=[c[0] for c in SENIORITY_CASES])
def test_seniority(title, seniority):
    assert role_of_title(title)[3] == seniority


FOCUS_CASES = [
    ("Data Scientist, Product Analytics", "", "analytics"),
    ("Data Scientist, Experimentation", "", "analytics"),
    ("Data Scientist, Machine Learning", "", "modelling"),
    ("Data Scientist - NLP", "", "modelling"),
    ("Data Scientist", "Design and analyse A/B tests, build dashboards in Looker and partner with stakeholders "
                      "on SQL deep dives into metrics.", "analytics"),
    ("Data Scientist", "Train deep learning models with PyTorch and deploy them to production; "
                      "feature engineering and ranking algorithms.", "modelling"),
    ("Data Scientist", "", None),
]


@pytest.mark.parametrize(("title", "description", "focus"), FOCUS_CASES, ids=[c[0] + f"/{c[2]}" for c in FOCUS_CASES])
def test_data_scientist_focus(title, description, focus):
    assert role_of_title(title, description)[2] == focus


def test_only_data_scientists_have_a_focus_and_only_ml_engineers_a_specialism():
    titles = [title for title, _, _ in ROLE_CASES]
    descriptions = ["A/B tests, PyTorch models"] * len(titles)
    out = classify_roles(pl.DataFrame({"title": titles, "description_text": descriptions}))
    assert out.filter(pl.col("focus").is_not_null())["role"].unique().to_list() in ([], ["data_scientist"])
    assert out.filter(pl.col("specialism").is_not_null())["role"].unique().to_list() == ["ml_engineer"]


def test_ids_are_those_of_the_roles_seed():
    known = set(roles_frame()["role_id"])
    titles = [title for title, _, _ in ROLE_CASES]
    out = classify_roles(pl.DataFrame({"title": titles, "description_text": [""] * len(titles)}))
    for column in ("role", "specialism", "focus"):
        assert set(out[column].drop_nulls()) <= known


def test_lazy_in_lazy_out_and_columns_kept():
    frame = pl.LazyFrame({"posting_id": ["a", "b"], "title": ["AI Engineer", None], "description_text": [None, "x"]})
    out = classify_roles(frame)
    assert isinstance(out, pl.LazyFrame)
    rows = out.collect()
    assert rows.columns == ["posting_id", "title", "description_text", "role", "seniority", "specialism", "focus"]
    assert rows["role"].to_list() == ["ai_engineer", "other"]
