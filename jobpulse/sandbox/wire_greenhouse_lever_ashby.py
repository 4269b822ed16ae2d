"""Each ATS API's JSON for the sandbox corpus, key for key as the real services send it.

Reference: the recorded responses in shared/realdata (ats_fixtures/*, hn_whoishiring/wire_format)
and SOURCES.md §3. Pure functions of (posting, clock): the server caches their output.
HN's Algolia JSON is in algolia.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import uuid
import zlib
from typing import Any

from .corpus import Posting, Salary
from .vocabulary import CURRENCY_SYMBOL
from .writer import Section


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), dt.UTC)


def stable_id(*parts: object, digits: int = 10) -> int:
    """A number derived from names (crc32, not hash(): hash seeds differ between runs)."""
    return zlib.crc32("/".join(map(str, parts)).encode()) % 10**digits + 10 ** (digits - 1)


def stable_uuid(*parts: object) -> str:
    return str(uuid.UUID(bytes=hashlib.md5("/".join(map(str, parts)).encode()).digest(), version=4))


# --- HTML and plain text of a description ----------------------------------------------------


def html_sections(sections: tuple[Section, ...], flavour: str = "greenhouse") -> str:
    """Greenhouse writes plain <h2>/<p>/<ul>; Ashby's editor adds <strong> and inline styles."""
    p_open = '<p style="min-height:1.5em">' if flavour == "ashby" else "<p>"
    out = []
    for s in sections:
        part = []
        if s.heading:
            part.append(
                f"<h2><strong>{_h(s.heading)}</strong></h2>" if flavour == "ashby" else f"<h2>{_h(s.heading)}</h2>"
            )
        part += [f"{p_open}{_h(p)}</p>" for p in s.paragraphs]
        if s.bullets:
            items = "".join(
                f"<li>{p_open}{_h(b)}</p></li>" if flavour == "ashby" else f"<li>{_h(b)}</li>" for b in s.bullets
            )
            part.append(f'<ul style="min-height:1.5em">{items}</ul>' if flavour == "ashby" else f"<ul>{items}</ul>")
        block = ("" if flavour == "ashby" else "\n").join(part)
        if flavour == "greenhouse" and s.key == "about":
            block = f'<div class="content-intro">{block}</div>'
        out.append(block)
    return ("" if flavour == "ashby" else "\n").join(out)


def plain_sections(sections: tuple[Section, ...], upper_headings: bool = False) -> str:
    out = []
    for s in sections:
        if s.heading:
            out.append(s.heading.upper() if upper_headings else s.heading)
        out += list(s.paragraphs) + [f"• {b}" for b in s.bullets]
    return "\n\n".join(out)


def greenhouse_escape(markup: str) -> str:
    """Greenhouse entity-escapes `content` once more: &lt;p&gt;, &quot;, &#39;, &amp;amp;."""
    return (
        markup.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


# --- Greenhouse --------------------------------------------------------------------------------


def greenhouse_job(p: Posting, content: bool, clock: dt.date) -> dict[str, Any]:
    offset = dt.timezone(dt.timedelta(hours=int(p.company.utc_offset[:3]), minutes=int(p.company.utc_offset[4:])))
    updated = min(p.updated_at, end_of(clock))
    job: dict[str, Any] = {
        "absolute_url": f"https://job-boards.greenhouse.io/{p.company.token}/jobs/{p.id}",
        "data_compliance": [
            {
                "type": "gdpr",
                "requires_consent": False,
                "requires_processing_consent": False,
                "requires_retention_consent": False,
                "retention_period": None,
                "demographic_data_consent_applies": False,
            }
        ],
        "internal_job_id": p.internal_id,
        "location": {"name": p.location},
        "metadata": None,
        "id": int(p.id),
        "updated_at": updated.astimezone(offset).isoformat(timespec="seconds"),
        "requisition_id": f"REQ-{p.internal_id % 10000:04d}",
        "title": p.title,
        "company_name": p.company.name,
        "first_published": p.posted_at.astimezone(offset).isoformat(timespec="seconds"),
        "language": "en",
        "application_deadline": None,
    }
    if content:
        dept_id = stable_id(p.company.token, p.department)
        job.update(
            {
                "content": greenhouse_escape(html_sections(p.sections)),
                "departments": [{"id": dept_id, "name": p.department, "child_ids": [], "parent_id": None}],
                "offices": [
                    {
                        "id": stable_id(p.company.token, p.office.display),
                        "name": p.office.display,
                        "location": p.office.display,
                        "child_ids": [],
                        "parent_id": None,
                    }
                ],
                "ai_disclaimer": None,
                "include_ai_disclaimer": False,
                "ai_opt_out_request_url": (f"http://app.greenhouse.io/ai_opt_out_request/job_post/{p.id}/ai_opt_out"),
            }
        )
    return job


# --- Lever -------------------------------------------------------------------------------------

_LEVER_INTERVAL = {"year": "per-year-salary", "hour": "per-hour-wage"}


def _lever_html(sections: list[Section]) -> str:
    out = []
    for s in sections:
        if s.heading:
            out.append(f"<div><b>{_h(s.heading)}</b></div>")
        out += [f"<div>{_h(p)}</div>" for p in s.paragraphs]
        if s.bullets:
            out.append("<ul>" + "".join(f"<li>{_h(b)}</li>" for b in s.bullets) + "</ul>")
    return "\n".join(out)


def lever_posting(p: Posting) -> dict[str, Any]:
    by_key = {s.key: s for s in p.sections}
    opening, body = [by_key["about"]], [Section("duties", None, by_key["duties"].paragraphs)]
    listed = [by_key[k] for k in ("duties", "requirements", "nice") if k in by_key]
    closing = [by_key[k] for k in ("benefits", "pay", "apply") if k in by_key]
    commitment = "Intern" if p.seniority == "intern" else "Full-time"
    posting: dict[str, Any] = {
        "additionalPlain": plain_sections(tuple(closing)).replace("\n\n", "\n") + "\n",
        "additional": _lever_html(closing),
        "categories": {
            "commitment": commitment,
            "department": p.department,
            "location": p.location,
            "team": p.department,
            "allLocations": [p.location],
        },
        "createdAt": int(p.posted_at.timestamp() * 1000),
        "descriptionPlain": plain_sections(tuple(opening + body)).replace("\n\n", "\n") + "\n",
        "description": _lever_html(opening + body),
        "id": p.id,
        "lists": [
            {"text": s.heading, "content": "\n" + "".join(f"<li>{_h(b)}</li>\n" for b in s.bullets)} for s in listed
        ],
        "text": p.title,
        "country": p.office.iso2,
        "workplaceType": p.workplace,
        "opening": _lever_html(opening),
        "openingPlain": plain_sections(tuple(opening)).replace("\n\n", "\n") + "\n",
        "descriptionBody": _lever_html(body),
        "descriptionBodyPlain": plain_sections(tuple(body)) + "\n",
        "hostedUrl": f"https://jobs.lever.co/{p.company.token}/{p.id}",
        "applyUrl": f"https://jobs.lever.co/{p.company.token}/{p.id}/apply",
    }
    if p.salary:
        posting["salaryRange"] = {
            "currency": p.salary.currency,
            "interval": _LEVER_INTERVAL[p.salary.period],
            "min": int(p.salary.min),
            "max": int(p.salary.max),
        }
    return posting


# --- Ashby -------------------------------------------------------------------------------------


def _money(amount: float, salary: Salary) -> str:
    sym = CURRENCY_SYMBOL[salary.currency]
    return f"{sym}{amount / 1000:.0f}K" if salary.period == "year" else f"{sym}{amount:.0f}"


def ashby_compensation(p: Posting) -> dict[str, Any]:
    s = p.salary
    if s is None:
        return {
            "compensationTierSummary": None,
            "scrapeableCompensationSalarySummary": None,
            "compensationTiers": [],
            "summaryComponents": [],
        }
    interval = "1 YEAR" if s.period == "year" else "1 HOUR"
    pay = f"{_money(s.min, s)} – {_money(s.max, s)}" + ("" if s.period == "year" else " per hour")
    equity = s.period == "year" and p.internal_id % 3 == 0
    summary = pay + (" • Offers Equity" if equity else "")
    components = [
        {
            "id": stable_uuid(p.id, "salary"),
            "summary": pay,
            "compensationType": "Salary",
            "interval": interval,
            "currencyCode": s.currency,
            "minValue": int(s.min),
            "maxValue": int(s.max),
        }
    ]
    if equity:
        components.append(
            {
                "id": stable_uuid(p.id, "equity"),
                "summary": "Offers Equity",
                "compensationType": "EquityPercentage",
                "interval": "NONE",
                "currencyCode": None,
                "minValue": None,
                "maxValue": None,
            }
        )
    return {
        "compensationTierSummary": summary,
        "scrapeableCompensationSalarySummary": pay.replace(" – ", " - "),
        "compensationTiers": [
            {
                "id": stable_uuid(p.id, "tier"),
                "tierSummary": summary,
                "title": None,
                "additionalInformation": None,
                "components": components,
            }
        ],
        "summaryComponents": [{k: v for k, v in c.items() if k not in ("id", "summary")} for c in components],
    }


def ashby_job(p: Posting, compensation: bool) -> dict[str, Any]:
    country = p.office.country
    address = {
        "postalAddress": {"addressRegion": p.office.region, "addressCountry": country, "addressLocality": p.office.city}
    }
    if p.workplace == "remote":
        address = {"postalAddress": {"addressCountry": country}}
    job: dict[str, Any] = {
        "id": p.id,
        "title": p.title,
        "department": p.department,
        "team": p.department,
        "employmentType": "Intern" if p.seniority == "intern" else "FullTime",
        "location": p.location,
        "secondaryLocations": [],
        "publishedAt": p.posted_at.isoformat(timespec="milliseconds"),
        "isListed": True,
        "isRemote": p.workplace == "remote",
        "workplaceType": {"onsite": "OnSite", "hybrid": "Hybrid", "remote": "Remote"}[p.workplace],
        "address": address,
        "jobUrl": f"https://jobs.ashbyhq.com/{p.company.token}/{p.id}",
        "applyUrl": f"https://jobs.ashbyhq.com/{p.company.token}/{p.id}/application",
        "descriptionHtml": html_sections(p.sections, "ashby"),
        "descriptionPlain": plain_sections(p.sections, upper_headings=True),
    }
    if compensation:
        job["shouldDisplayCompensationOnJobPostings"] = p.salary is not None
        job["compensation"] = ashby_compensation(p)
    return job
