"""schema.org `JobPosting` markup in a career page (JSON-LD and microdata) → items.

Career sites publish their postings for search engines as `JobPosting` objects: in
`<script type="application/ld+json">` blocks (alone, in a list, inside `@graph`, or nested in an
`ItemList`) or as microdata (`itemscope itemtype="https://schema.org/JobPosting"`). extruct reads
both; this module maps the fields:

- `title`; `hiringOrganization.name` → company; `description` (HTML in JSON-LD; microdata gives
  the element's text);
- `jobLocation` (Place → PostalAddress, one or several) → location; `jobLocationType` TELECOMMUTE
  → remote ("applicantLocationRequirements" names the location when no place is given);
- `baseSalary` (MonetaryAmount: `currency`, `value` as QuantitativeValue with `minValue`,
  `maxValue` or `value`, and `unitText` HOUR/DAY/WEEK/MONTH/YEAR) → salary fields;
- `datePosted` → posted_at (only when it is an ISO date: ingest refuses anything else);
- source_id: `identifier.value`, qualified by the identifier's name or the employer (ids are only
  unique per employer), else the posting's canonical URL.

Pure: HTML in, items out. extruct is imported on first use (it pulls in lxml and friends).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from contract.posting import PostingItem, new_item
from contract.salary import Salary
from crawlers.extractors.common import remote_from_text, salary_period, to_number

SOURCE = "careers"


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """One item per distinct JobPosting on the page (JSON-LD first, then microdata); `payload` is
    the page's HTML (text or bytes) and `url` its address, which relative links resolve against."""
    page, page_url = payload, url or ""
    tree = _parse(page)
    if tree is None:
        return []
    postings = job_postings(tree, page_url)
    canonical = _canonical_url(tree, page_url) if len(postings) == 1 else None
    items: list[PostingItem] = []
    seen: set[str] = set()
    for posting in postings:
        item = posting_item(posting, page_url, canonical=canonical, board=board)
        if item is not None and item["source_id"] not in seen:  # JSON-LD and microdata of one job
            seen.add(item["source_id"])
            items.append(item)
    return items


def job_postings(tree: Any, page_url: str) -> list[dict[str, Any]]:
    """Every JobPosting object in a parsed page, in document order, JSON-LD before microdata."""
    import extruct
    from extruct.jsonld import JsonLdExtractor

    found: list[dict[str, Any]] = []
    jsonld = JsonLdExtractor()
    # One block at a time: extruct drops *every* JSON-LD block of a page when one is malformed.
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            found.extend(_walk(jsonld.extract_items(script)))
        except ValueError:
            continue
    microdata = extruct.extract(tree, base_url=page_url, syntaxes=["microdata"], uniform=True, errors="ignore")
    found.extend(_walk(microdata.get("microdata") or []))
    return found


def is_job_posting(node: dict[str, Any]) -> bool:
    """`@type` JobPosting, however it is spelled: "JobPosting", "schema:JobPosting", a URL, a list."""
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(name, str) and re.split(r"[/:#]", name.strip())[-1] == "JobPosting" for name in names)


def posting_item(
    posting: dict[str, Any], page_url: str, *, canonical: str | None = None, board: str | None = None
) -> PostingItem | None:
    """The item of one JobPosting object; None when it has no title."""
    title = _text(posting.get("title") or posting.get("name"))
    if not title:
        return None
    company = _organization_name(posting.get("hiringOrganization"))
    url = _url(posting.get("url"), page_url) or canonical
    location = _location(posting)
    remote = "remote" if _is_telecommute(posting.get("jobLocationType")) else remote_from_text(location)
    salary = salary_from_base(posting.get("baseSalary"))
    return new_item(
        source=SOURCE,
        source_id=_source_id(posting, company, url) or f"{page_url}#{title}",
        board=board,
        url=url or page_url,
        company=company,
        title=title,
        location=location,
        remote=remote,
        description_html=_description(posting.get("description")),
        posted_at=iso_date(posting.get("datePosted")),
        **(salary.as_item_fields() if salary else {}),
        raw=posting,
    )


def salary_from_base(base: Any) -> Salary | None:
    """A MonetaryAmount (or a list of them: the first) → Salary; bare numbers have no unit → None."""
    if isinstance(base, list):
        base = next((b for b in base if isinstance(b, dict)), None)
    if not isinstance(base, dict):
        return None
    value, currency, unit = base.get("value"), base.get("currency"), base.get("unitText")
    if isinstance(value, dict):
        low, high = to_number(value.get("minValue")), to_number(value.get("maxValue"))
        single = to_number(value.get("value"))
        unit = value.get("unitText") or unit
        currency = currency or value.get("currency")
    else:
        low = high = None
        single = to_number(value)
    if low is None and high is None:
        low = high = single
    if low is None and high is None:
        return None
    code = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return Salary(low, high, code, salary_period(unit if isinstance(unit, str) else None))


def iso_date(value: Any) -> str | None:
    """The value when it is an ISO 8601 date or datetime ("2026-03-02", "…T09:00:00Z"), else None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return value.strip()


# --- helpers ---------------------------------------------------------------------------------------


def _parse(page: str | bytes) -> Any | None:
    import lxml.etree
    import lxml.html

    if not page or not (page.strip() if isinstance(page, str) else page.strip()):
        return None
    try:
        return lxml.html.fromstring(page.encode("utf-8") if isinstance(page, str) else page)
    except (lxml.etree.ParserError, ValueError):
        return None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """JobPostings anywhere in extracted data: lists, `@graph`, ItemList elements, nested objects."""
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        if is_job_posting(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int | float)), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return re.sub(r"\s+", " ", html.unescape(value)).strip() or None


def _url(value: Any, page_url: str) -> str | None:
    text = _text(value)
    return urljoin(page_url, text) if text else None


def _canonical_url(tree: Any, page_url: str) -> str | None:
    hrefs = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    return urljoin(page_url, hrefs[0].strip()) if hrefs and hrefs[0].strip() else None


def _organization_name(organization: Any) -> str | None:
    if isinstance(organization, list):
        organization = organization[0] if organization else None
    if isinstance(organization, dict):
        return _text(organization.get("name") or organization.get("legalName"))
    return _text(organization)


def _place_text(place: Any) -> str | None:
    if not isinstance(place, dict):
        return _text(place)
    address = place.get("address")
    if isinstance(address, list):
        address = address[0] if address else None
    if not isinstance(address, dict):
        return _text(address) or _text(place.get("name"))
    country = address.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("name")
    parts: list[str] = []
    for part in (address.get("addressLocality"), address.get("addressRegion"), country):
        text = _text(part)
        if text and text not in parts:  # "Singapore, Singapore" says it once
            parts.append(text)
    return ", ".join(parts) or _text(place.get("name"))


def _location(posting: dict[str, Any]) -> str | None:
    places = posting.get("jobLocation")
    if places is None:  # fully remote postings name where applicants may live instead
        places = posting.get("applicantLocationRequirements")
    texts = [text for text in map(_place_text, places if isinstance(places, list) else [places]) if text]
    return "; ".join(dict.fromkeys(texts)) or None


def _is_telecommute(location_type: Any) -> bool:
    kinds = location_type if isinstance(location_type, list) else [location_type]
    return any(isinstance(kind, str) and kind.strip().upper() == "TELECOMMUTE" for kind in kinds)


def _description(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if value.lstrip().startswith("&lt;"):  # HTML entity-escaped once more inside the JSON
        return html.unescape(value)
    return value


def _source_id(posting: dict[str, Any], company: str | None, url: str | None) -> str | None:
    identifier = posting.get("identifier")
    if isinstance(identifier, list):
        identifier = identifier[0] if identifier else None
    owner = None
    if isinstance(identifier, dict):
        owner = _text(identifier.get("name"))
        identifier = identifier.get("value") or identifier.get("@id")
    value = _text(identifier)
    if value:
        owner = owner or company
        return f"{owner}:{value}" if owner else value
    return url
