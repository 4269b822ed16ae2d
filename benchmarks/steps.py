"""Speed of the small steps a user waits on, each beside a yardstick timed in the same run.

    python benchmarks/steps.py            # the sizes the design targets name
    python benchmarks/steps.py --scale 0.01   # a smoke run (CI)

| case | what is timed | yardstick |
|---|---|---|
| cli help | `jobpulse --help` as a process (design target ≤ 0.5 s) | `python -c pass` |
| sandbox corpus | generating the demo corpus (seed 3) | — |
| salary batch | salary_columns over long postings, 1 in 5 stating pay | a Polars `str.contains` pass on the same text |
| location batch | location_columns over long postings | the same `str.contains` pass |

Timings are printed for people to read, never asserted by a test: a loaded CI runner is not a
regression. Run it on an idle machine and compare with the yardstick of the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILLER = "You will own services end to end with a team of 12 engineers since 2019. " * 30
NOISE = "Benefits: competitive salary, 401k with match, 20 days PTO. We raised $40M in 2024."
PAY = ["$150,000 - $180,000 per year", "€70k–€85k", "USD 60-80/hour", "Salary: 120k to 150k GBP"]
PLACES = ["Berlin, Germany", "Remote (US)", "London, UK", "San Francisco, CA", "Bangalore, India", "Toronto"]


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def long_postings(rows: int) -> pl.DataFrame:
    texts = [f"{FILLER}\n{PAY[i % len(PAY)] if i % 5 == 0 else NOISE}\n{FILLER}" for i in range(rows)]
    return pl.DataFrame(
        {
            "title": ["Machine Learning Engineer"] * rows,
            "description_text": texts,
            "salary_min": [None] * rows,
            "salary_max": [None] * rows,
            "salary_currency": [None] * rows,
            "salary_period": [None] * rows,
            "remote": [None] * rows,
            "location": [PLACES[i % len(PLACES)] for i in range(rows)],
        },
        schema_overrides={
            "salary_min": pl.Float64,
            "salary_max": pl.Float64,
            "salary_currency": pl.String,
            "salary_period": pl.String,
            "remote": pl.String,
        },
    )


def one_pass(frame: pl.DataFrame) -> float:
    seconds, _ = timed(lambda: frame.select(pl.col("description_text").str.contains(r"\$\d").sum()))
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full batch sizes (default 1)")
    args = parser.parse_args()
    from jobpulse.sandbox import generate_corpus
    from pipeline.normalize.location import location_columns
    from pipeline.normalize.salary import salary_columns

    jobpulse = Path(sys.executable).with_name("jobpulse")
    rows = []
    help_s, _ = timed(lambda: subprocess.run([str(jobpulse), "--help"], capture_output=True, check=True))
    python_s, _ = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    rows.append(("cli help", 1, help_s, python_s))
    corpus_s, corpus = timed(lambda: generate_corpus(seed=3))
    rows.append(("sandbox corpus", len(corpus.postings), corpus_s, None))

    salary_rows = max(100, int(50_000 * args.scale))
    frame = long_postings(salary_rows)
    salary_s, found = timed(lambda: salary_columns(frame.lazy()).collect())
    rows.append(("salary batch", salary_rows, salary_s, one_pass(frame)))
    if found["salary_max"].is_not_null().sum() < salary_rows // 5:
        print("salary batch: fewer salaries than stated — the benchmark is not measuring real work", file=sys.stderr)
        return 1

    location_rows = max(100, int(100_000 * args.scale))
    frame = long_postings(location_rows)
    location_s, located = timed(lambda: location_columns(frame.lazy()).collect())
    rows.append(("location batch", location_rows, location_s, one_pass(frame)))
    if located.height != location_rows:
        print("location batch: rows lost", file=sys.stderr)
        return 1

    print(f"{'case':<16}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'yardstick s':>13}{'ratio':>8}")
    for case, count, seconds, yardstick in rows:
        ratio = f"{seconds / yardstick:.1f}x" if yardstick else "—"
        mark = f"{yardstick:.3f}" if yardstick else "—"
        print(f"{case:<16}{count:>10,}{seconds:>10.3f}{count / seconds:>12,.0f}{mark:>13}{ratio:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
