"""Shared helpers: header lines, remote flags, dates, API pay intervals (own hand-written examples)."""

from __future__ import annotations

import pytest

from crawlers.extractors.common import epoch_ms_to_iso, epoch_to_iso, first_line, remote_from_text, salary_period
from crawlers.extractors.hn import parse_header, states_pay


def test_epochs_become_utc_iso():
    assert epoch_to_iso(0) == "1970-01-01T00:00:00+00:00"
    assert epoch_ms_to_iso(1_700_000_000_500) == "2023-11-14T22:13:20+00:00"
    assert epoch_to_iso(None) is None and epoch_ms_to_iso("soon") is None


def test_first_line_of_hn_html():
    assert first_line("Acme | ML Engineer &#x2F; MLE<p>We build things") == "Acme | ML Engineer / MLE"
    assert first_line("<p>Berlin - Data Scientist</p><p>More</p>") == "Berlin - Data Scientist"
    assert first_line("<i>Acme</i> | Remote\nsecond line") == "Acme | Remote"
    assert first_line(None) == ""


@pytest.mark.parametrize(
    "text",
    [
        "$150k-$200k",
        "€60–75k + equity",
        "£55,000 - £70,000 per year",
        "120-140k CHF",
        "$90/hr",
        "CA$100k+",
        "$154-190,000",
        "150-250k + equity",
    ],
)
def test_header_segments_that_state_pay(text):
    """Only recognised as pay, so the segment is not taken for a place; normalization reads the amounts."""
    assert states_pay(text)


@pytest.mark.parametrize("text", ["raised $20M Series B", "10-40 hrs/week", "2019-2024", "3+ years", "Full-time", ""])
def test_numbers_that_are_not_pay(text):
    assert not states_pay(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REMOTE (US)", "remote"),
        ("Onsite / Hybrid", "hybrid"),
        ("On-site, NYC", "onsite"),
        ("no remote", "onsite"),
        ("Work from home", "remote"),
        ("Berlin", None),
        (None, None),
    ],
)
def test_remote_flags(text, expected):
    assert remote_from_text(text) == expected


@pytest.mark.parametrize(
    ("interval", "period"),
    [
        ("per-year-salary", "year"),
        ("per-hour-wage", "hour"),
        ("per-month-salary", "month"),
        ("1 YEAR", "year"),
        ("1 WEEK", "week"),
        ("2 WEEK", None),
        ("one-time", None),
        (None, None),
    ],
)
def test_api_pay_intervals(interval, period):
    assert salary_period(interval) == period


def test_header_with_every_part():
    header = parse_header(
        "Acme AI | Senior ML Engineer, Data Scientist | Berlin, Germany | Hybrid | €80k-€100k"
        " | https://acme.example/jobs<p>About us"
    )
    assert header.company == "Acme AI"
    assert header.title == "Senior ML Engineer, Data Scientist"  # multi-role kept whole
    assert (header.location, header.remote) == ("Berlin, Germany", "hybrid")
    assert header.salary_text == "€80k-€100k"


def test_header_parts_in_any_order():
    header = parse_header("Acme | REMOTE (EU) | Full-time | Research Scientist (LLMs) | $200k+ equity")
    assert (header.company, header.title, header.location) == ("Acme", "Research Scientist (LLMs)", "REMOTE (EU)")
    assert header.salary_text == "$200k+ equity"


def test_header_without_a_role_segment_keeps_the_line_as_title():
    header = parse_header("Acme | Multiple roles | NYC | Onsite")
    assert header.title == "Acme | Multiple roles | NYC | Onsite"
    assert (header.company, header.location, header.remote) == ("Acme", "NYC", "onsite")


def test_no_header_title_is_the_first_line_cut_short():
    long_line = "We are a small team building tools for " + "very " * 40 + "large datasets"
    header = parse_header(long_line + "<p>Apply at …")
    assert header.company is None and header.location is None
    assert len(header.title) <= 121 and header.title.endswith("…")


def test_pay_written_inside_the_role_segment():
    header = parse_header("Acme | ML Engineer ($150k-$190k) | Remote | Visa + $10k signing bonus")
    assert header.title == "ML Engineer ($150k-$190k)"
    assert header.salary_text == "ML Engineer ($150k-$190k)"  # not the bonus


def test_role_first_headers():
    header = parse_header("Senior Data Scientist | Acme Analytics | London, UK")
    assert (header.company, header.title, header.location) == (None, "Senior Data Scientist", "London, UK")
