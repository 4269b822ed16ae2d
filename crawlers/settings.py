"""Scrapy settings for jobpulse's crawlers: polite by default, fast when told it is local.

Real runs: robots.txt obeyed, an identified user agent, AutoThrottle, a small per-host budget of
requests in flight and delay (`DOWNLOAD_SLOTS`, per source API host; spiders may tighten theirs in
`custom_settings`), retries with exponential backoff honouring Retry-After, a response size cap,
and requests that never leave the source's own domains, redirects included. The local sandbox
(127.0.0.1) turns the delays off from the command line:
`-s AUTOTHROTTLE_ENABLED=False -s AUTOTHROTTLE_START_DELAY=0 -s DOWNLOAD_DELAY=0`.
"""

from contract.crawl_identity import environment_user_agent

BOT_NAME = "jobpulse"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Operators point it at their own contact page/e-mail: the sources file's [contact] table (which
# `jobpulse run` passes as -s USER_AGENT=…) or these environment variables for plain `scrapy crawl`.
USER_AGENT = environment_user_agent()

ROBOTSTXT_OBEY = True

# Politeness: the job-board APIs are shared public infrastructure.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Per API host: how many requests in flight (and the delay to start with). Each crawl is one
# process for one source, so a source's floor between requests is its spider's DOWNLOAD_DELAY
# (`custom_settings`, e.g. Remotive's 15 s); AutoThrottle only ever raises a delay above that floor.
DOWNLOAD_SLOTS = {
    "boards-api.greenhouse.io": {"concurrency": 2, "delay": 0.5},
    "api.lever.co": {"concurrency": 2, "delay": 0.5},
    "api.eu.lever.co": {"concurrency": 2, "delay": 0.5},
    "api.ashbyhq.com": {"concurrency": 2, "delay": 0.5},
    "api.smartrecruiters.com": {"concurrency": 2, "delay": 0.5},
    "apply.workable.com": {"concurrency": 1, "delay": 1.0},
    "hn.algolia.com": {"concurrency": 1, "delay": 1.0},
    "remoteok.com": {"concurrency": 1, "delay": 2.0},
    "remotive.com": {"concurrency": 1, "delay": 5.0},
    "www.arbeitnow.com": {"concurrency": 1, "delay": 1.0},
    "himalayas.app": {"concurrency": 1, "delay": 1.0},
    "www.themuse.com": {"concurrency": 1, "delay": 7.5},
}

DOWNLOAD_TIMEOUT = 30
# A board's JSON is rarely above a few MB (a 1,000-comment HN thread is ~3 MB); anything far
# larger is not a job board answering, and is cut off instead of filling memory.
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Read by crawlers.middlewares.RetryBackoffMiddleware: wait 1 s, 2 s, 4 s … (≤ 60 s) before a retry.
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    # Above RetryMiddleware (550): its process_response runs first, so the wait precedes the retry.
    "crawlers.middlewares.RetryBackoffMiddleware": 560,
    # Above RedirectMiddleware (600): an off-domain redirect fails its request (with a reason the
    # errback records) before it can be followed. Scrapy's own OffsiteMiddleware would drop the
    # redirected request silently, leaving the board looking merely empty.
    "crawlers.middlewares.OffsiteRedirectMiddleware": 610,
    # Next to DownloaderStats (850): sees every request sent and every response, retries included.
    "crawlers.middlewares.BoardStatsMiddleware": 860,
}

SPIDER_MIDDLEWARES = {
    # Which boards were read in full, even when a crawl stops early (see pipeline/spider_process.py).
    "crawlers.middlewares.BoardProgressMiddleware": 100,
}

# The APIs are stateless JSON; cookies would only make runs depend on each other.
COOKIES_ENABLED = False

# No listening sockets in a crawl: no telnet console, no remote-control HTTP server (2.19+).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
