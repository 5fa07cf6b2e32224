"""What the accessibility tests read from a loaded page: axe-core's findings, the tree, links, boxes, numbers."""

from __future__ import annotations

import re
from typing import Any

SERIOUS = ("serious", "critical")


def _axe_version() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    found = re.search(r"axe v(\d+\.\d+\.\d+)", AXE_SCRIPT[:200])
    return found[1] if found else "unknown"


try:
    AXE_VERSION = _axe_version()
except ImportError:  # without the test extra the browser tests skip anyway
    AXE_VERSION = "not installed"


def axe_problems(page: Any) -> list[str]:
    """Every serious or critical axe-core violation on the page: rule, impact, count, first element, why."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options={"resultTypes": ["violations"]}).response
    problems = []
    for violation in response["violations"]:
        if violation["impact"] in SERIOUS:
            first = violation["nodes"][0]
            why = " ".join(first["failureSummary"].split())[:240]
            problems.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} element(s)): "
                            f"{first['target']}: {why}")
    return problems


# Formulas a reader can reach: all but those inside a closed collapsible block (its summary excepted).
_SHOWN_MATH_JS = """() => [...document.querySelectorAll("mjx-container")].filter((math) => {
  const closed = math.closest("details:not([open])");
  return !closed || math.closest("summary");
}).length"""


def math_in_tree(page: Any) -> tuple[int, int]:
    """(formulas shown on the page, math nodes in Chromium's accessibility tree), read as the page has loaded."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    in_tree = sum(1 for node in nodes if not node.get("ignored") and node.get("role", {}).get("value") == "MathMLMath")
    return page.evaluate(_SHOWN_MATH_JS), in_tree


REFERENCES_JS = """() => {
  const name = (link) => (link.getAttribute("aria-label") || link.textContent).trim();
  const references = [...document.querySelectorAll("a.gc-eqref")].map((link) => {
    const id = decodeURIComponent(link.hash.slice(1));
    return {text: link.textContent, name: link.getAttribute("aria-label"), href: link.getAttribute("href"),
            target: Boolean(document.getElementById(id))};
  });
  const unnamed = [...document.querySelectorAll("a[href], a[*|href]")]
    .filter((link) => link.getClientRects().length && !link.closest("[aria-hidden=true]"))
    .filter((link) => !name(link) && !link.getAttribute("title") && !link.querySelector("img[alt]"))
    .map((link) => link.outerHTML.slice(0, 120));
  // A link inside a drawing hidden from assistive technology is a Tab stop with no name.
  const hidden = [...document.querySelectorAll("[aria-hidden=true] a")].map((link) => link.outerHTML.slice(0, 120));
  return {references, unnamed: unnamed.concat(hidden)};
}"""

# The focused element's outline and the background it is drawn on (the first opaque one up the tree).
FOCUS_RING_JS = """() => {
  const link = document.activeElement, style = getComputedStyle(link);
  let node = link, background = "rgb(255, 255, 255)";
  while (node && node.nodeType === 1) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !colour.endsWith(", 0)") && colour !== "transparent") { background = colour; break; }
    node = node.parentElement;
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
          background, target: decodeURIComponent(link.hash.slice(1))};
}"""

SCROLL_BOXES_JS = """() => [...document.querySelectorAll(
    ".md-typeset div.arithmatex, .md-typeset .gc-figure-frame, .md-typeset .md-typeset__scrollwrap")]
  .filter((box) => box.checkVisibility() && box.scrollWidth > box.clientWidth + 1)
  .map((box) => ({what: box.className + ": " + box.textContent.trim().slice(0, 40),
                  tabindex: box.getAttribute("tabindex"), role: box.getAttribute("role"),
                  name: box.getAttribute("aria-label")}))"""

TAGS_JS = """() => {
  const tags = [...document.querySelectorAll("mjx-container > svg.gc-tag")];
  const outside = tags.filter((tag) => tag.getClientRects().length).map((tag) => {
    const rect = tag.getBoundingClientRect();
    return [tag.dataset.tag, Math.round(rect.left), Math.round(rect.right)];
  }).filter(([, left, right]) => left < 0 || right > document.documentElement.clientWidth);
  const numbered = [...document.querySelectorAll("mjx-container")]
    .filter((math) => math.querySelector("mjx-assistive-mml mlabeledtr")).length;
  return {tags: tags.length, numbered, outside};
}"""
