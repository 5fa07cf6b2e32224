"""The "Try your own numbers" panel in Chromium, driven as a reader would, with the keyboard and the pointer.

On Part 1 and Part 4, at 390 and 1280 px: the panel is closed and has
fetched nothing; opened, it shows the page's example; a changed weight gives
gradcore's numbers in the table and in the re-typeset equation (its TeX equal,
string for string, to what gradcore writes for the new example); an invalid
value is named beside its field and changes nothing; the state is in the query
string, a shared link reopens it, and Reset restores the page's example. axe
finds no serious or critical violation in the opened panel.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

import pytest

from browser_support import RequestLog, chromium_path
from built_site import built_site
from explore_support import fill, panel_data
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import NetworkExample, compute
from gradcore.markup.latex import format_number
from local_web import CHROMIUM_ARGS, serve_directory

# (page, example, the weight field changed, its new value): Part 1's w and Part 4's hidden weight w_1^11.
PAGES = [("part-1-scalar.html", "p1", "W1", 0.9), ("part-4-one-hidden-node.html", "p4", "W1", -1.25)]
WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def site():
    with serve_directory(built_site()) as url:
        yield url


@pytest.fixture(scope="module")
def browser(playwright_session):
    chromium = playwright_session.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def example_with(data: dict, changes: dict[str, list[list[float]]]) -> NetworkExample:
    """The panel's example with some values replaced, computed by gradcore."""
    keys = [k for k in data if re.fullmatch(r"X|y|[Wb]\d+|lr", k)]
    values = {k: changes.get(k, data[k]) for k in keys}
    body = "\n".join(f"{k}: {json.dumps(v)}" for k, v in values.items())
    body += f"\nactivations: {json.dumps(data['activations'])}\nloss: {data['loss']}\n"
    example = compute(parse_spec(data["name"], body))
    assert isinstance(example, NetworkExample)
    return example


def table(page) -> dict[str, str]:
    """The panel's table as {row header: value text}."""
    rows = page.locator(".gc-explore-table tr").all()
    return {row.locator("th").inner_text(): row.locator("td").inner_text() for row in rows}


def prose(value: float) -> str:
    return format_number(value, 4, math_mode=False)


def open_panel(page, panel) -> None:
    """Open a closed panel by keyboard and wait for its table; fail with the panel's state if it never comes."""
    panel.locator("summary").focus()
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("p => p.open && p.querySelector('.gc-explore-table tr')",
                               arg=panel.element_handle(), timeout=30_000)
    except Exception as error:
        state = panel.evaluate("p => ({open: p.open, loading: p.dataset.gcLoading, ready: p.dataset.gcReady, "
                               "text: p.innerText.slice(0, 200)})")
        raise AssertionError(f"the panel did not open: {state}") from error


def assert_shows(page, data: dict, example: NetworkExample) -> None:
    """Assert the table and every re-typeset equation show gradcore's numbers for `example`."""
    rows = table(page)
    assert rows["L"] == prose(example.loss)
    assert rows["L\u2032"] == prose(example.stepped_loss)
    assert rows["\u2202L/\u2202W1"].split() == [prose(v) for v in example.gradients.weights[0].ravel()]
    assert rows["W1\u2032"].split() == [prose(v) for v in example.stepped.weights[0].ravel()]
    status = page.locator(".gc-explore-status")
    assert status.get_attribute("aria-live") == "polite" and prose(example.loss) in status.inner_text()
    equations = page.locator(".gc-explore-eq")
    assert equations.count() == len(data["equations"]) > 0
    for i, template in enumerate(data["equations"]):
        assert equations.nth(i).get_attribute("data-tex") == fill(template, example).strip()
    page.wait_for_function("() => [...document.querySelectorAll('.gc-explore-eq')].every(e => "
                           "e.dataset.drawn === '\\\\[' + e.dataset.tex + '\\\\]' && "
                           "e.querySelector('mjx-container') && "
                           "!e.querySelector('mjx-merror'))", timeout=20_000)
    for equation in equations.all():  # what the reader sees (MathJax's assistive MathML) has the TeX's numbers
        drawn, tex = equation.text_content() or "", equation.get_attribute("data-tex") or ""
        assert [x for x in re.findall(r"\d+\.\d+", tex) if x not in drawn] == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "example_name", "key", "value"), PAGES)
def test_a_reader_changes_a_weight(browser, site, name, example_name, key, value, width):
    """Assert the reader's path: open, change a weight, read gradcore's numbers, enter a wrong one, reset."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    log = RequestLog(site)
    log.attach(page)
    page.goto(f"{site}{name}")
    data = panel_data(page.content())[example_name]
    panel = page.locator(f"#gc-explore-{example_name}")
    assert panel.get_attribute("open") is None
    assert not [u for u in log.urls if "/explore/" in u or "/mathjax/" in u], "fetched before the panel was opened"
    assert page.evaluate("typeof window.gcExplore + typeof window.gradcore") == "undefinedundefined", "a script ran"

    open_panel(page, panel)  # the keyboard opens it
    assert_shows(page, data, example_with(data, {}))

    field = page.get_by_label(f"{key[0]}_{key[1:]}, row 1, column 1", exact=True)
    field.click()  # the pointer chooses the field, the keyboard types
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(str(value))
    new = [row[:] for row in data[key]]
    new[0][0] = value
    changed = example_with(data, {key: new})
    assert_shows(page, data, changed)
    search = page.evaluate("location.search + ' | ' + location.hash")
    shared = parse_qs(search[1:].split(" | ")[0]).get(f"try-{example_name}", [search])[0]
    assert f"{key}:{value}" in shared and search.endswith(" | ")

    before = (table(page), [e.get_attribute("data-tex") for e in page.locator(".gc-explore-eq").all()])
    for wrong, message in (("0.5.1", "is not a number"), ("1e999", "is not a finite number")):
        field.fill(wrong)
        box = page.locator(f"#gc-explore-{example_name}-{key}-message")
        assert message in box.inner_text()
        assert field.get_attribute("aria-invalid") == "true"
        assert field.get_attribute("aria-describedby") == box.get_attribute("id")
        assert "Nothing was recomputed" in page.locator(".gc-explore-status").inner_text()
        assert (table(page), [e.get_attribute("data-tex") for e in page.locator(".gc-explore-eq").all()]) == before
    rate = page.get_by_label("learning rate \u03b7", exact=True)
    field.fill(str(value))
    rate.fill("0")
    assert "positive" in page.locator(f"#gc-explore-{example_name}-lr-message").inner_text()
    assert table(page) == before[0]

    page.get_by_role("button", name="Reset to the page\u2019s example").focus()
    page.keyboard.press("Enter")
    assert_shows(page, data, example_with(data, {}))
    assert f"try-{example_name}" not in page.url

    page.goto(f"{site}{name}?try-{example_name}={shared}")  # a shared link opens the panel with its numbers
    page.wait_for_selector(".gc-explore-table tr")
    assert_shows(page, data, changed)
    assert not log.problems, "\n".join(log.problems)
    page.close()


def test_a_shared_link_is_drawn_when_the_panel_runs_before_the_page_scripts(browser, site):
    """Assert a shared link's panel is drawn even when its script runs before mathjax-config.js has.

    A shared link opens the panel while the page is still being read; how fast each script arrives
    decides which runs first. Holding back mathjax-config.js makes the panel's script come first.
    """
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{site}part-1-scalar.html")
    data = panel_data(page.content())["p1"]
    open_panel(page, page.locator("#gc-explore-p1"))
    field = page.get_by_label("W_1, row 1, column 1", exact=True)
    field.fill("0.9")
    page.wait_for_function("decodeURIComponent(location.search).includes('W1:0.9')")
    shared = page.evaluate("location.href")
    page.close()

    held = browser.new_page(viewport={"width": 390, "height": 900})
    held.route("**/assets/mathjax-config.js", lambda route: (held.wait_for_timeout(1500), route.continue_()))
    held.goto(shared)
    held.wait_for_selector(".gc-explore-table tr")
    assert_shows(held, data, example_with(data, {"W1": [[0.9]]}))
    held.close()


def test_the_slider_moves_the_weight_and_the_plot(browser, site):
    """Assert the arrow keys move Part 1's w, the table follows, and the plots mark the point."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{site}part-1-scalar.html")
    data = panel_data(page.content())["p1"]
    open_panel(page, page.locator("#gc-explore-p1"))
    slider = page.get_by_label(re.compile("^Slide W"))
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    w = float(page.get_by_label("W_1, row 1, column 1", exact=True).input_value())
    assert w == pytest.approx(0.5)
    assert table(page)["L"] == prose(example_with(data, {"W1": [[w]]}).loss)
    charts = page.locator(".gc-explore-chart")
    assert charts.count() == 2 and page.locator(".gc-explore-point").count() == 2
    assert all("against W1[1,1]" in (c.get_attribute("aria-label") or "") for c in charts.all())
    page.close()


def test_every_series_page_has_a_closed_panel_that_opens(browser, site):
    """Assert each part's panel is closed, opens without an error, fits a 360 px phone, and writes the page's TeX.

    Each of the page's displays is filled by the browser exactly as gradcore fills it for the page's example.
    """
    page = browser.new_page(viewport={"width": 360, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for md in sorted((built_site()).glob("part-*.html")):
        page.goto(f"{site}{md.name}")
        panel = page.locator("details.gc-explore")
        assert panel.count() == 1 and panel.get_attribute("open") is None, md.name
        open_panel(page, panel)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{md.name} scrolls sideways"
        (data,) = panel_data(page.content()).values()
        example = example_with(data, {})
        shown = [e.get_attribute("data-tex") for e in page.locator(".gc-explore-eq").all()]
        assert shown == [fill(t, example).strip() for t in data["equations"]], md.name
        assert shown, f"{md.name}: no display of the example's numbers offered"
    assert not errors, errors


@pytest.mark.parametrize(("first", "label", "value", "message"), [
    ("X", "W_1, row 1, column 1", "1e308", "pre-activation overflow"),
    ("y", "learning rate \u03b7", "1e308", "weights overflowed"),
    ("", "y, row 1, column 1", "1e200", "overflow float64"),
])
def test_overflow_is_refused_and_nan_never_shown(browser, site, first, label, value, message):
    """Assert numbers that overflow somewhere in the chain are refused in words, and no NaN or Infinity appears."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{site}part-1-scalar.html")
    open_panel(page, page.locator("#gc-explore-p1"))
    if first:  # a large input, or a target far off, so that the change overflows
        page.get_by_label(f"{first}, row 1, column 1", exact=True).fill("1e308" if first == "X" else "-1e5")
    before = table(page)
    page.get_by_label(label, exact=True).fill(value)
    assert message in page.locator(".gc-explore-status").inner_text()
    assert table(page) == before
    text = page.locator("#gc-explore-p1").inner_text()
    assert "NaN" not in text and "Infinity" not in text
    page.close()


def test_the_panel_works_from_disk(browser):
    """Assert the panel opens, computes and draws its equations from file://, where a browser fetches nothing."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_site() / "part-4-one-hidden-node.html").as_uri())
    data = panel_data(page.content())["p4"]
    open_panel(page, page.locator("#gc-explore-p4"))
    assert_shows(page, data, example_with(data, {}))
    assert not errors, errors
    page.close()


def test_axe_finds_nothing_serious_in_the_open_panel(browser, site):
    """Assert axe reports no serious or critical violation inside the opened panel, light and dark."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is not installed")
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(f"{site}part-4-one-hidden-node.html")
        open_panel(page, page.locator("#gc-explore-p4"))
        page.wait_for_selector(".gc-explore-eq[data-drawn] mjx-container", timeout=20_000)
        results = axe_module.Axe().run(page, context={"include": [["#gc-explore-p4"]]})
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{scheme}: " + results.generate_report()
        context.close()
