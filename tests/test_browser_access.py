"""Every page for every reader: axe-core's rules, the accessibility tree, the keyboard, a phone's numbers.

axe-core comes bundled in the axe-playwright-python package (axe-core 4.12.1 in
its 0.1.8, pinned in constraints.txt); the version is read from the bundle and
named in every failure. Every page is checked at 390 px light and 1280 px dark,
and with GRADCORE_AXE_ALL_VIEWS=1 at every reader width (360, 390, 768 and
1280 px), light and dark: no serious or critical violation. The other tests
read Chromium's own accessibility tree (through the DevTools protocol), press
keys, and measure where each equation's number lands on a phone.
"""

from __future__ import annotations

import os
import re

import pytest

from browser_access import (
    AXE_VERSION,
    FOCUS_RING_JS,
    REFERENCES_JS,
    SCROLL_BOXES_JS,
    TAGS_JS,
    axe_problems,
    math_in_tree,
)
from browser_pages import contrast
from browser_site import page_names
from built_site import built_site

WIDTHS = (360, 390, 768, 1280)
# README's test command (and so CI) runs axe on these two views; all eight with GRADCORE_AXE_ALL_VIEWS=1.
CI_VIEWS = {(390, "light"), (1280, "dark")}
ALL_VIEWS = "GRADCORE_AXE_ALL_VIEWS"
SCHEMES = ("light", "dark")
HEIGHT = 844
PHONE = 390
FOCUS_CONTRAST = 3.0  # WCAG 2.2's non-text contrast, for the focus ring against the page


@pytest.fixture(scope="module")
def views(browser, site_url):
    """A page (browser tab) per (width, scheme), made on first use and kept for the module."""
    launched, site = browser, site_url
    made: dict[tuple[int, str], object] = {}

    def view(width: int, scheme: str):
        if (width, scheme) not in made:
            context = launched.new_context(color_scheme=scheme, viewport={"width": width, "height": HEIGHT})
            made[(width, scheme)] = context.new_page()
        return made[(width, scheme)], site

    yield view
    for page in made.values():
        page.context.close()


def open_page(views, name: str, width: int = PHONE, scheme: str = "light"):
    page, site = views(width, scheme)
    page.goto(site + name)
    page.wait_for_function("document.body.dataset.gcBoxes === 'marked'")  # docs/assets/access.js
    return page


def test_the_bundled_axe_is_recent_enough():
    """Assert the bundled axe-core is 4.12 or newer, the version whose rules these tests were written against."""
    assert tuple(int(part) for part in AXE_VERSION.split(".")[:2]) >= (4, 12), AXE_VERSION


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", page_names())
def test_axe_finds_no_serious_or_critical_violation(views, name, width, scheme):
    """Assert axe-core reports nothing serious or critical on the page at this width and palette."""
    if (width, scheme) not in CI_VIEWS and os.environ.get(ALL_VIEWS) != "1":
        pytest.skip(f"{width} px {scheme}: the full matrix of views runs with {ALL_VIEWS}=1 (bench/README.md)")
    problems = axe_problems(open_page(views, name, width, scheme))
    assert not problems, "\n".join([f"axe {AXE_VERSION}, {name} at {width} px {scheme}:", *problems])


@pytest.mark.parametrize("name", page_names())
def test_every_formula_is_in_the_accessibility_tree_at_load(views, name):
    """Assert Chromium's accessibility tree holds a math node for every drawn formula a reader can reach.

    Formulas inside a closed collapsible block are not shown, and so are rightly not in the tree.
    """
    page = open_page(views, name)
    shown, in_tree = math_in_tree(page)
    html = (built_site() / name).read_text(encoding="utf-8")
    assert shown <= html.count("<mjx-container"), (shown, html.count("<mjx-container"))
    assert in_tree == shown, f"{name}: {in_tree} of {shown} formulas in the accessibility tree"


@pytest.mark.parametrize("name", page_names())
def test_equation_references_are_named_links_to_their_equations(views, name):
    """Assert every \\eqref is a link named "equation N" whose target is on the page, and no link is unnamed."""
    page = open_page(views, name)
    found = page.evaluate(REFERENCES_JS)
    problems = [f"{ref['text']!r} named {ref['name']!r}, to {ref['href']!r}" for ref in found["references"]
                if not re.fullmatch(r"equation \d+", ref["name"] or "") or not ref["target"]]
    problems += [f"a link without a name: {link}" for link in found["unnamed"]]
    assert not problems, "\n".join(problems)


def test_a_reference_is_reached_by_tab_shows_its_focus_and_jumps(views):
    """Assert Tab reaches an equation reference, its focus ring stands out, and Enter brings its equation into view."""
    name = "part-4-one-hidden-node.html"
    for scheme in SCHEMES:
        page = open_page(views, name, 1280, scheme)
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('gc-eqref')"):
                break
        else:
            pytest.fail(f"Tab never reached an equation reference on {name}")
        ring = page.evaluate(FOCUS_RING_JS)
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        assert contrast(ring["color"], ring["background"]) >= FOCUS_CONTRAST, ring
        target = ring["target"]
        page.keyboard.press("Enter")
        page.wait_for_function("(id) => decodeURIComponent(location.hash.slice(1)) === id", arg=target)
        page.wait_for_timeout(300)  # the smooth scroll
        seen = page.evaluate("""(id) => { const r = document.getElementById(id).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight; }""", target)
        assert seen, f"{target} is not in view after following its reference ({scheme})"


@pytest.mark.parametrize("width", (360, PHONE))
@pytest.mark.parametrize("name", page_names())
def test_boxes_that_scroll_sideways_are_reachable_and_named(views, name, width):
    """Assert each box wider than its column is a named Tab stop, and the arrow key scrolls it.

    Boxes inside a collapsed <details> are judged again once every details on the page is opened.
    """
    page = open_page(views, name, width)
    boxes = page.evaluate(SCROLL_BOXES_JS)
    problems = unreachable(boxes)
    opened = page.evaluate(OPEN_ALL_DETAILS_JS)
    if opened:
        page.wait_for_function("document.body.dataset.gcBoxes === 'marked'")
        problems += [f"(in a details opened by the reader) {problem}"
                     for problem in unreachable(page.evaluate(SCROLL_BOXES_JS))]
    assert not problems, "\n".join(problems)
    if boxes:
        page.focus("[data-gc-scrolls]")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(200)
        assert page.evaluate("document.querySelector('[data-gc-scrolls]').scrollLeft") > 0


# Opens every collapsed details and resolves once each has announced it ("toggle" is dispatched later),
# each reader's panel has drawn its equations, and a frame has passed for the boxes to be reported.
OPEN_ALL_DETAILS_JS = """async () => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  await Promise.all(closed.map((details) => new Promise((opened) => {
    details.addEventListener("toggle", opened, {once: true});
    details.open = true;
  })));
  const drawn = () => [...document.querySelectorAll("details.gc-explore")].every((panel) =>
    panel.dataset.gcReady && [...panel.querySelectorAll(".gc-explore-eq")].every((eq) => eq.dataset.drawn));
  while (!drawn()) {
    await new Promise((later) => setTimeout(later, 50));
  }
  await new Promise((later) => requestAnimationFrame(() => requestAnimationFrame(later)));
  return closed.length;
}"""


def unreachable(boxes: list[dict]) -> list[str]:
    """Describe each sideways-scrolling box that is not a named Tab stop."""
    return [f"{box['what']}: tabindex {box['tabindex']!r}, role {box['role']!r}, name {box['name']!r}"
            for box in boxes if box["tabindex"] != "0" or box["role"] != "region" or not box["name"]]


@pytest.mark.parametrize("width", (360, PHONE))
@pytest.mark.parametrize("name", page_names())
def test_a_phone_shows_every_equation_number_without_scrolling(views, name, width):
    """Assert every numbered display's number lies inside the screen, with nothing scrolled."""
    found = open_page(views, name, width).evaluate(TAGS_JS)
    assert found["tags"] == found["numbered"], f"{found['tags']} numbers drawn apart for {found['numbered']} displays"
    assert not found["outside"], "\n".join(f"{tag} at {left}-{right} px of {width}"
                                           for tag, left, right in found["outside"])
