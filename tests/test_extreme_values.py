"""Extreme values through the page renderer: saturated sigmoids, huge inputs, negative zero.

The expected numbers are computed here from the sigmoid by hand, not by gradcore.
"""

from __future__ import annotations

import math
import re

import pytest

from gradcore.markup.latex import UNICODE_MINUS, format_number
from render_support import render as render_page

# A decimal made only of zeros (0.0, -0.0000, −0.000): never allowed, an exact zero is written "0".
ALL_ZEROS = re.compile(r"(?<![\d.])[-\u2212]?0\.0+(?!\d)")
NEGATIVE_ZERO = re.compile(r"(?<![\d.])[-\u2212]0(?![.\d])")
BLOCKS = "\n\n[[gc:forward e]]\n\n[[gc:deltas e]]\n\n[[gc:gradients e]]\n\n[[gc:check e]]\n\n[[gc:step e]]\n"


def sigma(u: float) -> float:
    return 1 / (1 + math.exp(-u))


def render(definition: str, body: str) -> str:
    """One page: the definition, the values asked for in `body`, and every block of the example."""
    return render_page(f"```gc:example e\n{definition}\n```\n\n{body}{BLOCKS}", "docs/x.md")


SATURATED = "X: [[2.0, 1.0]]\ny: [[0.0]]\nW1: [[10.0, 0.3], [0.0, -0.2]]\nW2: [[0.5], [0.8]]"


def test_a_saturated_hidden_unit_has_a_tiny_gradient_in_scientific_form():
    """Assert u = 20 gives dL/dw_1^11 near 3e-10, written in scientific form in math and in prose."""
    l1 = [sigma(20.0), sigma(0.4)]  # u_1 = X . W_1 = [20, 0.4]
    yhat = sigma(0.5 * l1[0] + 0.8 * l1[1])
    delta2 = yhat * yhat * (1 - yhat)  # (yhat - y) yhat (1 - yhat), y = 0
    expected = 2.0 * delta2 * 0.5 * l1[0] * (1 - l1[0])  # x_1 * Delta l_1[1]
    assert 1e-10 < expected < 1e-9
    page = render(SATURATED, "m: $[[gc e.dW1[1,1]]]$ p: [[gc e.dW1[1,1]]] s: [[gc e.step.W1[2,1]]]")
    math_text = format_number(expected)
    assert r"\times 10^{-10}" in math_text and f"m: ${math_text}$" in page
    assert f"p: {format_number(expected, math_mode=False)}" in page  # prose numbers stay text
    assert re.search("s: \u2212\\d\\.\\d{3}\u202f×\u202f10⁻¹[⁰¹]", page)  # 0 - 0.5 x 1.5e-10
    assert not ALL_ZEROS.search(page), ALL_ZEROS.search(page)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_huge_inputs_saturate_to_exact_zeros_and_show_in_scientific_form(sign):
    """Assert X = +-1e6 renders as 10^6, the output saturates, and exact zero gradients show as 0."""
    page = render(f"X: [[{sign * 1e6}]]\ny: [[0.5]]\nW1: [[0.5]]",
                  "x: $[[gc e.X]]$ px: [[gc e.X]] g: [[gc e.dW1]] loss: [[gc e.loss]]")
    minus = "-" if sign < 0 else ""
    assert f"x: ${minus}1000000$" in page  # a given number, as defined
    assert f"px: {UNICODE_MINUS if sign < 0 else ''}1000000 " in page
    assert "g: 0 " in page  # sigma(+-5e5) is exactly 1 or 0, so the gradient is exactly zero
    assert "loss: 0.1250" in page  # 1/2 (0.5 - 1)^2 = 1/2 (0.5 - 0)^2
    assert not ALL_ZEROS.search(page)


def test_negative_zero_is_written_as_zero():
    """Assert X = -0.0 and its products (u = -0.0 x 2) never show a minus sign on zero."""
    page = render("X: [[-0.0]]\ny: [[1.0]]\nW1: [[2.0]]", "x: [[gc e.X]] u: [[gc e.u1]] g: $[[gc e.dW1]]$ ")
    assert "x: 0 u: 0 g: $0$" in page
    assert not NEGATIVE_ZERO.search(page), NEGATIVE_ZERO.search(page)
    assert not ALL_ZEROS.search(page)


@pytest.mark.parametrize("exponent", [-300, -12, -5, 5, 12, 300])
def test_tiny_and_huge_values_keep_their_digits(exponent):
    """Assert 1.2345 x 10^k shows as 1.234 (or 1.235) x 10^k in math and prose, never as a string of zeros."""
    value = 1.2345 * 10.0**exponent
    math_text, prose_text = format_number(value), format_number(-value, math_mode=False)
    assert re.search(rf"1\.23[45] \\times 10\^\{{{exponent}\}}", math_text), math_text
    superscript = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    assert re.search(rf"{UNICODE_MINUS}1\.23[45]\u202f×\u202f10{superscript}\Z", prose_text), prose_text
    assert not ALL_ZEROS.search(math_text) and not ALL_ZEROS.search(prose_text)
