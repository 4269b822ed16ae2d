"""Openings a post names without a hiring cue or a list: it addresses the reader as the hire, welcomes
a title, or names one in quotes, in parentheses or as a bulleted field heading. Polars expressions
on one unit of a post's lower-cased text (`body_roles` cuts the text into units); each gives the
title it names, for `roles.py` to classify. tests/devsets/LABELLING.md says what counts.
"""

from __future__ import annotations

import polars as pl

# Openings a post names by addressing the reader: "As a data scientist at Acme, you'll …", "if machine
# learning is close to your heart, ping me".
_AS_A = r"^as (?:a|an|our) ([^,]{3,60}?)(?:\s+(?:at|on|in|with)\b[^,]*)?,\s*you(?:'ll| will|'d| would| get)\b"
_CLOSE_TO_HEART = r"\bif ([a-z /&-]{2,40}?) (?:is|are) (?:close to your heart|your (?:thing|passion|jam))\b"
# "If you're a developer or just someone who is interested in data science for social good, check us out".
_INTERESTED_IN = (
    r"\bif you(?:'re| are)\b[^,]{0,40}?\b(?:interested in|passionate about) ([a-z /&-]{2,40}?)"
    r"(?:\s+(?:for|at|and|to|with)\b|[,!]|$)"
)
# "FDEs welcome as well", "ML engineers are welcome too": a title the post welcomes.
_WELCOME = r"^([a-z][a-z /&-]{2,50}?)\s+(?:are\s+|is\s+)?(?:also\s+|very\s+|more than\s+)?welcome\b"
# 'as "Big Data/Machine Learning Developer"': a quoted title the reader is invited to work as.
_AS_QUOTED = r"\bas (?:an? )?[\"“']([^\"”']{3,60})[\"”']"
# "Software Engineer (Data Scientist)": a title in parentheses right after a job noun names the job.
_PAREN_TITLE = r"\b(?:engineers?|developers?|roles?|positions?)\s*\(([^()]{3,60})(?:\)|$)"


def invited_titles(unit: pl.Expr) -> pl.Expr:
    """A unit → the titles it invites the reader to (a list, empty when none)."""
    return pl.concat_list(
        unit.str.extract(_AS_A, 1),
        unit.str.extract(_CLOSE_TO_HEART, 1),
        unit.str.extract(_INTERESTED_IN, 1),
        unit.str.extract(_WELCOME, 1),
        unit.str.extract(_AS_QUOTED, 1),
        unit.str.extract(_PAREN_TITLE, 1),
        # A bulleted field heading ("● Machine Learning"), marked "fieldheading" when the text was cut.
        unit.str.extract(r"^(.*) fieldheading$", 1).str.replace_all("artificial intelligence", "ai"),
    ).list.drop_nulls()
