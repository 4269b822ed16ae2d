"""One pay statement written by a person → `Salary(minimum, maximum, currency, period)`, or None.

`parse_salary_text("$150k–$200k")`; the vectorized `pipeline.normalize.salary.salary_columns` calls it
only around the spots of a posting that look like money. The rules, and why:

Finding an amount. A candidate is a number with an optional multiplier (k, m, lakh, crore, LPA),
optionally a second one after a range word (-, –, —, ~, "to", "between … and"), with a currency
before or after either end. Thousands separators are `,` `.` `'` `’` and thin/no-break/plain
spaces when exactly three digits follow ("150.000", "CHF 120'000", "60 000 €"); Indian grouping
("12,00,000") too. A multiplier on one end carries over to a bare end below 1000 ("150-180k").

Is it pay? A candidate needs money evidence: a currency, an Indian unit (lakh, LPA), a k/m range
("100k-140k"), or a pay word (salary, compensation, base, OTE, …) as the nearest cue word among
the five words before it (in the same clause). It is refused when the nearest such word is about other money (raised,
funding, Series B, bonus, stipend, budget, valuation, …), when a noun right after it says what was
counted or what the money is for ("100k users", "$10k signing bonus", "$50M in funding", but not
"$150k + bonus"), for retirement plans ("401k", "403(b)"), and for billions/trillions.

Currency (ISO 4217) only when stated or unambiguous; never assumed:
- codes (USD, EUR, …, upper case) and unambiguous symbols (€, £, ₹, ₩, ₪, US$, C$, A$, R$, …);
- a bare "$" is USD unless the location's country (`country=`) uses dollars or pesos of its own
  (Canada, Australia, Mexico, …) or the text around the amount names such a country: then the
  currency is unknown (None). Canadian and Australian posts quote both their own and US dollars;
- "¥" is CNY when China is the country or named nearby, else JPY; "kr" needs the country (SE, NO, DK);
- no currency written ("100k-140k") → None.

Period (hour, day, week, month, year): a period word right after the amount ("/hr", "per day",
"a year", "p.a.", "LPA", "RAL", "monthly"), else one among the words just before it ("hourly
rate", "annual base salary", "day rate"), else by magnitude in the currency's units scaled to
dollars: ≥ 10,000 → year; 1,000–9,999 → month only after a pay word ("salary €4.500"), else
refused; below 1,000 with no period → refused (an hourly rate, a day rate, or "$150-200" missing
its k: nobody can tell). Refused as implausible: an amount outside its period's range (an hour
5–1,000 dollars, a day 30–5,000, a week 150–25,000, a month 300–120,000, a year 3,000–1M),
millions of a dollar-sized currency ("$1M" is a round or a fund), a top more than 6x the bottom.

Ends: a range gives both; one figure gives minimum = maximum, except "up to $180k" (maximum only)
and "from 90k€", "$200k+", "starting at" (minimum only).
"""

from __future__ import annotations

import re

from contract.salary import Salary
from pipeline.normalize.salary_patterns import (
    DIGITS,
    INDIAN_UNITS,
    MILLIONS,
    MONEY,
    RETIREMENT_PLAN,
    SINGLE,
    amount_value,
    expression_start,
    multiplier_value,
)
from pipeline.normalize.salary_words import (
    CODE_CURRENCIES,
    CURRENCY_SCALE,
    LOCAL_DOLLAR_COUNTRIES,
    SYMBOL_CURRENCIES,
    clause_before,
    head_verdict,
    mentions_pay,
    names_local_dollar_country,
    period_after,
    period_before,
    tail_is_not_pay,
)

__all__ = ["parse_salary_text"]

# Millions are pay only in currencies with small units (¥12M, ₩60M); "$1M" is a round or a fund.
_SMALL_UNIT_MARKS = frozenset(
    [mark for mark, code in {**SYMBOL_CURRENCIES, **CODE_CURRENCIES}.items() if CURRENCY_SCALE.get(code, 1) >= 50]
    + ["¥", "￥"]
)
_PLAUSIBLE = {
    "hour": (5, 1_000),
    "day": (30, 5_000),
    "week": (150, 25_000),
    "month": (300, 120_000),
    "year": (3_000, 1_000_000),
}
_MAX_SPREAD = 6.0
_CONTEXT_CHARS = 100  # how far from the amount a country name can decide what "$" means
_CUE_CHARS = 60  # how far before/after the amount cue words are read
_CHINA = ("china", "chinese", "rmb", "cny", "yuan", "beijing", "shanghai", "shenzhen", "hangzhou", "元")
_RUPEE_MARKS = frozenset(["₹", "Rs", "Rs.", "INR"])
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_KRONA_COUNTRIES = {"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"}
# The words right before a single amount that make it one end of an open range.
_UP_TO = {"up to", "max", "maximum", "as high as", "no more than", "≤", "<"}
_FROM = {"from", "starting at", "starting from", "starts at", "min", "minimum", "at least", "over", "≥", ">"}
_LEAD_WORDS = re.compile(r"[a-z]+|[≤<≥>]")


def parse_salary_text(
    text: str | None, country: str | None = None, *, spans: list[tuple[int, int]] | None = None
) -> Salary | None:
    """The first pay statement in `text` (see the module rules); `country` is the posting's ISO code.

    `spans` ((begin, end) offsets, in order) limits where an amount may begin; cue words are still
    read from the whole text. The vectorized path passes the surroundings of its money anchors.
    """
    if not text:
        return None
    position = 0
    for begin, end in spans if spans is not None else [(0, len(text))]:
        position = max(position, begin)  # never restart inside an amount already read
        while digit := DIGITS.search(text, position, end):
            match = MONEY.match(text, expression_start(text, digit.start()))
            if match is None:  # a number always matches; kept so a pattern edit cannot loop forever
                position = digit.end()
                continue
            is_range = match["second"] is not None
            salary = _salary(match, is_range, text, country)
            if salary is None and is_range:
                single = SINGLE.match(text, match.start("cur1") if match["cur1"] else digit.start())
                salary = _salary(single, False, text, country) if single else None
            if salary is not None:
                return salary
            position = max(match.end(), digit.end())
    return None


def _salary(match: re.Match[str], is_range: bool, text: str, country: str | None) -> Salary | None:
    marks = [match[key] for key in (("cur1", "suf1", "cur2", "suf2") if is_range else ("cur1", "suf1")) if match[key]]
    raw_units = [match["mul1"], match["mul2"] if is_range else None]
    factors = [multiplier_value(unit) for unit in raw_units]
    if None in factors:
        return None  # billions and trillions are never pay
    units = {unit.strip().lower() for unit in raw_units if unit}
    indian = bool(units & INDIAN_UNITS)
    if units & MILLIONS and not any(mark.strip() in _SMALL_UNIT_MARKS for mark in marks):
        return None  # "$40M", "€2m": a round, a fund, revenue; not a salary
    if "l" in units and not any(mark.strip() in _RUPEE_MARKS for mark in marks):
        return None  # "50L" is litres unless rupees are written: "₹40L", "35-90L INR"
    if not (marks or units) and _YEAR.fullmatch(match["plain1"] or ""):
        return None  # "in July 2018", "Salary review 2025"
    head = text[max(0, match.start() - _CUE_CHARS) : match.start()]
    # Money evidence first: most numbers in a posting (years, team sizes, dates) stop here, most of
    # them at the substring test, which is ~20x cheaper than reading the words.
    strong = bool(marks or indian or (is_range and units))
    if not strong and not mentions_pay(head):
        return None
    clause = clause_before(head)
    verdict = head_verdict(clause)
    if not (strong or verdict == "pay"):
        return None
    if verdict == "not_pay" or _retirement_plan(match, text):
        return None
    tail = text[match.end() : match.end() + _CUE_CHARS]
    if tail_is_not_pay(tail):
        return None
    low = amount_value(match, 1) * factors[0]
    high = amount_value(match, 2) * factors[1] if is_range else low
    if is_range:
        low, high = _carry_multiplier(low, high, *(unit is not None for unit in raw_units), max(factors))
        low, high = min(low, high), max(low, high)  # "$100,000 - $75,000" is the same range
    window = text[max(0, match.start() - _CONTEXT_CHARS) : match.end() + _CONTEXT_CHARS]
    currency = _currency(marks, window, country) or ("INR" if indian and not marks else None)
    scale = CURRENCY_SCALE.get(currency or "", 1.0)
    period = period_after(tail) or ("year" if "lpa" in units else None) or period_before(clause)
    if period is None:
        period = _period_by_magnitude(max(low, high) / scale, after_pay_word=verdict == "pay")
        if period is None:
            return None
    floor = low if low > 0 else None  # "$0-150k": no floor stated
    if not _plausible(floor, high, period, scale):
        return None
    if is_range:
        return Salary(floor, high, currency, period)
    lead = _LEAD_WORDS.findall(text[max(0, match.start() - 20) : match.start()].lower())
    lead_phrases = {" ".join(lead[-n:]) for n in (1, 2, 3)}
    if lead_phrases & _UP_TO:
        return Salary(None, high, currency, period)
    if lead_phrases & _FROM or match["plus"]:
        return Salary(floor, None, currency, period)
    return Salary(floor, high, currency, period)


def _retirement_plan(match: re.Match[str], text: str) -> bool:
    """ "401k", "401(k)", "403(b)": plans, not pay."""
    return match["plain1"] in ("401", "403", "457") and bool(RETIREMENT_PLAN.match(text, match.end("plain1")))


def _carry_multiplier(low: float, high: float, low_has: bool, high_has: bool, factor: float) -> tuple[float, float]:
    """ "150-180k" → 150k-180k; "$150k-200" → 150k-200k; "$154-190,000" → 154k-190k."""
    if high_has and not low_has and low < 1000:
        low *= factor
    elif low_has and not high_has and high < 1000:
        high *= factor
    elif not low_has and not high_has and low < 1000 <= high and low * 1000 <= high:
        low *= 1000
    return low, high


def _currency(marks: list[str], window: str, country: str | None) -> str | None:
    stripped = [mark.strip() for mark in marks]
    for mark in stripped:
        if mark in CODE_CURRENCIES:
            return CODE_CURRENCIES[mark]
    for mark in stripped:
        code = SYMBOL_CURRENCIES[mark]
        if code == "$":
            if country in LOCAL_DOLLAR_COUNTRIES or names_local_dollar_country(window):
                return None
            return "USD"
        if code == "¥":
            lowered = window.lower()
            return "CNY" if country == "CN" or any(name in lowered for name in _CHINA) else "JPY"
        if code == "kr":
            return _KRONA_COUNTRIES.get(country or "")
        return code
    return None


def _period_by_magnitude(amount_in_dollars: float, *, after_pay_word: bool) -> str | None:
    if amount_in_dollars >= 10_000:
        return "year"
    if amount_in_dollars >= 1_000 and after_pay_word:
        return "month"
    return None


def _plausible(low: float | None, high: float, period: str, scale: float) -> bool:
    floor, ceiling = _PLAUSIBLE[period]
    if not floor <= high / scale <= ceiling:
        return False
    if low is None:
        return True
    return floor <= low / scale and low <= high <= low * _MAX_SPREAD
