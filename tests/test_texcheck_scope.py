"""An equation checked on the page's shapes only may not be introduced as general (gradcore.texcheck.scope)."""

from __future__ import annotations

import pytest

from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.texcheck import page_check
from gradcore.texcheck.scope import general_claim

EXAMPLE = compute(parse_spec("sc", "X: [[0.5, -1.0, 2.0]]\ny: [[1.0]]\nW1: [[0.1], [0.4], [-0.2]]\n"
                                   "W2: [[0.7]]\nlr: 0.5\n"))
SCALAR = "$$\n\\frac{\\partial L}{\\partial W_2} = \\Delta l_2 \\times l_1\n\\tag{2} \\label{sc-b}\n$$\n"
MATRIX = "$$\n\\frac{\\partial L}{\\partial W_2} = l_1^T \\cdot \\Delta l_2\n\\tag{2} \\label{sc-b}\n$$\n"


@pytest.mark.parametrize(("before", "claim"), [
    ("In general, the gradient is\n", "In general"),
    ("This holds for any\nnetwork:\n", "for any network"),
    ("Whatever the shape of the layers,\n", "Whatever the shape"),
    ("Whatever the shape of the layers.\n\nFor this example,\n", None),  # only the nearest paragraph counts
    ("For this example's shapes,\n", None),
])
def test_the_paragraph_before_a_display_is_searched_for_a_claim_of_generality(before, claim):
    """Assert the phrase is found in the paragraph that leads into the display, and only there."""
    text = "Earlier: in general.\n\n" + before + SCALAR
    line = text.split("\n").index("$$") + 1
    found = general_claim(text, line)
    assert (found.lower() if found else None) == (claim.lower() if claim else None)


def test_a_page_shapes_equation_called_general_fails_with_its_line_and_remedy():
    """Assert the check refuses a formula in scalar notation that its text calls general, and names the fix."""
    text = "Intro.\n\nIn general, the gradient of the last layer is\n\n" + SCALAR
    check = page_check(text, {"sc": EXAMPLE})
    assert [e.line for e in check.problems] == [5]
    assert "In general" in str(check.problems[0]) and "matrix notation" in str(check.problems[0])


def test_the_same_words_before_a_formula_checked_on_a_wider_network_pass():
    """Assert a formula in matrix notation, checked on a wider network too, may be called general."""
    text = "Intro.\n\nIn general, the gradient of the last layer is\n\n" + MATRIX
    assert page_check(text, {"sc": EXAMPLE}).problems == []
    assert page_check(text.replace("In general, ", ""), {"sc": EXAMPLE}).problems == []
