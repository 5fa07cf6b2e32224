"""The panel's number rule (docs/assets/explore/numbers.js) writes what gradcore/markup/latex.py writes."""

from __future__ import annotations

import numpy as np
import pytest

from built_site import ROOT
from explore_support import script_page
from gradcore.markup.latex import format_matrix, format_number

MODULE = ROOT / "docs" / "assets" / "explore" / "numbers.js"
GIVEN = [0.0, -0.0, 1.0, 1.5, -0.4, 0.1, 1e-4, 9.9e-5, 1e-5, 123456.0, 1e16, 1.5e16, -2.5e-7, 0.30000000000000004,
         1e-300, 3.14159, 12345678901234.5]


@pytest.fixture(scope="module")
def page(playwright_session):
    """A blank Chromium page with the module loaded."""
    with script_page(playwright_session, MODULE) as tab:
        yield tab


def _computed() -> list[float]:
    rng = np.random.default_rng(2028)
    values = rng.standard_normal(300) * 10.0 ** rng.integers(-9, 9, 300)
    return [*values.tolist(), 0.99996, 0.000099996, 99999.6, -1e5, 1e-4, 0.0, 2.0, -0.25]


NUMBERS = """([values, digits, exact]) => values.map(v => [
  gcNumbers.formatNumber(v, digits, {exact: exact}), gcNumbers.formatNumber(v, digits, {exact: exact, math: false}),
  gcNumbers.formatNumber(v, digits, {exact: exact, paren: true})])"""


# Exact binary values that end in a 5 where they are rounded: Python rounds them half to even.
TIES = [1.03125, -1.03125, 0.03125, 2.5, 0.125, 1.5, 0.5, 99.5, 0.0009765625, 9.5367431640625e-07, 12345.5,
        1.0009765625, 0.99951171875, 9.99951171875, 99999.5]


@pytest.mark.parametrize(("values", "digits", "exact"), [
    (GIVEN, 4, True), (_computed(), 4, False), (_computed(), 2, False), (_computed(), 7, False),
    *((TIES, d, False) for d in range(1, 8))])
def test_numbers_are_written_as_the_pages_write_them(page, values, digits, exact):
    """Assert every number in math, prose and parentheses equals latex.py's format_number."""
    got = page.evaluate(NUMBERS, [values, digits, exact])
    want = [[format_number(v, digits, exact=exact), format_number(v, digits, exact=exact, math_mode=False),
             format_number(v, digits, exact=exact, paren=True)] for v in values]
    assert [(v, g) for v, g, w in zip(values, got, want, strict=True) if g != w] == []


def test_matrices_line_up_as_the_pages_do(page):
    """Assert bmatrix text, with and without its shape, equals latex.py's format_matrix."""
    rng = np.random.default_rng(7)
    matrices = [rng.standard_normal((r, c)) * 10.0 ** rng.integers(-6, 6) for r, c in [(1, 1), (2, 3), (3, 1), (4, 2)]]
    matrices += [np.array([[0.5, -1.25], [0.0, 100.0]]), np.array([[1e-7, 0.0], [-2.0, 3.0]])]
    for exact in (False, True):
        got = page.evaluate("([ms, exact]) => ms.map(m => [gcNumbers.formatMatrix(m, 4, {exact: exact}), "
                            "gcNumbers.formatMatrix(m, 4, {exact: exact, shape: false})])",
                            [[m.tolist() for m in matrices], exact])
        want = [[format_matrix(m, 4, exact=exact), format_matrix(m, 4, exact=exact, shape=False)] for m in matrices]
        assert got == want
