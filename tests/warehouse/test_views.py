"""The views count the way SCHEMA.md says: a duplicate cluster once, a multi-role post for each of
its roles (postings.role when it has no posting_roles rows), by posted_at or else first_seen."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from warehouse.db import connect

WEEK_47 = date(2026, 11, 16)  # a Monday
WEEK_48 = date(2026, 11, 23)


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    con.execute("INSERT INTO skills VALUES ('rag', 'RAG', 'genai'), ('python', 'Python', 'language')")
    yield con
    con.close()


def add_posting(
    con,
    posting_id,
    role,
    *,
    posted=None,
    seen=datetime(2026, 11, 20, 6),
    last_seen=None,
    cluster=None,
    skills=(),
    title="AI Engineer",
    company="Acme",
    roles=(),
):
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, company, title, role, posted_at, first_seen, last_seen, "
        "cluster_id) VALUES (?, 'greenhouse', ?, ?, ?, ?, ?, ?, ?, ?)",
        [posting_id, posting_id, company, title, role, posted, seen, last_seen or seen, cluster],
    )
    for skill in skills:
        con.execute("INSERT INTO posting_skills VALUES (?, ?)", [posting_id, skill])
    for extra_role, extra_title in roles:
        con.execute(
            "INSERT INTO posting_roles (posting_id, role, title) VALUES (?, ?, ?)",
            [posting_id, extra_role, extra_title],
        )


def weekly_share(con, role, skill, week):
    rows = con.execute(
        "SELECT with_skill, postings, share FROM weekly_role_skill_shares WHERE role = ? AND skill_id = ? AND week = ?",
        [role, skill, week],
    ).fetchall()
    return rows[0] if rows else None


def test_a_duplicate_cluster_counts_once(warehouse):
    add_posting(warehouse, "a1", "ai_engineer", cluster="c1", skills=("rag",))
    add_posting(warehouse, "a2", "ai_engineer", cluster="c1", skills=("rag",))  # same job, other board
    add_posting(warehouse, "a3", "ai_engineer", skills=("python",))  # no cluster: its own
    assert weekly_share(warehouse, "ai_engineer", "rag", WEEK_47) == (1, 2, 0.5)


def test_a_cluster_has_a_skill_when_any_of_its_postings_names_it(warehouse):
    add_posting(warehouse, "a1", "ai_engineer", cluster="c1", skills=("rag",))
    add_posting(warehouse, "a2", "ai_engineer", cluster="c1")
    assert weekly_share(warehouse, "ai_engineer", "rag", WEEK_47) == (1, 1, 1.0)


def test_a_multi_role_post_counts_for_each_role_and_others_fall_back_to_postings_role(warehouse):
    add_posting(
        warehouse,
        "hn1",
        "ai_engineer",
        skills=("python",),
        roles=[("ai_engineer", "AI Engineer"), ("data_scientist", "Data Scientist")],
    )
    add_posting(warehouse, "gh1", "data_scientist", skills=("python",))  # no posting_roles rows
    volume = dict(warehouse.execute("SELECT role, postings FROM weekly_role_postings").fetchall())
    assert volume == {"ai_engineer": 1, "data_scientist": 2}
    assert weekly_share(warehouse, "data_scientist", "python", WEEK_47) == (2, 2, 1.0)


@pytest.mark.parametrize(
    ("posted", "seen", "week"),
    [
        (datetime(2026, 11, 22, 23, 59), datetime(2026, 11, 24, 6), WEEK_47),  # Sunday posting, crawled Tuesday
        (None, datetime(2026, 11, 24, 6), WEEK_48),  # no publication date: the first crawl dates it
    ],
)
def test_a_posting_is_dated_by_posted_at_else_first_seen(warehouse, posted, seen, week):
    add_posting(warehouse, "a1", "ai_engineer", posted=posted, seen=seen, skills=("rag",))
    assert weekly_share(warehouse, "ai_engineer", "rag", week) == (1, 1, 1.0)


def test_skill_share_fills_periods_without_a_mention_with_zero(warehouse):
    add_posting(warehouse, "oct", "ai_engineer", posted=datetime(2026, 10, 5))
    add_posting(warehouse, "nov", "ai_engineer", posted=datetime(2026, 11, 5), skills=("rag",))
    add_posting(warehouse, "nov-ds", "data_scientist", posted=datetime(2026, 11, 6), skills=("rag",))
    rows = warehouse.execute(
        "SELECT period_start, with_skill, postings, share FROM skill_share('ai_engineer', 'rag')"
    ).fetchall()
    assert rows == [(date(2026, 10, 1), 0, 1, 0.0), (date(2026, 11, 1), 1, 1, 1.0)]


@pytest.mark.parametrize(
    ("day", "open_ids"),
    [
        (date(2026, 10, 31), set()),
        (date(2026, 11, 1), {"early"}),
        (date(2026, 11, 10), {"early", "late"}),
        (date(2026, 11, 16), {"late"}),  # `early` was last seen on the 15th
    ],
)
def test_postings_active_on_a_day(warehouse, day, open_ids):
    add_posting(
        warehouse,
        "early",
        "ml_engineer",
        posted=datetime(2026, 11, 1, 9),
        seen=datetime(2026, 11, 2, 6),
        last_seen=datetime(2026, 11, 15, 6),
    )
    add_posting(warehouse, "late", "ml_engineer", seen=datetime(2026, 11, 9, 6), last_seen=datetime(2026, 11, 23, 6))
    assert {
        r[0] for r in warehouse.execute("SELECT posting_id FROM postings_active_on(?)", [day]).fetchall()
    } == open_ids


def test_title_variants_fold_case_and_spacing(warehouse):
    add_posting(warehouse, "t1", "ai_engineer", title="Applied AI Engineer", company="Acme")
    add_posting(warehouse, "t2", "ai_engineer", title="Applied AI Engineer", company="Globex")
    add_posting(warehouse, "t3", "ai_engineer", title="applied  AI engineer ", company="Acme")
    rows = warehouse.execute("SELECT title, postings, companies FROM title_variants").fetchall()
    assert rows == [("Applied AI Engineer", 3, 2)]


def test_views_survive_reconnecting(tmp_path):
    connect(tmp_path / "w.duckdb").close()
    con = connect(tmp_path / "w.duckdb", read_only=True)
    try:
        views = {v for (v,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        con.close()
    assert {"role_postings", "weekly_role_skill_shares", "monthly_role_skill_shares", "title_variants"} <= views
