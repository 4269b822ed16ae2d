"""What a section's postings look like beyond skills: title variants, seniority, remote, pay.

Each function turns one collected aggregate into {section: plain data} for every section at once.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from reports.formatting import MIN_PAY_POSTINGS  # a pay row from fewer is one employer's number, not a market
from reports.periods import ReportWindows
from reports.skills import TrendRules, call_skill_trends
from reports.stats import wilson_interval
from reports.taxonomy import SENIORITY_ORDER
from reports.trends import Aggregates, counts_by_window

UNKNOWN = "unknown"
REMOTE_ORDER = ("remote", "hybrid", "onsite", UNKNOWN)
TOP_TITLES = 10


def _by_section(frame: pl.DataFrame) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in frame.to_dicts():
        grouped[row["section"]].append(row)
    return grouped


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def title_variants(aggregates: Aggregates, windows: ReportWindows, totals: dict[str, dict], rules: TrendRules) -> dict:
    """Per section: the most posted title variants, each tested like a skill (share of the section's postings)."""
    counts = counts_by_window(aggregates.titles, ["section", "variant"], windows)
    display = (
        aggregates.titles.group_by("section", "variant", "variant_text")
        .agg(pl.col("postings").sum())
        .sort(["postings", "variant_text"], descending=[True, False])
        .group_by("section", "variant", maintain_order=True)
        .first()
        .select("section", "variant", "variant_text")
    )
    out = {}
    for section, rows in _by_section(counts.join(display, on=["section", "variant"], how="left")).items():
        total = totals.get(section)
        if total is None:
            continue
        as_skills = [
            {
                "skill_id": r["variant"],
                "name": r["variant_text"],
                "recent": r["recent"],
                "baseline": r["baseline"],
                "recent_postings": total["recent"],
                "baseline_postings": total["baseline"],
                "recent_share": _share(r["recent"], total["recent"]),
                "baseline_share": _share(r["baseline"], total["baseline"]),
            }
            for r in rows
        ]
        current = {r["variant"]: int(r["current"]) for r in rows}
        called = []
        for t in call_skill_trends(as_skills, rules):
            variant, title = t.pop("skill_id"), t.pop("name")
            called.append({"variant": variant, "title": title, "current": current[variant], **t})
        top = sorted(called, key=lambda t: (-t["recent_mentions"], t["variant"]))[:TOP_TITLES]
        out[section] = {"top": top, "growing": [t for t in called if t["call"] == "rising"][: rules.top_moves]}
    return out


def _mix(frame: pl.DataFrame, column: str, order: tuple[str, ...], windows: ReportWindows, totals: dict) -> dict:
    counts = counts_by_window(frame.with_columns(pl.col(column).fill_null(UNKNOWN)), ["section", column], windows)
    out = {}
    for section, rows in _by_section(counts).items():
        total = totals.get(section)
        if total is None:
            continue
        rank = {value: i for i, value in enumerate(order)}  # values outside `order` go just before 'unknown'
        rows.sort(key=lambda r: (rank.get(r[column], len(order) - 1.5), r[column]))
        entries = []
        for r in rows:
            recent, baseline = _share(r["recent"], total["recent"]), _share(r["baseline"], total["baseline"])
            entries.append(
                {
                    "value": r[column],
                    "current": int(r["current"]),
                    "recent": int(r["recent"]),
                    "baseline": int(r["baseline"]),
                    "current_share": _share(r["current"], total["current"]),
                    "recent_share": recent,
                    "baseline_share": baseline,
                    "change_pts": None if recent is None or baseline is None else (recent - baseline) * 100,
                }
            )
        out[section] = entries
    return out


def seniority_mix(aggregates: Aggregates, windows: ReportWindows, totals: dict) -> dict:
    return _mix(aggregates.seniority, "seniority", (*SENIORITY_ORDER, UNKNOWN), windows, totals)


def remote_mix(aggregates: Aggregates, windows: ReportWindows, totals: dict) -> dict:
    """Per section: remote/hybrid/onsite/unknown counts, and the remote share of the recent window with its interval."""
    mixes = _mix(aggregates.remote, "remote", REMOTE_ORDER, windows, totals)
    out = {}
    for section, entries in mixes.items():
        remote = next((e for e in entries if e["value"] == "remote"), None)
        hits, total = (remote["recent"] if remote else 0), totals[section]["recent"]
        interval = wilson_interval(hits, total)
        out[section] = {
            "values": entries,
            "remote_share": _share(hits, total),
            "remote_ci": list(interval) if interval else None,
            "known_share": _share(total - sum(e["recent"] for e in entries if e["value"] == UNKNOWN), total),
        }
    return out


def salary(aggregates: Aggregates) -> dict:
    """Per section (recent window): pay median, middle half and range by seniority and currency; disclosure share.

    Only rows from at least MIN_PAY_POSTINGS postings with pay are shown; the disclosure counts keep every posting."""
    rank = {value: i for i, value in enumerate(("all", *SENIORITY_ORDER, UNKNOWN))}
    frame = aggregates.pay.with_columns(pl.col("seniority").fill_null(UNKNOWN))
    out = {}
    for section, rows in _by_section(frame).items():
        disclosure: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in rows:
            disclosure[r["seniority"]][0] += int(r["postings"])
            disclosure[r["seniority"]][1] += int(r["disclosed"])
        paid = [r for r in rows if r["disclosed"] >= MIN_PAY_POSTINGS and r["currency"] is not None]
        paid.sort(key=lambda r: (rank.get(r["seniority"], len(rank)), -r["disclosed"], r["currency"]))
        out[section] = {
            "disclosure": [
                {"seniority": level, "postings": n, "disclosed": d, "share": _share(d, n)}
                for level, (n, d) in sorted(disclosure.items(), key=lambda item: rank.get(item[0], len(rank)))
            ],
            "by_seniority": [
                {
                    "seniority": r["seniority"],
                    "currency": r["currency"],
                    "disclosed": int(r["disclosed"]),
                    **{k: r[k] for k in ("median", "p25", "p75", "min", "max")},
                }
                for r in paid
            ],
        }
    return out
