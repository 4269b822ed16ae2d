"""The taxonomy compiled into what the skill matcher searches for.

Matching is exact on token boundaries because text and keys go through the same `tokenize`:
every punctuation mark becomes its own space-separated token (except "+" and "#", so C, C++ and
C# stay distinct), a line break becomes the token "¶", other whitespace collapses to one space,
and the whole string is wrapped in spaces.
A key " c++ " then only matches the whole token "c++", " ci / cd " matches "CI/CD" and "CI / CD",
and " sql " is found inside " pl / sql " but not inside " nosql ". (notes/skill-matching.md)

Three key sets come out of the taxonomy:
- `cleanup`: stop phrases (→ a space) and rewrites (→ their replacement), ASCII case-insensitive,
  so "Spark Capital" or "R&D" cannot count;
- `plain`: lower-cased alias keys, each with the skills it names, implied skills included;
- `context`: keys for ambiguous forms: the bare form, or the form inside each of its contexts
  (", R", "R programming", "BS/MS"). Context words match in any case, the form only as spelled:
  the table keeps the form and its offset in the key, and the matcher checks that slice of the hit.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from warehouse import taxonomy

# "+" and "#" stay glued to their word: C++, C#, F#. Everything else separates tokens.
_PUNCTUATION = [ch for ch in string.punctuation if ch not in "+#"]
_TYPOGRAPHY = {
    "\u2019": "'", "\u2018": "'", "\u201a": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2026": ".",
}
# A line break is a token of its own, so a form standing alone on a line (a bullet "R") can count.
LINE_BREAK = "\u00b6"  # ¶
_SPACES = [  # whitespace, bullets, arrows, ®, ™, ©
    "\t", "\r", "\xa0", "\u2022", "\u00b7", "\u25cf", "\u25aa", "\u25e6", "\u2023", "\u2192", "\u00ae",
    "\u2122", "\u00a9",
]
_PADDING = (
    {ch: f" {ch} " for ch in _PUNCTUATION}
    | {ch: f" {plain} " for ch, plain in _TYPOGRAPHY.items()}
    | {ch: " " for ch in _SPACES}
    | {"\n": f" {LINE_BREAK} "}
)
# Links and e-mail addresses name sites, not skills ("github.com/acme" is no Git mention). Only the
# forms with a cheap literal anchor are removed here; common tool domains ("github.com") without a
# scheme are stop phrases instead, because a general bare-domain regex costs ~3x the whole match.
# Two regexes, not one alternation: each keeps its literal prefilter ("http"/"www", "@"); the
# alternation was ~4x slower.
_URLS = r"(?i)(?:https?://|www\.)\S+"
_EMAILS = r"(?i)[a-z0-9._%+-]+@[a-z0-9.-]+"
_BLANK_RUNS = r" {2,}"


def _padded(text: pl.Expr) -> pl.Expr:
    return text.fill_null("").str.replace_many(_PADDING).str.replace_all(_BLANK_RUNS, " ")


def tokenize(text: pl.Expr) -> pl.Expr:
    """Expression: text → " ¶ token token … ¶ " (see module docstring); its ends count as line breaks."""
    return pl.concat_str(pl.lit(f" {LINE_BREAK} "), _padded(text).str.strip_chars(" "), pl.lit(f" {LINE_BREAK} "))


def strip_links(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(_URLS, " ").str.replace_all(_EMAILS, " ")


def tokenize_phrases(phrases: list[str]) -> list[str]:
    """Keys through the very same `tokenize` as the text, so the two cannot drift apart.

    Keys, unlike text, must have exactly one space at each end ("  , C " would never match).
    """
    tokens = pl.DataFrame({"p": phrases}, schema={"p": pl.String}).select(_padded(pl.col("p"))).to_series()
    return [f" {token.strip(' ')} " for token in tokens]


def _spelling_variants(alias: str) -> list[str]:
    """An alias, its hyphen-free spellings (fine-tuning → fine tuning, finetuning) and its plural."""
    variants = [alias]
    if re.search(r"[a-z0-9]-[a-z0-9]", alias):
        variants += [re.sub(r"(?<=[a-z0-9])-(?=[a-z0-9])", joiner, alias) for joiner in (" ", "")]
    return variants + [v + "s" for v in variants if v[-1].isalpha() and not v.endswith("s")]


def _with_implied(keys: pl.DataFrame) -> pl.DataFrame:
    """Add a row for every skill implied by a key's skill (PostgreSQL → sql)."""
    implied = keys.join(taxonomy.implications_frame(), on="skill_id").select("key", skill_id="implied_skill_id")
    return pl.concat([keys, implied]).unique().sort("key", "skill_id")


def _plain_keys() -> pl.DataFrame:
    aliases = taxonomy.aliases_frame().filter(~pl.col("case_sensitive"))
    rows = [(variant, skill) for alias, skill in aliases.select("alias", "skill_id").iter_rows()
            for variant in _spelling_variants(alias)]
    phrases, skills = zip(*rows)
    return _with_implied(pl.DataFrame({"key": tokenize_phrases(list(phrases)), "skill_id": list(skills)}))


def _context_keys() -> pl.DataFrame:
    """key (lower-case) → skill, plus where the form sits in the key and how it must be spelled."""
    rules = taxonomy.ambiguous_rules_frame()
    placeholder = taxonomy.FORM_PLACEHOLDER
    befores, forms, afters = [], [], []
    for _, form, context in rules.iter_rows():
        before, _, after = f" {context or placeholder} ".partition(f" {placeholder} ")
        befores.append(before)
        forms.append(form)
        afters.append(after)
    before_tokens, form_tokens, after_tokens = (
        [token.strip() for token in tokenize_phrases(part)] for part in (befores, forms, afters)
    )
    keys, offsets = [], []
    for before, form, after in zip(before_tokens, form_tokens, after_tokens):
        keys.append(" " + " ".join(part for part in (before, form, after) if part) + " ")
        offsets.append(len(before) + 2 if before else 1)
    table = pl.DataFrame({
        "key": [key.lower() for key in keys],
        "skill_id": rules["skill_id"],
        "form": form_tokens,
        "form_offset": offsets,
    }).with_columns(form_length=pl.col("form").str.len_chars())
    implied = table.join(taxonomy.implications_frame(), on="skill_id").with_columns(skill_id="implied_skill_id")
    return pl.concat([table, implied.select(table.columns)]).unique().sort("key", "skill_id")


def _cleanup() -> dict[str, str]:
    """Tokenized stop phrases → " ", rewrites → " replacement ", longest first (leftmost-first wins)."""
    stops = list(taxonomy.stop_phrases())
    rewrites = taxonomy.rewrites()
    keys = tokenize_phrases(stops + list(rewrites))
    values = [" "] * len(stops) + tokenize_phrases(list(rewrites.values()))
    pairs = sorted(zip(keys, values), key=lambda kv: -len(kv[0]))
    return dict(pairs)


@dataclass(frozen=True)
class MatchTables:
    cleanup: dict[str, str]  # tokenized phrase → replacement (stop phrases → " ")
    cleanup_keys: pl.DataFrame  # key (lower-case): a hit on one means the posting needs cleanup
    plain: pl.DataFrame  # key (lower-case), skill_id
    context: pl.DataFrame  # key (lower-case), skill_id, form, form_offset, form_length
    patterns: list[str]  # every key above, lower-cased and deduplicated: one automaton for all
    version: str


@lru_cache(maxsize=1)
def match_tables() -> MatchTables:
    """The compiled taxonomy (built once per process; the seeds are read-only at run time)."""
    cleanup, plain, context = _cleanup(), _plain_keys(), _context_keys()
    cleanup_keys = pl.DataFrame({"key": [key.lower() for key in cleanup]}).unique()
    lowered = [*plain["key"], *context["key"], *cleanup_keys["key"]]
    return MatchTables(cleanup, cleanup_keys, plain, context, list(dict.fromkeys(lowered)), taxonomy.TAXONOMY_VERSION)
