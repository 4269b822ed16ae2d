"""Run one Scrapy spider in its own process and land its items as one JSON Lines file.

Scrapy owns a reactor that cannot restart inside one process, so every crawl is a subprocess;
the hand-off is the landing file plus a `.meta.json` sidecar (when, what, Scrapy's stats).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.landing import write_meta

# Loopback servers (the sandbox board) need no politeness delays; real hosts keep the defaults.
LOCAL_SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS_PER_DOMAIN": "16"}


@dataclass
class CrawlResult:
    run_id: str
    source: str
    landing_file: Path | None
    status: str  # 'ok' | 'failed'
    items: int
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def summary(self) -> dict[str, Any]:
        """The per-source counters a run reports: requests, responses by status, items, errors."""
        return {
            "run_id": self.run_id,
            "source": self.source,
            "status": self.status,
            "items": self.items,
            "requests": self.stats.get("downloader/request_count", 0),
            "responses_by_status": {
                key.rsplit("/", 1)[1]: value
                for key, value in self.stats.items()
                if key.startswith("downloader/response_status_count/")
            },
            "errors": self.stats.get("log_count/ERROR", 0),
            "seconds": round(self.seconds, 2),
            "error": self.error,
        }


def is_local(base_url: str | None) -> bool:
    return bool(base_url) and any(h in base_url for h in ("://127.", "://localhost", "://[::1]"))


def run_spider(
    source: str,
    landing_dir: Path,
    *,
    boards: list[str] | None = None,
    base_url: str | None = None,
    spider_args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    timeout: float | None = None,
) -> CrawlResult:
    """Crawl one source into `<landing_dir>/<source>/<run id>.jsonl`; never raises for a failed crawl."""
    crawled_at = datetime.now(UTC)
    run_id = f"{crawled_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    out_dir = Path(landing_dir) / source
    out_dir.mkdir(parents=True, exist_ok=True)
    landing = out_dir / f"{run_id}.jsonl"
    partial = out_dir / f"{run_id}.jsonl.part"
    stats_file = out_dir / f"{run_id}.stats.json"
    log_file = out_dir / f"{run_id}.log"

    args = dict(spider_args or {})
    if boards:
        args["boards"] = ",".join(boards)
    if base_url:
        args["base_url"] = base_url
    merged = {**(LOCAL_SETTINGS if is_local(base_url) else {}), **(settings or {})}
    merged |= {
        "LOG_FILE": str(log_file),
        "LOG_LEVEL": "INFO",
        "JOBPULSE_STATS_FILE": str(stats_file),
        "EXTENSIONS": json.dumps({"crawlers.stats_file.StatsFile": 900}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-O", f"{partial}:jsonlines"]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    for key, value in merged.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}

    started = time.monotonic()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        error = None
        if done.returncode != 0:
            log_text = log_file.read_text(errors="replace") if log_file.exists() else ""
            error = _last_lines(done.stderr or log_text)
    except subprocess.TimeoutExpired:
        error = f"crawl timed out after {timeout:.0f} s"
    seconds = time.monotonic() - started
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}

    if error is None and partial.exists():
        partial.rename(landing)  # a landing file only appears once its crawl has finished
        items = int(stats.get("item_scraped_count", 0))
        write_meta(landing, {"source": source, "crawled_at": crawled_at.isoformat(), "run_id": run_id,
                             "boards": boards, "base_url": base_url, "spider_args": spider_args, "stats": stats})
        return CrawlResult(run_id, source, landing, "ok", items, seconds, stats)
    return CrawlResult(run_id, source, None, "failed", 0, seconds, stats, error or "spider wrote no output")


def _last_lines(text: str, n: int = 5) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return " | ".join(lines[-n:]) or "spider exited with an error"
