"""The browser tests' shared session fixtures: Chromium, the built site on a local server, one Playwright.

Playwright's sync API allows one instance per thread, so every browser test
module (the browser, accessibility and explorer tests) shares this one;
tests/conftest.py loads this module as a pytest plugin.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_support import chromium_path, site_url_of
from built_site import built_site
from local_web import CHROMIUM_ARGS, serve_directory


@pytest.fixture(scope="session")
def chromium():
    """The Chromium executable; skips (or fails, where required) before anything is built."""
    return chromium_path()


@pytest.fixture(scope="session")
def served(chromium):
    """The built site on a local http server: (the server's own URL, the site_url it is opened at)."""
    with serve_directory(built_site()) as url:
        yield url, site_url_of(built_site())


@pytest.fixture(scope="session")
def playwright_session(chromium):
    """The one Playwright of the test session: its sync API cannot be started twice at once in a process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(chromium, served, playwright_session):
    """One Chromium for the session, which reaches the site's site_url at the local server.

    The pages are opened under site_url, as on the real site, so that every
    absolute link the site writes (canonical, sitemap) points where it is served.
    """
    server, site = served
    rule = f"--host-resolver-rules=MAP {urlsplit(site).netloc} {urlsplit(server).netloc}"
    browser = playwright_session.chromium.launch(executable_path=chromium, args=[*CHROMIUM_ARGS, rule])
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def site_url(served, browser):
    return served[1]


@pytest.fixture(scope="session")
def screenshot_folder(tmp_path_factory) -> Path:
    """Where the browser tests leave their screenshots: GRADCORE_SCREENSHOTS, else a temporary folder."""
    folder = Path(os.environ.get("GRADCORE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
