"""Scrapy settings for jobpulse's crawlers: polite by default, fast when told it is local.

Real runs: robots.txt obeyed, an identified user agent, AutoThrottle, at most two requests in
flight per API host, retries with exponential backoff. The local sandbox (127.0.0.1) turns the
delays off from the command line:
`-s AUTOTHROTTLE_ENABLED=False -s AUTOTHROTTLE_START_DELAY=0 -s DOWNLOAD_DELAY=0`.
"""

import os

BOT_NAME = "jobpulse"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Who is asking, and how to reach them: operators can point it at their own contact page/email.
JOBPULSE_CONTACT = os.environ.get("JOBPULSE_CONTACT", "https://github.com/jobpulse/jobpulse")
USER_AGENT = f"jobpulse/0.1 (+{JOBPULSE_CONTACT})"

ROBOTSTXT_OBEY = True

# Politeness: the job-board APIs are shared public infrastructure.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Read by crawlers.middlewares.RetryBackoffMiddleware: wait 1 s, 2 s, 4 s … (≤ 60 s) before a retry.
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    # Above RetryMiddleware (550): its process_response runs first, so the wait precedes the retry.
    "crawlers.middlewares.RetryBackoffMiddleware": 560,
}

# The APIs are stateless JSON; cookies would only make runs depend on each other.
COOKIES_ENABLED = False

# No listening sockets in a crawl: no telnet console, no remote-control HTTP server (2.19+).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
