"""What the browser tests know about the built site: its pages, their examples, a word to search for."""

from __future__ import annotations

import json
import re
from pathlib import Path

from built_site import ROOT, built_site

DOCS = ROOT / "docs"
NOT_FOUND_PAGE = "404.html"


def page_names() -> list[str]:
    """The HTML page built from every Markdown file in docs/ (plain file URLs), and the 404 page.

    Taken from docs/ so that collecting the tests needs no build; a test checks
    that the built site has exactly these pages.
    """
    pages = [md.relative_to(DOCS).with_suffix(".html").as_posix() for md in sorted(DOCS.rglob("*.md"))]
    return pages + [NOT_FOUND_PAGE]


def built_page_names() -> list[str]:
    """Every HTML file of the built site, relative to its root."""
    return sorted(path.relative_to(built_site()).as_posix() for path in built_site().rglob("*.html"))


def examples_by_page() -> dict[str, list[dict]]:
    """The network examples of examples.json, grouped by the HTML page that shows them."""
    entries = json.loads((built_site() / "examples.json").read_text(encoding="utf-8"))["examples"]
    grouped: dict[str, list[dict]] = {}
    for entry in entries:
        if entry["kind"] == "network":
            page = Path(entry["page"]).relative_to("docs").with_suffix(".html").as_posix()
            grouped.setdefault(page, []).append(entry)
    return grouped


def most_math_page() -> str:
    """The built page with the most formulas (counting arithmatex elements in its HTML)."""
    pages = [name for name in page_names() if name != NOT_FOUND_PAGE]
    return max(pages, key=lambda name: (built_site() / name).read_text(encoding="utf-8").count("arithmatex"))


def search_probe() -> tuple[str, str]:
    """A word to search for and the page that must come up: the longest title word of a page but the first."""
    index = json.loads((built_site() / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = [doc for doc in index["docs"] if doc["location"] not in ("", "index.html") and "#" not in doc["location"]]
    if not pages:
        raise AssertionError("the search index lists no page besides the home page")
    words = re.findall(r"[A-Za-z]{4,}", pages[0]["title"])
    if not words:
        raise AssertionError(f"no word of 4+ letters in the title {pages[0]['title']!r}")
    return max(words, key=len), pages[0]["location"]
