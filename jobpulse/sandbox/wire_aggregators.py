"""Job aggregators' APIs for the sandbox corpus: RemoteOK, Remotive, Arbeitnow, Himalayas, The Muse.

Aggregators re-publish jobs that employers post on their own ATS boards. Each one here picks some
companies (a stable hash of the board token) and, of theirs, the postings it would list: the
remote-only boards (RemoteOK, Remotive, Himalayas) the remote ones, Arbeitnow (a European board)
those in European offices, The Muse those in US offices. The same job therefore appears on its
ATS board and on aggregators under other ids — real cross-source duplicates, which `truth()`
names. The ATS boards serve exactly what they served before.

Key for key the recorded responses (shared/realdata/ats_fixtures/<name>, SOURCES.md §3); the
notices and terms are our own words. Pure functions of (corpus, clock): the server caches them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from .corpus import Corpus, Posting
from .wire_greenhouse_lever_ashby import end_of, html_sections, stable_id

AGGREGATORS = ("remoteok", "remotive", "arbeitnow", "himalayas", "themuse")
# The real APIs' paths (none collides with the Algolia /api/v1/… routes on the same host).
PATHS = {
    "remoteok": "/api",
    "remotive": "/api/remote-jobs",
    "arbeitnow": "/api/job-board-api",
    "himalayas": "/jobs/api",
    "themuse": "/api/public/jobs",
}

_EUROPE = {"DE", "NL", "FR", "IE", "CH", "GB"}


def _remote(p: Posting) -> bool:
    return p.workplace == "remote"


# name → (percent of companies it carries, which of their postings it lists)
_REACH: dict[str, tuple[int, Callable[[Posting], bool]]] = {
    "remoteok": (30, _remote),
    "remotive": (20, _remote),
    "arbeitnow": (25, lambda p: p.office.iso2 in _EUROPE),
    "himalayas": (30, _remote),
    "themuse": (20, lambda p: p.office.iso2 == "US"),
}
REMOTIVE_DELAY = dt.timedelta(hours=24)  # Remotive shows jobs a day after they were posted
ARBEITNOW_PAGE, HIMALAYAS_MAX_LIMIT, THEMUSE_PAGE = 100, 20, 20


def carries(name: str, p: Posting) -> bool:
    """Whether aggregator `name` re-publishes this posting."""
    share, lists = _REACH[name]
    return stable_id(p.company.token, name) % 100 < share and lists(p)


def republished(corpus: Corpus, name: str) -> list[Posting]:
    """Every posting the aggregator carries, whatever the clock (oldest first)."""
    return [p for p in corpus.postings if carries(name, p)]


def listed(corpus: Corpus, name: str, clock: dt.date) -> list[Posting]:
    """What the aggregator lists on `clock`, newest first (Remotive: a day late)."""
    limit = end_of(clock) - (REMOTIVE_DELAY if name == "remotive" else dt.timedelta(0))
    return [p for p in reversed(republished(corpus, name)) if p.posted_at <= limit]


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _number(p: Posting, name: str, digits: int) -> int:
    return stable_id(p.id, name, digits=digits)


def _remoteok_slug(p: Posting) -> str:
    return f"remote-{_slug(p.title)}-{_slug(p.company.name)}-{_number(p, 'remoteok', 7)}"


def _arbeitnow_slug(p: Posting) -> str:
    return f"{_slug(p.title)}-{_slug(p.office.city)}-{_number(p, 'arbeitnow', 6)}"


def _himalayas_guid(p: Posting) -> str:
    return (
        f"https://himalayas.app/companies/{_slug(p.company.name)}/jobs/{_slug(p.title)}-{_number(p, 'himalayas', 10)}"
    )


_SOURCE_IDS: dict[str, Callable[[Posting], str]] = {
    "remoteok": lambda p: str(_number(p, "remoteok", 7)),
    "remotive": lambda p: str(_number(p, "remotive", 7)),
    "arbeitnow": _arbeitnow_slug,
    "himalayas": _himalayas_guid,
    "themuse": lambda p: str(_number(p, "themuse", 8)),
}


def source_id(name: str, p: Posting) -> str:
    """The id jobpulse's extractor reads for this posting on that aggregator."""
    return _SOURCE_IDS[name](p)


def truth(corpus: Corpus) -> dict[tuple[str, str], Posting]:
    """(aggregator, source_id) → the corpus posting it re-publishes, for every aggregator."""
    return {(name, source_id(name, p)): p for name in AGGREGATORS for p in republished(corpus, name)}


# --- one job, as each aggregator writes it ---------------------------------------------------------


def _category(p: Posting) -> str:
    return "Data Science" if p.role in ("data_scientist", "research_scientist") else "Software Engineering"


def remoteok_job(p: Posting) -> dict[str, Any]:
    number, slug = _number(p, "remoteok", 7), _remoteok_slug(p)
    url = f"https://remoteOK.com/remote-jobs/{slug}"
    usd = p.salary if p.salary and (p.salary.currency, p.salary.period) == ("USD", "year") else None
    return {
        "slug": slug,
        "id": str(number),
        "epoch": int(p.posted_at.timestamp()),
        "date": p.posted_at.isoformat(timespec="seconds"),
        "company": p.company.name,
        "company_logo": "",
        "position": p.title,
        "tags": [s.replace("_", " ") for s in sorted(p.skills)[:8]] + ["digital nomad"],
        "description": html_sections(p.sections),
        "location": p.office.country,
        "apply_url": url,
        "salary_min": int(usd.min) if usd else 0,
        "salary_max": int(usd.max) if usd else 0,
        "logo": "",
        "url": url,
    }


_REMOTIVE_REGION = {"US": "USA", "CA": "Canada", "GB": "UK", "IN": "India", "SG": "Asia"}
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}  # other currencies are written as their code


def _salary_text(p: Posting) -> str:
    """Remotive's free-text salary: "$150k - $180k", "€40 - €55/hr", "CHF 120k - 140k"."""
    if p.salary is None:
        return ""
    s = p.salary
    low, high, unit = (
        (f"{s.min:,.0f}", f"{s.max:,.0f}", "/hr")
        if s.period == "hour"
        else (f"{s.min / 1000:,.0f}k", f"{s.max / 1000:,.0f}k", "")
    )
    if s.currency in _SYMBOL:
        sym = _SYMBOL[s.currency]
        return f"{sym}{low} - {sym}{high}{unit}"
    return f"{s.currency} {low} - {high}{unit}"


def remotive_job(p: Posting) -> dict[str, Any]:
    number, category = _number(p, "remotive", 7), _category(p)
    logo = f"https://remotive.com/job/{number}/logo"
    return {
        "id": number,
        "url": f"https://remotive.com/remote-jobs/{_slug(category)}/{_slug(p.title)}-{number}",
        "title": p.title,
        "company_name": p.company.name,
        "company_logo": logo,
        "category": category,
        "tags": [s.replace("_", " ") for s in sorted(p.skills)[:10]],
        "job_type": "internship" if p.seniority == "intern" else "full_time",
        "publication_date": p.posted_at.strftime("%Y-%m-%dT%H:%M:%S"),
        "candidate_required_location": _REMOTIVE_REGION.get(p.office.iso2, "Europe"),
        "salary": _salary_text(p),
        "description": html_sections(p.sections),
        "company_logo_url": logo,
    }


def arbeitnow_job(p: Posting) -> dict[str, Any]:
    slug = _arbeitnow_slug(p)
    return {
        "slug": slug,
        "company_name": p.company.name,
        "title": p.title,
        "description": html_sections(p.sections),
        "remote": p.workplace == "remote",
        "url": f"https://www.arbeitnow.com/jobs/companies/{_slug(p.company.name)}/{slug}",
        "tags": [p.department],
        "job_types": ["internship"] if p.seniority == "intern" else ["professional / experienced"],
        "location": p.office.city,
        "created_at": int(p.posted_at.timestamp()),
    }


_HIMALAYAS_LEVEL = {
    "intern": "Entry-level",
    "junior": "Entry-level",
    "senior": "Senior",
    "staff": "Senior",
    "principal": "Senior",
    "lead": "Manager",
}
_TIMEZONES = {"US": [-8, -7, -6, -5], "CA": [-8, -7, -6, -5, -4], "GB": [0], "IE": [0], "IN": [5.5], "SG": [8]}


def himalayas_job(p: Posting) -> dict[str, Any]:
    guid, s = _himalayas_guid(p), p.salary
    first = next((para for sec in p.sections for para in sec.paragraphs), p.title)
    published = int(p.posted_at.timestamp())
    return {
        "title": p.title,
        "excerpt": first[:200],
        "companyName": p.company.name,
        "companySlug": _slug(p.company.name),
        "companyLogo": f"https://cdn-images.himalayas.app/{stable_id(p.company.token, 'logo', digits=12)}",
        "employmentType": "Intern" if p.seniority == "intern" else "Full Time",
        "minSalary": int(s.min) if s else None,
        "maxSalary": int(s.max) if s else None,
        "salaryPeriod": "hourly" if s and s.period == "hour" else "annual",
        "seniority": [_HIMALAYAS_LEVEL.get(p.seniority or "", "Mid-level")],
        "currency": s.currency if s else None,
        "locationRestrictions": [p.office.country],
        "timezoneRestrictions": _TIMEZONES.get(p.office.iso2, [1]),
        "categories": [_slug(p.department).title().replace(" ", "-")],
        "parentCategories": [_category(p)],
        "description": html_sections(p.sections),
        "pubDate": published,
        "expiryDate": published + 60 * 86400,
        "applicationLink": guid,
        "guid": guid,
    }


_MUSE_LEVEL = {
    "intern": ("Internship", "internship"),
    "junior": ("Entry Level", "entry"),
    "lead": ("Management", "management"),
    None: ("Mid Level", "mid"),
}


def themuse_result(p: Posting) -> dict[str, Any]:
    short = f"{_slug(p.title)}-{stable_id(p.id, 'muse-short', digits=6):x}"[:80]
    company_short = _slug(p.company.name).replace("-", "")
    level, level_short = _MUSE_LEVEL.get(p.seniority, ("Senior Level", "senior"))
    place = "Flexible / Remote" if p.workplace == "remote" else p.office.display
    return {
        "contents": html_sections(p.sections),
        "name": p.title,
        "type": "external",
        "publication_date": p.posted_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "short_name": short,
        "model_type": "jobs",
        "id": _number(p, "themuse", 8),
        "locations": [{"name": place}],
        "categories": [{"name": _category(p)}],
        "levels": [{"name": level, "short_name": level_short}],
        "tags": [],
        "refs": {"landing_page": f"https://www.themuse.com/jobs/{company_short}/{short}"},
        "company": {
            "id": stable_id(p.company.token, "themuse", digits=8),
            "short_name": company_short,
            "name": p.company.name,
        },
    }


_JOB = {
    "remoteok": remoteok_job,
    "remotive": remotive_job,
    "arbeitnow": arbeitnow_job,
    "himalayas": himalayas_job,
    "themuse": themuse_result,
}


def feed(name: str, corpus: Corpus, clock: dt.date) -> list[dict[str, Any]]:
    """Every job the aggregator lists on `clock`, newest first, in its wire shape."""
    return [_JOB[name](p) for p in listed(corpus, name, clock)]


# --- one response: the envelope around a page of jobs ------------------------------------------------


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.lstrip("-").isdigit() else default


def envelope(name: str, jobs: list[dict[str, Any]], q: dict[str, Any], clock: dt.date) -> Any:
    """The API's answer to query `q` (last value per key, the raw query string under "_raw")."""
    updated = int(end_of(clock).timestamp())
    if name == "remoteok":
        return [
            {
                "last_updated": updated,
                "legal": "API terms (jobpulse sandbox): link back to each job's Remote OK page and "
                "name Remote OK as the source.",
            },
            *jobs,
        ]
    if name == "remotive":
        shown = jobs[: _int(q.get("limit"), len(jobs))]
        return {
            "00-warning": "jobpulse sandbox: a stand-in for the Remotive API.",
            "0-legal-notice": "Link back to each job's Remotive URL, name Remotive as the source, "
            "and call this API a few times a day at most.",
            "job-count": len(shown),
            "total-job-count": len(jobs),
            "jobs": shown,
        }
    if name == "arbeitnow":
        page = max(_int(q.get("page"), 1), 1)
        start = (page - 1) * ARBEITNOW_PAGE
        shown = jobs[start : start + ARBEITNOW_PAGE]
        api = "https://www.arbeitnow.com/api/job-board-api"
        return {
            "data": shown,
            "links": {
                "first": f"{api}?page=1",
                "last": None,
                "prev": f"{api}?page={page - 1}" if page > 1 else None,
                "next": f"{api}?page={page + 1}" if start + ARBEITNOW_PAGE < len(jobs) else None,
            },
            "meta": {
                "current_page": page,
                "from": start + 1 if shown else None,
                "path": api,
                "per_page": ARBEITNOW_PAGE,
                "to": start + len(shown) if shown else None,
                "terms": "jobpulse sandbox: a free public API; please do not abuse it.",
                "info": "Newest first by created_at; use ?page= to page through.",
            },
        }
    if name == "himalayas":
        offset = max(_int(q.get("offset"), 0), 0)
        limit = min(max(_int(q.get("limit"), HIMALAYAS_MAX_LIMIT), 1), HIMALAYAS_MAX_LIMIT)
        return {
            "comments": "jobpulse sandbox: at most 20 jobs per request.",
            "updatedAt": updated,
            "offset": offset,
            "limit": limit,
            "totalCount": len(jobs),
            "jobs": jobs[offset : offset + limit],
        }
    categories = set(parse_qs(q.get("_raw", "")).get("category", []))
    chosen = [j for j in jobs if not categories or j["categories"][0]["name"] in categories]
    page = max(_int(q.get("page"), 0), 0)
    shown = chosen[page * THEMUSE_PAGE : (page + 1) * THEMUSE_PAGE]
    return {
        "page": page,
        "page_count": math.ceil(len(chosen) / THEMUSE_PAGE),
        "items_per_page": THEMUSE_PAGE,
        "took": 5 + len(shown) // 4,
        "timed_out": False,
        "total": len(chosen),
        "results": shown,
        "aggregations": {},
    }


def board_list() -> dict[str, Any]:
    """What `/_sandbox/boards` adds: the aggregators to crawl, each with its base-URL path."""
    return {"aggregators": list(AGGREGATORS)}
