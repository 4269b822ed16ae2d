"""Location: remote/hybrid/onsite and the ISO country of each posting, on written cases and real HN posts."""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources

import polars as pl
import pytest

from crawlers.extractors.hn import parse_header
from pipeline.normalize.location import location_columns
from pipeline.normalize.places import countries_of_locations, normalized_name
from pipeline.normalize.text import html_to_text
from tests.realdata import realdata_path

COUNTRY_CASES = [
    # US cities with and without their state
    ("San Francisco, CA", "US"),
    ("San Francisco Bay Area", "US"),
    ("New York City", "US"),
    ("NYC", "US"),
    ("New York, NY", "US"),
    ("Mountain View, California, US", "US"),
    ("Washington, DC", "US"),
    ("Portland, OR", "US"),
    ("Indianapolis, IN", "US"),
    ("Austin, TX or Remote (US)", "US"),
    ("SF/NY", "US"),
    ("New York; Remote; San Francisco", "US"),
    ("San Francisco, CA | New York City, NY | Seattle, WA", "US"),
    # countries, codes and the remote forms
    ("Remote - US", "US"),
    ("Remote (US only)", "US"),
    ("US - Remote", "US"),
    ("U.S.", "US"),
    ("United States", "US"),
    ("India - Remote", "IN"),
    ("REMOTE (CANADA)", "CA"),
    ("Ontario, CAN", "CA"),
    # elsewhere
    ("London", "GB"),
    ("London UK", "GB"),
    ("London, ON", "CA"),
    ("Toronto, ON", "CA"),
    ("Vancouver, BC", "CA"),
    ("Berlin, DE", "DE"),
    ("München", "DE"),
    ("Zürich, CH", "CH"),
    ("São Paulo, Brazil", "BR"),
    ("Kraków, Poland", "PL"),
    ("Wrocław", "PL"),
    ("Tel Aviv-Yafo", "IL"),
    ("Bengaluru", "IN"),
    ("Sydney NSW", "AU"),
    ("Melbourne, Victoria", "AU"),
    ("Dublin", "IE"),
    ("Mexico City, MX", "MX"),
    ("Kongens Lyngby, Denmark (Greater Copenhagen Area)", "DK"),
    # a city name two countries share, settled by its qualifier
    ("Cambridge, MA", "US"),
    ("Cambridge, UK", "GB"),
    ("Dublin, CA", "US"),
    ("Atlanta, Georgia", "US"),
    ("Tbilisi, Georgia", "GE"),
    ("Paris, TX", "US"),
    ("Toronto, CA", "CA"),
    # not determinable → null
    ("Cambridge", None),
    ("Victoria", None),
    ("Georgia", None),
    ("London or New York", None),
    ("Remote (US/Canada)", None),
    ("London, UK; Toronto, Canada", None),
    ("Remote (Europe)", None),
    ("Berlin or Remote (EU)", None),
    ("Worldwide", None),
    ("Remote", None),
    ("REMOTE OK", None),
    ("Sales, QA", None),  # QA is the job, not Qatar
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("location", "country"), COUNTRY_CASES, ids=[repr(case[0]) for case in COUNTRY_CASES])
def test_country_of_location(location, country):
    assert countries_of_locations(pl.Series([location], dtype=pl.String)).to_list() == [country]


def test_countries_come_back_in_order_for_a_batch_with_repeats():
    locations = [case[0] for case in COUNTRY_CASES] * 3
    expected = [case[1] for case in COUNTRY_CASES] * 3
    assert countries_of_locations(pl.Series(locations, dtype=pl.String)).to_list() == expected


# (structured remote, location, title, description) → remote
REMOTE_CASES = [
    # the source's own field wins, normalized
    (("remote", "London", "ML Engineer", "This is a hybrid role."), "remote"),
    (("On-Site", None, "ML Engineer", ""), "onsite"),
    (("Hybrid", "Remote", "ML Engineer", ""), "hybrid"),
    # location text
    ((None, "Remote (US only)", "ML Engineer", ""), "remote"),
    ((None, "REMOTE", "ML Engineer", ""), "remote"),
    ((None, "Remote-first, EU time zones", "ML Engineer", ""), "remote"),
    ((None, "London (Hybrid)", "ML Engineer", ""), "hybrid"),
    ((None, "Onsite / Hybrid", "ML Engineer", ""), "hybrid"),
    ((None, "NYC, 3 days in office", "ML Engineer", ""), "hybrid"),
    ((None, "SF or Remote", "ML Engineer", ""), "remote"),
    ((None, "Berlin (no remote)", "ML Engineer", ""), "onsite"),
    ((None, "ONSITE in Austin, TX", "ML Engineer", ""), "onsite"),
    ((None, "Anywhere", "ML Engineer", ""), "remote"),
    # title
    ((None, "NYC", "Senior ML Engineer (Remote)", ""), "remote"),
    ((None, None, "Data Scientist - Hybrid", ""), "hybrid"),
    # description phrases
    ((None, "Berlin", "ML Engineer", "We are a remote-first company."), "remote"),
    ((None, "Berlin", "ML Engineer", "This role is fully remote within Europe."), "remote"),
    ((None, "Berlin", "ML Engineer", "Open to remote candidates in the EU."), "remote"),
    ((None, "Berlin", "ML Engineer", "No remote, sorry: we like whiteboards."), "onsite"),
    ((None, "Berlin", "ML Engineer", "We do not have any remote positions at this time."), "onsite"),
    ((None, "Austin, TX", "ML Engineer", "This is a hybrid role: 3 days a week in the office."), "hybrid"),
    ((None, "Austin, TX", "ML Engineer", "You will work 2-3 days onsite with the team."), "hybrid"),
    ((None, "Austin, TX", "ML Engineer", "This role is on-site, 5 days a week in the office."), "onsite"),
    ((None, "Austin, TX", "ML Engineer", "Onsite only; relocation offered."), "onsite"),
    # words that are not about where the work happens
    ((None, "San Francisco, CA", "ML Engineer", "We build hybrid cloud tooling. Onsite gym and lunch."), None),
    ((None, None, "Data Scientist", "Remote sensing experience preferred."), None),
    ((None, "Seattle, WA", "ML Engineer", ""), None),
]


def location_frame(rows) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema={name: pl.String for name in ("remote", "location", "title", "description_text")}, orient="row"
    )


@pytest.mark.parametrize(("row", "remote"), REMOTE_CASES, ids=[" | ".join(map(str, case[0])) for case in REMOTE_CASES])
def test_remote(row, remote):
    assert location_columns(location_frame([row]).lazy()).collect()["remote"].to_list() == [remote]


def test_location_columns_add_country_and_keep_rows():
    frame = location_frame([case[0] for case in REMOTE_CASES])
    out = location_columns(frame)  # eager in, eager out
    assert out.height == frame.height
    assert out.columns == [*frame.columns, "country"]
    assert out["country"].to_list()[:4] == ["GB", None, None, "US"]


# --- the gazetteer seed files ---------------------------------------------------------------------


def seed_rows(name: str) -> list[dict[str, str]]:
    with (resources.files("warehouse") / "seeds" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_gazetteer_covers_the_common_tech_hiring_cities_with_known_countries():
    cities = seed_rows("cities.csv")
    countries = {row["country"] for row in seed_rows("countries.csv")}
    assert len({row["city"] for row in cities}) >= 300
    assert {row["country"] for row in cities} <= countries
    assert len({(normalized_name(row["city"]), row["country"]) for row in cities}) == len(cities)


def test_subdivisions_are_us_states_canadian_provinces_and_australian_states():
    rows = seed_rows("subdivisions.csv")
    by_country = {country: {row["code"] for row in rows if row["country"] == country} for country in ("US", "CA", "AU")}
    assert len(by_country["US"]) == 51  # 50 states and DC
    assert {"ON", "BC", "QC", "AB"} <= by_country["CA"]
    assert {"NSW", "VIC", "QLD"} <= by_country["AU"]


# --- speed ----------------------------------------------------------------------------------------


def test_a_100k_row_batch_keeps_every_row():
    """Long (~3 KB) descriptions, 100k rows: none is lost. Its speed (design target ≥ 100k rows/s)
    is measured by benchmarks/steps.py."""
    filler = "We ship data products with a small team and care about code review. " * 40
    rows = [
        (None, location, "ML Engineer", filler + f" {index}")
        for index, (location, _) in enumerate(COUNTRY_CASES * 1700)
    ][:100_000]
    frame = location_frame(rows)
    out = location_columns(frame.lazy()).collect()
    assert out.height == 100_000


# --- real data: HN "Who is hiring?" 2013-2018, fields derived by another project's parser ------------

HN_2013 = ("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz")
# Measured 2026-11 (28,238 posts). The reference `country` geocodes a location its parser guessed
# from the first line; its `remote` flags any mention of "remote" (so "no remote" counts as remote).
# - our country from the HN header's location vs theirs, where both are known: 0.990 agree
#   (10,887 posts); read one by one, most disagreements are the reference's (it geocoded "Cambridge,
#   UK" to Canada and a company name to Hong Kong);
# - our country from their own location string: 0.9988 agree, on 0.989 of their known countries;
# - remote: ours "remote" vs their flag: precision 0.956, accuracy 0.962 (ours says onsite for
#   "Sorry, no remote!", which their flag counts as remote).
MIN_COUNTRY_AGREEMENT = 0.98
MIN_GAZETTEER_AGREEMENT = 0.995
MIN_GAZETTEER_COVERAGE = 0.97
MIN_REMOTE_PRECISION = 0.93
MIN_REMOTE_ACCURACY = 0.94


@pytest.fixture(scope="module")
def hn_2013_locations() -> pl.DataFrame:
    with gzip.open(realdata_path(*HN_2013), "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    headers = [parse_header(record["full_html"]) for record in records]
    frame = pl.DataFrame(
        {
            "remote": [header.remote for header in headers],
            "location": [header.location for header in headers],
            "title": [header.title for header in headers],
            "description_text": [record["full_html"] for record in records],
            "their_location": [record["location"] for record in records],
            "their_country": [record["country"] for record in records],
            "their_remote": [record["remote"] for record in records],
        }
    ).with_columns(description_text=html_to_text(pl.col("description_text")))
    return (
        location_columns(frame.lazy())
        .collect()
        .with_columns(country_from_their_location=countries_of_locations(frame["their_location"]))
    )


def test_country_agrees_with_the_reference_geocoder(hn_2013_locations):
    both = hn_2013_locations.filter(pl.col("country").is_not_null() & pl.col("their_country").is_not_null())
    assert both.height > 10_000
    assert (both["country"] == both["their_country"]).mean() >= MIN_COUNTRY_AGREEMENT


def test_gazetteer_reads_the_references_own_location_strings(hn_2013_locations):
    known = hn_2013_locations.filter(pl.col("their_country").is_not_null())
    both = known.filter(pl.col("country_from_their_location").is_not_null())
    assert both.height / known.height >= MIN_GAZETTEER_COVERAGE
    assert (both["country_from_their_location"] == both["their_country"]).mean() >= MIN_GAZETTEER_AGREEMENT


def test_remote_agrees_with_the_reference_flag(hn_2013_locations):
    ours = (hn_2013_locations["remote"] == "remote").fill_null(False)
    theirs = hn_2013_locations["their_remote"]
    precision = (ours & theirs).sum() / ours.sum()
    accuracy = (ours == theirs).mean()
    assert precision >= MIN_REMOTE_PRECISION, f"precision {precision:.3f}"
    assert accuracy >= MIN_REMOTE_ACCURACY, f"accuracy {accuracy:.3f}"
