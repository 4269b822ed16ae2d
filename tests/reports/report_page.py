"""The report page as a reader's browser shows it: where the headline starts and whether the page is wider
than a phone. Used by test_report_browser.py, and by hand for the README's screenshot:

    .venv/bin/python tests/reports/report_page.py data/demo/reports/report-2026-W49.html docs/report-top.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 375, "height": 812}
# Where the headline and its role × skill grid start, and which role sections are folded, on the page as loaded.
TOP_OF_PAGE = """() => ({
  headline: document.querySelector('#what-moved h2').getBoundingClientRect().top + window.scrollY,
  grid: (document.querySelector('table[data-grid=role-skill]') || document.querySelector('#role-skill-grid'))
        .getBoundingClientRect().top + window.scrollY,
  folded: [...document.querySelectorAll('section.report-section > details')].filter(d => !d.open).length,
})"""
WIDTHS = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
OPEN_ALL = "nodes => nodes.forEach(d => { d.open = true; })"


def phone_widths(browser, html: Path, screenshot: Path | None = None) -> dict:
    """[page width, viewport width] at 375 px, with the sections folded (as loaded) and all open."""
    page = browser.new_page(viewport=PHONE)
    page.goto(html.as_uri(), wait_until="load")
    if screenshot:
        page.screenshot(path=str(screenshot))
    folded = page.evaluate(WIDTHS)
    page.eval_on_selector_all("details", OPEN_ALL)
    opened = page.evaluate(WIDTHS)
    page.close()
    return {"folded": folded, "open": opened}


def top_of_page(browser, html: Path, screenshot: Path | None = None) -> dict:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(html.as_uri(), wait_until="load")
    if screenshot:
        page.screenshot(path=str(screenshot))
    top = page.evaluate(TOP_OF_PAGE)
    height = page.evaluate("() => document.scrollingElement.scrollHeight")
    page.close()
    return {**top, "page_height": height}


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    html, out = Path(argv[0]).resolve(), Path(argv[1])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        print(json.dumps({"top": top_of_page(browser, html, out), "phone": phone_widths(browser, html)}))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
