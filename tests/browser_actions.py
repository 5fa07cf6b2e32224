"""What the browser tests do on a page: follow "next" links, search, and run `mkdocs serve`."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from browser_pages import inspect
from built_site import ROOT
from local_web import free_port

NEXT_LINK = "a.md-footer__link--next"
SEARCH_BOX = "input.md-search__input"
SEARCH_TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 30_000
# Set on the window before a click; a page load clears it.
MARK_WINDOW = "window.gcSameWindow = true"
SAME_WINDOW = "window.gcSameWindow === true"
SERVE_START_S = 180
SERVE_STOP_S = 30


def go_next(page: Any) -> list[str]:
    """Click the footer's "next" link of a page and wait for the next page's math.

    Returns:
        One line per math problem of the new page, or one line saying why the
        click led nowhere (what stood under the link, whether the server answers).
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    target = page.eval_on_selector(NEXT_LINK, "link => link.href")
    page.evaluate("document.body.dataset.mathjax = 'navigating'")
    try:
        with page.expect_navigation(url=target, wait_until="commit", timeout=NAVIGATION_TIMEOUT_MS):
            page.click(NEXT_LINK)
    except PlaywrightTimeout:
        try:
            why = _why_no_navigation(page, target)
        except PlaywrightError as late:  # the navigation began while the page was being read
            why = f"the page could not be read ({str(late).splitlines()[0]})"
        return [f"{page.url}: clicking 'next' did not lead to {target} within {NAVIGATION_TIMEOUT_MS / 1000:g} s; "
                f"{why}"]
    page.wait_for_load_state("load")  # the navigation has begun; now the page as a reader gets it
    return [f"{target}: {problem}" for problem in inspect(page).math_problems()]


def _why_no_navigation(page: Any, target: str) -> str:
    """What the page looked like, and whether the server answered, when a click on "next" led nowhere."""
    state = page.evaluate("""async ([selector, target]) => {
        const link = document.querySelector(selector);
        const box = link ? link.getBoundingClientRect() : null;
        const under = box ? document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) : null;
        let server;
        try {
            const answer = await fetch(target, {cache: "no-store", signal: AbortSignal.timeout(5000)});
            server = `answers ${answer.status}`;
        } catch (error) {
            server = `does not answer: ${error}`;
        }
        return {ready: document.readyState, scrollY: Math.round(window.scrollY),
                box: box && [box.x, box.y, box.width, box.height].map(Math.round),
                under: under ? under.outerHTML.slice(0, 160) : null, server};
    }""", [NEXT_LINK, target])
    return f"the page then: {state}"


def follow_next_links(page: Any) -> list[str]:
    """Go "next" up to the last page; stop at the first page with problems and return them."""
    problems: list[str] = []
    while not problems and page.query_selector(NEXT_LINK) is not None:
        problems = go_next(page)
    return problems


def search_for(page: Any, word: str) -> list[str]:
    """Type a word into Material's search box; return the links of the results."""
    return [link for link, _ in search_results(page, word)]


def search_results(page: Any, word: str) -> list[tuple[str, str]]:
    """Type a word into Material's search box; return each result's link and the text it shows."""
    page.locator(SEARCH_BOX).click(timeout=SEARCH_TIMEOUT_MS)
    page.locator(SEARCH_BOX).fill("")
    page.locator(SEARCH_BOX).press_sequentially(word)
    page.wait_for_selector(".md-search-result__item", timeout=SEARCH_TIMEOUT_MS)
    results = page.eval_on_selector_all(
        ".md-search-result__link", "links => links.map((a) => [a.href, a.innerText])")
    page.keyboard.press("Escape")
    return [(link, text) for link, text in results]


def _wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVE_START_S
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer at {url}:\n{log.read_text(encoding='utf-8')}")


@contextlib.contextmanager
def mkdocs_serve(log: Path) -> Iterator[str]:
    """Run `mkdocs serve` on a free port (without live reload, so edits elsewhere cannot reload
    the page under test); yield its URL once it answers, and stop it afterwards."""
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", address]
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                  stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_serving(f"http://{address}/", server, log)
        yield f"http://{address}/"
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve then removes its temporary site
        try:
            server.wait(timeout=SERVE_STOP_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
