"""The taxonomy compiled into what the skill matcher searches for (tokens: see `skill_tokens`).

- `plain`: lower-cased alias keys, each with the skills it names, implied skills included;
- `context`: keys for ambiguous forms: the bare form, or the form inside each of its contexts
  (", R", "R programming", "BS/MS"). Context words match in any case, the form only as spelled:
  the table keeps the form and its offset in the key, and the matcher checks that slice of the hit;
- `long_rules`: rules whose contexts put a form next to a long list ("@db @sep Oracle" expands to
  ~1,600 phrases), and rules marked rare, stay out of the automaton: a posting holding the bare
  form has the tokens around it looked up among their expanded contexts (`LongRules`).
  Measured: the scan costs per byte and grows with the automaton, and building one costs ~0.2 s
  per call at 65k keys against ~0.02 s at 10k;
- `cleanup`: stop phrases (→ a space) and rewrites (→ their replacement), ASCII case-insensitive,
  so "Spark Capital" or "R&D" cannot count;
- `negation`: one regex over tokens that blanks the scope of a trigger ("replaced Java with Go").

`patterns` is the one automaton: plain and short-context keys plus the *triggers* (cleanup and
negation phrases, long-rule forms). A posting with a cleanup trigger is cleaned and scanned again.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from pipeline.normalize.skill_tokens import LINE_BREAK, tokenize_phrases
from warehouse import taxonomy

# A rule (skill, form) with more contexts than this is "long": looked up only where its form is.
LONG_RULE_CONTEXTS = 500
_REGEX_META = re.compile(r"([\\.+*?()|\[\]{}^$])")


def _plural(phrase: str) -> str | None:
    if phrase.endswith("sis"):  # analysis → analyses
        return phrase[:-2] + "es"
    return phrase + "s" if phrase[-1].isalpha() and not phrase.endswith("s") else None


def _spelling_variants(alias: str) -> list[str]:
    """An alias, its hyphen-free spellings (fine-tuning → fine tuning, finetuning) and its plural."""
    variants = [alias]
    if re.search(r"[a-z0-9]-[a-z0-9]", alias):
        variants += [re.sub(r"(?<=[a-z0-9])-(?=[a-z0-9])", joiner, alias) for joiner in (" ", "")]
    return variants + [plural for v in variants if (plural := _plural(v))]


def _with_implied(keys: pl.DataFrame) -> pl.DataFrame:
    """Add a row for every skill implied by a key's skill (PostgreSQL → sql)."""
    implied = keys.join(taxonomy.implications_frame(), on="skill_id").with_columns(skill_id="implied_skill_id")
    return pl.concat([keys, implied.select(keys.columns)]).unique().sort(keys.columns)


def _plain_keys() -> pl.DataFrame:
    aliases = taxonomy.aliases_frame().filter(~pl.col("case_sensitive"))
    rows = [
        (variant, skill)
        for alias, skill in aliases.select("alias", "skill_id").iter_rows()
        for variant in _spelling_variants(alias)
    ]
    phrases, skills = zip(*rows, strict=True)
    return _with_implied(pl.DataFrame({"key": tokenize_phrases(list(phrases)), "skill_id": list(skills)}))


def _long_forms() -> set[tuple[str, str]]:
    """(skill, form) pairs checked around their form: > LONG_RULE_CONTEXTS contexts, or marked rare."""
    sizes: dict[tuple[str, str], int] = {}
    for skill_id, form, slots in taxonomy.ambiguous_templates():
        sizes[skill_id, form] = sizes.get((skill_id, form), 0) + (math.prod(map(len, slots)) if slots else 1)
    return {pair for pair, size in sizes.items() if size > LONG_RULE_CONTEXTS} | set(taxonomy.rare_forms())


def _context_parts() -> pl.DataFrame:
    """One row per (skill, form, context) of the short rules: the tokens before and after the form."""
    long_forms = pl.DataFrame(list(_long_forms()), schema={"skill_id": pl.String, "form": pl.String}, orient="row")
    rules = taxonomy.ambiguous_rules_frame()
    # A long rule's contexts with the form inside ("¶ * ¶") stay here: the long path checks one side.
    context = pl.col("context")
    inside = ~context.str.starts_with("* ") & ~context.str.ends_with(" *") & (context != "*")
    rules = pl.concat(
        [
            rules.join(long_forms, on=["skill_id", "form"], how="anti", maintain_order="left"),
            rules.join(long_forms, on=["skill_id", "form"], how="semi", maintain_order="left").filter(inside),
        ]
    )
    placeholder = taxonomy.FORM_PLACEHOLDER
    befores, afters = [], []
    for context in rules["context"]:
        before, _, after = f" {context or placeholder} ".partition(f" {placeholder} ")
        befores.append(before)
        afters.append(after)
    before_tokens, form_tokens, after_tokens = (
        [token.strip() for token in tokenize_phrases(part)] for part in (befores, rules["form"].to_list(), afters)
    )
    return pl.DataFrame(
        {"skill_id": rules["skill_id"], "form": form_tokens, "before": before_tokens, "after": after_tokens}
    )


def _context_keys(parts: pl.DataFrame) -> pl.DataFrame:
    """key (lower-case) → skill, where the form sits in the key and how it is spelled."""
    keys, offsets = [], []
    for before, form, after in parts.select("before", "form", "after").iter_rows():
        keys.append(" " + " ".join(part for part in (before, form, after) if part) + " ")
        offsets.append(len(before) + 2 if before else 1)
    table = pl.DataFrame(
        {
            "key": [key.lower() for key in keys],
            "skill_id": parts["skill_id"],
            "form": parts["form"],
            "form_offset": offsets,
        }
    ).with_columns(form_length=pl.col("form").str.len_chars())
    return _with_implied(table)


def _regex_literal(tokens: str) -> str:
    return _REGEX_META.sub(r"\\\1", tokens)


@dataclass(frozen=True)
class LongRules:
    """The long rules, checked only around their forms: in a candidate posting, the runs of 1…window
    tokens just before and just after each form occurrence are looked up, by a join, among the
    rules' expanded contexts. A regex per rule was measured ~10x slower (Polars keeps 32 compiled
    regexes, so ~70 per-rule regexes were recompiled in every batch), and one regex for all rules
    lost the contexts of adjacent forms ("Claude, OpenAI") to non-overlapping matches."""

    window: int  # the longest context, in tokens
    before: pl.DataFrame  # form, phrase (lower-case tokens just before the form), skill_id
    after: pl.DataFrame  # form, phrase (lower-case tokens just after the form), skill_id
    forms: tuple[str, ...]  # bare forms as tokenized keys, spelled exactly (" Oracle ")
    forms_exact: pl.Series  # the same, as single tokens ("Oracle")


def _long_rules() -> LongRules:
    long_forms = _long_forms()
    templates = [t for t in taxonomy.ambiguous_templates() if (t[0], t[1]) in long_forms]
    phrases = sorted({p for _, form, slots in templates for slot in slots for p in slot} | {f for _, f, _ in templates})
    tokens = dict(zip(phrases, (t.strip(" ").lower() for t in tokenize_phrases(phrases)), strict=True))
    spelled = dict(zip(phrases, (t.strip(" ") for t in tokenize_phrases(phrases)), strict=True))
    rows: dict[str, list[tuple[str, str, str]]] = {"before": [], "after": []}
    placeholder = (taxonomy.FORM_PLACEHOLDER,)
    for skill_id, form, slots in templates:
        if slots[-1] == placeholder:
            side, context = "before", slots[:-1]
        elif slots[0] == placeholder:
            side, context = "after", slots[1:]
        else:
            continue  # the form inside its context: searched with the short rules (`_context_parts`)
        rows[side] += [
            (spelled[form], " ".join(tokens[p] for p in combo), skill_id) for combo in itertools.product(*context)
        ]
    schema = {"form": pl.String, "phrase": pl.String, "skill_id": pl.String}
    frames = {
        side: _with_implied(pl.DataFrame(r, schema=schema, orient="row").rename({"form": "key"}))
        .rename({"key": "form"})
        .unique()
        for side, r in rows.items()
    }
    window = max((phrase.count(" ") + 1 for r in rows.values() for _, phrase, _ in r), default=1)
    forms = sorted({spelled[form] for _, form, _ in templates})
    return LongRules(
        window=window,
        before=frames["before"],
        after=frames["after"],
        forms=tuple(f" {form} " for form in forms),
        forms_exact=pl.Series("form", forms, pl.String),
    )


def _alternation(phrases: list[str]) -> str:
    tokens = {phrase.strip(" ").lower() for phrase in tokenize_phrases(phrases)}
    return "|".join(_regex_literal(token) for token in sorted(tokens, key=len, reverse=True))


NEGATION_SCOPE_TOKENS = 12


def negation_pattern() -> str:
    """Regex over tokens: a trigger, then its scope: the tokens up to an end, at most 12.

    The matcher keeps the trigger and the end and blanks the scope, so "replaced Java with Go"
    keeps Go, and "replaced by Go" (an end right away) blanks nothing. Commas stay inside a scope
    ("away from Java, PHP and Perl"); sentence punctuation and a line break end it. Without an end
    in reach, the 12 tokens after the trigger are the scope (a long list of customer names).
    """
    triggers, ends = taxonomy.negation()
    if not triggers:
        return ""
    token = rf"[^ {LINE_BREAK}.;:()!?]+ "
    end = rf"(?:{_alternation(list(ends))}|[{LINE_BREAK}.;:()!?])" if ends else rf"[{LINE_BREAK}.;:()!?]"
    n = NEGATION_SCOPE_TOKENS
    scope = rf"(?:(?:{token}){{0,{n}}}?(?P<end>{end}) |(?:{token}){{1,{n}}})"
    return rf"(?i) (?P<trigger>{_alternation(list(triggers))}) {scope}"


def _cleanup() -> dict[str, str]:
    """Tokenized stop phrases → " ", rewrites → " replacement ", longest first (leftmost-first wins)."""
    stops = list(taxonomy.stop_phrases())
    rewrites = taxonomy.rewrites()
    keys = tokenize_phrases(stops + list(rewrites))
    values = [" "] * len(stops) + tokenize_phrases(list(rewrites.values()))
    pairs = sorted(zip(keys, values, strict=True), key=lambda kv: -len(kv[0]))
    return dict(pairs)


@dataclass(frozen=True)
class MatchTables:
    cleanup: dict[str, str]  # tokenized phrase → replacement (stop phrases → " ")
    negation: str  # regex over tokens whose scope is blanked ("" when the seeds have none)
    plain: pl.DataFrame  # key (lower-case), skill_id
    context: pl.DataFrame  # key (lower-case), skill_id, form, form_offset, form_length
    long_rules: LongRules
    rescan_keys: pl.Series  # lower-case triggers of cleanup + a second scan: stop, rewrite, negation phrases
    negation_keys: pl.Series  # the negation triggers among them: only those postings need the negation regex
    rescan_forms: pl.Series  # long-rule forms, spelled exactly: a hit sends the posting to `long_rules`
    patterns: list[str]  # every key and trigger above, lower-cased and deduplicated: one automaton
    version: str


@lru_cache(maxsize=1)
def match_tables() -> MatchTables:
    """The compiled taxonomy (built once per process; the seeds are read-only at run time)."""
    cleanup, plain = _cleanup(), _plain_keys()
    context = _context_keys(_context_parts())
    long_rules = _long_rules()
    negation_triggers = [key.lower() for key in tokenize_phrases(list(taxonomy.negation()[0]))]
    rescan_keys = pl.Series("key", [key.lower() for key in cleanup] + negation_triggers, pl.String).unique()
    negation_keys = pl.Series("key", negation_triggers, pl.String).unique()
    rescan_forms = pl.Series("form", long_rules.forms, pl.String)
    keys = [*plain["key"], *context["key"], *rescan_keys, *rescan_forms.str.to_lowercase()]
    return MatchTables(
        cleanup,
        negation_pattern(),
        plain,
        context,
        long_rules,
        rescan_keys,
        negation_keys,
        rescan_forms,
        list(dict.fromkeys(keys)),
        taxonomy.TAXONOMY_VERSION,
    )
