"""Real `scrapy crawl` runs of the aggregator and career-site spiders against one sandbox board.

Each crawl is its own process (Scrapy's reactor cannot restart), so they all start together and
run side by side, once per test session (`sandbox_crawls()` is cached); every spider's test file
then asserts on its own crawl. Delays are off, as for any crawl of the local sandbox.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpulse.sandbox import Corpus, SandboxBoard, generate_corpus, wire_aggregators

REPO = Path(__file__).resolve().parents[2]
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_START_DELAY=0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
]


@dataclass(frozen=True)
class Crawl:
    returncode: int
    stderr: str
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    seconds: float

    def ids(self) -> list[str]:
        return [item["source_id"] for item in self.items]


@dataclass(frozen=True)
class SandboxCrawls:
    corpus: Corpus
    base_url: str
    boards: dict[str, Any]  # the board's /_sandbox/boards answer
    crawls: dict[str, Crawl]


def scrapy_command(spider: str, out: Path, stats: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        spider,
        "-O",
        f"{out}:jsonlines",
        *args,
        *FAST,
        "-s",
        f"JOBPULSE_STATS_FILE={stats}",
        "-s",
        'EXTENSIONS={"crawlers.stats_file.StatsFile": 900}',
    ]


def run_together(commands: dict[str, list[str]], workdir: Path, timeout: float = 180) -> dict[str, Crawl]:
    """Start every command at once, wait for all; each writes <name>.jsonl and <name>.stats.json."""
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
    started = time.monotonic()
    running = {}
    for name, command in commands.items():
        with open(workdir / f"{name}.log", "w") as log:  # a file, not a pipe: a full pipe would block
            running[name] = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log)
    finished: dict[str, float] = {}
    while len(finished) < len(running):
        if time.monotonic() - started > timeout:
            for process in running.values():
                process.kill()
            raise TimeoutError(f"sandbox crawls still running after {timeout:.0f} s")
        for name, process in running.items():
            if name not in finished and process.poll() is not None:
                finished[name] = time.monotonic() - started
        time.sleep(0.05)
    crawls = {}
    for name, process in running.items():
        out, stats = workdir / f"{name}.jsonl", workdir / f"{name}.stats.json"
        items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
        crawls[name] = Crawl(
            process.returncode,
            (workdir / f"{name}.log").read_text(errors="replace"),
            items,
            json.loads(stats.read_text()) if stats.exists() else {},
            finished[name],
        )
    return crawls


@functools.cache
def sandbox_crawls() -> SandboxCrawls:
    """Every aggregator spider and the careers spider (from listing URLs, and from the sitemap)."""
    corpus = generate_corpus()
    workdir = Path(tempfile.mkdtemp(prefix="jobpulse-sandbox-crawls-"))
    try:
        with SandboxBoard(corpus) as board:
            import urllib.request

            with urllib.request.urlopen(f"{board.base_url}/_sandbox/boards", timeout=10) as answer:
                boards = json.load(answer)
            commands = {
                name: scrapy_command(
                    name, workdir / f"{name}.jsonl", workdir / f"{name}.stats.json", "-a", f"base_url={board.base_url}"
                )
                for name in wire_aggregators.AGGREGATORS
            }
            commands["careers-urls"] = scrapy_command(
                "careers",
                workdir / "careers-urls.jsonl",
                workdir / "careers-urls.stats.json",
                "-a",
                "urls=" + ",".join(boards["careers"]),
            )
            commands["careers-sitemaps"] = scrapy_command(
                "careers",
                workdir / "careers-sitemaps.jsonl",
                workdir / "careers-sitemaps.stats.json",
                "-a",
                "sitemaps=" + ",".join(boards["careers_sitemaps"]),
            )
            crawls = run_together(commands, workdir)
            return SandboxCrawls(corpus, board.base_url, boards, crawls)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
