"""The language of a posting, and what the English role rules do with a posting in another one."""

from __future__ import annotations

import json

import polars as pl

from pipeline.normalize.batch import derive_taxonomy
from pipeline.normalize.language import language
from pipeline.normalize.text import html_to_text
from tests.realdata import realdata_path

GERMAN = (
    "Wir suchen eine:n engagierte:n Kolleg:in für unser Team in Berlin. Du bringst Erfahrung mit Python "
    "und SQL mit und hast Spaß an der Arbeit mit Daten, die wir für unsere Kunden auswerten."
)
ENGLISH = (
    "We are looking for a data scientist to join our team in Berlin. You will work with Python and SQL "
    "and you have fun with the data that we analyse for our customers."
)


def language_of(*texts: str | None) -> list[str | None]:
    frame = pl.DataFrame({"text": list(texts)}, schema={"text": pl.String})
    return frame.select(language(pl.col("text")).alias("language"))["language"].to_list()


def test_function_words_tell_english_from_german_french_and_spanish():
    french = (
        "Nous recherchons un développeur pour notre équipe à Paris. "
        "Vous travaillerez avec les données et la plateforme."
    )
    spanish = (
        "Buscamos una persona para el equipo de datos en Madrid, con experiencia en Python y con ganas de "
        "aprender. Los proyectos del equipo son para clientes que buscan una plataforma como la nuestra."
    )
    assert language_of(ENGLISH, GERMAN, french, spanish) == ["en", "de", "fr", "es"]


def test_other_scripts_are_told_by_their_letters():
    assert language_of(
        "我们正在寻找一位全栈工程师加入我们的团队。",
        "Мы ищем инженера по машинному обучению в команду.",
        "東京のスタートアップで機械学習エンジニアを募集しています。",
    ) == ["zh", "ru", "ja"]


def test_an_english_post_quoting_other_languages_stays_english():
    quoted = ENGLISH + " Our office is in 東京 and our motto is 'Daten und Taten'."
    assert language_of(quoted) == ["en"]


def test_too_little_text_is_unknown_and_read_as_usual():
    assert language_of("Senior Data Scientist", "", None) == [None, None, None]


def _derive(title: str, text: str, source: str = "arbeitnow"):
    post = pl.DataFrame(
        {"posting_id": ["p"], "source": [source], "title": [title], "company": ["Acme"], "description_text": [text]}
    )
    return derive_taxonomy(post)


def test_a_posting_in_another_language_whose_title_the_rules_cannot_read_is_not_classified():
    batch = _derive("Datenwissenschaftler (m/w/d)", GERMAN)
    assert batch.postings.select("language", "role").rows() == [("de", None)]  # not `other`: unknown
    assert batch.posting_roles.height == 0


def test_an_english_ml_title_in_a_german_posting_keeps_its_role():
    batch = _derive("Senior Data Scientist (m/w/d)", GERMAN)
    assert batch.postings.select("language", "role", "seniority").rows() == [("de", "data_scientist", "senior")]
    assert batch.posting_roles["role"].to_list() == ["data_scientist"]


def test_an_english_posting_with_a_non_ml_title_is_other_as_before():
    batch = _derive("Account Executive", ENGLISH.replace("data scientist", "seller"))
    assert batch.postings.select("language", "role").rows() == [("en", "other")]


def test_real_arbeitnow_postings_in_german_are_told_apart_from_the_english_ones():
    payload = json.loads(realdata_path("ats_fixtures", "arbeitnow", "arbeitnow_job_board_api_full.json").read_text())
    jobs = pl.DataFrame(
        {"title": [job["title"] for job in payload["data"]], "html": [job["description"] for job in payload["data"]]}
    )
    found = jobs.select("title", language=language(html_to_text(pl.col("html"))))
    languages = dict(found.iter_rows())
    assert set(languages.values()) == {"en", "de"}
    assert languages["ML Product Engineer"] == "en"
