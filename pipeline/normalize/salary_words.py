"""The word lists behind `salary_text`: currencies, pay and not-pay cue words, period words.

Kept apart from the parsing rules so that adding a currency or a cue word is a one-line edit here.
"""

from __future__ import annotations

import re

# Upper-case ISO codes (and two common aliases) written next to an amount. Codes that are also
# everyday technical words with numbers after them are left out: PHP (the language), TRY.
CODE_CURRENCIES = {
    code: code
    for code in (
        "USD",
        "EUR",
        "GBP",
        "CHF",
        "CAD",
        "AUD",
        "NZD",
        "SGD",
        "HKD",
        "JPY",
        "CNY",
        "INR",
        "KRW",
        "ILS",
        "SEK",
        "NOK",
        "DKK",
        "ISK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "RUB",
        "UAH",
        "AED",
        "SAR",
        "QAR",
        "EGP",
        "NGN",
        "KES",
        "ZAR",
        "BRL",
        "MXN",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "TWD",
        "THB",
        "VND",
        "IDR",
        "MYR",
        "PKR",
        "BDT",
        "LKR",
        "NPR",
    )
} | {"NIS": "ILS", "RMB": "CNY"}

# Symbols and currency words. "$", "¥" and "kr" are shared by several currencies: they map to
# themselves and `salary_text._currency` decides from the country and the words around them.
SYMBOL_CURRENCIES = {
    "US$": "USD",
    "USD$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "SG$": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "MX$": "MXN",
    "$": "$",
    "dollars": "$",
    "€": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "pounds": "GBP",
    "¥": "¥",
    "￥": "¥",
    "円": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₩": "KRW",
    "₪": "ILS",
    "₽": "RUB",
    "₺": "TRY",
    "₱": "PHP",
    "₦": "NGN",
    "฿": "THB",
    "₫": "VND",
    "zł": "PLN",
    "Kč": "CZK",
    "kr": "kr",
    "Fr.": "CHF",
}

# Rough units per US dollar, only to judge magnitudes ("is ¥8,000,000 a yearly amount?"), never to
# convert: a factor within 2x of the real rate is enough for the thresholds in salary_text.
CURRENCY_SCALE = {
    "HKD": 8,
    "CNY": 7,
    "JPY": 150,
    "KRW": 1300,
    "INR": 80,
    "PKR": 280,
    "BDT": 110,
    "LKR": 300,
    "NPR": 130,
    "PHP": 55,
    "THB": 35,
    "VND": 25000,
    "IDR": 15000,
    "MYR": 4.5,
    "TWD": 30,
    "SEK": 10,
    "NOK": 10,
    "DKK": 7,
    "ISK": 130,
    "PLN": 4,
    "CZK": 23,
    "HUF": 350,
    "RON": 4.5,
    "BGN": 1.8,
    "TRY": 30,
    "RUB": 90,
    "UAH": 40,
    "ILS": 3.7,
    "AED": 3.7,
    "SAR": 3.75,
    "QAR": 3.6,
    "EGP": 50,
    "NGN": 1500,
    "KES": 130,
    "ZAR": 18,
    "BRL": 5,
    "MXN": 18,
    "ARS": 900,
    "CLP": 900,
    "COP": 4000,
    "PEN": 3.7,
}

# Countries whose own currency is written "$": a bare "$" there is not known to be US dollars.
LOCAL_DOLLAR_COUNTRIES = {"CA", "AU", "NZ", "SG", "HK", "TW", "MX", "AR", "CL", "CO", "UY"}
_LOCAL_DOLLAR_NAMES = (
    "canada",
    "canadian",
    "toronto",
    "vancouver",
    "montreal",
    "montréal",
    "ottawa",
    "calgary",
    "australia",
    "sydney",
    "melbourne",
    "new zealand",
    "auckland",
    "singapore",
    "hong kong",
    "taiwan",
    "mexico",
    "mexican",
    "argentina",
    "chile",
    "colombia",
)

_PAY = {
    "salary",
    "salaries",
    "compensation",
    "comp",
    "pay",
    "paying",
    "pays",
    "paid",
    "base",
    "wage",
    "wages",
    "rate",
    "ote",
    "tc",
    "remuneration",
    "earn",
    "earning",
    "earnings",
    "gross",
    "brutto",
    "netto",
    "income",
    "range",
    "band",
    "package",
    "ctc",
    "payband",
}
# Words for money that is not this job's pay, and for counts of things ("100k users").
_MONEY_NOT_PAY = {
    "raised",
    "raise",
    "raising",
    "funding",
    "funded",
    "fund",
    "round",
    "series",
    "seed",
    "valuation",
    "valued",
    "revenue",
    "revenues",
    "arr",
    "mrr",
    "backed",
    "investment",
    "invested",
    "investors",
    "grant",
    "grants",
    "prize",
    "bounty",
    "bonus",
    "bonuses",
    "stipend",
    "budget",
    "allowance",
    "reimbursement",
    "reimbursed",
    "credit",
    "credits",
    "referral",
    "signing",
    "relocation",
    "worth",
    "sold",
    "acquired",
    "acquisition",
    "assets",
    "aum",
    "gmv",
    "sales",
    "spend",
    "spent",
    "cost",
    "costs",
    "price",
    "priced",
    "fee",
    "fees",
    "donated",
    "donation",
    "savings",
    "saved",
    "loan",
    "loans",
    "match",
    "401k",
    "rsu",
    "rsus",
    "equipment",
    "wellness",
    "learning",
    "gym",
    "payments",
    "processed",
    "volume",
}
_COUNTED = {
    "users",
    "customers",
    "clients",
    "members",
    "downloads",
    "installs",
    "requests",
    "transactions",
    "rows",
    "records",
    "events",
    "queries",
    "companies",
    "businesses",
    "merchants",
    "stores",
    "students",
    "patients",
    "devices",
    "visitors",
    "subscribers",
    "followers",
    "stars",
    "lines",
    "tokens",
    "parameters",
    "params",
    "views",
    "calls",
    "messages",
    "mau",
    "dau",
    "qps",
    "rps",
    "tps",
    "lives",
    "homes",
    "orders",
    "miles",
    "km",
    "sq",
    "square",
    "people",
    "employees",
    "hires",
    "applicants",
    "sessions",
    "reviews",
    "listings",
}
# Equity is in neither list: "Salary and equity: $150k" and "£150k+ cash/equity" are pay.
_HEAD_NOT_PAY = _MONEY_NOT_PAY | _COUNTED

# Everything up to the last clause break before an amount (greedy, so one C-level match finds it).
_UP_TO_LAST_BREAK = re.compile(r"(?s).*(?:[.!?,](?:\s|$)|[\n|;•·()\[\]{}]|\s[-–—]\s)")
_TAIL_BREAK = re.compile(r"[+,()|;\n&•·]|[.!?](?:\s|$)|\s(?:plus|and|with|or)\s", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_HEAD_WORDS = 5
_TAIL_COUNTED_WORDS = 3
_TAIL_MONEY_WORDS = 4

_UNIT_PERIOD = {
    "hour": "hour",
    "hr": "hour",
    "hrs": "hour",
    "h": "hour",
    "day": "day",
    "d": "day",
    "week": "week",
    "wk": "week",
    "w": "week",
    "month": "month",
    "mo": "month",
    "mth": "month",
    "m": "month",
    "year": "year",
    "yr": "year",
    "y": "year",
    "annum": "year",
    "a": "year",
}
_WORD_PERIOD = {
    "hourly": "hour",
    "ph": "hour",
    "daily": "day",
    "pd": "day",
    "weekly": "week",
    "pw": "week",
    "monthly": "month",
    "pcm": "month",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
    "pa": "year",
    "lpa": "year",
    "ral": "year",
}
_PERIOD_AFTER = re.compile(
    r"^\s*(?:\(?(?:gross|brutto|base|salary|net|cash|total|[A-Z]{3})\)?\s*){0,2}"
    r"(?:(?:/|\bper\s+|\ban?\s+|\beach\s+|\bp\s?[/.]\s?)(?P<unit>hour|hrs?|h|day|d|week|wk|w|month|mth|mo|m|"
    r"year|yr|y|annum|a)\b\.?|(?P<word>hourly|daily|weekly|monthly|yearly|annually|annual|ph|pd|pw|pcm|pa|LPA|"
    r"RAL)\b)",
    re.IGNORECASE,
)
_PERIOD_STEMS = ("hour", "dai", "day", "week", "month", "annu", "year")
_PERIOD_BEFORE = re.compile(
    r"\b(?P<hour>hourly|per hour)|\b(?P<day>daily|day rate|per day)|\b(?P<week>weekly|per week)"
    r"|\b(?P<month>monthly|per month)|\b(?P<year>annual(?:ly|ized)?|yearly|per year|per annum)",
    re.IGNORECASE,
)


def names_local_dollar_country(text: str) -> bool:
    """True when the text names a country (or its big cities) that writes its own currency "$"."""
    lowered = text.lower().replace("new mexico", "")
    return any(name in lowered for name in _LOCAL_DOLLAR_NAMES)


def mentions_pay(text: str) -> bool:
    """Cheap necessary condition for `head_verdict(text) == "pay"`: some pay word occurs as a substring."""
    lowered = text.lower()
    return any(word in lowered for word in _PAY)


def clause_before(head: str) -> str:
    """The end of `head` after its last clause break: the words an amount that follows belongs with."""
    before = _UP_TO_LAST_BREAK.match(head)
    return head[before.end() :] if before else head


def _clause_after(tail: str) -> str:
    cut = _TAIL_BREAK.search(tail)
    return tail[: cut.start()] if cut else tail


def head_verdict(clause: str) -> str | None:
    """ "pay" / "not_pay" from the nearest cue word among the last few words of the clause before an amount."""
    words = _WORD.findall(clause.lower())[-_HEAD_WORDS:]
    for word in reversed(words):
        if word in _PAY:
            return "pay"
        if word in _HEAD_NOT_PAY:
            return "not_pay"
    return None


def tail_is_not_pay(tail: str) -> bool:
    """True when the words right after an amount say what was counted or what the money is for."""
    words = _WORD.findall(_clause_after(tail).lower())
    return any(word in _COUNTED for word in words[:_TAIL_COUNTED_WORDS]) or any(
        word in _MONEY_NOT_PAY for word in words[:_TAIL_MONEY_WORDS]
    )


def period_after(tail: str) -> str | None:
    match = _PERIOD_AFTER.match(tail)
    if not match:
        return None
    if match["unit"]:
        return _UNIT_PERIOD[match["unit"].lower()]
    return _WORD_PERIOD[match["word"].lower()]


def period_before(clause: str) -> str | None:
    """The period a clause before an amount names ("hourly rate:", "annual base salary")."""
    lowered = clause.lower()
    if not any(stem in lowered for stem in _PERIOD_STEMS):
        return None
    matches = list(_PERIOD_BEFORE.finditer(clause))
    if not matches:
        return None
    return next(name for name, value in matches[-1].groupdict().items() if value)
