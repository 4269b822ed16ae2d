"""The JSON-LD / microdata extractor on our own career-page fixtures (fixtures/careers): every
JobPosting field it maps, every way pages embed the markup, and pages that hold no posting."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.posting import FIELDS
from crawlers.extractors.careers import extract, iso_date, salary_from_base

FIXTURES = Path(__file__).parent / "fixtures" / "careers"
SITE = "http://127.0.0.1:8000/careers/"


def page(name: str) -> list[dict]:
    return extract((FIXTURES / name).read_bytes(), "harbourlight", url=SITE + name)


EXPECTED = {
    # fixture → the fields its one posting must give
    "jobs/ml-engineer.html": {  # JSON-LD object: every field, remote, a yearly range
        "source_id": "Harbourlight Instruments:HL-0142",
        "title": "Machine Learning Engineer, Model Serving",
        "company": "Harbourlight Instruments",
        "location": "United States",
        "remote": "remote",
        "posted_at": "2026-03-02T09:30:00-05:00",
        "url": "https://harbourlight.example/careers/jobs/ml-engineer",
        "salary_min": 150000.0,
        "salary_max": 185000.0,
        "salary_currency": "USD",
        "salary_period": "year",
        "description_html": "<p>You will run our sensor models in production.</p>"
        "<ul><li>Python and PyTorch</li><li>Kubernetes</li></ul>",
    },
    "jobs/data-scientist.html": {  # @graph after a malformed block; two places; an hourly value
        "source_id": "Harbourlight Instruments:HL-0150",
        "title": "Data Scientist & Analyst, Experimentation",
        "location": "Rotterdam, South Holland, NL; Utrecht, NL",
        "remote": None,
        "posted_at": "2026-03-04",
        "url": SITE + "jobs/data-scientist.html",
        "salary_min": 48.0,
        "salary_max": 48.0,
        "salary_currency": "EUR",
        "salary_period": "hour",
        "description_html": "<p>Design A/B tests and explain them with SQL.</p>",
    },  # unescaped once
    "jobs/research-scientist.html": {  # microdata; no identifier: the canonical URL is the id
        "source_id": "https://harbourlight.example/careers/jobs/research-scientist",
        "url": "https://harbourlight.example/careers/jobs/research-scientist",
        "title": "Research Scientist, Spectroscopy",
        "company": "Harbourlight Instruments",
        "location": "Cambridge, United Kingdom",
        "posted_at": "2026-02-20",
        "salary_min": 5200.0,
        "salary_max": 6100.0,
        "salary_currency": "GBP",
        "salary_period": "month",
    },
    "jobs/ai-engineer.html": {  # a JSON-LD list plus the same posting in microdata: one item
        "source_id": "Harbourlight Instruments:HL-0161",
        "company": "Harbourlight Instruments",
        "location": "Rua das Flores 12, Lisbon, Portugal",
        "url": SITE + "jobs/ai-engineer.html",
        "posted_at": None,  # "posted last week" is no date ingest could read
        "salary_min": None,
        "salary_currency": None,
    },
}


@pytest.mark.parametrize("name", EXPECTED)
def test_each_posting_page_gives_one_item_with_its_fields(name):
    (item,) = page(name)
    assert set(item) == set(FIELDS)
    assert (item["source"], item["board"]) == ("careers", "harbourlight")
    assert {field: item[field] for field in EXPECTED[name]} == EXPECTED[name]
    assert item["raw"]["title"]  # the JobPosting object itself


def test_microdata_descriptions_are_the_elements_text():
    (item,) = page("jobs/research-scientist.html")
    text = item["description_html"]
    assert "Build models of light absorption in water." in text and "PhD in physics" in text
    assert "Python" in text and "<" not in text


@pytest.mark.parametrize("name", ["index.html", "index-2.html", "team.html"])
def test_listing_and_other_pages_hold_no_posting(name):
    assert page(name) == []  # an Organization or AboutPage is not a JobPosting


def test_postings_nested_in_an_item_list_and_without_title():
    html = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "ItemList",
      "itemListElement": [
        {"@type": "ListItem", "position": 1, "item": {"@type": "http://schema.org/JobPosting",
          "title": "Research Engineer", "identifier": 7, "hiringOrganization": {"name": "Quayside"}}},
        {"@type": "ListItem", "position": 2, "item": {"@type": "schema:JobPosting", "title": "MLOps Engineer",
          "url": "/jobs/8"}},
        {"@type": "ListItem", "position": 3, "item": {"@type": "JobPosting", "description": "no title"}}]}
    </script>"""
    items = extract(html, url="https://quayside.example/careers/")
    assert [(i["title"], i["source_id"]) for i in items] == [
        ("Research Engineer", "Quayside:7"),
        ("MLOps Engineer", "https://quayside.example/jobs/8"),
    ]


@pytest.mark.parametrize(
    "base, expected",
    [
        (
            {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {"@type": "QuantitativeValue", "minValue": "90000", "maxValue": 120000, "unitText": "YEAR"},
            },
            (90000.0, 120000.0, "USD", "year"),
        ),
        ({"currency": "CHF", "value": 30, "unitText": "HOUR"}, (30.0, 30.0, "CHF", "hour")),  # a bare amount
        ([{"currency": "EUR", "value": {"value": 4000, "unitText": "MONTH"}}], (4000.0, 4000.0, "EUR", "month")),
        ({"currency": "USD", "value": {"minValue": 100000}}, (100000.0, None, "USD", None)),  # no unit given
        (85000, None),  # a number alone says neither currency nor period
        ({"currency": "USD", "value": {"unitText": "YEAR"}}, None),  # no amount
    ],
)
def test_base_salary(base, expected):
    salary = salary_from_base(base)
    assert (tuple(salary) if salary else None) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-03-02", "2026-03-02"),
        (" 2026-03-02T09:30:00Z ", "2026-03-02T09:30:00Z"),
        ("March 2, 2026", None),
        ("", None),
        (None, None),
        (20260302, None),
        (["2026-01-05"], "2026-01-05"),
    ],
)
def test_only_iso_dates_are_kept(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("junk", [b"", "   ", "not html at all", "<html><body><p>hi</p></body></html>"])
def test_pages_without_markup_give_nothing(junk):
    assert extract(junk, url=SITE) == []
