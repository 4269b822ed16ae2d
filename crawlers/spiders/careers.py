"""`scrapy crawl careers -a urls=https://acme.example/careers/,… [-a sitemaps=https://acme.example/jobs.xml]`

Any company career site that publishes schema.org `JobPosting` markup (JSON-LD or microdata, as
search engines ask them to). From each listing page given in `urls` the spider follows links to
the posting pages (and further listing pages) of the same site; each sitemap in `sitemaps`
(an index or a URL set) names posting pages directly. `-a base_url=` lets both lists be paths
("/careers/acme/"), and `boards` is read as more `urls`, so `jobpulse crawl --board URL` works.
`-a max_pages=N` (default 1,000) bounds how many pages one run asks for.

Requests never leave the domains of the given URLs: `allowed_domains` is set from them, so
Scrapy's OffsiteMiddleware drops every other host — links and redirects alike.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from crawlers.extractors import careers
from crawlers.middlewares import record_board_answer, record_board_failure
from crawlers.spiders.base import split_list

# Links worth following from a listing page even outside its folder: job-ish paths of the site.
_JOBISH_PATH = re.compile(
    r"/(?:jobs?|careers?|positions?|openings?|vacanc(?:y|ies)|postings?|stellen(?:angebote)?)(?:[/_.?-]|$)",
    re.IGNORECASE,
)
_SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(?:urlset|sitemapindex)\b")


def scope_of(url: str) -> str:
    """The folder a listing page lives in: links under it are the site's jobs section."""
    path = urlsplit(url).path or "/"
    if path.endswith("/"):
        return path
    last = path.rsplit("/", 1)[-1]
    return path.rsplit("/", 1)[0] + "/" if "." in last else path + "/"


class CareersSpider(scrapy.Spider):
    """JobPosting items from career-site listing pages and sitemaps, within their own domains."""

    name = "careers"
    handle_httpstatus_list: ClassVar[list[int]] = [404]
    custom_settings: ClassVar[dict[str, Any]] = {
        # Company websites, not APIs built for bulk reads: one request at a time per site, spaced.
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 1.0,
        # A career page is HTML (a sitemap XML); anything bigger is not what we came for.
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 2 * 1024 * 1024,
    }

    def __init__(
        self,
        *args: Any,
        urls: str | None = None,
        sitemaps: str | None = None,
        boards: str | None = None,
        base_url: str | None = None,
        max_pages: str | int | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        base = (base_url or "").rstrip("/")
        # start URL → the board its items are filed under: the URL (or path) exactly as given, so a
        # run's per-board summary names what the user configured.
        self.page_urls = {self._absolute(url, base): url for url in split_list(urls) + split_list(boards)}
        self.sitemap_urls = {self._absolute(url, base): url for url in split_list(sitemaps)}
        self.allowed_domains = sorted({urlsplit(url).hostname or "" for url in [*self.page_urls, *self.sitemap_urls]})
        self.max_pages = int(max_pages) if max_pages not in (None, "") else 1000
        # Not LinkExtractor(allow_domains=…): it compares host *and port*, which a site on a
        # non-default port (the sandbox) never matches. `_on_site` checks the host alone.
        self.links = LinkExtractor()
        self._pages_requested = 0
        self._seen_postings: set[str] = set()

    @staticmethod
    def _absolute(url: str, base: str) -> str:
        absolute = urljoin(base + "/", url) if base and url.startswith("/") else url
        if urlsplit(absolute).scheme not in ("http", "https"):
            raise ValueError(f"careers: {url!r} is not an http(s) URL (or a path with -a base_url=)")
        return absolute

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not (self.page_urls or self.sitemap_urls):
            self.logger.warning("no career pages given (use -a urls=… or -a sitemaps=…): nothing to crawl")
        for url, board in self.page_urls.items():
            yield self._request(url, self.parse_page, board=board, scope=scope_of(url))
        for url, board in self.sitemap_urls.items():
            yield self._request(url, self.parse_sitemap, board=board)

    def _request(self, url: str, callback: Any, **cb_kwargs: Any) -> scrapy.Request:
        self._pages_requested += 1
        return scrapy.Request(url, callback=callback, errback=self.on_error, cb_kwargs=cb_kwargs)

    def _room_for_more(self) -> bool:
        if self._pages_requested < self.max_pages:
            return True
        if self._pages_requested == self.max_pages:
            self._pages_requested += 1  # say it once
            self.logger.warning("careers: stopped following links after %d pages (-a max_pages=)", self.max_pages)
        return False

    def parse_page(self, response: Response, board: str, scope: str | None = None) -> Iterable[Any]:
        """Items of a page; a page that is not a single posting is a listing: follow its links."""
        if response.status == 404:
            self._not_found(response, board, "careers page")
            return
        if _SITEMAP_ROOT.search(response.body[:2000]):  # a sitemap given as a page URL
            yield from self.parse_sitemap(response, board)
            return
        if not isinstance(response, HtmlResponse):
            return
        items = careers.extract(response.body, board, url=response.url)
        for item in items:
            if item["source_id"] not in self._seen_postings:
                self._seen_postings.add(item["source_id"])
                yield item
        if len(items) == 1 or scope is None:
            return  # a posting page: its links lead back to listings already being read
        for url in self._listing_links(response, scope):
            if not self._room_for_more():
                return
            yield self._request(url, self.parse_page, board=board, scope=scope)

    def _on_site(self, url: str) -> bool:
        """Scrapy's offsite rule: an allowed domain or a subdomain of one."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == domain or host.endswith("." + domain) for domain in self.allowed_domains)

    def _listing_links(self, response: HtmlResponse, scope: str) -> list[str]:
        """Same-site links under the listing's folder, job-ish paths, and rel=next pages."""
        wanted = [
            link.url
            for link in self.links.extract_links(response)
            if urlsplit(link.url).path.startswith(scope) or _JOBISH_PATH.search(urlsplit(link.url).path)
        ]
        wanted += [response.urljoin(href) for href in response.css('link[rel~="next"]::attr(href)').getall()]
        return [url for url in dict.fromkeys(wanted) if self._on_site(url)]

    def parse_sitemap(self, response: Response, board: str) -> Iterable[Any]:
        """A sitemap index → its sitemaps; a URL set → its pages (read, not followed further)."""
        if response.status == 404:
            self._not_found(response, board, "sitemap")
            return
        body = response.body
        if gzip_magic_number(response):
            body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            sitemap = Sitemap(body)
        except Exception:  # noqa: BLE001 - lxml raises several kinds on non-XML input
            sitemap = None
        if sitemap is None or sitemap.type not in ("sitemapindex", "urlset"):
            self.logger.error("sitemap %s is not a sitemap", response.url)
            self._board_failed(board, f"not a sitemap: {response.url}")
            return
        for entry in sitemap:
            location = (entry.get("loc") or "").strip()
            if not location or not self._room_for_more():
                continue
            url = response.urljoin(location)
            if sitemap.type == "sitemapindex":
                yield self._request(url, self.parse_sitemap, board=board)
            else:
                yield self._request(url, self.parse_page, board=board, scope=None)

    def on_error(self, failure: Failure) -> None:
        """A page that keeps failing (5xx after retries, timeouts) is logged and skipped."""
        request = getattr(failure, "request", None)
        if self.crawler.stats is not None:  # the request is settled: its board is not left pending
            record_board_answer(self.crawler.stats, request)
        if failure.check(IgnoreRequest):
            # An off-site redirect or a robots.txt refusal: the rules working, not the site failing.
            self.logger.info("careers: not following %s: %s", getattr(request, "url", "?"), failure.value)
            return
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else repr(failure.value)
        self.logger.error("careers page %s failed: %s", getattr(request, "url", "?"), reason)
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("jobpulse/failed")
        # The site was not read whole: its postings must not be taken as closed.
        self._board_failed(request.cb_kwargs.get("board") if request is not None else None, reason)

    def _not_found(self, response: Response, board: str, what: str) -> None:
        """A missing start page or sitemap fails its board; a missing posting is only gone."""
        self.logger.warning("%s %s not found (404)", what, response.url)
        if response.url in self.page_urls or response.url in self.sitemap_urls:
            self._board_failed(board, "not found (404)")

    def _board_failed(self, board: str | None, reason: str) -> None:
        if self.crawler.stats is not None:
            record_board_failure(self.crawler.stats, board, reason)
