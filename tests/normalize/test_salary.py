"""Salary: free-text pay statements (scalar), the batch columns (vectorized), and checks on real posts:
pay written in a source's salary field or HN header (handed over by the extractors as `salary_text`)
and pay written anywhere in a posting.

The table strings are written in the styles seen in real postings (HN headers, ATS pay-transparency
lines, European and Indian conventions); none is copied from a posting.
"""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract.salary import Salary
from crawlers.extractors import extractor
from pipeline.normalize.salary import PERIODS_PER_YEAR, parse_salary_text, salary_columns
from pipeline.normalize.text import html_to_text
from tests.realdata import realdata_path

Y, M, W, D, H = "year", "month", "week", "day", "hour"

# (text, expected): expected None means "no salary here" (unknown).
SALARY_CASES = [
    # US style, dollars
    ("$150k–$200k", Salary(150_000, 200_000, "USD", Y)),
    ("$150k – $175K (Salary + Equity)", Salary(150_000, 175_000, "USD", Y)),
    ("Compensation: $145,000 — $185,000 USD annually", Salary(145_000, 185_000, "USD", Y)),
    ("Salary range: $120,000 to $150,000", Salary(120_000, 150_000, "USD", Y)),
    ("between $100k and $130k depending on experience", Salary(100_000, 130_000, "USD", Y)),
    ("USD 120,000 - 150,000 per year", Salary(120_000, 150_000, "USD", Y)),
    ("150-180k USD + equity", Salary(150_000, 180_000, "USD", Y)),
    ("$169-265k", Salary(169_000, 265_000, "USD", Y)),
    ("$154-190,000", Salary(154_000, 190_000, "USD", Y)),
    ("$150K - 180K a year", Salary(150_000, 180_000, "USD", Y)),
    ("$120K base + bonus", Salary(120_000, 120_000, "USD", Y)),
    ("Comp: $150k + 0.75% equity", Salary(150_000, 150_000, "USD", Y)),
    ("$200k+ base + equity", Salary(200_000, None, "USD", Y)),
    ("up to $180k", Salary(None, 180_000, "USD", Y)),
    ("Sr: $153k-$220k, Staff: $190k-$275k", Salary(153_000, 220_000, "USD", Y)),
    ("$150k - 3 days in office", Salary(150_000, 150_000, "USD", Y)),
    ("Atlanta, GA $100,000- $75,000", Salary(75_000, 100_000, "USD", Y)),  # ends written in reverse
    # hourly, daily, weekly, monthly
    ("$80/hr", Salary(80, 80, "USD", H)),
    ("$62.50/hr W2", Salary(62.5, 62.5, "USD", H)),
    ("Rate: $70–85/hr, contract-to-hire", Salary(70, 85, "USD", H)),
    ("$45-$55 an hour", Salary(45, 55, "USD", H)),
    ("$900/day outside IR35", Salary(900, 900, "USD", D)),
    ("$2,500/week for 12 weeks", Salary(2_500, 2_500, "USD", W)),
    ("$5,000/month", Salary(5_000, 5_000, "USD", M)),
    ("$3,500 - $4,500 USD per month", Salary(3_500, 4_500, "USD", M)),
    # other currencies and conventions
    ("€70-90k", Salary(70_000, 90_000, "EUR", Y)),
    ("€ 55-72k", Salary(55_000, 72_000, "EUR", Y)),
    ("€85.000 - €105.000 EUR", Salary(85_000, 105_000, "EUR", Y)),
    ("60 000 – 70 000 € brutto", Salary(60_000, 70_000, "EUR", Y)),
    ("from 90k€", Salary(90_000, None, "EUR", Y)),
    ("€30–40k RAL", Salary(30_000, 40_000, "EUR", Y)),
    ("salary €4,500 gross per month", Salary(4_500, 4_500, "EUR", M)),
    ("60-70 EUR/h", Salary(60, 70, "EUR", H)),
    ("£65,000", Salary(65_000, 65_000, "GBP", Y)),
    ("£75-95k + equity", Salary(75_000, 95_000, "GBP", Y)),
    ("£400-£500 per day", Salary(400, 500, "GBP", D)),
    ("£50ph", Salary(50, 50, "GBP", H)),
    ("CHF 120'000", Salary(120_000, 120_000, "CHF", Y)),
    ("CHF60k–CHF85k", Salary(60_000, 85_000, "CHF", Y)),
    ("$126k-$154k CAD", Salary(126_000, 154_000, "CAD", Y)),
    ("C$110,000 - C$130,000", Salary(110_000, 130_000, "CAD", Y)),
    ("A$140k + super", Salary(140_000, 140_000, "AUD", Y)),
    ("₹25 LPA", Salary(2_500_000, 2_500_000, "INR", Y)),
    ("₹12,00,000 per annum", Salary(1_200_000, 1_200_000, "INR", Y)),
    ("35-90L INR", Salary(3_500_000, 9_000_000, "INR", Y)),
    ("¥8,000,000 per year", Salary(8_000_000, 8_000_000, "JPY", Y)),
    # no currency written: never assumed
    ("100k-140k", Salary(100_000, 140_000, None, Y)),
    ("Salary: 65,000 - 75,000", Salary(65_000, 75_000, None, Y)),
    ("Target pay 45-70 per hour", Salary(45, 70, None, H)),
    # "$" next to a country with its own dollar: not known to be US dollars
    ("Remote (Canada) | $120k-$140k", Salary(120_000, 140_000, None, Y)),
    # not a salary → unknown
    ("401k with 3% match", None),
    ("401(k) plan with employer match", None),
    ("Series B, $50M raised", None),
    ("We raised $20M from top investors", None),
    ("$1M ARR and growing", None),
    ("We process $2B in payments every year", None),
    ("$30 trillion in assets under management", None),
    ("20+ years of experience", None),
    ("Serving 100k users daily", None),
    ("$10k signing bonus", None),
    ("$1,000 home office stipend", None),
    ("$2,000 annual learning budget", None),
    ("$5,000 referral bonus for hires", None),
    ("Call us at 555-123-4567", None),
    ("Founded 2015; revenue doubled 2019-2023", None),
    ("Competitive salary and equity", None),
    ("$150-200", None),  # hourly? daily? a missing k? nobody can tell
    ("10-40 hrs/wk", None),
    ("We train on H100 GPUs, 8x A100 nodes", None),
    ("bioreactors at 10L, 50L and 200L scales", None),  # litres, not lakhs
    ("Salary reviews since our initial public offering in July 2018", None),  # a year
]


@pytest.mark.parametrize(("text", "expected"), SALARY_CASES, ids=[case[0] for case in SALARY_CASES])
def test_parse_salary_text(text, expected):
    assert parse_salary_text(text) == expected


CURRENCY_BY_COUNTRY_CASES = [
    ("$150k-$180k", None, "USD"),
    ("$150k-$180k", "US", "USD"),
    ("$150k-$180k", "DE", "USD"),  # US dollars quoted in a German post are US dollars
    ("$150k-$180k", "CA", None),
    ("$150k-$180k", "AU", None),
    ("$150k-$180k USD", "CA", "USD"),
    ("¥600,000 per month", "CN", "CNY"),
    ("50 000 kr per month", "SE", "SEK"),
    ("50 000 kr per month", None, None),
]


@pytest.mark.parametrize(("text", "country", "currency"), CURRENCY_BY_COUNTRY_CASES)
def test_currency_depends_on_the_postings_country_only_when_the_sign_is_shared(text, country, currency):
    salary = parse_salary_text(text, country)
    assert salary is not None and salary.currency == currency


@settings(max_examples=200, deadline=None)
@given(low=st.integers(40, 400), spread=st.integers(0, 200), separator=st.sampled_from(["-", "–", " to ", " - "]))
def test_any_dollar_k_range_reads_back_in_order(low, spread, separator):
    """Within the plausible spread (top ≤ 6x bottom) every range is read exactly."""
    high = low + spread
    salary = parse_salary_text(f"Salary: ${low}k{separator}${high}k")
    assert salary == Salary(low * 1000, high * 1000, "USD", Y)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Nd", "No", "Nl"]), max_size=200))
def test_text_without_digits_has_no_salary(text):
    assert parse_salary_text(text) is None


# --- the batch columns ------------------------------------------------------------------------------


def postings(**columns) -> pl.DataFrame:
    """A batch with the columns salary_columns needs; unspecified ones are null. `salary_text` is
    optional (frames loaded before it existed have none), so it is there only when given."""
    size = len(next(iter(columns.values())))
    schema = {
        "title": pl.String,
        "description_text": pl.String,
        "salary_min": pl.Float64,
        "salary_max": pl.Float64,
        "salary_currency": pl.String,
        "salary_period": pl.String,
    }
    if "salary_text" in columns:
        schema["salary_text"] = pl.String
    return pl.DataFrame({name: columns.get(name, [None] * size) for name in schema}, schema=schema)


def salaries(frame: pl.DataFrame) -> list[tuple]:
    out = salary_columns(frame.lazy()).collect()
    return list(
        out.select(
            "salary_min", "salary_max", "salary_currency", "salary_period", "salary_annual_min", "salary_annual_max"
        ).iter_rows()
    )


def test_structured_pay_wins_over_the_text():
    frame = postings(
        description_text=["Salary: €50k"],
        salary_min=[90_000.0],
        salary_max=[120_000.0],
        salary_currency=["USD"],
        salary_period=["year"],
    )
    assert salaries(frame) == [(90_000, 120_000, "USD", "year", 90_000, 120_000)]


def test_structured_pay_is_put_in_order_and_gets_a_period_by_magnitude():
    frame = postings(
        salary_min=[120_000.0, 0.0, 45.0],
        salary_max=[90_000.0, 5_000.0, None],
        salary_currency=["USD", "EUR", "USD"],
        description_text=["", "", ""],
    )
    assert salaries(frame) == [
        (90_000, 120_000, "USD", "year", 90_000, 120_000),
        (None, 5_000, "EUR", "month", None, 60_000),  # 0 is no floor
        (45, None, "USD", None, None, None),  # too small to tell hour from day
    ]


def test_the_title_is_read_before_the_description():
    frame = postings(title=["ML Engineer ($180k-$220k)"], description_text=["Base salary $150,000 - $170,000"])
    assert salaries(frame)[0][:2] == (180_000, 220_000)


def test_the_salary_text_a_source_gave_is_read_before_the_title_and_description():
    frame = postings(
        salary_text=["€60–75k + equity"],
        title=["ML Engineer ($180k-$220k)"],
        description_text=["Base salary $150,000 - $170,000"],
    )
    assert salaries(frame) == [(60_000, 75_000, "EUR", "year", 60_000, 75_000)]


def test_pay_numbers_from_the_source_win_over_its_salary_text():
    frame = postings(
        salary_text=["$80/hr"],
        salary_min=[90_000.0],
        salary_max=[120_000.0],
        salary_currency=["USD"],
        salary_period=["year"],
    )
    assert salaries(frame)[0][:4] == (90_000, 120_000, "USD", "year")


def test_salary_text_stating_no_pay_leaves_the_posting_text_to_be_read():
    frame = postings(
        salary_text=["$30 trillion in assets under management", "Competitive", None],
        description_text=["Base pay $190k-$270k"] * 3,
    )
    assert [row[:4] for row in salaries(frame)] == [(190_000, 270_000, "USD", "year")] * 3


@pytest.mark.parametrize(
    ("text", "annual"),
    [
        ("$60/hr", 60 * 2080),
        ("£500 per day", 500 * 260),
        ("$2,000/week", 2_000 * 52),
        ("€6,000 per month", 6_000 * 12),
        ("$150k", 150_000),
    ],
)
def test_annual_pay_multiplies_by_periods_per_year(text, annual):
    assert salaries(postings(description_text=[text]))[0][4:] == (annual, annual)


def test_periods_per_year_are_a_40_hour_week():
    assert PERIODS_PER_YEAR == {"hour": 40 * 52, "day": 5 * 52, "week": 52, "month": 12, "year": 1}


def test_the_postings_country_decides_a_bare_dollar():
    frame = postings(description_text=["Salary $120k-$140k"] * 2).with_columns(country=pl.Series(["US", "CA"]))
    assert [row[2] for row in salaries(frame)] == ["USD", None]


def test_the_batch_finds_what_the_scalar_parser_finds_inside_a_long_posting():
    """The vectorized path only looks near money anchors; on every table case it must agree."""
    filler = "We build data tools for 2,000 teams. " * 20
    texts = [f"{filler}\n{text}\n{filler}" for text, _ in SALARY_CASES]
    found = [row[:4] for row in salaries(postings(description_text=texts))]
    expected = [tuple(case) if case else (None, None, None, None) for _, case in SALARY_CASES]
    assert found == expected


def test_a_batch_of_long_postings_finds_the_pay_among_money_looking_noise():
    """One posting in five states pay; the others carry money-looking noise (a 401k next to
    "salary", a funding round, team sizes, years). Its speed is measured by benchmarks/steps.py."""
    filler = "You will own services end to end with a team of 12 engineers since 2019. " * 30
    noise = "Benefits: competitive salary, 401k with match, 20 days PTO. We raised $40M in 2024."
    pay = [text for text, expected in SALARY_CASES if expected is not None]
    texts = [f"{filler}\n{pay[i % len(pay)] if i % 5 == 0 else noise}\n{filler}" for i in range(50_000)]
    frame = postings(description_text=texts)
    found = salary_columns(frame.lazy()).collect()["salary_max"].is_not_null().sum()
    assert found >= 9_000


# --- real data: HN "Who is hiring?" 2026 with silver labels -----------------------------------------

HN_2026 = ("hn_whoishiring", "hn_whoishiring_2026-01_2026-05.jsonl.gz")
# Measured 2026-11: precision 0.971, recall 0.973 (476 found, 475 labelled of 1,718). The
# disagreements were read one by one: nearly all "false positives" are real pay the labeller
# missed ("€80-100k + equity", "£60k + EMI equity", "3 500 - 5 000 EUR/mo"), most misses are
# wordings with no number ("competitive salary"). Floors sit ~2 points under the measurement.
MIN_PRECISION = 0.95
MIN_RECALL = 0.95
MIN_BAND_OVERLAP = 0.96  # measured 0.984
BANDS = {
    "<$100k": (0, 100_000),
    "$100k-$150k": (100_000, 150_000),
    "$150k-$200k": (150_000, 200_000),
    "$200k+": (200_000, float("inf")),
    "$200+": (200_000, float("inf")),
}


@pytest.fixture(scope="module")
def hn_2026_salaries() -> pl.DataFrame:
    with gzip.open(realdata_path(*HN_2026), "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    labelled = [r for r in records if r.get("llm_salary_mentioned") is not None]
    frame = postings(description_text=[r.get("text") or "" for r in labelled]).with_columns(
        description_text=html_to_text(pl.col("description_text")),
        mentioned=pl.Series([r["llm_salary_mentioned"] for r in labelled]),
        band=pl.Series([r.get("llm_salary_band") for r in labelled], dtype=pl.String),
    )
    return (
        salary_columns(frame.lazy())
        .collect()
        .with_columns(found=pl.col("salary_min").is_not_null() | pl.col("salary_max").is_not_null())
    )


def test_salary_found_agrees_with_the_hn_silver_labels(hn_2026_salaries):
    found, mentioned = hn_2026_salaries["found"], hn_2026_salaries["mentioned"]
    true_positives = (found & mentioned).sum()
    precision, recall = true_positives / found.sum(), true_positives / mentioned.sum()
    assert precision >= MIN_PRECISION, f"precision {precision:.3f}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f}"


def test_annual_usd_pay_falls_in_the_labelled_band(hn_2026_salaries):
    usd = hn_2026_salaries.filter(
        pl.col("found") & pl.col("mentioned") & (pl.col("salary_currency") == "USD") & pl.col("band").is_not_null()
    )
    overlapping = 0
    for low, high, band in usd.select("salary_annual_min", "salary_annual_max", "band").iter_rows():
        low, high = low or high, high or low
        band_low, band_high = BANDS[band]
        overlapping += low <= band_high and high >= band_low
    assert len(usd) > 300
    assert overlapping / len(usd) >= MIN_BAND_OVERLAP


# --- real data: pay the sources wrote as text, handed over by the extractors ------------------------


def normalized_pay(items: list[dict]) -> dict[str, tuple]:
    """source_id → (min, max, currency, period) after normalization, for items straight from an extractor."""
    frame = pl.DataFrame(items).select(
        "source_id", "title", *SALARY_ITEM_FIELDS, description_text=pl.lit(None, dtype=pl.String)
    )
    out = salary_columns(frame.cast({"salary_min": pl.Float64, "salary_max": pl.Float64}).lazy()).collect()
    return {row[0]: row[1:] for row in out.select("source_id", *SALARY_ITEM_FIELDS[:4]).iter_rows()}


SALARY_ITEM_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_period", "salary_text")


@pytest.mark.parametrize(
    ("recording", "job_id", "pay"),
    [
        ("remotive_remote_jobs_full.json", "2090903", (18, 22, "USD", H)),  # "$18 - $22/hr"
        ("remotive_remote_jobs_full.json", "2091075", (45_000, 50_000, "USD", Y)),  # "$45,000 - $50,000"
        # "$14/hr": one figure is both ends, as everywhere else. The extractor's own parser (gone) left
        # the maximum empty, so this posting's salary_max changed from None to 14.
        ("remotive_remote_jobs_full.json", "2091074", (14, 14, "USD", H)),
        ("remotive_remote_jobs_full.json", "2091081", (None, None, None, None)),  # ""
        ("remotive_remote_jobs_with_notices.json", "2091048", (55_000, 100_000, "USD", Y)),  # "$55k - $100k"
    ],
)
def test_remotive_salary_field(recording, job_id, pay):
    payload = json.loads(realdata_path("ats_fixtures", "remotive", recording).read_text())
    assert normalized_pay(extractor("remotive").extract(payload))[job_id] == pay


@pytest.fixture(scope="module")
def hn_2026_items() -> dict[str, dict]:
    with gzip.open(realdata_path(*HN_2026), "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    hn = extractor("hn")
    return {
        item["source_id"]: item
        for record in records
        if record.get("source") == "who_is_hiring"
        for item in hn.extract({**record, "type": "comment", "parent": record["thread_id"]})
    }


@pytest.mark.parametrize(
    ("post_id", "pay"),
    [
        ("46466139", (150_000, 250_000, "USD", Y)),  # "$150k-$250k + equity (SF; location-adjusted)"
        ("46467871", (75_000, 140_000, "GBP", Y)),  # "£75k-£140k"
    ],
)
def test_hn_header_pay(hn_2026_items, post_id, pay):
    assert normalized_pay([hn_2026_items[post_id]])[post_id] == pay


def test_hn_header_pay_of_the_july_2026_thread():
    tree = json.loads(realdata_path("hn_whoishiring", "wire_format", "algolia_items_48747976_excerpt.json").read_text())
    assert normalized_pay(extractor("hn").extract(tree))["48748003"] == (150_000, 250_000, None, Y)  # "150-250k+"
