"""A post's text cut into units (`body_roles` reads each unit on its own): at line breaks, bullets,
pipes, dashes between spaces, colons, sentence ends and URLs, after the rewrites that keep one
opening in one unit ("Sr. Engineer" is no sentence end, "ML DevOps" one job, a long remark in
parentheses cut out). Polars expressions on the lower-cased text.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.body_fields import FIELD_HEADING, STRIP

# A post without any of these names no ML role: it is not read at all (most posts, and the costly part).
ML_VOCABULARY = (
    r"scien|research|machine learning|deep learning|artificial intelligence|computer vision|"
    r"forward[- ]deploy|\bfdes?\b|"
    r"inference|neural|natural language|perception|speech|generative|language model|recommend|"
    r"pre-?training|post-?training|"
    r"alignment|interpretab|multimodal|\b(?:ml|ai|a\.i\.|llms?|nlp|cv|mles?|mlops|genai|gen ai|agents?|agentic|"
    r"tpu|triton|gpus?|accelerators?|recsys|rl)\b"
)
_URL = r"https?://\S+|www\.\S+|\S+@\S+\.\S+|\[[^\]]{0,40}\]"
# "Sr. Engineer" and "Acme Inc. is" are no sentence ends.
_ABBREVIATION = r"\b(sr|jr|snr|inc|etc|vs|dr|mr|ms|mrs|st|co|ltd|corp|no|e\.g|i\.e|approx)\."
_SEPARATOR = (
    r"[|•·▪●■►✓★✔→\n\t;]+|\s@\s|\*+|={2,}|_{2,}|~{2,}|-{2,}|(?:^|\s)[-–—+>]+\s*|[–—]+|"
    r":(?:\s+|$)|[.!?]+(?:\s+|$)|(?:^|\s)\(?\d{1,2}[.)]\s*"
)
# "(5+ years)", "(3+ years experience, SF only)" — not a team's "(20+ years combined)".
_TITLE_YEARS = (
    r"((?:[a-z/-]+ ){0,3}(?:scientists?|engineers?|researchers?))\s*\(\d+\+? (?:years?|yrs?)(?: of)?"
    r"(?: experience| exp)?(?:,[^()]*)?\)"
)
_FOCUS_IN = (
    r"\b((?:software |research )?(?:engineers?|developers?|scientists?))\s+with\s+(?:an?\s+)?"
    r"(?:focus|specialty|specialization|specialisation)\s+(?:in|on)\s+([a-z][a-z /-]{1,40}?)"
    r"(?:\s+and\s+(?:an?\s+)?interest\b|[,.;)]|$)"
)


def _units(text: pl.Expr) -> pl.Expr:
    """A post's text (lower case) → its units, as a list."""
    spaced = (
        # "mobile engineers (iOS - hard problems include …), … and data scientists (…)": a long remark in
        # parentheses describes the job before it; cut out, the list of jobs reads as one clause.
        text.str.replace_all(r"\b(engineers|scientists|developers|designers)\s*\([^()]{60,}\)", "$1")
        # "enables the whole organization - marketers and data scientists - to run …": an aside between dashes
        # inside a sentence (the text goes on with "to", "who", …) names people, not openings.
        .str.replace_all(r"\s[-–—]\s([^-–—\n.:]{3,80}?)\s[-–—]\s(to|who|that|with|in|can|use)\b", " ($1) $2")
        # "…, Senior Data Scientists (5+ years), and …": a title with the experience it asks is an opening.
        .str.replace_all(_TITLE_YEARS, "\n$1\n")
        .str.replace_all(FIELD_HEADING, "$1\n$2 fieldheading\n")
        .str.replace_all(_URL, "\n")
        .str.replace_all(_ABBREVIATION, "$1")
        .str.replace_all(r"\b(eng|engs)\b", "engineer")  # "algorithms/AI eng"
        .str.replace_all(r"\bfdes?\b", "forward deployed engineer")  # "FDEs welcome as well"
        .str.replace_all(r"\b(?:ml|machine learning) devops\b", "mlops")  # one job, not "ML" and "DevOps"
        # "Software Engineer with focus in Machine Learning" is a machine learning software engineer
        .str.replace_all(_FOCUS_IN, "$2 $1")
        .str.replace_all(r"\s(?:or|and/or)\s", " / ")
        .str.replace_all(_SEPARATOR, "\n")
    )
    return spaced.str.split("\n")


def post_units(text: pl.Expr) -> pl.Expr:
    return _units(text).list.eval(
        pl.element().str.strip_chars(STRIP).str.replace_all(r"\s+", " ").filter(pl.element().str.len_chars() > 1)
    )
