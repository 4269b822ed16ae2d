"""The explorer in a real browser (Debian's Chromium, headless), opened from file:// with no network.

A reader picks two skills and a role, switches the period grain and the region; what the chart plots
must equal what a plain SQL query over the same warehouse says (the query is written here, not taken
from the explorer). Months without any data must be gaps, strings from postings must stay text, and
the console must stay clean. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import polars as pl
import pytest
from explore_browser import OpenedPage, launch
from report_warehouse import PostingFactory, write_warehouse

from reports.explore import build_explorer
from warehouse.db import connect

FIRST_WEEK = date(2025, 10, 6)
WEEKS = 40
SILENT_MONTH = (2026, 3)  # no source covered March 2026: the chart must show a gap, not a zero
XSS_TITLE = '</script><script>alert("title")</script>'
XSS_COMPANY = '<img src=x onerror=alert("company")>'


def explore_frames() -> dict[str, pl.DataFrame]:
    """Our own rows: three roles, three countries and unknown, remote and not, RAG rising for AI
    engineers in Germany, one post hiring for two roles, and hostile strings in a title and a company."""
    rng = random.Random(15)
    factory, countries = PostingFactory(), {}
    for week in range(WEEKS):
        start = FIRST_WEEK + timedelta(weeks=week)
        if (start.year, start.month) == SILENT_MONTH or (
            (start + timedelta(days=6)).year,
            (start + timedelta(days=6)).month,
        ) == SILENT_MONTH:
            continue
        for role, count in (("ai_engineer", 12), ("ml_engineer", 10), ("data_scientist", 8)):
            for _ in range(count):
                country = rng.choice(["DE", "DE", "US", "GB", None])
                rag = rng.random() < (0.1 + 0.5 * week / WEEKS if country == "DE" else 0.2)
                skills = tuple(
                    s for s, on in (("python", rng.random() < 0.7), ("rag", rag), ("pytorch", rng.random() < 0.3)) if on
                )
                title = XSS_TITLE if role == "ai_engineer" and rng.random() < 0.2 else None
                posting = factory.add(
                    role,
                    start,
                    skills=skills,
                    day=rng.randrange(7),
                    title=title,
                    company=XSS_COMPANY if rng.random() < 0.3 else f"Company {rng.randrange(30)}",
                    remote=rng.choice(["remote", "onsite", "hybrid", None]),
                )
                countries[posting] = country
    both = factory.add(
        "ai_engineer",
        FIRST_WEEK,
        skills=("rag",),
        title="AI / ML Engineer",
        remote="remote",
        roles=({"role": "ai_engineer"}, {"role": "ml_engineer"}),
    )
    countries[both] = "DE"
    frames = factory.frames()
    frames["postings"] = frames["postings"].with_columns(
        country=pl.col("posting_id").replace_strict(countries, default=None)
    )
    return frames


def sql_shares(
    db, roles: str | list[str], grain: str, skills: list[str], country: str | None = None, remote: str | None = None
) -> dict:
    """The answer in plain SQL over the warehouse's documented view: per period, postings of the
    roles and how many of them name each skill (a posting, or duplicate cluster, counts once)."""
    label = {
        "month": "strftime(month, '%Y-%m')",
        "week": "strftime(week, '%G-W%V')",
        "quarter": "year(month) || '-Q' || quarter(month)",
    }[grain]
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            f"""
            WITH named AS (SELECT posting_id, list(skill_id) AS skills FROM posting_skills GROUP BY posting_id)
            SELECT {label} AS period, count(DISTINCT r.cluster_id) AS postings,
                   count(DISTINCT r.cluster_id) FILTER (WHERE list_contains(n.skills, ?)) AS first,
                   count(DISTINCT r.cluster_id) FILTER (WHERE list_contains(n.skills, ?)) AS second
            FROM role_postings r LEFT JOIN named n USING (posting_id)
            WHERE r.role IN (SELECT unnest(?)) AND (? IS NULL OR r.country = ?) AND (? IS NULL OR r.remote = ?)
            GROUP BY period
            """,
            [skills[0], skills[1], [roles] if isinstance(roles, str) else roles, country, country, remote, remote],
        ).fetchall()
    finally:
        con.close()
    return {period: (postings, first, second) for period, postings, first, second in rows}


@pytest.fixture(scope="module")
def explore_warehouse(tmp_path_factory):
    return write_warehouse(tmp_path_factory.mktemp("explore") / "warehouse.duckdb", explore_frames())


@pytest.fixture(scope="module")
def explorer(explore_warehouse, tmp_path_factory):
    return build_explorer(explore_warehouse, tmp_path_factory.mktemp("explore-out"))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def opened(browser, explorer):
    page = OpenedPage(browser, explorer.path)
    yield page
    page.page.close()


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval, from its textbook formula."""
    p = k / n
    centre, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def assert_chart_matches_sql(shown: dict, expected: dict) -> None:
    assert len(shown["labels"]) == len(shown["plotted"][0])
    plotted_periods = 0
    for i, label in enumerate(shown["labels"]):
        if label not in expected:  # no posting of the role there (or no coverage at all): a gap
            assert [series[i] for series in shown["plotted"]] == [None, None], label
            continue
        postings, *mentions = expected[label]
        assert shown["totals"][i] == postings, label
        for series, skill, named in zip(shown["plotted"], shown["skills"], mentions):
            assert skill["counts"][i] == named, (label, skill["name"])
            assert series[i] == pytest.approx(named / postings), (label, skill["name"])
            assert (skill["lo"][i], skill["hi"][i]) == pytest.approx(wilson(named, postings)), (label, skill["name"])
        plotted_periods += 1
    assert plotted_periods >= 3


def test_two_skills_and_a_role_by_month_match_sql(opened, explore_warehouse):
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="month")
    shown = opened.shown()
    assert [s["name"] for s in shown["skills"]] == ["Python", "RAG"]
    assert_chart_matches_sql(shown, sql_shares(explore_warehouse, "ai_engineer", "month", ["python", "rag"]))
    opened.screenshot("explore-month-ai-engineer.png")


def test_switching_grain_and_region_still_matches_sql(opened, explore_warehouse):
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="week")
    assert_chart_matches_sql(opened.shown(), sql_shares(explore_warehouse, "ai_engineer", "week", ["python", "rag"]))
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="month", region="DE")
    assert_chart_matches_sql(
        opened.shown(), sql_shares(explore_warehouse, "ai_engineer", "month", ["python", "rag"], country="DE")
    )
    opened.screenshot("explore-month-germany.png")
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="quarter", region="remote")
    assert_chart_matches_sql(
        opened.shown(), sql_shares(explore_warehouse, "ai_engineer", "quarter", ["python", "rag"], remote="remote")
    )


def test_weeks_are_for_all_regions(opened):
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="month", region="GB")
    opened.page.get_by_role("radio", name="week", exact=True).check()
    region = opened.page.get_by_label("Country or work place")
    assert region.is_disabled() and region.input_value() == "0"
    assert opened.shown()["region"] == 0


def test_hovering_a_point_shows_its_counts_and_interval(opened, explore_warehouse):
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="month")
    expected = sql_shares(explore_warehouse, "ai_engineer", "month", ["python", "rag"])
    shown = opened.shown()
    i = shown["labels"].index("2026-01")
    x, y = opened.page.evaluate(
        f"[explorer.share.valToPos(explorer.share.data[0][{i}], 'x'), explorer.share.valToPos(0.5, 'y')]"
    )
    opened.page.locator("#share-chart .u-over").hover(position={"x": x, "y": y})
    legend = opened.page.locator("#share-chart .u-legend").inner_text()
    postings, python, _ = expected["2026-01"]
    assert "2026-01" in legend
    assert f"({python} of {postings}; 95% CI" in legend


def test_two_roles_by_quarter_count_a_post_for_both_once(opened, explore_warehouse):
    opened.pick(roles=["AI Engineer", "Machine Learning Engineer"], skills=["PyTorch", "RAG"], grain="quarter")
    expected = sql_shares(explore_warehouse, ["ai_engineer", "ml_engineer"], "quarter", ["pytorch", "rag"])
    assert_chart_matches_sql(opened.shown(), expected)


def test_title_variants_match_sql(opened, explore_warehouse):
    opened.pick(roles=["AI Engineer"], skills=["Python", "RAG"], grain="month")
    opened.page.locator("#title-role").select_option(label="AI Engineer")
    chart = opened.page.evaluate(
        "({labels: explorer.titles.series.slice(1).map(s => s.label), data: explorer.titles.data.slice(1),"
        " periods: explorer.shareSeries.labels})"
    )
    con = connect(explore_warehouse, read_only=True)
    try:
        rows = con.execute(
            """
            WITH totals AS (SELECT month, count(DISTINCT cluster_id) AS total FROM role_postings
                            WHERE role = 'ai_engineer' GROUP BY month)
            SELECT strftime(month, '%Y-%m'), lower(regexp_replace(trim(title), '\\s+', ' ', 'g')) AS variant,
                   count(DISTINCT cluster_id), any_value(total)
            FROM role_postings JOIN totals USING (month) WHERE role = 'ai_engineer' GROUP BY month, variant
            """
        ).fetchall()
    finally:
        con.close()
    share = {(period, variant): n / total for period, variant, n, total in rows}
    assert XSS_TITLE in chart["labels"] and len(chart["labels"]) == 3  # every title the AI engineers here use
    for label, series in zip(chart["labels"], chart["data"]):
        for period, value in zip(chart["periods"], series):
            expected = share.get((period, label.lower()), 0.0) if any(p == period for p, _ in share) else None
            assert value == (None if expected is None else pytest.approx(expected)), (label, period)


def test_companies_behind_a_skill_match_sql(opened, explore_warehouse):
    opened.page.locator("#company-role").select_option(label="AI Engineer")
    opened.page.locator("#company-skill").select_option(label="RAG")
    recent, baseline = opened.page.evaluate("[explorer.data.companies.recent, explorer.data.companies.baseline]")
    shown = [row.split("\t") for row in opened.page.locator("#companies-table tbody").inner_text().splitlines()]
    con = connect(explore_warehouse, read_only=True)
    try:
        rows = con.execute(
            """
            WITH named AS (SELECT posting_id FROM posting_skills WHERE skill_id = 'rag'),
            windowed AS (SELECT r.*, posted_on >= ?::DATE AS recent,
                                posting_id IN (SELECT posting_id FROM named) AS names_it
                         FROM role_postings r
                         WHERE role = 'ai_engineer' AND posted_on >= ?::DATE AND posted_on < ?::DATE)
            SELECT company, count(*) FILTER (WHERE recent AND names_it), count(*) FILTER (WHERE recent),
                   count(*) FILTER (WHERE NOT recent AND names_it), count(*) FILTER (WHERE NOT recent)
            FROM windowed GROUP BY company
            """,
            [recent[0], baseline[0], recent[1]],
        ).fetchall()
    finally:
        con.close()
    expected = {company: [f"{a} of {b}", f"{c} of {d}"] for company, a, b, c, d in rows}
    assert len(shown) == 8  # the eight companies naming RAG most in the recent window
    for company, recent_text, baseline_text in shown:
        assert [recent_text, baseline_text] == expected[company], company
    most_recent = sorted((int(v[0].split(" of ")[0]) for v in expected.values()), reverse=True)[:8]
    assert [int(r.split(" of ")[0]) for _, r, _ in shown] == most_recent


def test_an_uncovered_month_is_a_gap_not_a_zero(opened):
    opened.pick(
        roles=["AI Engineer", "Machine Learning Engineer", "Data Scientist"], skills=["Python", "RAG"], grain="month"
    )
    shown = opened.shown()
    march = shown["labels"].index("2026-03")
    assert shown["totals"][march] is None
    assert [series[march] for series in shown["plotted"]] == [None, None]
    assert all(series[march - 1] is not None and series[march + 1] is not None for series in shown["plotted"])
    assert not any(shown["spanGaps"])  # uPlot breaks the line at a null instead of bridging it
    assert "2026-03" not in opened.page.locator("#share-table").inner_text()


def test_strings_from_postings_stay_text(opened):
    opened.page.locator("#title-role").select_option(label="AI Engineer")
    legend = opened.page.locator("#titles-chart").inner_text()
    assert XSS_TITLE in legend  # shown as the characters it is made of
    opened.page.locator("#company-role").select_option(label="AI Engineer")
    opened.page.locator("#company-skill").select_option(label="Python")
    assert XSS_COMPANY in opened.page.locator("#companies-table").inner_text()
    assert opened.dialogs == []
    assert opened.page.locator("img").count() == 0


def test_the_console_stays_clean_and_nothing_is_fetched(opened):
    assert opened.errors == []
    assert opened.fetched == []
    assert opened.screenshot("explore-synthetic.png").stat().st_size > 10_000


def test_the_file_holds_counts_not_postings(explorer, explore_warehouse):
    text = explorer.path.read_text(encoding="utf-8")
    assert "description" not in text.lower() and "p0000001" not in text  # no posting text, no posting ids
    assert "</script><script>alert" not in text and "<img src=x" not in text  # escaped inside the embedded JSON
    assert explorer.bytes < 1_000_000
    index = (explorer.path.parent / "index.html").read_text(encoding="utf-8")
    assert 'href="explore.html"' in index
