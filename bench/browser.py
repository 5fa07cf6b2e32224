"""Time until MathJax has typeset a page in headless Chromium, and what the page downloads.

The built site is served from a local HTTP server (no compression, like
`mkdocs serve`); each repetition opens the page in a fresh browser context,
so nothing comes from the browser's cache. The page's MathJax setup sets
`document.body.dataset.mathjax` to "typeset" when it is done; the time
reported is `performance.now()` at that moment, i.e. since navigation began.
Where the setup also records how long MathJax itself took (`data-mathjax-ms`),
that is reported beside it.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tests.local_web import CHROMIUM_ARGS, serve_directory

T = TypeVar("T")

TYPESET = "document.body && document.body.dataset.mathjax === 'typeset'"
TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class PageLoad:
    """One load of a page: seconds to typeset (from navigation, and MathJax's own), bytes of every response."""

    typeset_seconds: float
    mathjax_seconds: float | None
    transfer_bytes: int
    gzip_bytes: int
    requests: int


def largest_page(site_dir: Path) -> str:
    """The site-relative path of the biggest HTML page (not the 404 page)."""
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
    return max(pages, key=lambda p: p.stat().st_size).relative_to(site_dir).as_posix()


def _load(browser: Any, url: str) -> PageLoad:
    context = browser.new_context()
    try:
        page = context.new_page()
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(TYPESET, timeout=TIMEOUT_MS)
        seconds = page.evaluate("performance.now()") / 1000
        own = page.evaluate("document.body.dataset.mathjaxMs")
        bodies = [r.body() for r in responses if r.status < 300]
        return PageLoad(seconds, None if own is None else float(own) / 1000, sum(map(len, bodies)),
                        sum(len(gzip.compress(b, 6)) for b in bodies), len(bodies))
    finally:
        context.close()


def repeated_loads(site_dir: Path, page: str, repeats: int, chromium: str,
                   load: Callable[[Any, str], T]) -> list[T]:
    """Serve the built site and measure `page` with `load(browser, url)` `repeats` times, after one warm-up."""
    from playwright.sync_api import sync_playwright

    with serve_directory(site_dir) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            load(browser, base + page)  # the first launch warms the browser itself
            return [load(browser, base + page) for _ in range(repeats)]
        finally:
            browser.close()


def mathjax_loads(site_dir: Path, page: str, repeats: int, chromium: str) -> list[PageLoad]:
    """Open `page` of the built site `repeats` times, each in a fresh context."""
    return repeated_loads(site_dir, page, repeats, chromium, _load)
