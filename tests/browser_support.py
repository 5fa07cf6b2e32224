"""What the browser tests need around the browser: finding it, serving the site, logging requests.

The tests drive Debian's Chromium through Playwright. Without either, they
skip with a reason that says how to install them, unless
GRADCORE_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

from local_web import find_browser

INSTALL_HINT = ('install Chromium with `apt-get install -y chromium` (as root) and Playwright with '
                '`pip install -e ".[test]"`')
# Schemes that never leave the machine: inline data, in-page blobs, empty frames.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def assert_no_problems(problems: list[str]) -> None:
    """Fail with every problem on its own line."""
    assert not problems, "\n".join([f"{len(problems)} problem(s):", *problems])


def missing_browser(reason: str) -> NoReturn:
    """Skip the calling test, or fail it when the environment requires a browser."""
    if os.environ.get("GRADCORE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (GRADCORE_REQUIRE_BROWSER=1, so this is a failure); {INSTALL_HINT}")
    pytest.skip(f"{reason}; {INSTALL_HINT}")


def chromium_path() -> str:
    """Chromium's path when Playwright and Chromium are both there; skips or fails otherwise."""
    path, why_not = find_browser()  # the benchmark looks for the browser the same way
    if path is None:
        missing_browser(why_not)
    return path


def site_url_of(site_dir: Path) -> str:
    """The site_url a built site is meant to live at, read back from its sitemap.xml.

    The tests serve the site at the root of a plain http origin, so site_url
    must be one too (as mkdocs.yml's http://127.0.0.1:8000/ is).
    """
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    found = re.search(r"<loc>\s*([^<\s]+)", sitemap)
    if found is None:
        raise AssertionError(f"{site_dir / 'sitemap.xml'} lists no page: is site_url set in mkdocs.yml?")
    parts = urlsplit(found.group(1))
    if parts.scheme != "http" or parts.path.count("/") != 1:
        raise AssertionError(f"site_url must be http at the root of its origin, got a page at {found.group(1)}")
    return f"http://{parts.netloc}/"


@dataclass
class RequestLog:
    """Everything that went wrong while a page loaded: console errors, failed and foreign requests.

    Attributes:
        origin: The only origin requests may go to, e.g. 'http://127.0.0.1:8123' or 'file://'.
        problems: One line per problem, in the order they happened.
        urls: Every URL requested.
    """

    origin: str
    problems: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        """Start recording the events of a Playwright page."""
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("request", self._on_request)
        page.on("requestfailed", lambda request: self.problems.append(
            f"failed request {request.url}: {request.failure}"))
        page.on("response", self._on_response)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _on_request(self, request: Any) -> None:
        self.urls.append(request.url)
        if not request.url.startswith((self.origin, *LOCAL_SCHEMES)):
            self.problems.append(f"request to another origin: {request.url}")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            hint = ""
            if "/assets/mathjax/" in response.url:
                hint = " (a MathJax file the site does not ship: add it to MATHJAX_FILES in gradcore/engine/site.py)"
            self.problems.append(f"HTTP {response.status} for {response.url}{hint}")
