"""The data-quality section: what was crawled, what each source gave, what was refused, what looks wrong."""

from __future__ import annotations

import json

import polars as pl

from contract.roles import OTHER_ROLE
from reports.periods import ReportWindows
from reports.taxonomy import ALL_POSTINGS, ML_ROLES
from reports.trends import Aggregates, counts_by_window

TOP_REJECT_REASONS = 10


def _detail(text: str | None) -> dict:
    try:
        value = json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {"unreadable_detail": True}
    return value if isinstance(value, dict) else {}


def _boards_by_crawl(runs: list[dict]) -> dict[str, list[str]]:
    """Crawl run id → the boards it crawled (its ingest run carries them, from the landing sidecar)."""
    boards = {}
    for run in runs:
        detail = run["detail"]
        if isinstance(detail.get("boards"), list) and detail.get("run_id"):
            boards[str(detail["run_id"])] = [str(b) for b in detail["boards"]]
    return boards


def crawls(aggregates: Aggregates) -> dict[str, dict]:
    """source → its latest crawl run (counters, boards) and how many crawl runs it has had, failed ones too."""
    runs = [
        {**r, "detail": _detail(r["detail"])} for r in aggregates.runs.sort("started_at", nulls_last=False).to_dicts()
    ]
    boards = _boards_by_crawl(runs)
    out: dict[str, dict] = {}
    for run in runs:
        if run["kind"] != "crawl":
            continue
        detail, source = run["detail"], run["source"] or "unknown"
        entry = out.setdefault(source, {"runs": 0, "failed_runs": 0})
        entry["runs"] += 1
        entry["failed_runs"] += run["status"] == "failed"
        crawled = boards.get(run["run_id"]) or detail.get("boards")
        # Per-board detail (schema v3) is a dict board → {status, reason, …}; older runs list names.
        per_board = crawled if isinstance(crawled, dict) else {}
        entry["last"] = {
            "run_id": run["run_id"],
            "started_at": run["started_at"].isoformat(sep=" ", timespec="minutes") if run["started_at"] else None,
            "status": run["status"],
            "requests": int(detail.get("requests") or 0),
            "responses_by_status": {str(k): int(v) for k, v in (detail.get("responses_by_status") or {}).items()},
            "items": int(detail.get("items") if detail.get("items") is not None else run["items"] or 0),
            "errors": int(detail.get("errors") or 0),
            "error": detail.get("error"),
            "boards": [str(b) for b in crawled] if isinstance(crawled, list | dict) else None,
            "failed_boards": {
                str(b): str((v or {}).get("reason") or (v or {}).get("status"))
                for b, v in per_board.items()
                if isinstance(v, dict) and v.get("status") not in (None, "ok")
            },
        }
    return out


def pipeline_flags(aggregates: Aggregates) -> list[str]:
    """What the last weekly pipeline run flagged itself (count drops, completeness drops, …)."""
    runs = aggregates.runs.filter(pl.col("kind") == "pipeline").sort("started_at", nulls_last=False)
    if not runs.height:
        return []
    flagged = _detail(runs["detail"][-1]).get("flags") or []
    return [f"Last pipeline run: {f.get('message') or f.get('check')}" for f in flagged if isinstance(f, dict)]


def flags(sources: list[dict], rejects_total: int, counts: dict, failed_ingests: int, gaps: list[str]) -> list[str]:
    """Plain sentences about anything a reader should distrust before reading the trends."""
    out = []
    if gaps:
        shown = ", ".join(gaps[:12]) + (" …" if len(gaps) > 12 else "")
        out.append(
            f"{len(gaps)} period(s) inside the data's range have no postings at all ({shown}): "
            "probably not crawled then, so trends across them compare against a gap."
        )
    for entry in sources:
        name, last = entry["source"], entry.get("last_crawl")
        if last:
            if last["status"] == "failed":  # 'partial': it crawled, its failed boards are listed below
                out.append(f"The last crawl of {name} failed: {last['error'] or 'no reason recorded'}.")
            if last["errors"]:
                out.append(f"The last crawl of {name} logged {last['errors']} error(s).")
            bad = {s: n for s, n in last["responses_by_status"].items() if not s.startswith(("2", "3"))}
            if bad:
                out.append(
                    f"The last crawl of {name} got "
                    + ", ".join(f"{n} × HTTP {s}" for s, n in sorted(bad.items()))
                    + "."
                )
            if last["status"] in ("ok", "partial") and last["items"] == 0:
                out.append(f"The last crawl of {name} returned no postings.")
            for board, reason in sorted(last.get("failed_boards", {}).items()):
                out.append(f"The last crawl of {name} could not read board {board}: {reason}.")
        if entry["previous"] > 0 and entry["current"] == 0:
            out.append(f"{name} has no postings in the report period ({entry['previous']} the period before).")
    if failed_ingests:
        out.append(f"{failed_ingests} ingest/import run(s) failed.")
    if rejects_total:
        out.append(f"{rejects_total} input record(s) were refused at ingest (reasons below).")
    for key, text in (
        ("without_date", "have no date"),
        ("without_role", "have no role"),
        ("unknown_role", "carry an unknown role id"),
    ):
        if counts[key]:
            out.append(f"{counts[key]} posting(s) {text} and are left out of the role sections.")
    return out


def data_quality(aggregates: Aggregates, windows: ReportWindows, gaps: list[str] = ()) -> dict:
    """gaps: labels of the periods between the first data period and the report period without a posting."""
    per_source = counts_by_window(aggregates.sources, ["source"], windows)
    totals = aggregates.sources.group_by("source").agg(pl.col("postings").sum().alias("total"))
    boards = dict(aggregates.boards.iter_rows())
    crawled = crawls(aggregates)
    window_counts = {r["source"]: r for r in per_source.to_dicts()}
    sources = []
    for source, total in sorted(totals.iter_rows(), key=lambda row: (-row[1], str(row[0]))):
        counts = window_counts.get(source, {})
        sources.append(
            {
                "source": source,
                "total": int(total),
                **{p: int(counts.get(p, 0)) for p in ("current", "previous", "recent", "baseline")},
                "boards_seen": int(boards.get(source) or 0),
                "crawl_runs": crawled.get(source, {}).get("runs", 0),
                "failed_crawls": crawled.get(source, {}).get("failed_runs", 0),
                "last_crawl": crawled.get(source, {}).get("last"),
            }
        )
    for source in sorted(set(crawled) - set(totals["source"].to_list())):  # crawled, but nothing loaded
        info = crawled[source]
        sources.append(
            {
                "source": source,
                "total": 0,
                "current": 0,
                "previous": 0,
                "recent": 0,
                "baseline": 0,
                "boards_seen": 0,
                "crawl_runs": info["runs"],
                "failed_crawls": info["failed_runs"],
                "last_crawl": info.get("last"),
            }
        )

    role = pl.col("role")
    blank = role.is_null() | (role.str.strip_chars() == "")
    clusters = aggregates.roles_seen.select(
        without_role=pl.col("clusters").filter(blank).sum(),
        unknown_role=pl.col("clusters").filter(~blank & ~role.is_in([*ML_ROLES, OTHER_ROLE])).sum(),
        other_role=pl.col("clusters").filter(role == OTHER_ROLE).sum(),
    ).row(0, named=True)
    raw_total = int(aggregates.sources["postings"].sum() or 0)
    counted = int(aggregates.section_periods.filter(pl.col("section") == ALL_POSTINGS)["postings"].sum() or 0)
    counts = {
        "raw": raw_total,
        "counted": counted,
        "duplicates": raw_total - counted,
        "multi_role": int(aggregates.multi_role["multi_role"][0] or 0) if aggregates.multi_role.height else 0,
        "without_date": int(aggregates.sources.filter(pl.col("period_start").is_null())["postings"].sum() or 0),
        **{key: int(value or 0) for key, value in clusters.items()},
    }
    rejects = aggregates.rejects.sort(["rejects", "reason"], descending=[True, False])
    rejects_total = int(rejects["rejects"].sum() or 0)
    failed_ingests = aggregates.runs.filter(
        pl.col("kind").is_in(["ingest", "import"]) & (pl.col("status") == "failed")
    ).height
    return {
        "postings": counts,
        "sources": sources,
        "rejects": {
            "total": rejects_total,
            "by_reason": [
                {
                    **r,
                    "last_rejected_at": r["last_rejected_at"].isoformat(sep=" ", timespec="minutes")
                    if r["last_rejected_at"]
                    else None,
                }
                for r in rejects.head(TOP_REJECT_REASONS).to_dicts()
            ],
        },
        "flags": flags(sources, rejects_total, counts, failed_ingests, list(gaps)) + pipeline_flags(aggregates),
    }
