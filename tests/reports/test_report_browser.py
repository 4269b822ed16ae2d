"""The HTML report in a real browser (headless Chromium): the headline and its role × skill grid are on the
first screen, role sections fold and open from the keyboard, a 375 px phone never scrolls sideways, every
section and chart renders, offline, with no console errors. Screenshots (top of page, phone width, full
page) are kept under test-artifacts/ for a human to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from planted_trends import AS_OF
from report_page import CHROMIUM, LAUNCH_ARGS, OPEN_ALL, TOP_OF_PAGE, phone_widths

from reports.build import build_report
from reports.formatting import has_postings
from reports.model import Section, from_json
from reports.taxonomy import SUBSECTIONS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def anchor(section_id: str) -> str:
    if section_id in SUBSECTIONS:
        return f"role-{SUBSECTIONS[section_id]}-{section_id}"
    return {"all_ml": "overview-all", "all_postings": "all-postings"}.get(section_id, f"role-{section_id}")


def expected_charts(section: dict) -> set[str]:
    """The charts a section with these numbers must show (the renderer leaves out empty ones)."""
    if not has_postings(from_json(Section, section)):
        return set()
    wanted = {
        "volume": True,
        "top-skills": section["top_skills"],
        "moves": section["risers"] + section["fallers"],
        "skill-history": section["skill_history"]["skills"],
        "seniority": section["seniority"],
        "remote": section["remote"]["values"],
        "salary": section["salary"]["by_seniority"],
    }
    return {chart for chart, present in wanted.items() if present}


def all_sections(summary: dict) -> dict[str, dict]:
    found = {"all_ml": summary["overview"], "all_postings": summary["all_postings"]}
    for role, section in summary["roles"].items():
        found[role] = section
        found.update(section["subsections"])
    return found


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def rendered(browser, planted_warehouse, tmp_path_factory):
    """The planted report opened in Chromium: what it showed, said on the console and tried to fetch."""
    report = build_report(planted_warehouse, tmp_path_factory.mktemp("browser"), as_of=AS_OF)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, fetched = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def only_the_file(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            fetched.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    page.goto(report.html_path.as_uri(), wait_until="load")
    top = page.evaluate(TOP_OF_PAGE)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"report-{report.week}-top.png")
    )  # the first 900 px, as a reader first sees them
    # Role sections start folded; a reader opens one with the keyboard (Tab to its summary, Enter).
    page.focus("#role-ml_engineer summary")
    page.keyboard.press("Enter")
    opened_by_keyboard = page.eval_on_selector("#role-ml_engineer details", "d => d.open")
    page.eval_on_selector_all("details", OPEN_ALL)
    charts = page.eval_on_selector_all(
        "svg.chart",
        "nodes => nodes.map(n => [n.closest('section').id, n.dataset.chart, n.getBoundingClientRect().width,"
        " n.getBoundingClientRect().height])",
    )
    sections = page.eval_on_selector_all("section", "nodes => nodes.map(n => n.id)")
    screenshot = ARTIFACTS / f"report-{report.week}.png"
    page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    return {
        "report": report,
        "errors": errors,
        "fetched": fetched,
        "charts": charts,
        "sections": sections,
        "screenshot": screenshot,
        "top": top,
        "opened_by_keyboard": opened_by_keyboard,
    }


def test_every_role_and_sub_section_is_on_the_page(rendered):
    wanted = {anchor(sid) for sid in all_sections(rendered["report"].summary)} | {"overview", "data-quality", "notes"}
    assert wanted <= set(rendered["sections"])
    assert len(rendered["sections"]) == len(set(rendered["sections"]))  # no section twice


def test_every_chart_a_section_needs_is_drawn(rendered):
    drawn: dict[str, set[str]] = {}
    for section_id, chart, width, height in rendered["charts"]:
        assert width > 100 and height > 20, f"{chart} in {section_id} has no size"
        drawn.setdefault(section_id, set()).add(chart)
    for section_id, section in all_sections(rendered["report"].summary).items():
        assert drawn.get(anchor(section_id), set()) == expected_charts(section), section_id
    assert expected_charts(rendered["report"].summary["roles"]["data_scientist"]) >= {"volume", "salary", "moves"}


def test_the_console_stays_clean_and_nothing_is_fetched(rendered):
    assert rendered["errors"] == []
    assert rendered["fetched"] == []


def test_a_screenshot_is_kept(rendered):
    assert rendered["screenshot"].stat().st_size > 10_000


def test_the_headline_and_its_grid_are_on_the_first_screen(rendered):
    assert rendered["top"]["headline"] < 1200
    assert rendered["top"]["grid"] < 1200  # which skills moved for which role, right under "What moved"
    assert (ARTIFACTS / f"report-{rendered['report'].week}-top.png").stat().st_size > 10_000


def test_role_sections_start_folded_and_open_from_the_keyboard(rendered):
    assert rendered["top"]["folded"] >= 5  # every role, all ML roles together, all postings
    assert rendered["opened_by_keyboard"]


def test_a_phone_wide_page_does_not_scroll_sideways(browser, planted_report):
    """At 375 px wide, folded as loaded and with every section open, nothing widens the page: wide tables
    scroll inside their own box, charts shrink to fit."""
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-{planted_report.week}-375px.png"
    widths = phone_widths(browser, planted_report.html_path, shot)
    for state, (page_width, viewport) in widths.items():
        assert viewport == 375
        assert page_width <= viewport, f"page {page_width} px wide at a {viewport} px viewport (sections {state})"
    assert shot.stat().st_size > 10_000
