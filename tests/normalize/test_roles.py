"""Title (+ description) → role, specialism, focus, seniority; multi-role headers → titles.

One row per rule of pipeline/normalize/roles.py (its docstring numbers them); the labelling rules
behind the expected answers are tests/devsets/LABELLING.md, and test_role_devset.py measures the
same rules on real titles.
"""

from __future__ import annotations

import time

import polars as pl
import pytest

from pipeline.normalize.roles import classify_roles, role_of_title
from pipeline.normalize.title_split import split_titles, title_parts
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
    ("Computer Vision Expert", "ml_engineer", None),
    ("NLP Engineer", "ml_engineer", None),
    ("AI/ML Engineer", "ml_engineer", None),
    ("ML/AI Developer", "ml_engineer", None),
    ("Machine Learning Team Lead", "ml_engineer", None),
    ("Machine Learning & Computer Vision", "ml_engineer", None),
    ("Backend/ML Python Engineer", "ml_engineer", None),
    ("MLOps Engineer", "ml_engineer", "ml_platform"),
    ("ML Ops", "ml_engineer", "ml_platform"),
    ("ML Platform Engineer", "ml_engineer", "ml_platform"),
    ("Staff Engineer, ML Infrastructure", "ml_engineer", "ml_platform"),
    ("AI Infrastructure Engineer", "ml_engineer", "ml_platform"),
    ("LLM Inference Engineer", "ml_engineer", "ml_platform"),
    ("Software Engineer, Inference", "ml_engineer", "ml_platform"),
    ("Member of Technical Staff, Inference", "ml_engineer", "ml_platform"),
    ("Software Engineer, GPU Infrastructure", "ml_engineer", "ml_platform"),
    ("ML Compiler Engineer", "ml_engineer", "ml_hardware"),
    ("Machine Learning Engineer, GPU Kernels", "ml_engineer", "ml_hardware"),
    ("ML Accelerator Hardware Engineer", "ml_engineer", "ml_hardware"),
    ("Software Engineer, GPU Kernels", "ml_engineer", "ml_hardware"),
    ("TPU Kernel Engineer", "ml_engineer", "ml_hardware"),
    ("Software Engineer, Triton Compiler", "ml_engineer", "ml_hardware"),
    ("Solutions Architect, Machine Learning", "ml_engineer", "ml_solutions_architect"),
    ("Solutions Architect, Applied AI", "ml_engineer", "ml_solutions_architect"),
    ("AI Solutions Engineer", "ml_engineer", "ml_solutions_architect"),
    ("Customer Engineer, AI/ML", "ml_engineer", "ml_solutions_architect"),
    ("Forward Deployed ML Engineer", "ml_engineer", "ml_solutions_architect"),
    ("Forward Deployed Engineer", "ml_engineer", "ml_solutions_architect"),
    ("Engineering Manager, Machine Learning", "ml_engineer", None),
    ("Head of Machine Learning", "ml_engineer", None),
    # AI engineers
    ("AI Engineer", "ai_engineer", None),
    ("GenAI Engineer", "ai_engineer", None),
    ("Generative AI Engineer", "ai_engineer", None),
    ("Generative AI / NLP Engineer", "ai_engineer", None),
    ("LLM Engineer", "ai_engineer", None),
    ("Applied AI Engineer", "ai_engineer", None),
    ("Prompt Engineer", "ai_engineer", None),
    ("AI Agent Developer", "ai_engineer", None),
    ("Software Engineer, AI", "ai_engineer", None),
    ("Software Engineer - LLM Applications", "ai_engineer", None),
    ("Backend Engineer, Agents", "ai_engineer", None),
    ("Engineering Manager, GenAI", "ai_engineer", None),
    ("Head of Applied AI", "ai_engineer", None),
    # research
    ("Research Scientist", "research_scientist", None),
    ("Research Scientist, LLM Post-Training", "research_scientist", None),
    ("Applied Scientist", "research_scientist", None),
    ("Principal Applied Researcher", "research_scientist", None),
    ("Machine Learning Scientist", "research_scientist", None),
    ("Scientist, Machine Learning", "research_scientist", None),
    ("AI Researcher", "research_scientist", None),
    ("AI Safety Researcher", "research_scientist", None),
    ("Researcher", "research_scientist", None),
    ("ML Research / ML Engineer", "research_scientist", None),
    ("Research Manager, Interpretability", "research_scientist", None),
    ("Agent Post-Training", "research_scientist", None),
    ("Research Engineer", "research_engineer", None),
    ("Research Engineer, Machine Learning", "research_engineer", None),
    ("Machine Learning Research Engineer", "research_engineer", None),
    ("Research Engineer / Research Scientist, Pretraining", "research_engineer", None),
    ("Software Engineer, Research", "research_engineer", None),
    ("Member of Technical Staff, Pretraining", "research_engineer", None),
    # data scientists
    ("Data Scientist", "data_scientist", None),
    ("Senior Data Scientist, Product Analytics", "data_scientist", None),
    ("Data Scientist, Machine Learning", "data_scientist", None),
    ("Data Scientist / ML Engineer", "data_scientist", None),
    ("Data Science Manager", "data_scientist", None),
    ("Decision Scientist", "data_scientist", None),
    ("Research Data Scientist", "data_scientist", None),
    ("Senior Data & Machine Learning Scientist", "data_scientist", None),
    # not ML roles
    ("Data Analyst", "other", None),
    ("Data Science Analyst", "other", None),
    ("Data Engineer", "other", None),
    ("Data Science Engineer", "other", None),
    ("Analytics Engineer", "other", None),
    ("Software Engineer", "other", None),
    ("Backend Engineer", "other", None),
    ("Member of Technical Staff - Backend", "other", None),
    ("Compiler Engineer", "other", None),
    ("Kernel Developer", "other", None),
    ("Software Engineer, C++ / CUDA", "other", None),
    ("Performance Engineer", "other", None),
    ("Clinical Scientist", "other", None),
    ("Clinical Research Scientist", "other", None),
    ("Clinical Data Scientist", "other", None),
    ("Research Scientist, Chemistry", "other", None),
    ("Research Engineer, Quantum Computing", "other", None),
    ("Mechatronic Research Engineer", "other", None),
    ("People Research Scientist", "other", None),
    ("Quantitative Researcher", "other", None),
    ("Security Researcher", "other", None),
    ("AI Product Manager", "other", None),
    ("Product Manager, Machine Learning", "other", None),
    ("Technical Program Manager, AI", "other", None),
    ("AI Recruiter", "other", None),
    ("Technical Recruiter, Machine Learning", "other", None),
    ("Data Science Recruiter", "other", None),
    ("AI Trainer (freelance)", "other", None),
    ("Developer Advocate, AI", "other", None),
    ("AI Success Engineer", "other", None),
    ("AI Support Engineer", "other", None),
    ("AI Platform Security Engineer", "other", None),
    ("Electrical Hardware Engineer, AI Satellites", "other", None),
    ("Software Engineer, AI Studio iOS", "other", None),
    ("Forward Deployed Data Engineer", "other", None),
    ("Solutions Engineer, Financial Services", "other", None),
    ("", "other", None),
]


@pytest.fixture(scope="module")
def answers():
    """classify_roles over every (title, description) of this module's tables, in one frame."""
    cases = {(c[0], "") for c in ROLE_CASES + SENIORITY_CASES} | {(c[0], c[1]) for c in DESCRIPTION_CASES + FOCUS_CASES}
    titles, descriptions = zip(*sorted(cases))
    out = classify_roles(pl.DataFrame({"title": titles, "description_text": descriptions}))
    return {(row["title"], row["description_text"]): row for row in out.iter_rows(named=True)}


@pytest.mark.parametrize(("title", "role", "specialism"), ROLE_CASES, ids=[c[0] or "<empty>" for c in ROLE_CASES])
def test_role_and_specialism(answers, title, role, specialism):
    got = answers[(title, "")]
    assert (got["role"], got["specialism"]) == (role, specialism)


ML_DESCRIPTION = "You will train deep learning models in PyTorch and ship machine learning to production with AI."
LAB_DESCRIPTION = "Run cell-based assays and mouse models in our cancer biology lab; write up protocols."
AUTHZ_DESCRIPTION = "Embed with customers to roll out our authorization service; write Go and SQL."

# (title, description, role): where the title alone does not decide (rules 3, 4 and 7)
DESCRIPTION_CASES = [
    ("Research Scientist", LAB_DESCRIPTION, "other"),
    ("Research Scientist", ML_DESCRIPTION, "research_scientist"),
    ("Research Engineer", LAB_DESCRIPTION, "other"),
    ("Research Scientist, Machine Learning", LAB_DESCRIPTION, "research_scientist"),
    ("Forward Deployed Engineer", AUTHZ_DESCRIPTION, "other"),
    ("Forward Deployed Engineer", ML_DESCRIPTION, "ml_engineer"),
    ("Chief Scientist", ML_DESCRIPTION + " " + ML_DESCRIPTION, "research_scientist"),
    ("Chief Scientist", LAB_DESCRIPTION, "other"),
]


@pytest.mark.parametrize(
    ("title", "description", "role"), DESCRIPTION_CASES, ids=[f"{c[0]}/{c[2]}" for c in DESCRIPTION_CASES]
)
def test_description_decides_what_the_title_leaves_open(answers, title, description, role):
    assert answers[(title, description)]["role"] == role


SENIORITY_CASES = [
    ("Machine Learning Engineer Intern", "intern"),
    ("Research Scientist Internship, Summer 2025", "intern"),
    ("PhD Student Researcher", "intern"),
    ("AI Residency Program", "intern"),
    ("Junior Data Scientist", "junior"),
    ("Jr. ML Engineer", "junior"),
    ("Associate Data Scientist", "junior"),
    ("Data Scientist I", "junior"),
    ("Data Analyst 1", "junior"),
    ("New Grad Software Engineer, AI", "junior"),
    ("Data Scientist II", "mid"),
    ("Machine Learning Engineer", "mid"),
    ("Mid to Senior Backend Developer", "mid"),
    ("Associate General Counsel", "mid"),
    ("Product Manager, AI", "mid"),
    ("Senior Machine Learning Engineer", "senior"),
    ("Sr. Data Scientist", "senior"),
    ("Data Scientist III", "senior"),
    ("Data Engineer 4", "senior"),
    ("Senior/Staff ML Engineer", "senior"),
    ("Staff/Senior Data Scientist", "staff"),
    ("Staff Research Engineer", "staff"),
    ("Senior Staff ML Engineer", "staff"),
    ("Member of Technical Staff, Research", "mid"),
    ("Scientist / Senior Scientist, Immunology", "mid"),
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
    ("Chief of Staff", "lead"),
    ("Staff ML Engineer, Tech Lead", "staff"),
]


@pytest.mark.parametrize(("title", "seniority"), SENIORITY_CASES, ids=[c[0] for c in SENIORITY_CASES])
def test_seniority(answers, title, seniority):
    assert answers[(title, "")]["seniority"] == seniority


FOCUS_CASES = [
    ("Data Scientist, Product Analytics", "", "analytics"),
    ("Data Scientist, Experimentation", "", "analytics"),
    ("Data Scientist, Machine Learning", "", "modelling"),
    ("Data Scientist - NLP", "", "modelling"),
    (
        "Data Scientist",
        "Design and analyse A/B tests, build dashboards in Looker and partner with stakeholders "
        "on SQL deep dives into metrics.",
        "analytics",
    ),
    (
        "Data Scientist",
        "Train deep learning models with PyTorch and deploy them to production; "
        "feature engineering and ranking algorithms.",
        "modelling",
    ),
    ("Data Scientist", "", None),
]


@pytest.mark.parametrize(("title", "description", "focus"), FOCUS_CASES, ids=[c[0] + f"/{c[2]}" for c in FOCUS_CASES])
def test_data_scientist_focus(answers, title, description, focus):
    assert answers[(title, description)]["focus"] == focus


def test_role_of_title_answers_like_the_frame():
    assert role_of_title("Senior Staff ML Engineer, Inference") == ("ml_engineer", "ml_platform", None, "staff")


# (header, the titles it names)
SPLIT_CASES = [
    ("ML Engineer, Data Scientist", ["ML Engineer", "Data Scientist"]),
    ("Data Scientists & Research Engineers", ["Data Scientists", "Research Engineers"]),
    ("Senior Backend / ML Engineers", ["Senior Backend Engineer", "Senior ML Engineers"]),
    ("Frontend, Backend and ML Engineers", ["Frontend Engineer", "Backend Engineer", "ML Engineers"]),
    ("Engineers (Backend, ML Platform)", ["Backend Engineer", "ML Platform Engineer"]),
    ("ML Engineer / Researcher", ["ML Engineer", "ML Researcher"]),
    ("Research Engineer / Scientist", ["Research Engineer", "Research Scientist"]),
    ("Staff ML Engineer + DevRel", ["Staff ML Engineer", "DevRel"]),
    # one role, however punctuated
    ("Software Engineer, Infrastructure", ["Software Engineer, Infrastructure"]),
    ("AI/ML Engineer", ["AI/ML Engineer"]),
    ("Senior / Staff / Principal Software Engineer", ["Senior / Staff / Principal Software Engineer"]),
    ("Full Stack / Applied AI Engineer", ["Full Stack / Applied AI Engineer"]),
    ("Software Engineer (Rust, Compiler)", ["Software Engineer (Rust, Compiler)"]),
    ("Staff Software Engineer (Frontend, Backend)", ["Staff Software Engineer (Frontend, Backend)"]),
    ("Senior Engineers (Kotlin/Java)", ["Senior Engineers (Kotlin/Java)"]),
    ("Machine Learning & Computer Vision", ["Machine Learning & Computer Vision"]),
    ("Member of Technical Staff", ["Member of Technical Staff"]),
    ("", []),
]


@pytest.mark.parametrize(("header", "titles"), SPLIT_CASES, ids=[c[0] or "<empty>" for c in SPLIT_CASES])
def test_split_titles(header, titles):
    assert split_titles(header) == titles


def test_title_parts_gives_one_row_per_named_role():
    frame = pl.LazyFrame({"posting_id": ["a", "b", "c"], "title": ["ML Engineer, Data Scientist", "AI Engineer", None]})
    rows = set(title_parts(frame).collect().iter_rows())
    assert rows == {("a", "ML Engineer"), ("a", "Data Scientist"), ("b", "AI Engineer"), ("c", None)}


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


def test_throughput_stays_vectorized():
    """Measured ~220k titles per CPU-second on 2 cores; a per-row Python path would be ~100x slower."""
    titles = [title for title, _, _ in ROLE_CASES] * 1000
    frame = pl.LazyFrame(
        {"title": [f"{t} {i}" for i, t in enumerate(titles)], "description_text": [None] * len(titles)}
    )
    start = time.process_time()
    classify_roles(frame).collect()
    assert len(titles) / (time.process_time() - start) > 50_000


@pytest.mark.parametrize(
    "title, description, role",
    [
        ("Senior Systems Architect (Backend / AI-Native)", "", "other"),  # "AI-native" describes the company
        ("Senior Recommendations/Search Engineer", "", "ml_engineer"),  # recommendations are ML work
        ("Data Science Engineer", "You will train machine learning models for pricing.", "data_scientist"),
        ("Data Science Engineer", "You will build our ETL pipelines in Airflow.", "other"),
        ("Postdoctoral Researchers", "We build deep learning systems for video.", "research_scientist"),
        ("Postdoctoral Researchers", "Our lab studies soil chemistry.", "other"),
    ],
)
def test_titles_that_hang_on_a_word_or_the_posts_subject(title, description, role):
    assert role_of_title(title, description)[0] == role
