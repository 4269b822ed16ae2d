"""Small pure helpers shared by the extractors: dates, HTML first lines, remote flags, API pay fields.

Nothing here does I/O or reads the clock, so every function is safe to call on recorded payloads.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any


def epoch_to_iso(seconds: float | int | None) -> str | None:
    """Unix seconds → ISO 8601 in UTC ("2026-01-02T15:50:53+00:00"); None stays None."""
    if seconds is None or isinstance(seconds, bool):
        return None
    try:
        moment = datetime.fromtimestamp(float(seconds), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return moment.isoformat(timespec="seconds")


def epoch_ms_to_iso(millis: float | int | None) -> str | None:
    """Unix milliseconds (Lever's `createdAt`) → ISO 8601 in UTC."""
    if millis is None or isinstance(millis, bool):
        return None
    try:
        return epoch_to_iso(float(millis) / 1000.0)
    except (TypeError, ValueError):
        return None


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# HN comments separate paragraphs with a bare <p> (no closing tag); older Algolia records
# wrap each paragraph in <p>…</p>; some posters use raw newlines or <br>.
_LINE_BREAK = re.compile(r"<p\b[^>]*>|</p>|<br\s*/?>|\n", re.IGNORECASE)


def strip_tags(fragment: str) -> str:
    """Plain text of a small HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def first_line(comment_html: str | None) -> str:
    """The first non-blank line of an HN-style HTML comment, as plain text ('' if none)."""
    for piece in _LINE_BREAK.split(comment_html or ""):
        text = strip_tags(piece)
        if text:
            return text
    return ""


def truncate(text: str, limit: int) -> str:
    """Cut at a word boundary so titles stay readable; adds '…' when something was dropped."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-|/")
    return (cut or text[:limit]) + "…"


_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_NOT_REMOTE = re.compile(r"\b(?:no|not|non)[\s-]remote\b|\bremote:?\s*no\b", re.IGNORECASE)
_REMOTE = re.compile(
    r"\bremote\b|\bwfh\b|\bwork(?:ing)? from (?:home|anywhere)\b|\bfully distributed\b",
    re.IGNORECASE,
)
_ONSITE = re.compile(r"\bon[\s-]?site\b|\bin[\s-](?:office|person)\b", re.IGNORECASE)


def remote_from_text(text: str | None) -> str | None:
    """'hybrid' | 'remote' | 'onsite' when a short text (header line, location) says so, else None.

    Hybrid wins over the others because "Onsite / Hybrid" and "Remote or hybrid" both mean the
    job is not fully on-site; a negated remote ("no remote") means on-site.
    """
    if not text:
        return None
    if _HYBRID.search(text):
        return "hybrid"
    if _NOT_REMOTE.search(text):
        return "onsite"
    if _REMOTE.search(text):
        return "remote"
    if _ONSITE.search(text):
        return "onsite"
    return None


_PERIOD_WORDS = {
    "hour": "hour",
    "hourly": "hour",
    "hr": "hour",
    "day": "day",
    "daily": "day",
    "week": "week",
    "weekly": "week",
    "wk": "week",
    "month": "month",
    "monthly": "month",
    "mo": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "yr": "year",
}


def salary_period(interval: str | None) -> str | None:
    """An API's pay interval → our period: "per-year-salary", "per-hour-wage", "1 YEAR", "MONTHLY"…

    Ashby intervals other than one unit ("2 WEEK") have no single period and give None.
    """
    if not interval:
        return None
    words = re.findall(r"[a-z]+|\d+", interval.lower())
    if words and words[0].isdigit() and words[0] != "1":
        return None
    for word in words:
        if word in _PERIOD_WORDS:
            return _PERIOD_WORDS[word]
    return None


def to_number(value: Any) -> float | None:
    """A salary amount from an API (int, float or numeric string) → float; anything else → None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None
    return number if number > 0 else None


def refused(source: str, board: str | None, reason: str, original: Any) -> dict[str, Any]:
    """What an extractor emits for a record it cannot make an item of: a refusal that lands beside
    the items (ingest stores it in `rejects` with this reason; the crawl counts it per board as
    dropped), so nothing is dropped without a trace."""
    return {"_reject": reason, "source": source, "board": board, "_original": original}


def is_refusal(record: Any) -> bool:
    return isinstance(record, dict) and "_reject" in record


def each_record(records: Any, make: Any, source: str, board: str | None) -> list[dict[str, Any]]:
    """`make(record)` for every record; a record whose extraction raises (a wrong type, a missing
    key, a value out of range) becomes a refusal with the error as its reason, never a lost board."""
    out = []
    for record in records:
        try:
            out.append(make(record))
        except Exception as exc:  # noqa: BLE001 — one record's fault is that record's refusal
            out.append(refused(source, board, f"cannot extract: {type(exc).__name__}: {str(exc)[:160]}", record))
    return out
