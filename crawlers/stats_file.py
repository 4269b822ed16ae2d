"""Scrapy extension: write the crawl's stats as JSON where `JOBPULSE_STATS_FILE` says.

The flow runs each crawl in its own process; this file is how requests, responses by status,
items and errors come back to it for the `runs` table.
"""

from __future__ import annotations

import json
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured


class StatsFile:
    def __init__(self, crawler, path: str):
        self.crawler = crawler
        self.path = Path(path)

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("JOBPULSE_STATS_FILE")
        if not path:
            raise NotConfigured
        extension = cls(crawler, path)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        self.path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True))
