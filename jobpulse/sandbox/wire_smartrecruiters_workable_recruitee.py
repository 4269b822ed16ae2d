"""SmartRecruiters, Workable and Recruitee JSON for the sandbox corpus, key for key as the real
services send it (the recorded responses in shared/realdata/ats_fixtures and SOURCES.md §3).

Pure functions of (posting, clock) like wire_greenhouse_lever_ashby.py; server.py pages and caches their output.
Where a real record carries something the corpus does not know (coordinates, postal codes) the
key is left out, as the recorded responses themselves do for some records.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from .corpus import Company, Posting
from .vocabulary import Office
from .wire_greenhouse_lever_ashby import end_of, stable_id, stable_uuid
from .writer import Section

# --- description HTML -------------------------------------------------------------------------


def rich_html(sections: list[Section], heading: str = "strong") -> str:
    """What these ATSes' rich-text editors produce: headings as `<h3>` (Workable) or as a bold
    paragraph (SmartRecruiters, Recruitee), list items wrapping a paragraph."""
    out = []
    for s in sections:
        if s.heading:
            text = html.escape(s.heading, quote=False)
            out.append(f"<h3>{text}</h3>" if heading == "h3" else f"<p><strong>{text}</strong></p>")
        out += [f"<p>{html.escape(p, quote=False)}</p>" for p in s.paragraphs]
        if s.bullets:
            out.append("<ul>" + "".join(f"<li><p>{html.escape(b, quote=False)}</p></li>" for b in s.bullets) + "</ul>")
    return "".join(out)


def _group(p: Posting, *keys: str) -> list[Section]:
    return [s for s in p.sections if s.key in keys]


def _region_code(office: Office) -> str | None:
    """ "TX" for "Austin, TX"; elsewhere the first letters of the region name."""
    if office.iso2 == "US" and ", " in office.display:
        return office.display.rsplit(", ", 1)[1]
    return office.region[:2].upper() if office.region else None


def _place(*parts: str | None) -> str:
    seen: list[str] = []
    for part in parts:
        if part and (not seen or seen[-1] != part):
            seen.append(part)
    return ", ".join(seen)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


# --- SmartRecruiters --------------------------------------------------------------------------

_SR_LEVEL = {
    "intern": ("internship", "Internship"),
    "junior": ("entry_level", "Entry Level"),
    "mid": ("associate", "Associate"),
    None: ("associate", "Associate"),
}
_SR_SECTIONS = (
    ("companyDescription", "Company Description", ("about",)),
    ("jobDescription", "Job Description", ("duties",)),
    ("qualifications", "Qualifications", ("requirements", "nice")),
    ("additionalInformation", "Additional Information", ("benefits", "pay", "apply")),
)


def _sr_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def smartrecruiters_listing(p: Posting) -> dict[str, Any]:
    """One record of `GET /v1/companies/<id>/postings` (no job ad)."""
    c, office = p.company, p.office
    level = _SR_LEVEL.get(p.seniority, ("mid_senior_level", "Mid-Senior Level"))
    return {
        "id": p.id,
        "name": p.title,
        "uuid": stable_uuid(p.id, "uuid"),
        "jobAdId": stable_uuid(p.id, "jobAd"),
        "defaultJobAd": True,
        "refNumber": f"REF{p.internal_id % 100000}{'ABCDEFGHJKLMNPQRSTUVWXYZ'[p.internal_id % 24]}",
        "company": {"identifier": c.token, "name": c.name},
        "releasedDate": _sr_time(p.posted_at),
        "location": {
            "city": office.city,
            "region": _region_code(office),
            "country": office.iso2.lower(),
            "remote": p.workplace == "remote",
            "hybrid": p.workplace == "hybrid",
            "fullLocation": _place(office.city, _region_code(office), office.country),
        },
        "industry": {"id": c.industry, "label": c.industry.replace("_", " ").title()},
        "department": {"id": str(stable_id(c.token, p.department, digits=6)), "label": p.department},
        "function": {"id": "engineering", "label": "Engineering"},
        "typeOfEmployment": (
            {"id": "intern", "label": "Internship"}
            if p.seniority == "intern"
            else {"id": "permanent", "label": "Full-time"}
        ),
        "experienceLevel": {"id": level[0], "label": level[1]},
        "customField": [
            {
                "fieldId": "COUNTRY",
                "fieldLabel": "Country/Region",
                "valueId": office.iso2.lower(),
                "valueLabel": office.country,
            }
        ],
        "visibility": "PUBLIC",
        "ref": f"https://api.smartrecruiters.com/v1/companies/{c.token}/postings/{p.id}",
        "language": {"code": "en", "label": "English", "labelNative": "English (US)"},
    }


def smartrecruiters_page(listings: list[dict[str, Any]], offset: int, limit: int, total: int) -> dict[str, Any]:
    return {"offset": offset, "limit": limit, "totalFound": total, "content": listings}


def smartrecruiters_detail(p: Posting) -> dict[str, Any]:
    """`GET /v1/companies/<id>/postings/<postingId>`: the listing (without `ref`) plus the job ad."""
    detail = {k: v for k, v in smartrecruiters_listing(p).items() if k != "ref"}
    detail["department"] = {"id": int(detail["department"]["id"]), "label": p.department}  # an int here
    url = f"https://jobs.smartrecruiters.com/{p.company.token}/{p.id}-{_slug(p.title)}"
    detail.update(
        {
            "jobId": stable_uuid(p.id, "job"),
            "creator": {"name": "", "avatarUrl": ""},
            "postingUrl": url,
            "applyUrl": f"{url}?oga=true",
            "referralUrl": (
                "https://jobs.smartrecruiters.com/external-referrals/company/"
                f"{p.company.token}/publication/{detail['uuid']}?dcr_ci={p.company.token}"
            ),
            "jobAd": {
                "sections": {
                    key: {"title": title, "text": rich_html(_group(p, *keys))} for key, title, keys in _SR_SECTIONS
                }
            },
            "active": True,
        }
    )
    return detail


# --- Workable (widget API) --------------------------------------------------------------------

_WK_EXPERIENCE = {"intern": "Internship", "junior": "Entry level", "mid": "Associate", None: "Associate"}


def _workable_education(p: Posting) -> str:
    if "phd" in p.skills:
        return "Doctorate"
    return "Master's Degree" if "masters" in p.skills else ""


def workable_job(p: Posting, details: bool) -> dict[str, Any]:
    office = p.office
    link = f"https://apply.workable.com/j/{p.id}"
    job: dict[str, Any] = {
        "title": p.title,
        "shortcode": p.id,
        "code": "",
        "employment_type": "Internship" if p.seniority == "intern" else "Full-time",
        "telecommuting": p.workplace == "remote",
        "department": p.department,
        "url": link,
        "shortlink": link,
        "application_url": f"{link}/apply",
        "published_on": p.posted_on.isoformat(),
        "created_at": (p.posted_on - dt.timedelta(days=p.internal_id % 21)).isoformat(),
        "country": office.country,
        "city": office.city,
        "state": office.region or "",
        "education": _workable_education(p),
        "experience": _WK_EXPERIENCE.get(p.seniority, "Mid-Senior level"),
        "function": "Engineering",
        "industry": p.company.industry.replace("_", " ").title(),
        "locations": [
            {
                "country": office.country,
                "countryCode": office.iso2,
                "city": office.city,
                "region": office.region,
                "hidden": False,
            }
        ],
    }
    if details:
        job["description"] = rich_html(list(p.sections), heading="h3")
    return job


def workable_widget(company: Company, postings: list[Posting], details: bool) -> dict[str, Any]:
    """`GET /api/v1/widget/accounts/<account>[?details=true]`."""
    return {"name": company.name, "jobs": [workable_job(p, details) for p in postings]}


# --- Recruitee --------------------------------------------------------------------------------

_RC_EXPERIENCE = {"intern": "student_college", "junior": "entry_level", "mid": "mid_level", None: "mid_level"}


def _rc_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _rc_salary(p: Posting) -> dict[str, Any]:
    s = p.salary
    if s is None:
        return {"max": None, "min": None, "period": None, "currency": None}
    return {"max": f"{s.max:.2f}", "min": f"{s.min:.2f}", "period": s.period, "currency": s.currency}


def _rc_location(p: Posting) -> dict[str, Any]:
    o = p.office
    named = {"name": o.city, "city": o.city, "postal_code": None, "street": None, "note": None}
    return {
        "id": stable_id(p.company.token, o.display, digits=6),
        "name": o.city,
        "state": o.region,
        "country": o.country,
        "city": o.city,
        "translations": {"en": named},
        "country_code": o.iso2,
        "postal_code": None,
        "state_code": _region_code(o),
        "street": None,
        "note": None,
    }


def recruitee_offer(p: Posting, clock: dt.date) -> dict[str, Any]:
    """One offer of `GET https://<company>.recruitee.com/api/offers/` (all 54 keys)."""
    c, o = p.company, p.office
    guid = _base36(int(p.id))[-5:]
    slug = f"{_slug(p.title)}-{guid}"
    site = f"https://{c.token}.recruitee.com"
    about = _group(p, "about")
    education = (
        "doctoral_degree" if "phd" in p.skills else "master_degree" if "masters" in p.skills else "bachelor_degree"
    )
    return {
        "careers_apply_url": f"{site}/o/{slug}/c/new",
        "careers_url": f"{site}/o/{slug}",
        "category_code": "engineering",
        "city": o.city,
        "close_at": None,
        "company_name": c.name,
        "country": o.country,
        "country_code": o.iso2,
        "cover_image": None,
        "created_at": _rc_time(p.posted_at - dt.timedelta(minutes=p.internal_id % 180)),
        "department": p.department,
        "description": rich_html(_group(p, "about", "duties")),
        "dynamic_fields": [],
        "education_code": education,
        "employment_type_code": "internship" if p.seniority == "intern" else "fulltime_permanent",
        "experience_code": _RC_EXPERIENCE.get(p.seniority, "experienced"),
        "guid": guid,
        "highlight": None,
        "hybrid": p.workplace == "hybrid",
        "id": int(p.id),
        "location": "Remote job" if p.workplace == "remote" else _place(o.city, o.region, o.country),
        "location_question_visible": False,
        "locations": [_rc_location(p)],
        "locations_question": "What is your preferred work location?",
        "locations_question_required": True,
        "locations_question_type": "multiple_choice",
        "mailbox_email": f"job.{guid}@{c.token}.recruitee.com",
        "max_hours": None,
        "max_hours_per_week": None,
        "min_hours": None,
        "min_hours_per_week": None,
        "on_site": p.workplace == "onsite",
        "options_cover_letter": "off",
        "options_cv": "required",
        "options_phone": "optional",
        "options_photo": "off",
        "options_salutation": "off",
        "options_title": "off",
        "position": p.internal_id % 500,
        "postal_code": None,
        "published_at": _rc_time(p.posted_at),
        "remote": p.workplace == "remote",
        "requirements": rich_html(_group(p, "requirements", "nice", "benefits", "pay", "apply")),
        "salary": _rc_salary(p),
        "sharing_description": about[0].paragraphs[0] if about and about[0].paragraphs else p.title,
        "sharing_image": f"https://recruitee-main.s3.eu-central-1.amazonaws.com/offers/{p.id}/normal_sharing.jpg",
        "sharing_title": p.title,
        "slug": slug,
        "state_code": _region_code(o),
        "state_name": o.region,
        "status": "published",
        "tags": [],
        "title": p.title,
        "updated_at": _rc_time(min(p.updated_at, end_of(clock))),
    }
