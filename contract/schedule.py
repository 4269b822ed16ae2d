"""When the weekly pipeline runs: one constant for `jobpulse serve`, the CLI's default and the
Prefect deployment (prefect.yaml and the README are held to it by tests/contract/test_contract.py)."""

from __future__ import annotations

WEEKLY_CRON = "0 6 * * 1"  # Mondays 06:00 UTC: the week before is complete and crawled fresh
SCHEDULE_TIMEZONE = "UTC"
