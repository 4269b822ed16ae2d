"""Helpers for the explorer's browser tests: Debian's Chromium under Playwright, the page opened from
file:// with every other request refused, console errors collected, screenshots kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def launch(playwright):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


class OpenedPage:
    """A page of the explorer, what it said on the console and what it tried to fetch."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.fetched: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.route("**/*", self._only_the_file)
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_selector("body[data-ready=true]", timeout=15_000)

    def _only_the_file(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.fetched.append(route.request.url)
            route.abort()

    def pick(self, *, roles: list[str], skills: list[str], grain: str, region: str = "all regions") -> None:
        """Use the controls as a reader would: by their labels."""
        page = self.page
        for box in page.locator("input[name=role]").all():
            box.uncheck()
        for role in roles:
            page.get_by_role("checkbox", name=role, exact=True).check()
        page.get_by_label("Search skills").fill(skills[0][:3])
        page.get_by_label("Skills to show").select_option(label=skills)
        page.get_by_role("radio", name=grain, exact=True).check()
        if region != "all regions" or page.get_by_label("Country or work place").is_enabled():
            page.get_by_label("Country or work place").select_option(label=region)

    def shown(self) -> dict:
        """What the share chart plots: per period label, per skill, the share and its counts."""
        return self.page.evaluate(
            """() => {
                const s = explorer.shareSeries, u = explorer.share;
                return {labels: s.labels, totals: s.totals, region: s.region,
                        plotted: u.data.slice(1).filter((_, i) => i % 3 === 0),
                        skills: s.skills.map(k => ({name: k.name, counts: k.counts, lo: k.lo, hi: k.hi})),
                        spanGaps: u.series.slice(1).map(x => !!x.spanGaps)};
            }"""
        )

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path
