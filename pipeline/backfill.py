"""History on the first run: an empty warehouse gets months of HN threads before its first report.

ATS boards list only what is open today, so a first report would have no trends at all. HN's
monthly "Who is hiring?" threads reach back to 2011; when the warehouse holds no HN posting yet,
`run` asks the HN crawl for the last `backfill_months` months (the current one included) instead
of the current month only. Later runs find HN data and stay incremental (pipeline/sources.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from pipeline.sources import DEFAULT_BACKFILL_MONTHS, SourceSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackfillPlan:
    months: int
    since: str  # YYYY-MM, the first month asked for

    def announcement(self) -> str:
        return (
            f"first run: the warehouse holds no HN postings yet, so HN is backfilled {self.months} months "
            f"(threads since {self.since}) before this week's crawl"
        )


def months_back(months: int, today: date) -> str:
    """The first of `months` months ending with today's: months_back(3, 2026-12-07) == '2026-10'."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def warehouse_has_hn(db_path: Path | None) -> bool:
    """True when the warehouse already holds an HN posting (then HN runs stay incremental)."""
    if db_path is None or not Path(db_path).exists():
        return False
    import duckdb

    from warehouse.db import connect

    try:
        con = connect(db_path, read_only=True)
    except duckdb.Error as exc:  # unreadable: say so and do not backfill blindly over it
        log.warning("could not read %s to look for HN postings: %s", db_path, exc)
        return True
    try:
        return (
            con.execute("SELECT count(*) FROM (SELECT 1 FROM postings WHERE source = 'hn' LIMIT 1)").fetchone()[0] > 0
        )
    except duckdb.Error:
        return False  # no postings table yet: a warehouse that was never loaded
    finally:
        con.close()


def with_first_run_backfill(
    sources: list[SourceSpec], db_path: Path | None, months: int | None = None, today: date | None = None
) -> tuple[list[SourceSpec], BackfillPlan | None]:
    """The sources with HN's `since` set to the backfill's first month when this is HN's first run.

    `months` (the CLI's --backfill-months) overrides the [hn] table's `backfill_months`, which
    overrides the default of 36; 0 turns it off. An HN source given `since` or `threads` is left alone."""
    hn = next((s for s in sources if s.source == "hn"), None)
    if hn is None or "since" in hn.args or "threads" in hn.args:
        return sources, None
    wanted = (
        months
        if months is not None
        else hn.backfill_months
        if hn.backfill_months is not None
        else DEFAULT_BACKFILL_MONTHS
    )
    if wanted <= 0 or warehouse_has_hn(db_path):
        return sources, None
    plan = BackfillPlan(wanted, months_back(wanted, today or datetime.now(UTC).date()))
    backfilled = replace(hn, args={**hn.args, "since": plan.since})
    return [backfilled if s is hn else s for s in sources], plan
