"""A warehouse with known, planted trends: what the report must find in it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import polars as pl
from report_warehouse import PostingFactory

AS_OF = date(2026, 11, 25)  # a Wednesday: the latest complete week before it is 2026-W47
REPORT_WEEK = date(2026, 11, 16)  # Monday of 2026-W47
XSS_TITLE = '<script>document.title="pwned"</script>'
XSS_COMPANY = 'Evil & "Co" <b>'
XSS_SKILL_NAME = "<img src=x onerror=alert(1)>"
XSS_REJECT_REASON = "<svg onload=alert(2)>"
ML_SHARES_BASELINE = {"rag": 0.1, "python": 0.8, "tensorflow": 0.5, "pytorch": 0.30}
ML_SHARES_RECENT = {"rag": 0.6, "python": 0.8, "tensorflow": 0.1, "pytorch": 0.35}
AI_SHARES_BASELINE = {"llm": 0.7, "tensorflow": 0.5}  # tensorflow: dropped from AI engineer postings
AI_SHARES_RECENT = {"llm": 0.7, "mcp": 0.3}  # mcp: emerging (absent before)
DS_DBT_SHARES = (0.3, 0.5)  # baseline, recent: rising, but less than doubled → 'growing'
GENAI_TITLE = "Senior GenAI Engineer (LLM)"  # its variant 'genai engineer' grows within AI engineers
ANALYTICS_PAY = (100_000.0, 120_000.0)  # senior analytics data scientists, annualized, USD
MODELLING_PAY = (90_000.0, 110_000.0)  # mid modelling data scientists, stated per year, EUR


def weeks_back(weeks: int) -> date:
    return REPORT_WEEK - timedelta(weeks=weeks)


def planted_factory() -> PostingFactory:
    """14 weeks of postings (recent window = weeks 0–3 back, baseline = 4–11 back) with known trends.

    ml_engineer, 30 a week: rag 10% → 60% (rising), python flat at 80% (stable), tensorflow 50% → 10%
    (falling), pytorch 30% → 35% (too small a sample to call), julia 3 mentions (too few).
    Volumes: ai_engineer 5 → 40 a week (growing), research_scientist 50 → 20 (shrinking),
    data_scientist 25 flat (steady), research_engineer 0 → 4 (p tiny, but < 20 recent postings: steady).
    ai_engineer: mcp emerging (0 → 30%), tensorflow dropped (50% → 0), half the recent titles GenAI.
    data_scientist: dbt 30% → 50% (growing); analytics = senior, remote, half state annual pay;
    modelling = mid, onsite, every one states a yearly range; every 4th also an hourly rate (left out).
    """
    factory = PostingFactory()
    for back in range(14):
        week = weeks_back(back)
        recent = back < 4
        shares = ML_SHARES_RECENT if recent else ML_SHARES_BASELINE
        factory.add_week("ml_engineer", week, 20, shares, specialism="ml_platform")
        factory.add_week("ml_engineer", week, 10, shares, specialism=None if back % 2 else "ml_hardware")
        factory.add_week(
            "ai_engineer",
            week,
            40 if recent else 5,
            AI_SHARES_RECENT if recent else AI_SHARES_BASELINE,
            titles=("AI Engineer", GENAI_TITLE) if recent else ("AI Engineer",),
        )
        factory.add_week("research_scientist", week, 20 if recent else 50, {"pytorch": 0.5})
        dbt = DS_DBT_SHARES[recent]
        for i in range(15):
            pay = dict(zip(("salary_annual_min", "salary_annual_max"), ANALYTICS_PAY)) if i % 2 == 0 else {}
            factory.add(
                "data_scientist",
                week,
                skills=tuple(s for s, f in {"sql": 0.6, "dbt": dbt}.items() if i < round(f * 15)),
                focus="analytics",
                seniority="senior",
                remote="remote",
                salary_currency="USD",
                **pay,
            )
        for i in range(10):
            hourly = {"salary_min": 50.0, "salary_max": 60.0, "salary_period": "hour"} if i % 4 == 3 else {}
            yearly = {"salary_min": MODELLING_PAY[0], "salary_max": MODELLING_PAY[1], "salary_period": "year"}
            factory.add(
                "data_scientist",
                week,
                skills=tuple(s for s, f in {"python": 0.9, "dbt": dbt}.items() if i < round(f * 10)),
                focus="modelling",
                seniority="mid",
                remote="onsite",
                salary_currency="EUR",
                **(hourly or yearly),
            )
        factory.add_week("research_engineer", week, 4 if recent else 0)
        factory.add_week("other", week, 10, {"sql": 0.5})
    for back in (0, 5, 9):
        factory.add("ml_engineer", weeks_back(back), skills=("julia",))
    factory.add("ml_engineer", REPORT_WEEK, skills=("xss",), title=XSS_TITLE, company=XSS_COMPANY)
    factory.tables = {"runs": planted_runs(), "rejects": planted_rejects()}
    return factory


def planted_runs() -> pl.DataFrame:
    """A good greenhouse crawl (its boards named by the ingest run), a lever crawl that hit rate limits."""
    started = datetime(2026, 11, 23, 6)
    crawl = {
        "greenhouse": {"requests": 12, "responses_by_status": {"200": 12}, "items": 900, "errors": 0},
        "lever": {
            "requests": 9,
            "responses_by_status": {"200": 6, "429": 3},
            "items": 0,
            "errors": 2,
            "error": "HTTP 429",
        },
    }
    rows = [
        {
            "run_id": f"crawl-{source}",
            "kind": "crawl",
            "source": source,
            "started_at": started,
            "status": status,
            "items": detail["items"],
            "detail": json.dumps({"run_id": f"crawl-{source}", "source": source, **detail}),
        }
        for (source, detail), status in zip(crawl.items(), ("ok", "failed"))
    ] + [
        {
            "run_id": "ingest-greenhouse",
            "kind": "ingest",
            "source": "greenhouse",
            "started_at": started,
            "status": "ok",
            "items": 900,
            "detail": json.dumps({"run_id": "crawl-greenhouse", "boards": ["acme", "globex", "initech"]}),
        },
    ]
    return pl.DataFrame(rows)


def planted_rejects() -> pl.DataFrame:
    at = datetime(2026, 11, 23, 7)
    reasons = ["missing required field: title"] * 3 + [XSS_REJECT_REASON]
    return pl.DataFrame(
        [
            {
                "landing_file": "landing/greenhouse/x.jsonl",
                "line_no": i + 1,
                "source": "greenhouse",
                "reason": reason,
                "raw": "{}",
                "rejected_at": at,
            }
            for i, reason in enumerate(reasons)
        ]
    )


def planted_frames() -> dict[str, pl.DataFrame]:
    frames = planted_factory().frames()
    xss_skill = pl.DataFrame([("xss", XSS_SKILL_NAME, "test")], schema=frames["skills"].columns, orient="row")
    frames["skills"] = pl.concat([frames["skills"], xss_skill])
    return frames


def trend_of(section: dict, skill_id: str) -> dict:
    return next(t for t in section["trends"] if t["skill_id"] == skill_id)
