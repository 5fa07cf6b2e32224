"""The number rule of the Authoring page, checked on every built page as a reader gets it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from browser_site import page_names
from built_site import built_site, read_math, reader_text

DECIMAL = re.compile(r"(?<![\w.^{])[-\u2212]?(\d+\.\d+)(?![\d.])")
# A bmatrix as MathJax writes it in the assistive MathML of a drawn formula: a table between [ and ].
MATRIX = re.compile(r"(?s)<mo\b[^>]*>\[</mo><mtable\b[^>]*>(.*?)</mtable><mo\b[^>]*>\]</mo>")
ENTRY = re.compile(r"(?s)<mtd\b[^>]*>(.*?)</mtd>")
# Every page's numbers are computed or given (the benchmark's report lives in bench/README.md, off the site).
GRADCORE_PAGES = [n for n in page_names() if n != "404.html"]
# Below this many significant digits a decimal is an input typed by an author (0.5), not a rounding.
ROUNDED_FROM = 3


def significant(text: str) -> int:
    return len(text.replace(".", "").lstrip("0"))


def rounded(value: Decimal, digits: int) -> Decimal:
    return Decimal(f"{value:.{digits}g}") if value else value


def page_html(name: str) -> str:
    return (built_site() / name).read_text(encoding="utf-8")


def page_text(name: str) -> str:
    """The page's text as a reader gets it, each drawn formula read from its MathML (`built_site.reader_text`)."""
    return reader_text(page_html(name))


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


def mixed_matrices(page: str) -> list[str]:
    """Drawn matrices (in a page's MathML) that write some entries in scientific notation, others as plain decimals."""
    found = []
    for body in MATRIX.findall(page):
        entries = [read_math(e) for e in ENTRY.findall(body)]
        entries = [e for e in entries if re.search(r"[1-9]", e)]
        scientific = ["\u00d710" in e for e in entries]
        if any(scientific) and not all(scientific):
            found.append(" & ".join(entries)[:80])
    return found


@pytest.mark.parametrize("name", GRADCORE_PAGES)
def test_no_value_is_shown_with_two_roundings(name):
    """Assert no number on a page is a shorter rounding of another (figures and captions print the text's digits)."""
    assert double_roundings(page_text(name)) == []


@pytest.mark.parametrize("name", GRADCORE_PAGES)
def test_every_matrix_uses_one_notation(name):
    """Assert no matrix mixes scientific notation with plain decimals."""
    assert mixed_matrices(page_html(name)) == []


def test_the_checks_read_the_drawn_math_of_a_page():
    """Assert the pages' drawn matrices and worked decimals are found (the checks above do not pass on nothing)."""
    html = page_html("part-7-any-depth.html")
    assert len(MATRIX.findall(html)) >= 20
    numbers = [m[1] for m in DECIMAL.finditer(page_text("part-7-any-depth.html")) if significant(m[1]) >= ROUNDED_FROM]
    assert len(numbers) >= 100


def test_the_checks_catch_what_they_look_for():
    """Assert the two checks find a double rounding and a mixed matrix, and pass inputs such as 0.5."""
    assert double_roundings("l = 0.4256 and in the figure 0.426; x = 0.43") == ["0.426 beside 0.4256"]
    assert double_roundings("x = 0.5, 0.5000, 1.5") == []
    assert mixed_matrices(drawn_matrix([SCIENTIFIC, "<mn>0.001247</mn>"])) == ["9.586×10-4 & 0.001247"]
    assert mixed_matrices(drawn_matrix(["<mn>0.5</mn>", "<mn>0</mn>", "<mn>0.001247</mn>"])) == []
    assert mixed_matrices(drawn_matrix([SCIENTIFIC, "<mphantom><mo>\u2212</mo></mphantom>" + SCIENTIFIC])) == []


# One entry of a drawn matrix, 9.586 \times 10^{-4}, as MathJax writes it in MathML.
SCIENTIFIC = "<mn>9.586</mn><mo>\u00d7</mo><msup><mn>10</mn><mrow><mo>\u2212</mo><mn>4</mn></mrow></msup>"


def drawn_matrix(entries: list[str]) -> str:
    """A one-column bmatrix with these entries, in the MathML form MathJax gives it."""
    rows = "".join(f"<mtr><mtd>{entry}</mtd></mtr>" for entry in entries)
    opening, closing = '<mo data-mjx-texclass="OPEN">[</mo>', '<mo data-mjx-texclass="CLOSE">]</mo>'
    return f"<math>{opening}<mtable>{rows}</mtable>{closing}</math>"

