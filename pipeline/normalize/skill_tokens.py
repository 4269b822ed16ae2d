"""Text and taxonomy phrases as space-separated tokens, so skill keys match on token boundaries.

Every punctuation mark becomes its own token, except "#" and a "+" that ends a word, so C, C++,
C# and kdb+ stay distinct while "Go+Postgres" is two words. A line break becomes the token "¶"
(unless the next line starts in lower case: hard-wrapped prose is one sentence),
other whitespace collapses to one space, and the whole string is wrapped in spaces. A key
" c++ " then only matches the whole token "c++", " ci / cd " matches "CI/CD" and "CI / CD", and
" sql " is found inside " pl / sql " but not inside " nosql ". Text and keys go through the same
`_padded`, so the two cannot drift apart.
"""

from __future__ import annotations

import string

import polars as pl

# "+" and "#" stay glued to their word: C++, C#, F#. Everything else separates tokens.
_PUNCTUATION = [ch for ch in string.punctuation if ch not in "+#"]
_TYPOGRAPHY = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2026": ".",
}
# A line break is a token of its own, so a form standing alone on a line (a bullet "R") can count.
LINE_BREAK = "\u00b6"  # ¶
_SPACES = [  # whitespace, bullets, arrows, check marks, ®, ™, ©
    "\t",
    "\r",
    "\xa0",
    "\u2022",
    "\u00b7",
    "\u25cf",
    "\u25aa",
    "\u25e6",
    "\u2023",
    "\u2192",
    "\u00ae",
    "\u2122",
    "\u00a9",
    "\u25a0",
    "\u25a1",
    "\u25c6",
    "\u25ba",
    "\u25b8",
    "\u2043",
    "\u2219",
    "\u2666",
    "\u2756",
    "\u27a2",
    "\u27a4",
    "\u2713",
    "\u2714",
    "\u2605",
    "\u2606",
    # Symbol/Wingdings bullets pasted from Word land in the private use area, glued to the next word.
    "\uf0a7",
    "\uf0b7",
    "\uf076",
    "\uf0d8",
    "\uf0fc",
    "\uf0e0",
    "\uf0be",
]
_PADDING = (
    {ch: f" {ch} " for ch in _PUNCTUATION}
    | {ch: f" {plain} " for ch, plain in _TYPOGRAPHY.items()}
    | {ch: " " for ch in _SPACES}
    | {"\n": f" {LINE_BREAK} "}
)
# Plain text hard-wrapped mid-sentence ("deep neural\nnetworks"): a line that starts in lower case
# continues the previous one. Bullets and list items start with a capital, a digit or a dash.
_WRAPPED_LINE = r"\n([a-z])"
# "Go+Postgres" → "Go + Postgres", but "C++", "C++17", "kdb+" and "5+ years" keep their "+".
# Two regexes, not one alternation: each keeps its literal prefilter ("\n", "+"); measured, the
# alternation scanned every byte and cost ~5x both together.
_PLUS_BETWEEN_WORDS = r"([^\s+])\+([0-9A-Za-z])"
# Links and e-mail addresses name sites, not skills ("github.com/acme" is no Git mention). Only the
# forms with a cheap literal anchor are removed here; common tool domains ("github.com") without a
# scheme are stop phrases instead, because a general bare-domain regex costs ~3x the whole match.
# Two regexes, not one alternation: each keeps its literal prefilter ("http"/"www", "@"); the
# alternation was ~4x slower.
_URLS = r"(?i)(?:https?://|www\.)\S+"
_EMAILS = r"(?i)[a-z0-9._%+-]+@[a-z0-9.-]+"
_BLANK_RUNS = r" {2,}"


def _padded(text: pl.Expr) -> pl.Expr:
    spaced = text.fill_null("").str.replace_all(_WRAPPED_LINE, " $1").str.replace_all(_PLUS_BETWEEN_WORDS, "$1 + $2")
    return spaced.str.replace_many(_PADDING).str.replace_all(_BLANK_RUNS, " ")


def tokenize(text: pl.Expr) -> pl.Expr:
    """Expression: text → " ¶ token token … ¶ " (see module docstring); its ends count as line breaks."""
    return pl.concat_str(pl.lit(f" {LINE_BREAK} "), _padded(text).str.strip_chars(" "), pl.lit(f" {LINE_BREAK} "))


def strip_links(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(_URLS, " ").str.replace_all(_EMAILS, " ")


def tokenize_phrases(phrases: list[str]) -> list[str]:
    """Phrases through the very same tokenizing as the text, each with exactly one space at each end
    (keys, unlike text, must: "  , C " would never match)."""
    tokens = pl.DataFrame({"p": phrases}, schema={"p": pl.String}).select(_padded(pl.col("p"))).to_series()
    return [f" {token.strip(' ')} " for token in tokens]
