"""Run one Scrapy spider in its own process and land its items as one JSON Lines file.

Scrapy owns a reactor that cannot restart inside one process, so every crawl is a subprocess;
the hand-off is the landing file plus a `.meta.json` sidecar: when the crawl started, its run id,
Scrapy's stats, why it finished, and a summary per board (see `board_summaries`) that ingest
turns into `board_crawls` rows, the record closing postings relies on.

Resume: given a `jobdir` (the CLI uses `<data>/jobs/<source>`), the crawl keeps Scrapy's JOBDIR
there (pending requests, seen requests) plus `jobpulse-run.json` (run id, start time, arguments).
A crawl that ends early (Ctrl-C, a CLOSESPIDER limit) lands what it has and keeps the jobdir;
`resume=True` continues it with the same boards, base URL and spider arguments, run id and start
time (settings are this call's), landing the rest as `<run id>-part<N>.jsonl`. A crawl that
finishes removes its jobdir.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contract.crawl_identity import BOARD_PREFIX
from pipeline.landing import write_meta

# Loopback servers (the sandbox board) need no politeness delays; real hosts keep the defaults.
LOCAL_SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS_PER_DOMAIN": "16"}
RUN_STATE = "jobpulse-run.json"
GRACE_SECONDS = 120  # how long an interrupted or timed-out crawl may take to close cleanly


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
    boards: dict[str, dict[str, Any]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The per-source counters a run reports: requests, responses by status, items, errors,
        why the crawl finished, and the same counters per board."""
        return {
            "run_id": self.run_id,
            "source": self.source,
            "status": self.status,
            "items": self.items,
            "requests": self.stats.get("downloader/request_count", 0),
            "responses_by_status": _by_status(self.stats, "downloader/response_status_count/"),
            "errors": self.stats.get("log_count/ERROR", 0),
            "seconds": round(self.seconds, 2),
            "finish_reason": self.stats.get("finish_reason"),
            "error": self.error,
            "boards": self.boards,
        }


def _by_status(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix) :]: value for key, value in stats.items() if key.startswith(prefix)}


def board_summaries(stats: dict[str, Any], boards: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Per board, from the `jobpulse/board/<board>/…` stats: status ('ok' | 'failed' |
    'unfinished'), reason, requests, responses_by_status, items, errors, seconds.

    A board is 'ok' when it answered, nothing about it failed and none of its requests is still
    pending (crawlers.middlewares.BoardProgressMiddleware), so a crawl that stopped early still
    vouches for the boards it finished; the others are 'unfinished' (their postings are not
    closed). `boards` asked for but never requested are 'failed' ("not crawled"), or 'unfinished'
    when the crawl stopped before their turn."""

    counters: dict[str, dict[str, Any]] = {}
    for key, value in stats.items():
        if not key.startswith(BOARD_PREFIX):
            continue
        rest = key[len(BOARD_PREFIX) :]
        if "/status/" in rest:
            board, code = rest.rsplit("/status/", 1)
            counters.setdefault(board, {}).setdefault("status", {})[code] = value
        else:
            board, counter = rest.rsplit("/", 1)
            counters.setdefault(board, {})[counter] = value
    finished = stats.get("finish_reason") == "finished"
    summaries = {}
    # A board counts once a request of it was sent or it failed (a duplicate dropped unsent is not).
    touched = [b for b, c in counters.items() if c.get("requests") or c.get("failure")]
    for board in list(dict.fromkeys([*(boards or []), *touched])):
        c = counters.get(board, {}) if board in touched else {}
        by_status = c.get("status", {})
        answered = any(code.startswith("2") for code in by_status)
        ended_early = f"crawl ended early ({stats.get('finish_reason') or 'no stats'})"
        if c.get("failure"):
            status, reason = "failed", c["failure"]
        elif not c:
            status, reason = ("failed", "not crawled") if finished else ("unfinished", ended_early)
        elif c.get("pending", 0) > 0:
            status, reason = "unfinished", ended_early if not finished else f"{c['pending']} requests unanswered"
        elif not answered:
            status, reason = "failed", "no answer" + (f" (HTTP {', '.join(sorted(by_status))})" if by_status else "")
        else:
            status, reason = evidence(c)
        started, ended = c.get("first_request_at"), c.get("last_response_at")
        summaries[board] = {
            "status": status,
            "reason": reason,
            "requests": c.get("requests", 0),
            "responses_by_status": by_status,
            "items": c.get("items", 0),
            "errors": c.get("errors", 0),
            "seconds": round(ended - started, 2) if started is not None and ended is not None else None,
        }
        # What the board declared and what was refused, where there is something to say.
        summaries[board] |= {k: c[k] for k in ("declared_total", "dropped", "dropped_reason") if c.get(k) is not None}
    return summaries


def evidence(counters: dict[str, Any]) -> tuple[str, str | None]:
    """Status of a board that answered: a zero is a claim that needs evidence.

    'ok' when what was parsed agrees with what the board declares (or it declares nothing and
    listed jobs); 'empty' when it listed no jobs and declared a total of 0 (closing believes that
    only on the second crawl in a row, see pipeline/closing.py); otherwise 'suspect' with why: no jobs
    and no declared total, or a declared total that disagrees with the jobs parsed (a refused
    record counts as not parsed). Only boards read as listing documents (`listings`) are judged."""
    items, dropped, total = counters.get("items", 0), counters.get("dropped", 0), counters.get("declared_total")
    if not counters.get("listings"):
        return "ok", None
    refused = f" ({dropped} refused: {counters.get('dropped_reason')})" if dropped else ""
    if total is not None and total != items:
        return "suspect", f"declares {total} jobs, {items} parsed{refused}"
    if items == 0 and total is None:
        return "suspect", f"answered no jobs and declared no total{refused}"
    if items == 0:
        return "empty", "answered no jobs, declared total 0"
    return "ok", None


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
    jobdir: Path | None = None,
    resume: bool = False,
) -> CrawlResult:
    """Crawl one source into `<landing_dir>/<source>/<run id>.jsonl`; never raises for a failed crawl
    (a Ctrl-C is re-raised once the part crawled so far has landed)."""
    run = _run_state(jobdir, resume, dict(source=source, boards=boards, base_url=base_url, spider_args=spider_args))
    run_id, crawled_at, part = run["run_id"], datetime.fromisoformat(run["crawled_at"]), run["part"]
    boards, base_url, spider_args = run["boards"], run["base_url"], run["spider_args"]
    out_dir = Path(landing_dir) / source
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = run_id if part == 0 else f"{run_id}-part{part}"
    landing, partial = out_dir / f"{stem}.jsonl", out_dir / f"{stem}.jsonl.part"
    stats_file, log_file = out_dir / f"{stem}.stats.json", out_dir / f"{stem}.log"

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
    if jobdir is not None:
        merged["JOBDIR"] = str(jobdir)
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-O", f"{partial}:jsonlines"]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    for key, value in merged.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}

    started = time.monotonic()
    returncode, stderr, trouble = _run_scrapy(command, env, timeout)
    seconds = time.monotonic() - started
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    error = trouble if trouble and trouble != "interrupted" else None
    if error is None and returncode != 0 and trouble != "interrupted":
        log_text = log_file.read_text(errors="replace") if log_file.exists() else ""
        error = _last_lines(stderr or log_text)
    # A resumed part lists only the boards it touched: the others were done (or not) before.
    summaries = board_summaries(stats, boards if part == 0 else None)

    if error is None and partial.exists():
        items = int(stats.get("item_scraped_count", 0))
        # The sidecar first: a landing file never appears without the record of how its crawl went.
        write_meta(
            landing,
            {
                "source": source,
                "crawled_at": crawled_at.isoformat(),
                "run_id": run_id,
                "part": part,
                "boards": boards,
                "base_url": base_url,
                "spider_args": spider_args,
                "finish_reason": stats.get("finish_reason"),
                "board_summaries": summaries,
                "stats": stats,
            },
        )
        os.replace(partial, landing)  # a landing file only appears once its crawl has ended
        if jobdir is not None and stats.get("finish_reason") == "finished":
            shutil.rmtree(jobdir, ignore_errors=True)  # done: a later crawl starts afresh
        result = CrawlResult(run_id, source, landing, "ok", items, seconds, stats, None, summaries)
    else:
        result = CrawlResult(
            run_id, source, None, "failed", 0, seconds, stats, error or "spider wrote no output", summaries
        )
    if trouble == "interrupted":
        raise KeyboardInterrupt(f"crawl of {source} interrupted; continue it with resume")
    return result


def _run_state(jobdir: Path | None, resume: bool, arguments: dict[str, Any]) -> dict[str, Any]:
    """This crawl's run id, start time, part number and arguments: new, or the interrupted
    crawl's own (read from its jobdir) when resuming one."""
    state_file = Path(jobdir) / RUN_STATE if jobdir is not None else None
    if resume and state_file is not None and state_file.exists():
        state = json.loads(state_file.read_text())
        state["part"] += 1
    else:
        if jobdir is not None and Path(jobdir).exists():
            shutil.rmtree(jobdir)  # a fresh crawl: Scrapy must not skip requests an old one saw
        crawled_at = datetime.now(UTC)
        state = {
            "run_id": f"{crawled_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}",
            "crawled_at": crawled_at.isoformat(),
            "part": 0,
            **arguments,
        }
    if state_file is not None:
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps(state, indent=1))
    return state


def _run_scrapy(command: list[str], env: dict[str, str], timeout: float | None) -> tuple[int, str, str | None]:
    """(exit code, stderr, trouble): trouble is None, "interrupted" (Ctrl-C; the crawl was let
    close cleanly, so its JOBDIR can resume) or why it timed out."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
        return process.returncode, stderr, None
    except subprocess.TimeoutExpired:
        process.terminate()  # Scrapy shuts down gracefully on SIGTERM, saving its JOBDIR state
        trouble = f"crawl timed out after {timeout:.0f} s"
    except KeyboardInterrupt:
        trouble = "interrupted"  # the terminal sent the spider the same SIGINT: it is closing
    try:
        _, stderr = process.communicate(timeout=GRACE_SECONDS)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        process.kill()
        _, stderr = process.communicate()
    return process.returncode, stderr, trouble


def _last_lines(text: str, n: int = 5) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return " | ".join(lines[-n:]) or "spider exited with an error"


TROUBLE = ("failed", "suspect", "unfinished")  # board statuses that make a crawl 'partial'


def crawl_status(summary: dict[str, Any]) -> str:
    """'failed' (the source did not crawl), 'partial' (some board failed or is suspect) or 'ok'."""
    if summary["status"] != "ok":
        return "failed"
    boards = (summary.get("boards") or {}).values()
    return "partial" if any(b.get("status") in TROUBLE for b in boards) else "ok"
