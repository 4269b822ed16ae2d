"""A warehouse with known, planted trends: what the report must find in it."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from report_warehouse import PostingFactory

AS_OF = date(2026, 11, 25)  # a Wednesday: the latest complete week before it is 2026-W47
REPORT_WEEK = date(2026, 11, 16)  # Monday of 2026-W47
XSS_TITLE = "<script>alert(1)</script>"
XSS_COMPANY = 'Evil & "Co" <b>'
XSS_SKILL_NAME = "<img src=x onerror=alert(1)>"
ML_SHARES_BASELINE = {"rag": 0.1, "python": 0.8, "tensorflow": 0.5, "pytorch": 0.30}
ML_SHARES_RECENT = {"rag": 0.6, "python": 0.8, "tensorflow": 0.1, "pytorch": 0.35}


def weeks_back(weeks: int) -> date:
    return REPORT_WEEK - timedelta(weeks=weeks)


def planted_factory() -> PostingFactory:
    """14 weeks of postings (recent window = weeks 0–3 back, baseline = 4–11 back) with known trends.

    ml_engineer, 30 a week: rag 10% → 60% (rising), python flat at 80% (stable), tensorflow 50% → 10%
    (falling), pytorch 30% → 35% (too small a sample to call), julia 3 mentions (too few).
    Volumes: ai_engineer 5 → 40 a week (growing), research_scientist 50 → 20 (shrinking),
    data_scientist 25 flat (steady), research_engineer 0 → 4 (p tiny, but < 20 recent postings: steady).
    """
    factory = PostingFactory()
    for back in range(14):
        week = weeks_back(back)
        recent = back < 4
        shares = ML_SHARES_RECENT if recent else ML_SHARES_BASELINE
        factory.add_week("ml_engineer", week, 20, shares, specialism="ml_platform")
        factory.add_week("ml_engineer", week, 10, shares, specialism=None if back % 2 else "ml_hardware")
        factory.add_week("ai_engineer", week, 40 if recent else 5, {"llm": 0.7})
        factory.add_week("research_scientist", week, 20 if recent else 50, {"pytorch": 0.5})
        factory.add_week("data_scientist", week, 15, {"sql": 0.6}, focus="analytics")
        factory.add_week("data_scientist", week, 10, {"python": 0.9}, focus="modelling")
        factory.add_week("research_engineer", week, 4 if recent else 0)
        factory.add_week("other", week, 10, {"sql": 0.5})
    for back in (0, 5, 9):
        factory.add("ml_engineer", weeks_back(back), skills=("julia",))
    factory.add("ml_engineer", REPORT_WEEK, skills=("xss",), title=XSS_TITLE, company=XSS_COMPANY)
    return factory


def planted_frames() -> dict[str, pl.DataFrame]:
    frames = planted_factory().frames()
    xss_skill = pl.DataFrame([("xss", XSS_SKILL_NAME, "test")], schema=frames["skills"].columns, orient="row")
    frames["skills"] = pl.concat([frames["skills"], xss_skill])
    return frames


def trend_of(section: dict, skill_id: str) -> dict:
    return next(t for t in section["trends"] if t["skill_id"] == skill_id)
