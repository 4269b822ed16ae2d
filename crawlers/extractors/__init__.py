"""One pure extractor per source: a decoded answer in, items out (no Scrapy, no I/O, no clock).

Every module in `EXTRACTORS` has the same two names:

- `SOURCE`, the source name its items carry;
- `extract(payload, board=None, *, url=None) -> list[dict]`: the items of one answer (a decoded
  JSON document, or a page's HTML for career sites), in order. `board` is the board crawled (an
  ATS board token, an HN thread id); aggregators, which are one feed, file their items under
  `SOURCE` when it is None, and HN takes the thread from the payload. `url` is where the answer
  was read from: HTML sources resolve links against it, JSON records carry their own. A record
  that cannot become an item comes back as a refusal (`common.refused`), never silently dropped.

Pay comes out as the source gives it: API amounts as numbers in the salary fields, pay written
by people as `salary_text`, which normalization parses (there is one salary-text parser, there).
Callers look an extractor up by source name (`extractor("lever").extract(...)`) instead of
importing each module; spiders import their own module's helpers for paging.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

EXTRACTORS: dict[str, str] = {
    "greenhouse": "crawlers.extractors.greenhouse",
    "lever": "crawlers.extractors.lever",
    "ashby": "crawlers.extractors.ashby",
    "smartrecruiters": "crawlers.extractors.smartrecruiters",
    "workable": "crawlers.extractors.workable",
    "recruitee": "crawlers.extractors.recruitee",
    "hn": "crawlers.extractors.hn",
    "remoteok": "crawlers.extractors.remoteok",
    "remotive": "crawlers.extractors.remotive",
    "arbeitnow": "crawlers.extractors.arbeitnow",
    "himalayas": "crawlers.extractors.himalayas",
    "themuse": "crawlers.extractors.themuse",
    "careers": "crawlers.extractors.careers",  # schema.org JobPosting markup on career sites
}


def extractor(source: str) -> ModuleType:
    """The extractor module of a source (imported on first use); KeyError names the known ones."""
    if source not in EXTRACTORS:
        raise KeyError(f"no extractor for source {source!r} (known: {', '.join(EXTRACTORS)})")
    return import_module(EXTRACTORS[source])
