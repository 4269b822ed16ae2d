"""Location text → ISO 3166-1 alpha-2 country, vectorized, from the gazetteer in `warehouse/seeds/`.

`countries_of_locations(locations)` takes a column of distinct location strings and returns each
one's country or null. Seeds: `cities.csv` (city, country; a city name used by two countries is
listed twice), `countries.csv` (country, name or alias), `subdivisions.csv` (country, code, name:
US states, Canadian provinces, Australian states).

How a location is read:
1. It is cut into places at `;` `|` `/` `&` `+` brackets, "or" and "and" ("SF / NY", "London or
   Remote (EU)"), and each place into parts at commas and spaced dashes ("Austin, TX", "Remote - US").
2. Mentions are found in each part: names (cities, countries, states, regions) as whole words,
   accents and case ignored, longest first ("New York City" before "York"); upper-case codes when
   they are a whole part ("Austin, TX", "Berlin, DE"), and a few codes anywhere ("Remote US only":
   US, USA, UK, UAE, NYC, SF, EU, EMEA, APAC, LATAM, NSW, VIC, QLD).
3. A place's country: the country every qualifier (country, state or province, by name or code)
   allows — "Cambridge, MA" is US, "London, ON" is Canada, "Dublin, CA" is the US — preferring
   one that the city named there agrees with ("Berlin, DE" is Germany, not Delaware). A two-letter
   code that is both a US state and a country reads as the state unless the city says otherwise;
   a Canadian province code that is also a country (NL, PE) reads as the country. A place with no
   qualifier takes its cities' common country ("San Francisco Bay Area"); a city name two countries
   share ("Cambridge", "Victoria") alone is not determinable.
4. The location's country is the one country all its places resolve to. Several countries, a place
   that names a region instead ("Remote (Europe)", "EMEA", "Worldwide"), or an undeterminable place
   give null; places with no known name ("Remote", "Building 4") do not count.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import polars as pl

SEEDS = resources.files("warehouse") / "seeds"

# Regions are places that are not one country; naming one makes the country undeterminable.
REGION_NAMES = (
    "europe",
    "european union",
    "emea",
    "apac",
    "asia",
    "asia pacific",
    "africa",
    "americas",
    "north america",
    "south america",
    "latin america",
    "central america",
    "latam",
    "middle east",
    "oceania",
    "nordics",
    "scandinavia",
    "dach",
    "benelux",
    "worldwide",
    "global",
    "globally",
    "anywhere in the world",
    "eu",
    "eea",
)
REGION_CODES = ("EU", "EEA", "EMEA", "APAC", "LATAM")
# Codes that are not ISO alpha-2 but name a country; "SA" is also South Africa and South Australia.
CODE_ALIASES = (("UK", "GB"), ("USA", "US"), ("CAN", "CA"), ("UAE", "AE"), ("KSA", "SA"), ("SA", "ZA"), ("SA", "AU"))
# Country codes that, standing alone in a header, are far more often a job's acronym: "Sales, QA",
# "Data, BD", "Support, IT", "Marketing, PR". Their countries are still read from their names.
NOT_PLACE_CODES = ("QA", "BD", "IT", "PR")
CITY_CODES = {"NYC": "US", "SF": "US", "SFBA": "US"}
# Codes unambiguous enough to count anywhere in a part, not only as a whole part.
ANYWHERE_CODES = ("US", "USA", "UK", "UAE", "NYC", "SF", "SFBA", "NSW", "VIC", "QLD", *REGION_CODES)

_TRANSLITERATE = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "Đ": "D"}
_US_DOTS = r"\b[Uu]\.\s?[Ss]\.(?:\s?[Aa]\.?)?"
_UK_DOTS = r"\b[Uu]\.\s?[Kk]\.?"
_PLACE_BREAK = r"\s*(?:[;|/\n•()\[\]{}&+]|\s(?i:or|and)\s)\s*"
_PART_BREAK = r"\s*(?:,|\s[-–—]\s|:)\s*"
_WHOLE_CODE = r"^[A-Z]{2,3}$"
_ANYWHERE_CODE = r"(?-u:\b)(?:" + "|".join(sorted(ANYWHERE_CODES, key=len, reverse=True)) + r")(?-u:\b)"
_SCHEMA = {"key": pl.String, "country": pl.String, "kind": pl.String, "rank": pl.Int32}


def normalized_name(text: str) -> str:
    """The comparison form of a place name: no accents, lower case, words separated by one space."""
    text = "".join(_TRANSLITERATE.get(char, char) for char in text)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _padded(name: str) -> str:
    # Every word gets its own surrounding spaces, so adjacent names ("san francisco ca") both match
    # as whole words in one non-overlapping scan.
    return " " + name.replace(" ", "  ") + " "


def _padded_expr(text: pl.Expr) -> pl.Expr:
    words = (
        text.str.replace_many(_TRANSLITERATE)
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.to_lowercase()
        .str.replace_all(r"[^a-z0-9]+", " ")
        .str.strip_chars()
    )
    return pl.concat_str(pl.lit(" "), words.str.replace_all(" ", "  ", literal=True), pl.lit(" "))


def _read_seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def gazetteer() -> pl.DataFrame:
    """key ("n" + padded name or "c" + code) → candidate country, kind (q qualifier, c city, r region), rank."""
    subdivisions = _read_seed("subdivisions.csv")
    state_codes = {row["code"] for row in subdivisions if row["country"] == "US"}
    province_codes = {row["code"] for row in subdivisions if row["country"] == "CA"}
    countries = _read_seed("countries.csv")
    iso_codes = {row["country"] for row in countries}
    names: dict[str, dict[str, tuple[str, int]]] = {}

    def add_name(name: str, country: str | None, kind: str) -> None:
        names.setdefault(normalized_name(name), {})[country or ""] = (kind, 0)

    for row in _read_seed("cities.csv"):
        add_name(row["city"], row["country"], "c")
    for row in [*countries, *subdivisions]:
        add_name(row["name"], row["country"], "q")
    for region in REGION_NAMES:
        add_name(region, None, "r")
    rows = []
    for name, candidates in names.items():
        # A name that is also a city is as soft as a city ("New York", "Victoria", "Singapore").
        is_city = any(kind == "c" for kind, _ in candidates.values())
        for country, (kind, rank) in candidates.items():
            rows.append(("n" + _padded(name), country or None, "c" if is_city else kind, rank))
    for code in sorted(iso_codes):
        rows.append(("c" + code, code, "q", 1 if code in state_codes else 0))
    for row in subdivisions:
        conflicts = row["code"] in iso_codes and row["code"] in province_codes
        rows.append(("c" + row["code"], row["country"], "q", 1 if conflicts else 0))
    rows += [("c" + code, country, "q", 0) for code, country in CODE_ALIASES]
    rows += [("c" + code, country, "c", 0) for code, country in CITY_CODES.items()]
    rows += [("c" + code, None, "r", 0) for code in REGION_CODES]
    not_places = ["c" + code for code in NOT_PLACE_CODES]
    return (
        pl.DataFrame(rows, schema=_SCHEMA, orient="row")
        .unique(["key", "country"], keep="first", maintain_order=True)
        .filter(~pl.col("key").is_in(not_places))
    )


@lru_cache(maxsize=1)
def _name_patterns() -> list[str]:
    keys = gazetteer().filter(pl.col("key").str.starts_with("n"))["key"].unique().to_list()
    return sorted((key[1:] for key in keys), key=len, reverse=True)  # longest first wins a tie


def countries_of_locations(locations: pl.Series) -> pl.Series:
    """The ISO alpha-2 country of each location string (null when not determinable); same order."""
    frame = pl.DataFrame({"location": locations}).with_row_index("loc")
    parts = (
        frame.select(
            "loc",
            place=pl.col("location")
            .str.replace_all(_US_DOTS, "USA")
            .str.replace_all(_UK_DOTS, "UK")
            .str.replace_all(_PLACE_BREAK, "\x1f")
            .str.split("\x1f"),
        )
        .explode("place")
        .with_row_index("place_id")
        .with_columns(part=pl.col("place").str.replace_all(_PART_BREAK, "\x1f").str.split("\x1f"))
        .explode("part")
        .with_columns(part=pl.col("part").str.strip_chars(" .\t"))
        .filter(pl.col("part").str.len_chars() > 0)
    )
    found = [
        parts.select(
            "loc", "place_id", key=_padded_expr(pl.col("part")).str.extract_many(_name_patterns(), leftmost=True)
        )
        .explode("key")
        .with_columns(key=pl.lit("n") + pl.col("key")),
        parts.select("loc", "place_id", key=pl.col("part").str.extract_all(_ANYWHERE_CODE))
        .explode("key")
        .with_columns(key=pl.lit("c") + pl.col("key")),
        parts.filter(pl.col("part").str.contains(_WHOLE_CODE)).select(
            "loc", "place_id", key=pl.lit("c") + pl.col("part")
        ),
    ]
    mentions = (
        pl.concat(found)
        .drop_nulls("key")
        .unique(["place_id", "key"])  # "US" as a whole part is also found as an anywhere-code
        .with_row_index("mention")
        .join(gazetteer(), on="key", how="inner")
    )
    places = _resolve_places(mentions)
    resolved = places.group_by("loc").agg(
        countries=pl.col("country").drop_nulls().unique(),
        undetermined=(pl.col("status") != "country").any(),
    )
    country = pl.when(~pl.col("undetermined") & (pl.col("countries").list.len() == 1)).then(
        pl.col("countries").list.first()
    )
    return (
        frame.join(resolved.with_columns(country=country).select("loc", "country"), on="loc", how="left")
        .sort("loc")["country"]
        .rename("country")
    )


def _resolve_places(mentions: pl.DataFrame) -> pl.DataFrame:
    """One row per place with mentions: status (country | ambiguous | region) and its country."""
    counts = mentions.group_by("place_id").agg(
        loc=pl.col("loc").first(),
        n_qualifiers=pl.col("mention").filter(pl.col("kind") == "q").n_unique(),
        n_cities=pl.col("mention").filter(pl.col("kind") == "c").n_unique(),
    )
    support = (
        mentions.drop_nulls("country")
        .group_by("place_id", "country")
        .agg(
            by_qualifiers=pl.col("mention").filter(pl.col("kind") == "q").n_unique(),
            by_cities=pl.col("mention").filter(pl.col("kind") == "c").n_unique(),
            rank=pl.col("rank").sum(),
        )
        .join(counts, on="place_id")
        # Every qualifier must allow the country; with no qualifier, every city must.
        .filter(
            pl.when(pl.col("n_qualifiers") > 0)
            .then(pl.col("by_qualifiers") == pl.col("n_qualifiers"))
            .otherwise((pl.col("n_cities") > 0) & (pl.col("by_cities") == pl.col("n_cities")))
        )
    )
    ranked = support.sort(["place_id", "by_cities", "rank"], descending=[False, True, False])
    runner_up = {name: pl.col(name).slice(1, 1).first() for name in ("by_cities", "rank")}
    best = ranked.group_by("place_id").agg(
        country=pl.col("country").first(),
        # Two countries equally supported (a shared city name alone, "Georgia") decide nothing.
        tied=(pl.len() > 1)
        & (pl.col("by_cities").first() == runner_up["by_cities"])
        & (pl.col("rank").first() == runner_up["rank"]),
    )
    has_place = (pl.col("n_qualifiers") + pl.col("n_cities")) > 0
    return counts.join(best, on="place_id", how="left").select(
        "loc",
        country=pl.when(~pl.col("tied").fill_null(True)).then(pl.col("country")),
        status=pl.when(~pl.col("tied").fill_null(True))
        .then(pl.lit("country"))
        .when(has_place)
        .then(pl.lit("ambiguous"))
        .otherwise(pl.lit("region")),
    )
