"""The words and phrases that say whether a job is remote, hybrid or on-site, as Rust regexes.

Short texts (location, title) are read with small case-insensitive patterns: a bare "Remote" there
is a statement. Descriptions are long and mention "remote monitoring", "hybrid cloud" and an "onsite
gym", so only phrases count there, written as plain literal alternations in the spellings people
use (lower case, Capitalized, Title Case, UPPER): Rust then scans them with a literal prefilter at
memory speed, where a `(?i)` group of the same phrases is ~6x slower (measured on 377 MB of real
descriptions) and a Unicode `\\b` with `(?i)` ~50x slower.
"""

from __future__ import annotations

import itertools
import re

_B = r"(?-u:\b)"  # ASCII word boundary

# --- short texts ------------------------------------------------------------------------------
SHORT_HYBRID = (
    rf"(?i){_B}hybrid{_B}|[1-4](?:\s?-\s?[2-4])? days?(?: a| per|/)? ?(?:week )?(?:in|at) (?:the )?office"
    r"|in[- ]office [1-4]"
)
SHORT_NOT_REMOTE = (
    rf"(?i){_B}(?:no|not|non)[ -]remote{_B}|{_B}remote:? ?no{_B}"
    r"|remote (?:is )?not (?:available|possible)"
)
SHORT_REMOTE = (
    rf"(?i){_B}(?:remote|wfh|telecommute|distributed)|work(?:ing)? from (?:home|anywhere)"
    r"|^\s*(?:anywhere|worldwide)\s*$"
)
SHORT_ONSITE = rf"(?i){_B}on[ -]?site{_B}|{_B}in[ -](?:office|person){_B}|office[ -]based|{_B}local only{_B}"

# --- descriptions -----------------------------------------------------------------------------
_CUE_WORDS = (
    "remote",
    "hybrid",
    "onsite",
    "on-site",
    "in-office",
    "in office",
    "in-person",
    "work from home",
    "days a week",
    "days per week",
    "days in",
)
HYBRID_PHRASES = (
    *(
        f"hybrid {what}"
        for what in (
            "role",
            "position",
            "work",
            "working",
            "schedule",
            "model",
            "setup",
            "set-up",
            "arrangement",
            "environment",
            "policy",
            "job",
            "opportunity",
            "remote",
            "team",
        )
    ),
    "hybrid-remote",
    "hybrid work",
    "(hybrid",
    "hybrid)",
    "location: hybrid",
    "workplace type: hybrid",
    "work model: hybrid",
    "work arrangement: hybrid",
)
# "3 days a week in the office", "2-3 days onsite": one to four days (five is on-site, below).
DESCRIPTION_HYBRID_DAYS = (
    r"(?:[1-4]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our)(?:-[2-4])? [Dd]ays? (?:a week |per week |/week |each week )?"
    r"(?:in (?:the |our )?office|at (?:the |our )?office|onsite|on-site|in-office|in person)"
)
NOT_REMOTE_PHRASES = (
    "no remote",
    "not a remote",
    "non-remote",
    "not remote",
    "remote work is not",
    "remote is not",
    "not open to remote",
    "remote not available",
    "not a fully remote",
    "remote options are not",
    "not eligible for remote",
    "not have any remote",
    "no remote positions",
    "not offer remote",
    "n't offer remote",
    "not considering remote",
    "not currently considering remote",
    "not looking for remote",
    "n't looking for remote",
    "not hiring remote",
    "remote: no",
    "remote no",
    "no-remote",
)
REMOTE_PHRASES = (
    "fully remote",
    "100% remote",
    "remote-first",
    "remote first",
    "remote-friendly",
    "remote friendly",
    "work remotely",
    "working remotely",
    "work from home",
    "work from anywhere",
    "remote role",
    "remote position",
    "remote job",
    "remote opportunity",
    "remote-only",
    "position is remote",
    "role is remote",
    "job is remote",
    "role is fully remote",
    "position is fully remote",
    "location: remote",
    "workplace type: remote",
    "remote (us",
    "remote (uk",
    "remote (eu",
    "remote within",
    "remote ok",
    "remote possible",
    "remote is possible",
    "remote welcome",
    "remote is welcome",
    "remote is an option",
    "remote option",
    "open to remote",
    "consider remote",
    "or remote",
    "remote or ",
    "remote candidates",
)
ONSITE_PHRASES = (
    "fully on-site",
    "fully onsite",
    "fully in-office",
    "100% on-site",
    "100% onsite",
    "on-site role",
    "onsite role",
    "on-site position",
    "onsite position",
    "on-site only",
    "onsite only",
    "in-office role",
    "in-office position",
    "in-person role",
    "in-person position",
    "role is on-site",
    "role is onsite",
    "role is in-office",
    "role is in-person",
    "position is on-site",
    "position is onsite",
    "role is based on-site",
    "location: on-site",
    "location: onsite",
    "workplace type: on-site",
    "5 days a week in the office",
    "five days a week in the office",
    "5 days per week in the office",
    "5 days in the office",
    "5 days a week in office",
)


def spellings(phrase: str) -> set[str]:
    """How a phrase is written in postings: as is, Capitalized, Title Case, UPPER CASE, and for phrases
    of up to three words every mix of lower/Capitalized/UPPER words ("Remote OK", "open to Remote")."""
    found = {phrase, phrase[:1].upper() + phrase[1:], phrase.title(), phrase.upper()}
    words = phrase.split(" ")
    if len(words) <= 3:
        found |= {" ".join(mix) for mix in itertools.product(*[(w, w[:1].upper() + w[1:], w.upper()) for w in words])}
    return found


# Above a few hundred alternatives Rust's literal prefilter gives up and a scan gets ~5x slower, so
# long phrase lists are split into several patterns of at most this many spellings.
_MAX_LITERALS = 200


def literal_patterns(phrases: tuple[str, ...]) -> list[str]:
    """Regexes that together match any spelling of any phrase (literal sets Rust prefilters)."""
    variants = sorted({variant for phrase in phrases for variant in spellings(phrase)}, key=len, reverse=True)
    escaped = [re.escape(variant) for variant in variants]
    return ["|".join(escaped[start : start + _MAX_LITERALS]) for start in range(0, len(escaped), _MAX_LITERALS)]


DESCRIPTION_PREFILTER = literal_patterns(_CUE_WORDS)
DESCRIPTION_HYBRID = [*literal_patterns(HYBRID_PHRASES), DESCRIPTION_HYBRID_DAYS]
DESCRIPTION_NOT_REMOTE = literal_patterns(NOT_REMOTE_PHRASES)
DESCRIPTION_REMOTE = literal_patterns(REMOTE_PHRASES)
DESCRIPTION_ONSITE = literal_patterns(ONSITE_PHRASES)
