"""Every page of the built site in a real browser (Playwright driving Debian's Chromium).

The site is served by a local http server and opened at its site_url; one
browser and one context serve the whole session. The site is also opened from
disk (file://) and from `mkdocs serve`. Screenshots go to a folder printed at
the end of the session (set GRADCORE_SCREENSHOTS to choose it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

from browser_pages import Rendered, contrast, inspect, luminance, missing_numbers, sample_values
from browser_site import built_page_names, examples_by_page, most_math_page, page_names, search_probe
from browser_support import (CHROMIUM_ARGS, RequestLog, chromium_path, free_port, serve_directory,
                             site_url_of)
from built_site import ROOT, built_site

NEXT_LINK = "a.md-footer__link--next"
SEARCH_BOX = "input.md-search__input"
# Set on the window before a click; it survives instant navigation but not a page load.
MARK_WINDOW = "window.gcSameWindow = true"
SAME_WINDOW = "window.gcSameWindow === true"
VIEWPORT = {"width": 1280, "height": 900}
SERVE_START_S = 180


@dataclass
class Visit:
    """One page loaded over http: what went wrong while loading, and what it shows."""

    log: RequestLog
    rendered: Rendered


@pytest.fixture(scope="session")
def served():
    """The built site on a local http server: (the server's own URL, the site_url it is opened at)."""
    with serve_directory(built_site()) as url:
        yield url, site_url_of(built_site())


@pytest.fixture(scope="session")
def browser(served):
    """One Chromium for the session, which reaches the site's site_url at the local server.

    Material navigates instantly only to URLs in sitemap.xml, which are under
    site_url, so the pages are opened there, as on the real site.
    """
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    server, site = served
    rule = f"--host-resolver-rules=MAP {urlsplit(site).netloc} {urlsplit(server).netloc}"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=[*CHROMIUM_ARGS, rule])
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(served, browser):
    return served[1]


@pytest.fixture(scope="session")
def context(browser):
    light = browser.new_context(color_scheme="light", viewport=VIEWPORT)
    yield light
    light.close()


@pytest.fixture(scope="session")
def report(tmp_path_factory, pytestconfig):
    """The screenshot folder and the typesetting times, printed when the session ends."""
    folder = Path(os.environ.get("GRADCORE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}
    yield folder, times
    lines = [f"browser screenshots: {folder}"]
    if times:
        slowest = max(times, key=times.get)
        lines.append(f"largest MathJax typesetting time: {times[slowest]:.0f} ms ({slowest}); "
                     f"all {len(times)} pages: {sum(times.values()):.0f} ms")
    (folder / "typesetting.txt").write_text("\n".join(lines + [f"{ms:6.0f} ms  {name}" for name, ms in
                                                               sorted(times.items())]) + "\n", encoding="utf-8")
    terminal = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if terminal and capture:
        with capture.global_and_fixture_disabled():
            terminal.write_line("\n" + "\n".join(lines))


@pytest.fixture(scope="session")
def visit(context, site_url, report):
    """Load a page once, screenshot it, and keep what it showed for every test of that page."""
    folder, times = report
    visits: dict[str, Visit] = {}

    def load(name: str) -> Visit:
        if name not in visits:
            page = context.new_page()
            log = RequestLog(origin=site_url.rstrip("/"))
            log.attach(page)
            page.goto(site_url + name)
            rendered = inspect(page)
            page.screenshot(path=folder / f"{Path(name).stem}-light.png", full_page=True)
            page.close()
            times[name] = rendered.typeset_ms
            visits[name] = Visit(log, rendered)
        return visits[name]

    return load


@pytest.mark.parametrize("name", page_names())
def test_page_loads_only_from_its_own_site(visit, name):
    """Assert no console error, no failed request and no request to another origin."""
    assert visit(name).log.problems == []


@pytest.mark.parametrize("name", page_names())
def test_page_math_is_typeset(visit, name):
    """Assert MathJax typeset every formula, without errors, unresolved refs or leftover TeX."""
    assert visit(name).rendered.math_problems() == []


@pytest.mark.parametrize("name", page_names())
def test_page_figures_load(visit, name):
    """Assert every image on the page loaded and has a size."""
    assert visit(name).rendered.broken_images == []


@pytest.mark.parametrize("name", page_names())
def test_page_shows_its_numbers(visit, name):
    """Assert each example's loss and weight gradients are visible as formatted."""
    values = [value for entry in examples_by_page().get(name, []) for value in sample_values(entry)]
    assert missing_numbers(visit(name).rendered, values) == []


def test_every_built_page_is_tested():
    """Assert the pages above are exactly the HTML pages of the built site, and some show examples."""
    assert built_page_names() == sorted(page_names())
    assert examples_by_page(), "examples.json has no network example"
    assert set(examples_by_page()) <= set(page_names())


def go_next(page) -> list[str]:
    """Click the footer's "next" link and wait for the math; return a line for each problem."""
    target = page.eval_on_selector(NEXT_LINK, "link => link.href")
    page.evaluate("document.body.dataset.mathjax = 'navigating'")
    page.click(NEXT_LINK)
    page.wait_for_url(target)
    problems = [f"{target}: {problem}" for problem in inspect(page).math_problems()]
    if not page.evaluate(SAME_WINDOW):
        problems.append(f"{target}: the page reloaded instead of navigating instantly")
    return problems


def follow_next_links(page) -> list[str]:
    """Go "next" from page to page up to the last one; return a line for each problem on the way."""
    problems = []
    while page.query_selector(NEXT_LINK) is not None:
        problems += go_next(page)
    return problems


def test_instant_navigation_retypesets_the_math(context, site_url):
    """Assert "next" from the first page to the last stays in one window and typesets each page."""
    page = context.new_page()
    log = RequestLog(origin=site_url.rstrip("/"))
    log.attach(page)
    page.goto(site_url + "index.html")
    inspect(page)
    page.evaluate(MARK_WINDOW)
    problems = follow_next_links(page) + log.problems
    last = page.url
    page.close()
    assert problems == []
    assert last != site_url + "index.html", "the first page has no footer link to follow"


def test_dark_palette_keeps_math_readable(browser, site_url, report):
    """Assert the palette toggle switches to slate and formulas are drawn light on dark."""
    folder, _ = report
    dark = browser.new_context(color_scheme="light", viewport=VIEWPORT)
    page = dark.new_page()
    page.goto(site_url + most_math_page())
    inspect(page)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    colours = page.evaluate("""() => ({
        math: getComputedStyle(document.querySelector('mjx-container svg g')).fill,
        background: getComputedStyle(document.body).backgroundColor})""")
    page.screenshot(path=folder / f"{Path(most_math_page()).stem}-dark.png", full_page=True)
    dark.close()
    assert luminance(colours["background"]) < 0.1, colours
    assert contrast(colours["math"], colours["background"]) >= 4.5, colours


def search_for(page, word: str) -> list[str]:
    """Type a word into Material's search box; return the links of the results."""
    page.locator(SEARCH_BOX).click()
    page.locator(SEARCH_BOX).press_sequentially(word)
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map((a) => a.href)")
    page.keyboard.press("Escape")
    return links


def test_site_works_from_disk(context):
    """Assert index.html opened from disk typesets, finds a page by search, and its links load pages."""
    page = context.new_page()
    log = RequestLog(origin="file://")
    log.attach(page)
    page.goto(built_site().joinpath("index.html").as_uri())
    problems = inspect(page).math_problems()
    word, location = search_probe()
    links = search_for(page, word)
    page.evaluate(MARK_WINDOW)
    page.click(NEXT_LINK)
    page.wait_for_load_state()
    problems += inspect(page).math_problems()
    reloaded = not page.evaluate(SAME_WINDOW)
    page.close()
    assert problems + log.problems == []
    assert any(urlsplit(link).path.endswith("/" + location) for link in links), (word, links)
    assert reloaded, "from disk, Material should follow links with ordinary page loads"


def wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll url until it answers; fail with the server's output if it exits or takes too long."""
    deadline = time.monotonic() + SERVE_START_S
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer at {url}:\n{log.read_text(encoding='utf-8')}")


def test_mkdocs_serve_works(context, tmp_path):
    """Assert a page from `mkdocs serve` loads only from it, typesets, and navigates instantly."""
    url = f"http://127.0.0.1:{free_port()}/"
    log_path = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", urlsplit(url).netloc]
    with log_path.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                  stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(url, server, log_path)
        page = context.new_page()
        log = RequestLog(origin=url.rstrip("/"))
        log.attach(page)
        page.goto(url + "index.html")
        problems = inspect(page).math_problems()
        page.evaluate(MARK_WINDOW)
        problems += go_next(page)
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert problems + log.problems == []
