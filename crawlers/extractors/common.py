"""Small pure helpers shared by the extractors: dates, HTML first lines, remote flags, salaries.

Nothing here does I/O or reads the clock, so every function is safe to call on recorded payloads.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from typing import Any, NamedTuple


class Salary(NamedTuple):
    minimum: float | None
    maximum: float | None
    currency: str | None  # ISO 4217, only when the text or the API states it
    period: str | None  # "hour" | "day" | "week" | "month" | "year"

    def as_item_fields(self) -> dict[str, Any]:
        return {
            "salary_min": self.minimum,
            "salary_max": self.maximum,
            "salary_currency": self.currency,
            "salary_period": self.period,
        }


def epoch_to_iso(seconds: float | int | None) -> str | None:
    """Unix seconds → ISO 8601 in UTC ("2026-01-02T15:50:53+00:00"); None stays None."""
    if seconds is None or isinstance(seconds, bool):
        return None
    try:
        moment = datetime.fromtimestamp(float(seconds), tz=timezone.utc)
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
    "hour": "hour", "hourly": "hour", "hr": "hour",
    "day": "day", "daily": "day",
    "week": "week", "weekly": "week", "wk": "week",
    "month": "month", "monthly": "month", "mo": "month",
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "yr": "year",
    "salary": "year",
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
        if word in _PERIOD_WORDS and word != "salary":
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


# --- salaries written in free text (HN header lines) -------------------------------------------

_SYMBOLS = {"US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "$": "USD",
            "€": "EUR", "£": "GBP"}
_CODES = r"USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|INR|JPY|SGD|NZD|PLN|ILS|BRL|MXN"
_SYMBOL = r"(?:US\$|CA\$|C\$|AU\$|A\$|\$|€|£)"
# Thousands separators ("150,000", "150.000") or a plain/decimal number; never followed by M/B
# (funding rounds: "$51M Series C") or by more digits.
_NUMBER = r"\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_AMOUNT = (
    r"(?P<cur{n}>{sym})?\s*(?P<num{n}>{num})(?![.,]?\d)\s*(?P<k{n}>[kK]\b)?"
    r"(?!\s*(?:[mMbB]\b|million|billion))"
)
_RANGE = re.compile(
    _AMOUNT.format(n=1, sym=_SYMBOL, num=_NUMBER)
    + r"\s*(?:-|–|—|to)\s*"
    + _AMOUNT.format(n=2, sym=_SYMBOL, num=_NUMBER)
)
_SINGLE = re.compile(
    r"(?P<cur1>" + _SYMBOL + r")\s*(?P<num1>" + _NUMBER + r")(?![.,]?\d)\s*(?P<k1>[kK]\b)?"
    r"(?!\s*(?:[mMbB]\b|million|billion))"
)
_CODE = re.compile(r"\b(" + _CODES + r")\b")
_TEXT_PERIOD = re.compile(
    r"(?:/|\bper\s+|\ban?\s+)(hour|hr|day|week|wk|month|mo|year|yr)\b|\b(hourly|daily|weekly|monthly|"
    r"yearly|annual|annually)\b",
    re.IGNORECASE,
)


def _amount(number: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", number):
        return float(re.sub(r"[,.]", "", number))
    return float(number)


def parse_salary_text(text: str | None) -> Salary | None:
    """A pay range written by a person ("$150k-$200k", "€30–40k", "150-250k + equity", "$80/hr").

    Only accepted when it is clearly money: a currency symbol or code, or a "k" suffix. That keeps
    "10–40 hrs/wk", "2019-2023" and "2+ years" out.
    """
    if not text:
        return None
    match = _RANGE.search(text)
    is_range = match is not None
    if match is None:
        match = _SINGLE.search(text)
        if match is None:
            return None
    groups = match.groupdict()
    code = _CODE.search(text)
    symbol = groups.get("cur1") or groups.get("cur2")
    has_k = bool(groups.get("k1") or groups.get("k2"))
    if not (symbol or code or has_k):
        return None
    low = _amount(groups["num1"]) * (1000 if groups.get("k1") else 1)
    high = _amount(groups["num2"]) * (1000 if groups.get("k2") else 1) if is_range else None
    if high is not None and groups.get("k2") and not groups.get("k1") and low < 1000:
        low *= 1000  # "150-250k": the k applies to both ends
    if high is not None and groups.get("k1") and not groups.get("k2") and high < 1000:
        high *= 1000  # "$150k-200"
    if high is not None and low < 1000 <= high and low * 1000 <= high:
        low *= 1000  # "$154-190,000"
    if high is not None and low > high:
        return None
    currency = code.group(1) if code else _SYMBOLS.get(symbol or "")
    period_match = _TEXT_PERIOD.search(text)
    if period_match:
        period = _PERIOD_WORDS[(period_match.group(1) or period_match.group(2)).lower()]
    elif max(low, high or 0) >= 10_000:
        period = "year"  # "$150k" with no unit is an annual salary in these posts
    else:
        period = None
    return Salary(low, high, currency, period)


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
