"""Where a posting's work happens: `remote` (remote | hybrid | onsite | null) and `country` (ISO alpha-2).

`location_columns(frame)` (LazyFrame or DataFrame) needs `location`, `remote`, `title` and
`description_text`; it rewrites `remote` and adds `country` (see `places` for how a location names
a country).

Remote, first answer wins:
1. the source's structured field (Lever/Ashby workplaceType, the HN header, …), normalized;
2. cues in the location text, then in the title: short texts where a bare word is a statement
   ("Remote (US only)", "London (Hybrid)", "ONSITE"). Within one text hybrid wins ("Remote or
   hybrid", "Onsite / Hybrid" are not fully remote nor fully on-site), then a negated remote ("no
   remote" → onsite), then remote (an offered remote option makes the job remote: "SF or Remote"),
   then on-site; "3 days in office" is hybrid;
3. cues in the description, where single words mislead ("remote monitoring", "hybrid cloud",
   "onsite gym"), so only phrases count: "fully remote", "remote-first", "this role is remote",
   "hybrid role", "3 days a week in the office", "no remote", "on-site only", "5 days a week in
   the office" (on-site). Same order as above.
No cue anywhere → null: a city alone does not say whether remote work is allowed.

Speed: location and title are short. Descriptions are scanned only for rows the first two steps
left open, first with a literal prefilter (Rust finds literals at GB/s), then with the phrase
patterns on the few rows that contain a cue word. Countries are computed once per distinct
location string of the batch.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize import remote_cues as cues
from pipeline.normalize.places import countries_of_locations

_WORKPLACE = {
    "remote": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on-site": "onsite",
    "on site": "onsite",
    "in-office": "onsite",
    "office": "onsite",
}


def short_text_remote(text: pl.Expr) -> pl.Expr:
    """remote | hybrid | onsite when a short text (location, title) says so, else null."""
    return (
        pl.when(text.str.contains(cues.SHORT_HYBRID))
        .then(pl.lit("hybrid"))
        .when(text.str.contains(cues.SHORT_NOT_REMOTE))
        .then(pl.lit("onsite"))
        .when(text.str.contains(cues.SHORT_REMOTE))
        .then(pl.lit("remote"))
        .when(text.str.contains(cues.SHORT_ONSITE))
        .then(pl.lit("onsite"))
    )


def description_remote(description: pl.Expr, needed: pl.Expr) -> pl.Expr:
    """remote | hybrid | onsite from phrases of the description, for rows where `needed` is true."""
    return pl.struct(description=description, needed=needed).map_batches(
        _description_remote_batch, return_dtype=pl.String, is_elementwise=False
    )


def _description_remote_batch(columns: pl.Series) -> pl.Series:
    rows = (
        columns.struct.unnest()
        .with_row_index("row")
        .filter(pl.col("needed").fill_null(False) & _contains_any_of(pl.col("description"), cues.DESCRIPTION_PREFILTER))
    )
    text = pl.col("description")
    answers = rows.select(
        "row",
        remote=pl.when(_contains_any_of(text, cues.DESCRIPTION_HYBRID))
        .then(pl.lit("hybrid"))
        .when(_contains_any_of(text, cues.DESCRIPTION_NOT_REMOTE))
        .then(pl.lit("onsite"))
        .when(_contains_any_of(text, cues.DESCRIPTION_REMOTE))
        .then(pl.lit("remote"))
        .when(_contains_any_of(text, cues.DESCRIPTION_ONSITE))
        .then(pl.lit("onsite")),
    )
    result = pl.Series(columns.name, [None] * len(columns), dtype=pl.String)
    return result.scatter(answers["row"], answers["remote"]) if len(answers) else result


def _contains_any_of(text: pl.Expr, patterns: list[str]) -> pl.Expr:
    return pl.any_horizontal([text.str.contains(pattern) for pattern in patterns])


def country_of_location(location: pl.Expr) -> pl.Expr:
    """ISO alpha-2 country of each location text, computed once per distinct text of the batch."""
    return location.map_batches(_country_batch, return_dtype=pl.String, is_elementwise=False)


def _country_batch(locations: pl.Series) -> pl.Series:
    distinct = locations.drop_nulls().unique()
    if distinct.is_empty():
        return pl.Series(locations.name, [None] * len(locations), dtype=pl.String)
    countries = countries_of_locations(distinct)
    return locations.replace_strict(distinct, countries, default=None, return_dtype=pl.String)


def location_columns(frame: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame | pl.DataFrame:
    """Rewrite `remote` (structured, else location, title, description cues) and add `country`."""
    location, title, description = (pl.col(name).cast(pl.String) for name in ("location", "title", "description_text"))
    structured = (
        pl.col("remote")
        .cast(pl.String)
        .str.strip_chars()
        .str.to_lowercase()
        .replace_strict(_WORKPLACE, default=None, return_dtype=pl.String)
    )
    from_short_texts = pl.coalesce(structured, short_text_remote(location), short_text_remote(title))
    return (
        frame.with_columns(_known=from_short_texts)
        .with_columns(
            remote=pl.coalesce("_known", description_remote(description, pl.col("_known").is_null())),
            country=country_of_location(location),
        )
        .drop("_known")
    )
