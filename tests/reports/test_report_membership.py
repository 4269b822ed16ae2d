"""Who counts where: duplicate clusters count once, multi-role posts count in each of their roles."""

from datetime import date

import pytest
from planted_trends import REPORT_WEEK, weeks_back
from report_warehouse import PostingFactory

from reports.load import WarehouseFrames
from reports.periods import ReportWindows
from reports.summary import build_summary

AS_OF = date(2026, 11, 25)


def summarize(factory: PostingFactory) -> dict:
    return build_summary(WarehouseFrames.from_frames(**factory.frames()), ReportWindows(REPORT_WEEK), AS_OF)


@pytest.fixture
def duplicates() -> dict:
    """One job posted on three boards (first seen the week before, with RAG), and one lone posting."""
    factory = PostingFactory()
    factory.add(
        "ml_engineer", weeks_back(1), skills=("rag",), cluster_id="job-1", source="greenhouse", seniority="senior"
    )
    factory.add("ml_engineer", REPORT_WEEK, skills=("python",), cluster_id="job-1", source="lever", seniority="senior")
    factory.add("ml_engineer", REPORT_WEEK, skills=("python",), cluster_id="job-1", source="hn", seniority="senior")
    factory.add("ml_engineer", REPORT_WEEK, skills=("python",), cluster_id=None)
    return summarize(factory)


def test_a_cluster_counts_once_in_the_period_of_its_earliest_posting(duplicates):
    volume = duplicates["roles"]["ml_engineer"]["postings"]
    assert (volume["current"], volume["previous"], volume["recent_total"]) == (1, 1, 2)


def test_a_cluster_brings_the_skills_of_the_posting_that_represents_it(duplicates):
    mentions = {t["skill_id"]: t["recent_mentions"] for t in duplicates["roles"]["ml_engineer"]["trends"]}
    assert mentions == {"rag": 1, "python": 1}  # the lone posting's python; the cluster's is its earliest posting's


def test_duplicates_are_counted_in_data_quality(duplicates):
    counts = duplicates["quality"]["postings"]
    assert (counts["raw"], counts["counted"], counts["duplicates"]) == (4, 2, 2)
    per_source = {s["source"]: s["total"] for s in duplicates["quality"]["sources"]}
    assert per_source == {
        "greenhouse": 1,
        "lever": 1,
        "hn": 1,
        "synthetic": 1,
    }  # what each source gave, duplicates included


@pytest.fixture
def multi_role() -> dict:
    factory = PostingFactory()
    # An HN post hiring an ML platform engineer and an AI engineer (senior for that one).
    factory.add(
        "ml_engineer",
        REPORT_WEEK,
        skills=("llm",),
        seniority="mid",
        roles=(
            {"role": "ml_engineer", "specialism": "ml_platform", "title": "ML Platform Engineer"},
            {"role": "ai_engineer", "title": "AI Engineer", "seniority": "senior"},
        ),
    )
    # Two title variants of one role: still one AI engineer posting.
    factory.add(
        "ai_engineer",
        REPORT_WEEK,
        roles=({"role": "ai_engineer", "title": "LLM Engineer"}, {"role": "ai_engineer", "title": "AI Engineer"}),
    )
    # posting_roles wins over postings.role.
    factory.add("ml_engineer", REPORT_WEEK, roles=({"role": "other", "title": "Backend Engineer"},))
    factory.add("data_scientist", REPORT_WEEK, focus="analytics")  # no posting_roles rows: postings.role
    return summarize(factory)


def test_a_multi_role_post_counts_in_each_of_its_roles(multi_role):
    current = {role: s["postings"]["current"] for role, s in multi_role["roles"].items()}
    assert current == {
        "data_scientist": 1,
        "ml_engineer": 1,
        "ai_engineer": 2,
        "research_scientist": 0,
        "research_engineer": 0,
    }
    assert multi_role["roles"]["ml_engineer"]["subsections"]["ml_platform"]["postings"]["current"] == 1
    assert multi_role["roles"]["data_scientist"]["subsections"]["analytics"]["postings"]["current"] == 1


def test_all_ml_roles_counts_a_multi_role_post_once(multi_role):
    assert multi_role["overview"]["postings"]["current"] == 3
    assert multi_role["overview"]["other"]["current"] == 1
    assert multi_role["all_postings"]["postings"]["current"] == 4
    assert multi_role["quality"]["postings"]["multi_role"] == 1  # the ML+AI post; two titles of one role are one role


def test_each_role_reads_its_own_seniority_and_title(multi_role):
    ai = multi_role["roles"]["ai_engineer"]
    assert {e["value"]: e["current"] for e in ai["seniority"]} == {"senior": 1, "unknown": 1}
    assert {t["variant"] for t in ai["titles"]["top"]} == {
        "ai engineer"
    }  # the alphabetically first of the two variants
    assert {t["skill_id"] for t in ai["trends"]} == {"llm"}  # skills belong to the posting, in every role it counts in
