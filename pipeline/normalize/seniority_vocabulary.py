"""Seniority words (`roles.py`): intern > management > the first-named level. Regex fragments on
the title normalised for levels (slashes read as "or", individual-contributor managers marked).
"""

from __future__ import annotations

from pipeline.normalize.role_vocabulary import any_of, padded

NOUN = r"(?:scientist|engineer|analyst|developer|researcher|designer|manager)s?"
IC_MANAGER = (
    r" (product|program|project|account|marketing|community|communications|comms|enablement|"
    r"implementation|office|care|case|success|adoption|deployment|contracts?|brand|portfolio|relationship|"
    r"partner|territory|category|data|merchandising) manager"
)
INTERN = padded(
    "intern",
    "interns",
    "internship",
    "co op",
    "coop",
    "trainee",
    "apprentice",
    "apprenticeship",
    "student",
    "placement",
    "fellows program",
    "fellowship",
    "residency",
    "residents?",
)
MANAGEMENT = padded("manager", "managers", "head", "director", "vp", "vice president", "chief", "cto", "cdo", "caio")
LEVELS = [  # the first named wins; on a tie the earlier entry ("senior staff" is staff)
    ("principal", padded("principal", "distinguished", "(?:technical|senior|distinguished) fellow")),
    ("staff", padded("(?:senior |sr )?staff")),
    ("lead", padded("lead", "leader", "tl", "tech lead")),
    ("senior", any_of(padded("senior", "sr", "snr", "iii", "iv", "sde ?(?:3|iii)"), f" {NOUN} (?:v|3|4|5) ")),
    ("mid", padded("mid", "mid level", "intermediate", "medior")),
    (
        "junior",
        any_of(
            padded(
                "junior",
                "jr",
                "entry level",
                "graduate",
                "new grad",
                "undergrad",
                "early career",
                "no experience",
                "research assistant",
                "i",
            ),
            " associate [a-z]",
            f" {NOUN} 1 ",
        ),
    ),
]
