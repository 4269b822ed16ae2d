"""The sandbox corpus: deterministic, big enough, every role present, text that matches its truth."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jobpulse.sandbox import generate_corpus
from jobpulse.sandbox.corpus import ATS_NAMES
from jobpulse.sandbox.skill_words import CATEGORY_OF, SURFACE_TABLE, SURFACES
from jobpulse.sandbox.wire_greenhouse_lever_ashby import ashby_job, greenhouse_job, lever_posting, plain_sections
from jobpulse.sandbox.wire_smartrecruiters_workable_recruitee import (
    recruitee_offer,
    smartrecruiters_detail,
    workable_job,
)

REPO_ROOT = Path(__file__).resolve().parents[2]

# DESIGN.md "Skill ids": the taxonomy the warehouse seeds.
SKILL_IDS = set(
    """python sql r go java javascript typescript scala rust cpp c csharp julia bash
spark hadoop kafka airflow dbt snowflake databricks aws gcp azure docker kubernetes git linux
tensorflow pytorch jax keras scikit_learn xgboost pandas numpy tableau excel statistics ab_testing
machine_learning deep_learning nlp computer_vision reinforcement_learning llm transformers rag
prompt_engineering fine_tuning foundation_models mlops ci_cd linear_regression
logistic_regression random_forest kmeans eda research_experience phd masters""".split()
)


def served_digest(corpus) -> str:
    """A hash of every posting as its ATS's API would serve it, plus the HN text."""
    h = hashlib.sha256()
    for p in corpus.postings:
        shaped = {
            "greenhouse": lambda p: greenhouse_job(p, True, corpus.end),
            "lever": lever_posting,
            "ashby": lambda p: ashby_job(p, True),
            "smartrecruiters": smartrecruiters_detail,
            "workable": lambda p: workable_job(p, True),
            "recruitee": lambda p: recruitee_offer(p, corpus.end),
        }[p.company.ats](p)
        h.update(json.dumps(shaped).encode())
    for story in corpus.hn_stories:
        for post in story.children:
            h.update(post.text.encode())
    return h.hexdigest()


def description_text(posting) -> str:
    return plain_sections(posting.sections)


# --- determinism --------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_output(corpus):
    assert served_digest(generate_corpus(seed=7)) == served_digest(corpus)


def test_a_different_seed_gives_a_different_corpus(corpus):
    assert served_digest(generate_corpus(seed=8)) != served_digest(corpus)


def test_output_does_not_depend_on_the_interpreters_hash_seed(corpus):
    """Set iteration order changes with PYTHONHASHSEED; the corpus must not."""
    code = (
        "from tests.sandbox.test_corpus import served_digest;"
        "from jobpulse.sandbox import generate_corpus;"
        "print(served_digest(generate_corpus()))"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert digests == {served_digest(corpus)}


def test_generation_gives_a_corpus_of_the_default_size():
    # How long it takes is measured by benchmarks/steps.py, not asserted here.
    assert len(generate_corpus(seed=3).postings) > 1_000


# --- size and coverage --------------------------------------------------------------------------


def test_many_invented_companies_spread_over_every_ats(corpus):
    per_ats = collections.Counter(c.ats for c in corpus.companies)
    assert len(corpus.companies) >= 40
    assert set(per_ats) == set(ATS_NAMES)
    assert per_ats["greenhouse"] >= len(corpus.companies) // 3 - 1 and min(per_ats.values()) >= 5
    assert len({c.token for c in corpus.companies}) == len(corpus.companies)
    assert all(corpus.postings_on(c) for c in corpus.companies)


def test_thousands_of_postings_spread_over_the_weeks(corpus):
    assert len(corpus.postings) >= 3000
    assert corpus.weeks >= 26 and (corpus.end - corpus.start).days == 7 * corpus.weeks - 1
    weeks_with_postings = {p.posted_on.isocalendar()[:2] for p in corpus.postings}
    assert len(weeks_with_postings) == corpus.weeks
    assert all(corpus.start <= p.posted_on <= corpus.end for p in corpus.postings)


def test_volume_grows_mildly(corpus):
    first, last = corpus.start + dt.timedelta(weeks=8), corpus.end - dt.timedelta(weeks=8)
    early = sum(p.posted_on < first for p in corpus.postings)
    late = sum(p.posted_on > last for p in corpus.postings)
    assert 1.05 < late / early < 1.6


def test_every_article_role_specialism_and_focus_is_present(corpus):
    seen = collections.Counter((p.role, p.specialism, p.focus) for p in corpus.postings)
    assert {
        ("data_scientist", None, "analytics"),
        ("data_scientist", None, "modelling"),
        ("ml_engineer", None, None),
        ("ml_engineer", "ml_platform", None),
        ("ml_engineer", "ml_hardware", None),
        ("ml_engineer", "ml_solutions_architect", None),
        ("ai_engineer", None, None),
        ("research_scientist", None, None),
        ("research_engineer", None, None),
        ("other", None, None),
    } <= set(seen)
    other_share = sum(p.role == "other" for p in corpus.postings) / len(corpus.postings)
    assert 0.2 < other_share < 0.3


def test_titles_vary_realistically(corpus):
    titles = {p.title for p in corpus.postings}
    for expected in (
        "AI Engineer",
        "Applied AI Engineer",
        "LLM Engineer",
        "GenAI Engineer",
        "Machine Learning Engineer",
        "ML Infrastructure Engineer",
        "ML Compiler Engineer",
        "ML Solutions Architect",
        "Research Scientist",
        "Research Engineer",
        "Data Scientist",
        "Data Analyst",
        "AI Product Manager",
        "Clinical Scientist",
    ):
        assert any(expected in t for t in titles), expected
    for level in ("Senior ", "Staff ", "Lead ", "Principal ", " Intern", " II"):
        assert any(level in t for t in titles), level


def test_salaries_appear_on_some_postings_in_each_ats(corpus):
    with_pay = collections.Counter(p.company.ats for p in corpus.postings if p.salary)
    assert all(with_pay[ats] > 100 for ats in ("greenhouse", "lever", "ashby"))
    assert {p.salary.period for p in corpus.postings if p.salary} == {"year", "hour"}
    assert all(p.salary.min < p.salary.max for p in corpus.postings if p.salary)
    greenhouse_paid = next(p for p in corpus.postings if p.salary and p.company.ats == "greenhouse")
    assert re.search(r"\$\d{2,3},\d{3} - \$\d{2,3},\d{3} USD|[€£]", description_text(greenhouse_paid))


def test_locations_include_remote_and_hybrid(corpus):
    assert {p.workplace for p in corpus.postings} == {"onsite", "hybrid", "remote"}
    locations = {p.location for p in corpus.postings}
    assert "Remote - US" in locations and any(loc.startswith("Hybrid - ") for loc in locations)


# --- HN threads ---------------------------------------------------------------------------------


def test_one_hiring_thread_per_month_covering_the_period(corpus):
    threads = corpus.hn_threads()
    months = {(t.created_at.year, t.created_at.month) for t in threads}
    assert len(months) == len(threads)
    assert (corpus.start.year, corpus.start.month) in months
    assert (corpus.end.year, corpus.end.month) in months
    assert all(re.fullmatch(r"Ask HN: Who is hiring\? \([A-Z][a-z]+ \d{4}\)", t.title) for t in threads)


def test_a_non_thread_whoishiring_story_is_there_to_be_filtered_out(corpus):
    extra = [s for s in corpus.hn_stories if not s.is_monthly_thread]
    assert len(extra) == 1 and "hiring" in extra[0].title.lower()
    assert not extra[0].job_posts()


def test_hn_posts_look_like_the_real_ones(corpus):
    posts = corpus.hn_job_posts()
    assert len(posts) >= 200
    multi_role = [p for p in posts if len(p.titles) > 1]
    assert 0.2 < len(multi_role) / len(posts) < 0.6
    assert all(p.text.split("<p>")[0].count(" | ") >= 3 for p in posts)  # the header line
    assert any("&#x2F;" in p.text for p in posts) and any("&#x27;" in p.text or "&amp;" in p.text for p in posts)
    assert not any("</p>" in p.text for p in posts)  # HN separates paragraphs with bare <p>


def test_truth_is_looked_up_by_the_ids_a_crawl_lands(corpus):
    truth = corpus.by_source_id()
    assert len(truth) == len(corpus.postings) + len(corpus.hn_job_posts())
    first = corpus.postings[0]
    assert truth[(first.company.ats, first.id)] is first


def test_replies_are_children_not_posts(corpus):
    replies = [child for post in corpus.hn_job_posts() for child in post.children]
    assert replies and not any(r.is_job_post for r in replies)
    assert all(r.parent_id != r.story_id for r in replies)


# --- text and ground truth ----------------------------------------------------------------------


def test_surfaces_cover_exactly_the_design_skill_ids():
    assert set(SURFACES) == SKILL_IDS
    assert set(CATEGORY_OF) == SKILL_IDS


def test_ground_truth_uses_only_design_skill_ids(corpus):
    used = set().union(*(p.skills for p in corpus.postings), *(p.skills for p in corpus.hn_job_posts()))
    assert used <= SKILL_IDS


# Hand-written matchers for the planted skills: the text says it exactly when the truth says so.
PLANTED_SKILL_PATTERNS = {
    "python": r"\bPython\b",
    "sql": r"\bSQL\b|PostgreSQL|MySQL",
    "pytorch": r"\bPyTorch\b",
    "tensorflow": r"\bTensorFlow\b",
    "docker": r"\bDocker\b",
    "rag": r"\bRAG\b(?! status)|retrieval-augmented generation",
    "llm": r"\bLLMs?\b|large language models",
    "julia": r"\bJulia\b",
}


@pytest.mark.parametrize("skill", sorted(PLANTED_SKILL_PATTERNS))
def test_text_names_a_planted_skill_exactly_when_the_truth_says_so(corpus, skill):
    pattern = re.compile(PLANTED_SKILL_PATTERNS[skill])
    wrong = [p.title for p in corpus.postings if bool(pattern.search(description_text(p))) != (skill in p.skills)]
    assert not wrong, f"{len(wrong)} postings disagree, e.g. {wrong[:3]}"


@pytest.mark.parametrize(
    "trap, skill",
    [
        ("Series C", "c"),
        ("R&D", "r"),
        ("go-to-market", "go"),
        ("excel at", "excel"),
        ("your CV", "computer_vision"),
        ("Spark Ridge", "spark"),
        ("RAG status", "rag"),
        ("airflow limits", "airflow"),
        ("LL.M.", "llm"),
    ],
)
def test_traps_appear_without_the_skill_they_resemble(corpus, trap, skill):
    trapped = [p for p in corpus.postings if trap in description_text(p)]
    assert any(skill not in p.skills for p in trapped), f"no posting carries the trap {trap!r}"


# The traps, cut out before looking for stray skill words.
TRAPS = re.compile(
    r"Series C|C-level|C-suite|R&D|go-to-market|Go ahead|excel at|your CV|"
    r"Spark Ridge|RAG status|airflow limits|LL\.M\."
)
CASE_SENSITIVE = {"r", "c", "go", "rag", "excel", "machine_learning", "java", "rust", "scala"}


def surface_patterns() -> dict[str, re.Pattern]:
    patterns = {}
    for skill, surfaces in SURFACE_TABLE.items():
        words = sorted({re.escape(text) for text, _ in surfaces}, key=len, reverse=True)
        flags = 0 if skill in CASE_SENSITIVE else re.IGNORECASE
        patterns[skill] = re.compile(r"(?<![\w+#/.-])(?:" + "|".join(words) + r")(?![\w+#])", flags)
    return patterns


def test_outside_the_traps_the_text_names_no_skill_the_truth_lacks(corpus):
    patterns = surface_patterns()
    texts = [(p.title + "\n" + description_text(p), p.skills) for p in corpus.postings]
    texts += [(html.unescape(p.text.replace("<p>", "\n")), p.skills) for p in corpus.hn_job_posts()]
    stray = collections.Counter()
    for text, truth in texts:
        text = TRAPS.sub(" ", text)
        stray.update(skill for skill, pattern in patterns.items() if skill not in truth and pattern.search(text))
    assert not stray, f"skill words outside the truth: {dict(stray)}"


def test_descriptions_have_the_usual_sections(corpus):
    keys = collections.Counter(s.key for p in corpus.postings for s in p.sections)
    assert all(keys[k] == len(corpus.postings) for k in ("about", "duties", "requirements", "benefits", "apply"))
    assert keys["nice"] > len(corpus.postings) // 2
