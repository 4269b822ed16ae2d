"""The source registry: every source a spider crawls, and what kind of source it is.

A source's name is its spider's name, its landing directory and the `source` of its postings. The
kind says how its boards are named: an ATS has one board per company token, an aggregator one
feed, HN one thread per month, careers pages one site per company.
"""

from __future__ import annotations

ATS = "ats"
AGGREGATOR = "aggregator"
FORUM = "forum"
CAREERS_PAGE = "careers_page"

SOURCE_KINDS = {
    "greenhouse": ATS,
    "lever": ATS,
    "ashby": ATS,
    "smartrecruiters": ATS,
    "workable": ATS,
    "recruitee": ATS,
    "hn": FORUM,
    "remoteok": AGGREGATOR,
    "remotive": AGGREGATOR,
    "arbeitnow": AGGREGATOR,
    "himalayas": AGGREGATOR,
    "themuse": AGGREGATOR,
    "careers": CAREERS_PAGE,
}
SOURCES = tuple(SOURCE_KINDS)  # in the order `jobpulse crawl --source` lists them
ATS_SOURCES = tuple(name for name, kind in SOURCE_KINDS.items() if kind == ATS)
AGGREGATOR_SOURCES = tuple(name for name, kind in SOURCE_KINDS.items() if kind == AGGREGATOR)
