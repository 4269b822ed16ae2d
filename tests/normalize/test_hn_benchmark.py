"""jobpulse's monthly skill shares on HN "Who is hiring?" 2013-08…2018-04 against other people's counts.

The 28k posts go through the pipeline's own steps (the HN extractor's header parse for title and
employer, `html_to_text`, `match_skills`); a skill's monthly share is the share of that month's
posts mentioning it. ryanwi/hiringtrends and controlarm/hn-hiring-analysis counted the same
threads with their own keyword rules, so the *level* may differ (our Go is "Go" in a language
context or "golang", ryanwi's is the word "golang"); the *shape* month to month should not. The
test asserts a Pearson correlation per skill and a loose level band, and keeps the figures in
tests/devsets/hn_benchmark_correlations.csv (regenerate with JOBPULSE_REGENERATE=1; otherwise the
file must agree with a fresh run within a small tolerance, so it cannot go stale).

Where they differ, and why (2026-12, read post by post against a word split like ryanwi's): C++
and C drift from ryanwi's series in 2015-08, when HN began escaping "/" as "&#x2F;", which ryanwi
does not decode (`test_c_and_cpp_drift_from_ryanwi_where_hn_began_escaping_the_slash`). R is small
(~8 posts a month) and ryanwi's word "r" also counts links ("teamwork/r.cfm", "/r/jobs"), "w.r.t",
"s.r.o" and initials; ours counted R+D, R$ (reais), R/GA and "R. J. Reynolds" until they became stop
phrases, and missed "R is a plus". And our copy of six months holds under 80% of the posts the
benchmarks counted (2018-04: 41%, crawled on 04-02): `correlation_full_months` leaves those out
(C++ 0.81, R 0.93), `correlation` keeps every common month and is the figure asserted.

Floors, from measurement (2026-11, taxonomy of this commit): the median over the asserted skills is
~0.93 and most single skills are ≥ 0.85. A skill at ~2% share has ~8 mentions in a ~400-post month,
so binomial noise alone (sd ≈ 0.7 points against a trend of a few points) caps r near 0.7–0.85 for
the small ones (NLP, C, C++, R): hence a per-skill floor of 0.6. A broken rule shows up far below
it (SQL, where DESIGN counts PostgreSQL/MySQL/… as SQL and ryanwi counts the word, scores 0.3 and
is kept in the file but not asserted), or as a level off by more than 4x.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path
from statistics import median

import polars as pl
import pytest

from crawlers.extractors.hn import parse_header
from pipeline.normalize.skills import match_skills, skill_text
from pipeline.normalize.text import html_to_text
from tests.realdata import realdata_path

FIGURES = Path(__file__).resolve().parents[1] / "devsets" / "hn_benchmark_correlations.csv"
MIN_MEDIAN_CORRELATION, MIN_CORRELATION = 0.85, 0.6
LEVEL_BAND = 4.0  # our mean share within 1/4…4 times theirs: same thing measured, other keyword rules
# (source, their term, our skill, asserted). Terms as the benchmark files spell them.
BENCHMARK_TERMS = [
    ("ryanwi", "Python", "python", True),
    ("ryanwi", "Java", "java", True),
    ("ryanwi", "JavaScript", "javascript", True),
    ("ryanwi", "golang", "go", True),
    ("controlarm", "Golang", "go", True),
    ("ryanwi", "Ruby", "ruby", True),
    ("ryanwi", "Scala", "scala", True),
    ("ryanwi", "PHP", "php", True),
    ("ryanwi", "Rust", "rust", True),
    ("ryanwi", "TypeScript", "typescript", True),
    ("ryanwi", "C", "c", True),
    ("ryanwi", "C++", "cpp", True),
    ("ryanwi", "C#", "csharp", True),
    ("ryanwi", "R", "r", True),
    ("ryanwi", "Swift", "swift", True),
    ("ryanwi", "React", "react", True),
    ("ryanwi", "AngularJS", "angular", True),
    ("ryanwi", "node.js", "nodejs", True),
    ("ryanwi", "Django", "django", True),
    ("ryanwi", "Docker", "docker", True),
    ("ryanwi", "Kubernetes", "kubernetes", True),
    ("ryanwi", "AWS", "aws", True),
    ("ryanwi", "Azure", "azure", True),
    ("ryanwi", "linux", "linux", True),
    ("ryanwi", "Git", "git", True),
    ("ryanwi", "DevOps", "devops", True),
    ("ryanwi", "Machine Learning", "machine_learning", True),
    ("controlarm", "Machine learning", "machine_learning", True),
    ("ryanwi", "Deep Learning", "deep_learning", True),
    ("ryanwi", "NLP", "nlp", True),
    ("controlarm", "NLP", "nlp", True),
    ("ryanwi", "Computer Vision", "computer_vision", True),
    ("ryanwi", "TensorFlow", "tensorflow", True),
    ("ryanwi", "Data Science", "data_science", True),
    ("ryanwi", "statistics", "statistics", True),
    ("ryanwi", "Hadoop", "hadoop", True),
    ("ryanwi", "Spark", "spark", True),
    ("ryanwi", "Kafka", "kafka", True),
    ("ryanwi", "ETL", "etl", True),
    ("ryanwi", "Postgresql", "postgresql", True),
    ("ryanwi", "MySQL", "mysql", True),
    ("ryanwi", "Mongodb", "mongodb", True),
    ("ryanwi", "Redis", "redis", True),
    ("ryanwi", "Elasticsearch", "elasticsearch", True),
    ("ryanwi", "iOS", "ios", True),
    ("ryanwi", "Android", "android", True),
    ("ryanwi", "Blockchain", "blockchain", True),
    ("controlarm", "PhD", "phd", True),
    # Not asserted: DESIGN counts every relational database as SQL, ryanwi counts the word "SQL".
    ("ryanwi", "SQL", "sql", False),
]
COLUMNS = [
    "skill_id",
    "source",
    "benchmark_term",
    "months",
    "correlation",
    "our_mean_share",
    "their_mean_share",
    "asserted",
    "full_months",
    "correlation_full_months",
]
# Our copy of a month was crawled on day 2-5 of the thread (SOURCES.md): 2018-04 holds 41% of the posts
# the benchmarks counted, five more months under 80%. Shares of a thread's first posts are another
# sample than shares of the whole thread, so the file also gives r over the months we hold in full.
FULL_MONTH = 0.8  # our posts / the benchmark's posts in that month


@pytest.fixture(scope="module")
def our_shares() -> pl.DataFrame:
    """month, skill_id, share: the share of the month's posts that mention the skill (0…1)."""
    path = realdata_path("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz")
    posts = pl.read_ndjson(path).select(
        posting_id=pl.col("comment_id").cast(pl.String), month="thread_month", html="full_html"
    )
    headers = [parse_header(html) for html in posts["html"]]
    posts = posts.with_columns(
        title=pl.Series([h.title for h in headers], dtype=pl.String),
        company=pl.Series([h.company for h in headers], dtype=pl.String),
    )
    docs = posts.with_columns(description_text=html_to_text(pl.col("html"))).select(
        "posting_id", "company", text=skill_text(pl.col("title"), pl.col("description_text"))
    )
    mentions = match_skills(docs).join(posts.select("posting_id", "month"), on="posting_id")
    months = posts.group_by("month").agg(posts=pl.len())
    counts = mentions.group_by("month", "skill_id").agg(mentioning=pl.len())
    skills = pl.DataFrame({"skill_id": sorted({skill for _, _, skill, _ in BENCHMARK_TERMS})})
    return (
        months.join(skills, how="cross")
        .join(counts, on=["month", "skill_id"], how="left")
        .select("month", "skill_id", share=pl.col("mentioning").fill_null(0) / pl.col("posts"))
    )


def _benchmark(source: str) -> pl.DataFrame:
    """month, term, share (0…1) of one benchmark file."""
    base = "hn_trend_benchmarks"
    if source == "ryanwi":
        table = pl.read_csv(realdata_path(base, "ryanwi_hiringtrends_term_counts_2011-04_2024-05.csv.gz"))
        return table.select("month", "term", share=pl.col("percentage") / 100)
    table = pl.read_csv(realdata_path(base, "controlarm_keyword_share_2011-04_2026-07.csv"))
    return table.unpivot(index="month", variable_name="term", value_name="percentage").select(
        "month", "term", share=pl.col("percentage") / 100
    )


def _benchmark_posts(source: str) -> pl.DataFrame:
    """month, posts: how many posts of the month's thread the benchmark counted."""
    base = "hn_trend_benchmarks"
    if source == "ryanwi":
        table = pl.read_csv(realdata_path(base, "ryanwi_hiringtrends_term_counts_2011-04_2024-05.csv.gz"))
        return table.group_by("month").agg(posts=pl.col("num_comments").first())
    table = pl.read_csv(realdata_path(base, "controlarm_volume_2011-04_2026-07.csv"))
    return table.select("month", posts="hiring_posts")


@pytest.fixture(scope="module")
def our_posts_per_month() -> pl.DataFrame:
    """month, our_posts: the posts our copy holds per month."""
    path = realdata_path("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz")
    return pl.read_ndjson(path).group_by(month="thread_month").agg(our_posts=pl.len())


@pytest.fixture(scope="module")
def full_months(our_posts_per_month) -> dict[str, set[str]]:
    """Per benchmark source, the months our copy holds at least FULL_MONTH of the posts it counted."""
    return {
        source: set(
            _benchmark_posts(source)
            .join(our_posts_per_month, on="month")
            .filter(pl.col("our_posts") >= FULL_MONTH * pl.col("posts"))["month"]
        )
        for source in {s for s, _, _, _ in BENCHMARK_TERMS}
    }


def _correlation(both: pl.DataFrame) -> float:
    return round(both.select(pl.corr("ours", "theirs")).item(), 3)


@pytest.fixture(scope="module")
def figures(our_shares, full_months) -> list[dict]:
    """One row per benchmark term: the correlation of the two monthly series over common months, and
    over the common months our copy holds in full."""
    benchmarks = {source: _benchmark(source) for source in {s for s, _, _, _ in BENCHMARK_TERMS}}
    rows = []
    for source, term, skill, asserted in BENCHMARK_TERMS:
        theirs = benchmarks[source].filter(pl.col("term") == term).select("month", theirs="share")
        ours = our_shares.filter(pl.col("skill_id") == skill).select("month", ours="share")
        both = ours.join(theirs, on="month")
        full = both.filter(pl.col("month").is_in(list(full_months[source])))
        assert both.height >= 40 and full.height >= 40, f"{source} {term}: {both.height}/{full.height} common months"
        rows.append(
            {
                "skill_id": skill,
                "source": source,
                "benchmark_term": term,
                "months": both.height,
                "correlation": _correlation(both),
                "our_mean_share": round(both["ours"].mean(), 4),
                "their_mean_share": round(both["theirs"].mean(), 4),
                "asserted": asserted,
                "full_months": full.height,
                "correlation_full_months": _correlation(full),
            }
        )
    return rows


def test_the_comparison_covers_at_least_20_skills_with_go(figures):
    asserted = {row["skill_id"] for row in figures if row["asserted"]}
    assert len(asserted) >= 20 and "go" in asserted


def test_monthly_shares_move_like_the_benchmarks(figures):
    asserted = [row for row in figures if row["asserted"]]
    table = "\n".join(
        f"{r['skill_id']:<18} {r['source']:<10} {r['benchmark_term']:<18} r={r['correlation']:.3f} "
        f"ours={r['our_mean_share']:.2%} theirs={r['their_mean_share']:.2%}"
        for r in figures
    )
    print(table)
    correlations = [row["correlation"] for row in asserted]
    assert median(correlations) >= MIN_MEDIAN_CORRELATION, table
    weak = [row for row in asserted if row["correlation"] < MIN_CORRELATION]
    assert not weak, f"shape differs from the benchmark: {weak}"
    off_level = [
        row for row in asserted if not 1 / LEVEL_BAND <= row["our_mean_share"] / row["their_mean_share"] <= LEVEL_BAND
    ]
    assert not off_level, f"level differs by more than {LEVEL_BAND}x: {off_level}"


def test_the_committed_figures_match_a_fresh_run(figures):
    """JOBPULSE_REGENERATE=1 rewrites the file; otherwise it must agree with this run."""
    fresh = [{key: str(row[key]) for key in COLUMNS} for row in figures]
    if os.environ.get("JOBPULSE_REGENERATE"):
        with FIGURES.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(fresh)
    with FIGURES.open(encoding="utf-8", newline="") as handle:
        committed = list(csv.DictReader(handle))
    assert [(r["skill_id"], r["source"], r["benchmark_term"]) for r in committed] == [
        (r["skill_id"], r["source"], r["benchmark_term"]) for r in fresh
    ], "regenerate: JOBPULSE_REGENERATE=1"
    for old, new in zip(committed, fresh, strict=True):
        for column in ("correlation", "correlation_full_months"):
            assert math.isclose(float(old[column]), float(new[column]), abs_tol=0.02), (old, new)
        assert math.isclose(float(old["our_mean_share"]), float(new["our_mean_share"]), rel_tol=0.05, abs_tol=0.0005), (
            old,
            new,
        )
        for column in ("their_mean_share", "months", "full_months"):
            assert old[column] == new[column], (old, new)


HN_ESCAPES_SLASH_FROM = "2015-08"


def _level_ratio(our_shares: pl.DataFrame, skill: str, term: str) -> pl.DataFrame:
    """period ("before"/"after" HN began escaping "/"), ratio: our mean share / ryanwi's in that period."""
    theirs = _benchmark("ryanwi").filter(pl.col("term") == term).select("month", theirs="share")
    both = our_shares.filter(pl.col("skill_id") == skill).select("month", ours="share").join(theirs, on="month")
    period = pl.when(pl.col("month") < HN_ESCAPES_SLASH_FROM).then(pl.lit("before")).otherwise(pl.lit("after"))
    return both.group_by(period=period).agg(ratio=pl.col("ours").mean() / pl.col("theirs").mean())


def test_c_and_cpp_drift_from_ryanwi_where_hn_began_escaping_the_slash(our_shares):
    """Why C++ (and C) agree least: from 2015-08 HN writes "/" as "&#x2F;" in the post HTML, and
    ryanwi's counter splits the raw HTML into words without decoding it, so "C&#x2F;C++" is one
    word to it: "C/C++" stops counting for either language there, while we decode the HTML first.
    Their C and C++ shares drop against ours from that month; a language rarely written after a
    slash (Java) keeps its level. Read in the posts (2026-12): of the 155 posts where we find C++
    and a word split like theirs does not, 82 write it beside an escaped slash ("C&#x2F;C++"), 60 glue
    it to a tag ("C++<p>", their split ignores tags too) and 10 add a version ("C++11")."""
    path = realdata_path("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz")
    escaped = (
        pl.read_ndjson(path)
        .group_by(month="thread_month")
        .agg(share=pl.col("full_html").str.contains("&#x2F;", literal=True).mean())
    )
    assert escaped.filter(pl.col("month") < HN_ESCAPES_SLASH_FROM)["share"].max() == 0
    assert escaped.filter(pl.col("month") >= HN_ESCAPES_SLASH_FROM)["share"].min() > 0.8
    steps = {}
    for skill, term in (("cpp", "C++"), ("c", "C"), ("java", "Java")):
        ratio = dict(_level_ratio(our_shares, skill, term).iter_rows())
        steps[skill] = ratio["after"] - ratio["before"]
    print(steps)
    assert steps["cpp"] >= 0.05 and steps["c"] >= 0.05 and abs(steps["java"]) < 0.03, steps
