"""Hiring sentences (`body_roles` rule 3, "Hired"): the clause a hiring cue governs ("we're looking
for a senior data scientist to …", "open roles: …") up to the word that ends its noun phrase, cut
into the titles it lists. Polars expressions on one unit of a post's lower-cased text.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.body_fields import ITEM_END, STRIP

_LIST_SEPARATOR = r"\s*(?:,|&|/|;|\+|\band\b|\bor\b|\bplus\b)\s*"
TITLES_TO = (
    r"^((?:[a-z-]+ ){0,3}(?:scientists|engineers|researchers|statisticians)(?: (?:&|and) (?:[a-z-]+ ){0,3}"
    r"(?:scientists|engineers|researchers|statisticians))?) to (?:focus|join|lead|build|work|help|drive)\b"
)
CUE = (
    r"(?:\b(?:hiring|recruiting|seeking|searching for|looking (?:to hire|to add|for)|on the (?:lookout|hunt) for|"
    r"welcome (?:interest|applications?) from|everything from|if you(?:'re| are) into|we (?:\w+ )?need|we're adding|"
    r"we are adding|join (?:us|our team|the team) as|open (?:roles|positions|jobs|reqs)|openings|vacancies|"
    r"positions|roles|opportunities for)\b)"
)
# Filler between a cue and the titles it governs ("for: several talented", "multiple tech positions, including").
LEADING_FILLER = (
    r"^(?:[\s,:\-]|\b(?:for|a|an|the|some|several|multiple|many|more|new|additional|few|couple of|one|two|three|four|"
    r"five|\d+\+?|x\d|first|next|talented|experienced|exceptional|strong|smart|great|passionate|skilled|motivated|"
    r"top|world-class|brilliant|ambitious|curious|driven|awesome|amazing|both|various|full[- ]time|part[- ]time|"
    r"remote|onsite|on-site|local|currently|now|actively|also|especially|particularly|mainly|primarily|"
    r"immediately|urgently|across)\b)+"
)
_GROUP_WORD = (
    r"^(?:[\w-]+\s+){0,4}?(?:roles?|positions?|openings?|people|talent|folks|candidates|individuals|hires|"
    r"disciplines|areas)\b(?:[\s,:\-(]|\b(?:in|across|for|within|including|like|such as|incl|of|right now|now|plus)\b)*"
)
# "Software Engineers with Front End, … or Machine Learning focus": the disciplines name the jobs.
_FOCUS = (
    r"^(.*?\b(?:engineers?|developers?|scientists?))\s+with\s+(?:an?\s+)?(.{0,100}?)\s+"
    r"(?:focus|focuses|specialty|specialties|specialisation|specialization)\b.*$"
)
_CLAUSE_END = (
    r"\b(?:to|who|that|which|with|for|so|because|excited|passionate|interested|familiar|comfortable|"
    r"eager|willing|able|ready|having|has|have|is|are|will|would|can|should|must|working|join|"
    r"joining|help|helping|as well as|as|like|whose|where|if|we|you|your|our|and more|etc|"
    r"throughout|who're|please|apply|email|check|see|with)\b.*$"
)
# "positions from Front-End Engineering to Data Science": a range names both ends.
_FROM_TO = r"^(?:everything |anything )?from ([^,]{2,40}?) to ([^,]{2,40}?)(?:[,;]|$)"


def hired_clause(unit: pl.Expr, items: bool = True) -> pl.Expr:
    """The text a hiring cue in this unit governs, up to the cue's noun phrase's end ("" if none). Cut
    for its items (`items`), a place word ends an item later; else the whole clause ends there."""
    clause = unit.str.extract(f"{CUE}(.*)$", 1).str.replace(_FOCUS, "$2 $1")
    stripped = clause.str.replace(LEADING_FILLER, "").str.replace(_GROUP_WORD, "").str.replace(LEADING_FILLER, "")
    clause = pl.when(stripped.str.contains(_FROM_TO)).then(stripped.str.replace(_FROM_TO, "$1, $2")).otherwise(clause)
    clause = clause_end(
        clause.str.replace(LEADING_FILLER, "").str.replace(_GROUP_WORD, "").str.replace(LEADING_FILLER, "")
    )
    return clause if items else clause.str.replace(ITEM_END, "").str.strip_chars(STRIP)


def clause_end(text: pl.Expr) -> pl.Expr:
    return text.str.replace(_CLAUSE_END, "").str.strip_chars(STRIP)


def list_items(text: pl.Expr) -> pl.Expr:
    """A hired clause → its items; a part naming no job keeps its words ("data science")."""
    joined = text.str.replace_all(r"\b(ai|ml)\s*/\s*(ml|ai)\b", "$1 $2")  # "AI/ML" is one field
    return joined.str.replace_all(_LIST_SEPARATOR, "\x1f").str.split("\x1f")
