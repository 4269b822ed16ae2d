"""What a crawl says about itself, shared by the spider process and the pipeline that reads it.

The user agent names the project and how to reach its operator (polite crawling); the per-board
stats keys are how a spider's counters reach the landing file's sidecar, where ingest reads them
without importing Scrapy.
"""

from __future__ import annotations

import os

DEFAULT_CONTACT_URL = "https://github.com/jobpulse/jobpulse"
BOARD_PREFIX = "jobpulse/board/"


def user_agent(contact_url: str | None = None, email: str | None = None) -> str:
    """Who is asking and how to reach them, e.g. `jobpulse/0.1 (+https://example.org; ops@example.org)`."""
    contact = "; ".join(part for part in (contact_url or DEFAULT_CONTACT_URL, email) if part)
    return f"jobpulse/0.1 (+{contact})"


def environment_user_agent() -> str:
    """The user agent the operator's environment asks for (JOBPULSE_CONTACT[_URL], JOBPULSE_CONTACT_EMAIL)."""
    return user_agent(
        os.environ.get("JOBPULSE_CONTACT") or os.environ.get("JOBPULSE_CONTACT_URL"),
        os.environ.get("JOBPULSE_CONTACT_EMAIL"),
    )


def board_key(board: str, counter: str) -> str:
    """`jobpulse/board/<board>/<counter>`; counters: requests, status/<code>, items, errors,
    failure (the first reason it failed), pending (requests yielded but not yet answered),
    first_request_at / last_response_at (epoch seconds), listings (board documents parsed),
    declared_total (the job count the board states), dropped / dropped_reason (records refused)."""
    return f"{BOARD_PREFIX}{board}/{counter}"
