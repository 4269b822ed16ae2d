"""`jobpulse crawl` of one sandbox board against `scrapy crawl` of the same board.

    python benchmarks/crawl_one_board.py               # 5 runs each, greenhouse's first board
    python benchmarks/crawl_one_board.py --runs 3 --source lever

Both commands run as child processes on this machine against one sandbox board (served from this
process), alternately so load from elsewhere hits both alike. `scrapy crawl` is the floor: the
spider alone, writing JSON Lines. `jobpulse crawl` adds its imports, the landing file's sidecar and
the run record in a warehouse; with no PREFECT_API_URL it must start no Prefect server (the goal:
within 1.5× of scrapy). Figures are wall clock medians of this run, printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import SandboxBoard
from pipeline.spider_process import LOCAL_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", default="greenhouse")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = tempfile.mkdtemp(prefix="bench-prefect-")  # no profile naming a server
    with SandboxBoard(generate_corpus(seed=7)) as board, tempfile.TemporaryDirectory() as tmp:
        import json
        import urllib.request

        with urllib.request.urlopen(f"{board.base_url}/_sandbox/boards") as answer:
            token = json.load(answer)[args.source][0]
        work = Path(tmp)
        jobpulse = [
            str(BIN / "jobpulse"),
            "crawl",
            "--source",
            args.source,
            "--board",
            token,
            "--base-url",
            board.base_url,
            "--db",
            str(work / "w.duckdb"),
            "--landing",
            str(work / "landing"),
        ]
        scrapy = [
            str(BIN / "scrapy"),
            "crawl",
            args.source,
            "-a",
            f"boards={token}",
            "-a",
            f"base_url={board.base_url}",
            "-O",
            str(work / "scrapy.jsonl:jsonlines"),
            "-s",
            "LOG_LEVEL=WARNING",
        ]
        # The settings jobpulse gives a crawl of a local board (no politeness delays): a fair floor.
        scrapy += [arg for key, value in LOCAL_SETTINGS.items() for arg in ("-s", f"{key}={value}")]
        timings: dict[str, list[float]] = {"scrapy crawl": [], "jobpulse crawl": []}
        for _ in range(args.runs):
            timings["scrapy crawl"].append(timed(scrapy, env | {"SCRAPY_SETTINGS_MODULE": "crawlers.settings"}, ROOT))
            timings["jobpulse crawl"].append(timed(jobpulse, env | {"JOBPULSE_DATA_DIR": str(work / "data")}, ROOT))
    print(f"{args.source} board {token}, {args.runs} runs each (wall seconds):")
    for name, seconds in timings.items():
        print(
            f"  {name:<15} median {statistics.median(seconds):5.2f}  min {min(seconds):5.2f}  max {max(seconds):5.2f}"
        )
    ratio = statistics.median(timings["jobpulse crawl"]) / statistics.median(timings["scrapy crawl"])
    print(f"  ratio jobpulse/scrapy (medians): {ratio:.2f}× (goal ≤ 1.5×)")


if __name__ == "__main__":
    main()
