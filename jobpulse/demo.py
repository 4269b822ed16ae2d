"""`jobpulse demo`: the real pipeline, offline — real spiders crawl the local sandbox board."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jobpulse.first_steps import schema_doc
from jobpulse.printers import print_pipeline_outcome
from jobpulse.progress import CrawlWatcher
from pipeline.sources import SourceSpec


def sandbox_sources(base_url: str) -> list[SourceSpec]:
    """Every board the sandbox serves, as the sources a real run would be configured with."""
    with urllib.request.urlopen(f"{base_url}/_sandbox/boards", timeout=10) as response:
        boards = json.load(response)
    from jobpulse.sandbox.corpus import ATS_NAMES

    specs = [SourceSpec(ats, tuple(boards[ats]), base_url) for ats in ATS_NAMES if boards.get(ats)]
    # Every thread the sandbox has (a full backfill): without `since` an HN crawl is incremental.
    specs.append(SourceSpec("hn", (), base_url, {"since": "2011-01"}))
    # Aggregators re-publish some of the boards' postings: the demo shows them counted once.
    specs += [SourceSpec(name, (), base_url) for name in boards.get("aggregators", [])]
    if boards.get("careers"):
        # Paths, not URLs, so the crawl is local to the sandbox (no politeness delays) and board
        # names do not carry the sandbox's random port.
        paths = ",".join(urlsplit(url).path for url in boards["careers"])
        specs.append(SourceSpec("careers", (), base_url, {"urls": paths}))
    return specs


def run_demo(
    *, demo_dir: Path, db_path: Path, fresh: bool, seed: int = 7, as_of: date | None = None, progress: str = "quiet"
) -> int:
    from flows.weekly import weekly_pipeline
    from jobpulse.sandbox.corpus import generate_corpus
    from jobpulse.sandbox.server import SandboxBoard

    started = time.monotonic()
    today = as_of or datetime.now(UTC).date()
    if fresh:
        # The default demo warehouse is rebuilt each time so the demo always shows one clean run.
        for stale in (db_path, db_path.with_name(db_path.name + ".wal"), demo_dir / "landing"):
            if stale.is_dir():
                shutil.rmtree(stale)
            elif stale.exists():
                stale.unlink()
    corpus = generate_corpus(seed=seed, end=today)
    with SandboxBoard(corpus) as board:
        sources = sandbox_sources(board.base_url)
        print(
            f"sandbox board on {board.base_url}: "
            + ", ".join(f"{s.source} ({len(s.boards) or 'threads'} boards)" if s.boards else s.source for s in sources)
        )
        with CrawlWatcher(progress, sources, demo_dir / "landing"):  # bars, lines or quiet (jobpulse/progress.py)
            outcome = weekly_pipeline(sources, db_path, demo_dir / "landing", demo_dir / "reports", as_of=today)
    _print_outcome(outcome)
    print(f"\nwarehouse: {db_path.resolve()}")
    print(f"report:    {Path(outcome['report']['markdown']).resolve()}")
    print(f"           {Path(outcome['report']['html']).resolve()}")
    print(
        f"try:       jobpulse sql --db {db_path} \"SELECT * FROM skill_share('ai_engineer', 'rag')\"  "
        f"(see {schema_doc()})"
    )
    print(f"demo finished in {time.monotonic() - started:.0f} s")
    return 0 if all(c["status"] == "ok" for c in outcome["crawls"]) else 1


def _print_outcome(outcome: dict[str, Any]) -> None:
    print_pipeline_outcome(outcome)
    summary = json.loads(Path(outcome["report"]["json"]).read_text())
    print(f"\nweek {summary.get('week')}: what moved")
    for role, section in summary.get("roles", {}).items():
        calls = [t for t in section.get("trends", []) if t.get("call") in ("rising", "falling")]
        calls.sort(key=lambda t: -abs(t.get("change_pts", 0)))
        moved = ", ".join(
            f"{t['skill_id']} {'▲' if t['call'] == 'rising' else '▼'}{abs(t['change_pts']):.0f}pt" for t in calls[:4]
        )
        count = section["postings"]["week"]
        shown = "no data" if count is None else f"{count:>4} postings"  # None: the week had no coverage
        print(f"  {role:<19} {shown}  {moved or 'no significant moves'}")
