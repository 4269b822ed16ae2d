"""Salary columns of a batch of postings: the source's structured pay first, else pay written in the text.

`salary_columns(frame)` (LazyFrame or DataFrame in, same kind out) needs `salary_min`, `salary_max`,
`salary_currency`, `salary_period`, `title` and `description_text`, and reads `salary_text` and
`country` when the frame has them (run `location_columns` first: a bare "$" in a Canadian posting
is not US dollars). It rewrites the four salary columns and adds `salary_annual_min` / `salary_annual_max`.

- Structured pay (Lever salaryRange, Ashby compensation, Recruitee, RemoteOK, Himalayas, …) wins
  whenever the source gave an amount: the source knows better than any text reading. Its ends are
  put in order, non-positive amounts dropped, and a missing period is inferred by magnitude
  (≥ 10,000 a year, ≥ 1,000 a month, in the currency's units scaled to dollars; smaller stays
  unknown) — an API field is pay by definition, so no pay word is needed.
- Otherwise the pay the source wrote as text (`salary_text`: Remotive's salary field, the pay
  segment of an HN header) is read, and when it states none, the title, then the description:
  all by `salary_text.parse_salary_text` (the one parser of pay written by people), in
  Python but only where Rust found a money anchor over the whole batch first (a currency sign or
  code, a k-number, lakh/LPA, a pay word with a digit after it): amounts may begin only within a
  few characters of an anchor, and rows without one cost nothing (measured: 40% of HN 2026 posts
  and 12% of Glassdoor descriptions have one).
- Annualized pay = amount × periods per year: hour 2080 (40 h × 52), day 260, week 52, month 12.
"""

from __future__ import annotations

import re

import polars as pl

from pipeline.normalize.salary_text import parse_salary_text
from pipeline.normalize.salary_words import CODE_CURRENCIES, CURRENCY_SCALE

__all__ = ["PERIODS_PER_YEAR", "parse_salary_text", "salary_columns", "text_salary"]

PERIODS_PER_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}

_SALARY_DTYPE = pl.Struct({"min": pl.Float64, "max": pl.Float64, "currency": pl.String, "period": pl.String})
# Money anchors, found by Rust over the whole batch: currency signs (non-ASCII and ASCII apart),
# codes, k/lakh numbers, pay words. Each is a literal set or an ASCII-only regex on its own: merged
# into one alternation, or with a Unicode `\b`/`\d`, Rust's engine loses its literal prefilter and
# runs ~10x slower. Wider than what the parser accepts, never narrower, except for currencies
# written only "kr" (Scandinavian posts are read when they write SEK, NOK or DKK).
# An amount right after a sign is part of its anchor, so that rounds and funds ("$40M") are dropped
# in Rust already; a sign with no amount after it stays an anchor ("90k€").
_AFTER_SIGN = r"(?:\s?~?[0-9][0-9,.'’]*(?: ?[A-Za-z]+)?)?"
_ANCHORS = (
    "(?:"
    + "|".join(
        re.escape(sign) for sign in ("€", "£", "¥", "￥", "円", "₹", "₩", "₪", "₽", "₺", "₱", "₦", "฿", "₫", "zł", "Kč")
    )
    + ")"
    + _AFTER_SIGN,
    r"(?:\$|Rs\.|Rs |Fr\.)" + _AFTER_SIGN,
    r"(?-u:\b)(?:" + "|".join(sorted(CODE_CURRENCIES)) + ")",
    # A pay word counts only with a number soon after it on the same line ("Salary: 65,000"), not in
    # "competitive salary and benefits"; the number is part of the anchor so that plans can be dropped.
    "(?:"
    + "|".join(
        spelling
        for word in ("salary", "compensation", "pay", "wage", "brutto", "lakh", "crore")
        for spelling in (word, word.capitalize(), word.upper())
    )
    + "|CTC|OTE|LPA)[^0-9\n]{0,30}[0-9]+ ?\\(?[kKbB]?",
)
# k-numbers ("150k", "35-90L") as their last digit and unit: a literal set of 60 two- and three-
# character strings that Rust prefilters, where a pattern with the whole number would try every
# digit of the text (~10x slower on real postings).
_K_NUMBER = r"[0-9] ?[kKL](?-u:\b)"
# Retirement plans are the most common k-numbers of US postings: a row whose only k-numbers are
# plans ("401k", "403(b)") keeps no k-number anchor.
_RETIREMENT_PLAN = r"4(?:01|03|57) ?\(?[kKbB]"
_NOT_ANCHORS = "|".join(
    (
        # plans after a pay word ("competitive salary, 401(k) and PTO")
        r"(?:^|[^0-9])4(?:01|03|57) ?\(?[kKbB]$",
        # millions and billions of a dollar-sized currency: rounds, funds, revenue ("$40M", "€2.5 million")
        r"^(?:[$€£]|Fr\.)\s?~?[0-9][0-9,.'’]* ?(?:[mMbB]|MM|mn|bn|million|billion|trillion)$",
    )
)
# Amounts are looked for only this close to an anchor ("150-180k USD": the range starts 10 characters
# before its code; "Salary: 65,000": the amount follows the word); cue words are read further out.
_BEFORE_ANCHOR = 25
_AFTER_ANCHOR = 40


def text_salary(title: pl.Expr, description: pl.Expr, country: pl.Expr) -> pl.Expr:
    """Struct {min, max, currency, period} of the first pay statement in title, then description."""
    return pl.struct(title=title, description=description, country=country).map_batches(
        _text_salary_batch, return_dtype=_SALARY_DTYPE, is_elementwise=False
    )


def _text_salary_batch(columns: pl.Series) -> pl.Series:
    text = pl.concat_str([pl.col("title").fill_null(""), pl.col("description").fill_null("")], separator="\n")
    rows = (
        columns.struct.unnest()
        .select("country", text=text)
        .with_columns(
            anchors=pl.concat_list([pl.col("text").str.extract_all(pattern) for pattern in _ANCHORS]).list.eval(
                pl.element().filter(~pl.element().str.contains(_NOT_ANCHORS))
            ),
            k_numbers=pl.col("text").str.extract_all(_K_NUMBER),
        )
        .with_columns(
            anchors=pl.when(pl.col("k_numbers").list.len() > pl.col("text").str.count_matches(_RETIREMENT_PLAN))
            .then(pl.concat_list("anchors", "k_numbers"))
            .otherwise("anchors")
        )
        .drop("k_numbers")
        .with_row_index("row")
        .filter(pl.col("anchors").list.len() > 0)
    )
    parsed: list[dict | None] = [None] * len(columns)
    for row, country, text, anchors in zip(*(rows.get_column(name).to_list() for name in rows.columns)):
        salary = parse_salary_text(text, country, spans=_anchor_spans(text, anchors))
        if salary is not None:
            parsed[row] = {
                "min": salary.minimum,
                "max": salary.maximum,
                "currency": salary.currency,
                "period": salary.period,
            }
    return pl.Series(columns.name, parsed, dtype=_SALARY_DTYPE)


def _anchor_spans(text: str, anchors: list[str]) -> list[tuple[int, int]]:
    """Where amounts may begin: around each occurrence of each anchor, overlaps merged, in text order."""
    starts = set()
    for anchor in set(anchors):
        at = text.find(anchor)
        while at != -1:
            starts.add(at)
            at = text.find(anchor, at + 1)
    spans: list[tuple[int, int]] = []
    for at in sorted(starts):
        begin, end = max(0, at - _BEFORE_ANCHOR), at + _AFTER_ANCHOR
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((begin, end))
    return spans


def _magnitude_period(amount: pl.Expr, currency: pl.Expr) -> pl.Expr:
    in_dollars = amount / currency.replace_strict(
        list(CURRENCY_SCALE), [float(v) for v in CURRENCY_SCALE.values()], default=1.0, return_dtype=pl.Float64
    )
    return pl.when(in_dollars >= 10_000).then(pl.lit("year")).when(in_dollars >= 1_000).then(pl.lit("month"))


def salary_columns(frame: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame | pl.DataFrame:
    """Rewrite salary_min/max/currency/period from structured fields or text; add salary_annual_min/max."""
    names = frame.collect_schema().names()
    country = pl.col("country").cast(pl.String) if "country" in names else pl.lit(None, dtype=pl.String)
    low = pl.when(pl.col("salary_min").cast(pl.Float64) > 0).then(pl.col("salary_min").cast(pl.Float64))
    high = pl.when(pl.col("salary_max").cast(pl.Float64) > 0).then(pl.col("salary_max").cast(pl.Float64))
    structured = low.is_not_null() | high.is_not_null()
    stated = pl.col("salary_text").cast(pl.String) if "salary_text" in names else pl.lit(None, dtype=pl.String)
    no_text = pl.lit(None, dtype=pl.String)
    from_field = text_salary(pl.when(structured).then(no_text).otherwise(stated), no_text, country)
    # The title and description are read only where neither the numbers nor the salary text gave pay.
    unread = pl.col("_structured") | pl.col("_stated").is_not_null()
    from_text = text_salary(
        pl.when(unread).then(no_text).otherwise(pl.col("title").cast(pl.String)),
        pl.when(unread).then(no_text).otherwise(pl.col("description_text").cast(pl.String)),
        country,
    )
    both_ends = pl.col("_low").is_not_null() & pl.col("_high").is_not_null()
    return (
        frame.with_columns(_low=low, _high=high, _structured=structured, _stated=from_field)
        .with_columns(_found=pl.coalesce("_stated", from_text))
        .with_columns(
            # A source that sent its ends swapped still means the same range.
            salary_min=pl.when("_structured")
            .then(pl.when(both_ends).then(pl.min_horizontal("_low", "_high")).otherwise("_low"))
            .otherwise(pl.col("_found").struct.field("min")),
            salary_max=pl.when("_structured")
            .then(pl.when(both_ends).then(pl.max_horizontal("_low", "_high")).otherwise("_high"))
            .otherwise(pl.col("_found").struct.field("max")),
            salary_currency=pl.when("_structured")
            .then(pl.col("salary_currency").cast(pl.String).str.strip_chars().str.to_uppercase())
            .otherwise(pl.col("_found").struct.field("currency")),
            salary_period=pl.when("_structured")
            .then(
                pl.coalesce(
                    pl.when(pl.col("salary_period").cast(pl.String).is_in(list(PERIODS_PER_YEAR))).then(
                        pl.col("salary_period").cast(pl.String)
                    ),
                    _magnitude_period(pl.max_horizontal("_low", "_high"), pl.col("salary_currency").cast(pl.String)),
                )
            )
            .otherwise(pl.col("_found").struct.field("period")),
        )
        .with_columns(
            salary_annual_min=pl.col("salary_min") * _periods_per_year(pl.col("salary_period")),
            salary_annual_max=pl.col("salary_max") * _periods_per_year(pl.col("salary_period")),
        )
        .drop("_low", "_high", "_structured", "_stated", "_found")
    )


def _periods_per_year(period: pl.Expr) -> pl.Expr:
    return period.replace_strict(
        list(PERIODS_PER_YEAR), [float(v) for v in PERIODS_PER_YEAR.values()], default=None, return_dtype=pl.Float64
    )
