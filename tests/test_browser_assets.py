"""Checks of the self-contained site that need no browser: what the HTML loads, and the helpers.

These run everywhere, also where the browser tests skip.
"""

from __future__ import annotations

import re

import pytest

import browser_support
import local_web
from browser_pages import Rendered, contrast, missing_numbers, number_pattern
from browser_site import page_names
from built_site import built_site
from gradcore.engine import site

# Tags whose src or href the browser fetches by itself; links of these rel values are only named.
FETCHING_TAG = re.compile(r"<(?:script|img|link|iframe|source|audio|video|embed)\b[^>]*>", re.IGNORECASE)
NAMED_ONLY = re.compile(r'\brel="(?:canonical|alternate|prev|next|author|license)"')
URL_ATTRIBUTE = re.compile(r'\b(?:src|href)="([^"]*)"')
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def fetched_urls(html: str) -> list[str]:
    """The URLs a page's HTML makes the browser fetch while it loads."""
    tags = [tag for tag in FETCHING_TAG.findall(html) if not NAMED_ONLY.search(tag)]
    return [url for tag in tags for url in URL_ATTRIBUTE.findall(tag)]


@pytest.mark.parametrize("name", page_names())
def test_pages_load_nothing_from_another_site(name):
    """Assert no script, stylesheet, icon or image of a page has an absolute URL (a CDN, Google Fonts)."""
    html = (built_site() / name).read_text(encoding="utf-8")
    assert fetched_urls(html), f"{name}: no script or stylesheet found: is the pattern out of date?"
    assert [url for url in fetched_urls(html) if REMOTE.match(url)] == []


def test_the_site_ships_exactly_the_listed_mathjax_files():
    """Assert assets/mathjax holds the files of MATHJAX_FILES and nothing else."""
    shipped = sorted(path.relative_to(built_site()).as_posix()
                     for path in (built_site() / site.MATHJAX_TARGET).rglob("*") if path.is_file())
    assert shipped == sorted(target for target, _ in site.static_files())


def test_search_works_offline():
    """Assert the search index is also inlined as a script and our Worker stand-in is shipped."""
    assert (built_site() / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    assert (built_site() / "assets" / "iframe-worker-stand-in.js").is_file()
    assert 'src="assets/iframe-worker-stand-in.js"' in (built_site() / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in (built_site() / "index.html").read_text(encoding="utf-8")


def rendered(prose: str = "", math: str = "") -> Rendered:
    return Rendered(status="typeset", error="", prose=prose, math=math, formulas=0, sources=0, merrors=0,
                    broken_images=[], typeset_ms=0.0, done_at_ms=0.0)


@pytest.mark.parametrize(("value", "shown", "found"), [
    (-0.4321, "a = \u22120.4321 here", True),           # prose: true minus sign
    (-0.43214, "\u2212 0.4321", True),                  # formula tokens: minus, number (4 digits)
    (0.4321, "0.1234 0.4321 0.5678", True),            # one matrix entry among others
    (0.4321, "0.43215", False),                        # a longer number is not this one
    (0.4321, "10.4321", False),                        # nor the tail of one
    (-0.4321, "0.4321", False),                        # the sign matters
    (2.774e-10, "2.774 \u00d7 10 \u2212 10", True),     # scientific, read back from MathML
    (2.774e-10, "2.774", False),
])
def test_number_pattern(value, shown, found):
    """Assert a formatted number is found in prose or formula text, and only as a whole number."""
    assert bool(number_pattern(value).search(shown)) is found


def test_missing_numbers_names_what_is_missing():
    """Assert missing_numbers reports exactly the values shown nowhere, in prose form."""
    page = rendered(prose="the loss is 0.06278", math="\u2212 1.500 0.2500")
    assert missing_numbers(page, [0.0627797, -1.5, 0.25, 0.125]) == ["0.1250"]


@pytest.mark.parametrize(("prose", "math", "problem"), [
    ("see (???)", "", "did not resolve"),
    (r"where \(x\) is", "", "raw TeX"),
    (r"\begin{bmatrix} 1 \end{bmatrix}", "", "raw TeX"),
    ("fine", "x = 1", None),
])
def test_math_problems(prose, math, problem):
    """Assert unresolved references and TeX left in the text are reported, and clean text is not."""
    problems = rendered(prose, math).math_problems()
    assert (problem is None and problems == []) or any(problem in line for line in problems)


def test_contrast():
    """Assert the contrast ratio of white on black is 21 and of a colour on itself is 1."""
    assert contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)") == pytest.approx(21)
    assert contrast("rgb(30, 33, 41)", "rgb(30, 33, 41)") == pytest.approx(1)


@pytest.mark.parametrize(("required", "outcome"), [("1", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_a_missing_browser_skips_or_fails(monkeypatch, required, outcome):
    """Assert no browser skips with install instructions, or fails when GRADCORE_REQUIRE_BROWSER=1."""
    monkeypatch.setenv("GRADCORE_REQUIRE_BROWSER", required)
    monkeypatch.setattr(local_web.shutil, "which", lambda name: None)  # where the browser is looked up
    with pytest.raises(outcome, match="apt-get install -y chromium"):
        browser_support.chromium_path()
