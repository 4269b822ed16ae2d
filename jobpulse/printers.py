"""How commands print what a pipeline run did: crawls per source and board, files ingested, the
run's status and quality flags. Shared by `run`, `crawl`, `ingest`, `import` and `demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FEW_BOARDS = 12  # a source with more boards than this lists only the boards that failed


def print_crawls(crawls: list[dict[str, Any]]) -> None:
    """Per source, then per board: status, items, requests, responses by status, errors, seconds,
    and why a board failed. Every board of a small source is listed; of a big one, the failures."""
    print("crawl summary:")
    for c in crawls:
        print(
            f"  {c['source']:<15} {c['status']:<10} {_crawl_counters(c)}"
            + (f"  error: {c['error']}" if c.get("error") else "")
        )
        boards = c.get("boards") or {}
        shown = boards if len(boards) <= FEW_BOARDS else {b: s for b, s in boards.items() if s.get("status") != "ok"}
        for board, s in shown.items():
            print(
                f"    {board:<22} {s.get('status', '?'):<10} {_crawl_counters(s)}"
                + (f"  {s['reason']}" if s.get("reason") else "")
            )
        if len(boards) > len(shown):
            print(
                f"    … and {len(boards) - len(shown)} more boards ok" if shown else f"    all {len(boards)} boards ok"
            )


def _crawl_counters(c: dict[str, Any]) -> str:
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted((c.get("responses_by_status") or {}).items()))
    line = f"items {c.get('items') or 0:>7,}  requests {c.get('requests') or 0:>5}  [{statuses}]"
    if c.get("errors"):
        line += f"  errors {c['errors']}"
    if c.get("seconds") is not None:
        line += f"  {c['seconds']:.1f} s"
    return line


def print_ingest(results: list[dict[str, Any]]) -> None:
    for r in results:
        name = "/".join(Path(r["path"]).parts[-2:])  # <source>/<run id>.jsonl
        if r["status"] == "skipped":
            print(f"  {name}: already loaded, skipped")
        elif r["status"] == "failed":
            print(f"  {name}: FAILED: {r['error']}")
        else:
            print(f"  {name}: {r['items']:,} records, {r['loaded']:,} postings loaded, {r['rejected']:,} rejected")


def print_run(run: dict[str, Any]) -> None:
    """The pipeline run's status and its data-quality flags (see pipeline/run_quality.py)."""
    from pipeline.run_quality import format_flags

    print(
        f"run {run['run_id']}: {run['status']}, {run['items']:,} items, {run['loaded']:,} postings loaded, "
        f"{run['rejected']:,} rejected; quality flags: {len(run['flags']) or 'none'}"
    )
    for line in format_flags(run["flags"]):
        print(line)


def print_pipeline_outcome(outcome: dict[str, Any]) -> None:
    """Crawls, ingest and the run record of a weekly pipeline run, as `run` and `demo` show them."""
    print_crawls(outcome["crawls"])
    print("ingest:")
    print_ingest(outcome["ingest"])
    print_run(outcome["run"])
