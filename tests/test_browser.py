"""Every page of the built site in a real browser (Playwright driving Debian's Chromium).

The site is served by a local http server and opened at its site_url; one
browser and one context serve the whole session. The site is also opened from
disk (file://) and from `mkdocs serve`. Screenshots go to a folder printed at
the end of the session (set GRADCORE_SCREENSHOTS to choose it).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_actions import (
    MARK_WINDOW,
    NEXT_LINK,
    SAME_WINDOW,
    follow_next_links,
    go_next,
    mkdocs_serve,
    search_for,
    search_results,
)
from browser_pages import Rendered, contrast, inspect, luminance, missing_numbers, sample_values, timing_lines
from browser_site import built_page_names, examples_by_page, most_math_page, page_names, search_probe
from browser_support import RequestLog, assert_no_problems
from built_site import built_site
from gradcore.engine import site

VIEWPORT = {"width": 1280, "height": 900}


@dataclass
class Visit:
    """One page loaded over http: what went wrong while loading, and what it shows."""

    log: RequestLog
    rendered: Rendered


@pytest.fixture(scope="session")
def context(browser):
    light = browser.new_context(color_scheme="light", viewport=VIEWPORT)
    yield light
    light.close()


@pytest.fixture(scope="session")
def report(screenshot_folder, pytestconfig):
    """The screenshot folder and what each page showed; the timings are printed when the session ends."""
    folder = screenshot_folder
    pages: dict[str, Rendered] = {}
    yield folder, pages
    lines = [f"browser screenshots: {folder}", *timing_lines(pages)]
    per_page = [f"{page.typeset_ms or 0:6.0f} ms  {name}" for name, page in sorted(pages.items())]
    (folder / "typesetting.txt").write_text("\n".join(lines + per_page) + "\n", encoding="utf-8")
    terminal = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if terminal and capture:
        with capture.global_and_fixture_disabled():
            terminal.write_line("\n" + "\n".join(lines))


@pytest.fixture(scope="session")
def visit(context, site_url, report):
    """Load a page once, screenshot it, and keep what it showed for every test of that page."""
    folder, pages = report
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
            pages[name] = rendered
            visits[name] = Visit(log, rendered)
        return visits[name]

    return load


@pytest.mark.parametrize("name", page_names())
def test_page_loads_only_from_its_own_site(visit, name):
    """Assert no console error, no failed request and no request to another origin."""
    assert_no_problems(visit(name).log.problems)


@pytest.mark.parametrize("name", page_names())
def test_page_with_math_drawn_at_build_loads_no_mathjax(visit, name):
    """Assert a page whose math the build drew as SVG downloads none of MathJax's files."""
    fetched = [url for url in visit(name).log.urls if "/" + site.MATHJAX_TARGET + "/" in url]
    assert_no_problems([f"MathJax loaded, though the math is drawn: {url}" for url in fetched])


def test_tex_left_in_a_page_is_typeset_in_the_browser(context, tmp_path):
    """Assert a page that still holds TeX (no build step drew it) loads only the shipped MathJax, from disk too."""
    folder = tmp_path / "site"
    shutil.copytree(built_site(), folder)
    page_file = folder / most_math_page()
    text = page_file.read_text(encoding="utf-8")
    page_file.write_text(text.replace("<h1", '<p><span class="arithmatex">\\(a^2 - b\\)</span></p><h1', 1),
                         encoding="utf-8")
    page = context.new_page()
    log = RequestLog(origin="file://")
    log.attach(page)
    page.goto(page_file.as_uri())
    problems = inspect(page).math_problems()
    page.close()
    shipped = {(folder / target).as_uri() for target, _ in site.static_files()}
    fetched = {url for url in log.urls if "/" + site.MATHJAX_TARGET + "/" in url}
    assert_no_problems(problems + log.problems + [f"not in MATHJAX_FILES: {url}" for url in sorted(fetched - shipped)])
    assert fetched, "tex-svg.js was not loaded for the TeX left in the page"


@pytest.mark.parametrize("name", page_names())
def test_page_math_is_typeset(visit, name):
    """Assert MathJax typeset every formula, without errors, unresolved refs or leftover TeX."""
    assert_no_problems(visit(name).rendered.math_problems())


@pytest.mark.parametrize("name", page_names())
def test_page_figures_load(visit, name):
    """Assert every image on the page loaded and has a size."""
    assert_no_problems([f"not loaded: {url}" for url in visit(name).rendered.broken_images])


@pytest.mark.parametrize("name", page_names())
def test_page_shows_its_numbers(visit, name):
    """Assert each example's loss and weight gradients are visible as formatted."""
    values = [value for entry in examples_by_page().get(name, []) for value in sample_values(entry)]
    assert_no_problems([f"not shown: {text}" for text in missing_numbers(visit(name).rendered, values)])


def test_every_built_page_is_tested():
    """Assert the pages above are exactly the HTML pages of the built site, and some show examples."""
    assert built_page_names() == sorted(page_names())
    assert examples_by_page(), "examples.json has no network example"
    assert set(examples_by_page()) <= set(page_names())


def test_next_links_lead_through_every_page(context, site_url):
    """Assert "next" leads from the first page to the last, each page loading only from the site, math drawn."""
    page = context.new_page()
    log = RequestLog(origin=site_url.rstrip("/"))
    log.attach(page)
    page.goto(site_url + "index.html")
    inspect(page)
    problems = follow_next_links(page) + log.problems
    last = page.url
    page.close()
    assert_no_problems(problems)
    assert last != site_url + "index.html", "the first page has no footer link to follow"


def test_dark_palette_keeps_math_readable(browser, site_url, report):
    """Assert the palette toggle switches to slate and formulas are drawn light on dark."""
    folder, _ = report
    dark = browser.new_context(color_scheme="light", viewport=VIEWPORT)
    page = dark.new_page()
    page.goto(site_url + most_math_page())
    inspect(page)
    page.locator("form[data-gc-palette] label:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    colours = page.evaluate("""() => ({
        math: getComputedStyle(document.querySelector('mjx-container svg g')).fill,
        background: getComputedStyle(document.body).backgroundColor})""")
    page.screenshot(path=folder / f"{Path(most_math_page()).stem}-dark.png", full_page=True)
    dark.close()
    assert luminance(colours["background"]) < 0.1, colours
    assert contrast(colours["math"], colours["background"]) >= 4.5, colours


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
    assert_no_problems(problems + log.problems)
    assert any(urlsplit(link).path.endswith("/" + location) for link in links), (word, links)
    assert reloaded, "from disk, Material should follow links with ordinary page loads"


def test_mkdocs_serve_works(context, tmp_path):
    """Assert a page from `mkdocs serve` loads only from it, shows its math, and its "next" link works."""
    with mkdocs_serve(tmp_path / "serve.log") as url:
        page = context.new_page()
        log = RequestLog(origin=url.rstrip("/"))
        log.attach(page)
        page.goto(url + "index.html")
        problems = inspect(page).math_problems()
        problems += go_next(page)
        page.close()
    assert_no_problems(problems + log.problems)


RAW_TEX_IN_RESULTS = re.compile(r"\\[A-Za-z(\[\])]|\$\$")


@pytest.mark.parametrize("word", ["delta", "sigmoid", "Part 4"])
def test_search_results_show_no_tex(context, site_url, word):
    """Assert a search finds pages and its snippets show readable text, not TeX, labels or tags."""
    page = context.new_page()
    page.goto(site_url + "index.html")
    results = search_results(page, word)
    page.close()
    assert results, f"no result for {word!r}"
    raw = [f"{link}: {text[:120]!r}" for link, text in results if RAW_TEX_IN_RESULTS.search(text)]
    assert_no_problems(raw)
