"""The number rule of the Authoring page, checked on every built page as a reader gets it."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from browser_site import page_names
from built_site import built_site

DECIMAL = re.compile(r"(?<![\w.^{])[-\u2212]?(\d+\.\d+)(?![\d.])")
MATRIX = re.compile(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", re.S)
TAG = re.compile(r"<[^>]+>")
# The benchmark's tables on "How this site is built" are measurements pasted from its report, not
# gradcore's numbers; every other page's numbers are all computed or given.
GRADCORE_PAGES = [n for n in page_names() if n not in ("404.html", "how-it-is-built.html")]
# Below this many significant digits a decimal is an input typed by an author (0.5), not a rounding.
ROUNDED_FROM = 3


def significant(text: str) -> int:
    return len(text.replace(".", "").lstrip("0"))


def rounded(value: Decimal, digits: int) -> Decimal:
    return Decimal(f"{value:.{digits}g}") if value else value


def page_text(name: str) -> str:
    """The page's text and TeX as the reader's browser receives it (tags and scripts removed)."""
    source = (built_site() / name).read_text(encoding="utf-8")
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", source)
    return html.unescape(TAG.sub(" ", body))


def double_roundings(text: str) -> list[str]:
    """Pairs of numbers on one page where one is the other rounded to fewer digits (0.426 beside 0.4256)."""
    numbers = {m[1] for m in DECIMAL.finditer(text) if significant(m[1]) >= ROUNDED_FROM}
    found = []
    for short in numbers:
        for long in numbers:
            digits = significant(short)
            if significant(long) > digits and rounded(Decimal(long), digits) == Decimal(short):
                found.append(f"{short} beside {long}")
    return sorted(found)


def mixed_matrices(text: str) -> list[str]:
    """Matrices that write some entries in scientific notation and others as plain decimals."""
    found = []
    for body in MATRIX.findall(text):
        entries = [e for e in re.split(r"&|\\\\", body) if re.search(r"[1-9]", e)]
        scientific = [r"\times 10^" in e for e in entries]
        if any(scientific) and not all(scientific):
            found.append(body.strip()[:80])
    return found


@pytest.mark.parametrize("name", GRADCORE_PAGES)
def test_no_value_is_shown_with_two_roundings(name):
    """Assert no number on a page is a shorter rounding of another (figures and captions print the text's digits)."""
    assert double_roundings(page_text(name)) == []


@pytest.mark.parametrize("name", GRADCORE_PAGES)
def test_every_matrix_uses_one_notation(name):
    """Assert no matrix mixes scientific notation with plain decimals."""
    assert mixed_matrices(page_text(name)) == []


def test_the_checks_catch_what_they_look_for():
    """Assert the two checks find a double rounding and a mixed matrix, and pass inputs such as 0.5."""
    assert double_roundings("l = 0.4256 and in the figure 0.426; x = 0.43") == ["0.426 beside 0.4256"]
    assert double_roundings("x = 0.5, 0.5000, 1.5") == []
    assert mixed_matrices(r"\begin{bmatrix} 9.586 \times 10^{-4} \\ 0.001247 \end{bmatrix}") != []
    assert mixed_matrices(r"\begin{bmatrix} 0.5 & 0 \\ 0.001247 & 2 \end{bmatrix}") == []
