"""The `norm` answer flag, and the claim of Part 7's exercise 3 that it carries."""

from __future__ import annotations

import numpy as np

from gradcore.learner.answers import answer_text
from texcheck_support import DOCS, page_examples, page_text


def test_norm_is_the_root_of_the_summed_squares() -> None:
    """Assert the norm of a 2 x 2 matrix is computed, in math and in prose, to three digits."""
    value = np.array([[3.0, 0.0], [0.0, -4.0]])
    assert answer_text("norm", value, in_math=True) == "5.00"
    assert answer_text("norm", np.array([[0.001234567]]), in_math=False) == "0.00123"


def test_part_7_first_layer_learns_slowest_by_norm() -> None:
    """Assert what exercise 3 of Part 7 says: the gradient and delta norms shrink from the output to layer 1."""
    text = page_text(DOCS / "part-7-any-depth.md")
    assert "[[gc p7.dW1 norm]]" in text and "[[gc p7.delta1 norm]]" in text
    example = page_examples(text)["p7"]
    weights = [float(np.linalg.norm(g)) for g in example.gradients.weights]
    deltas = [float(np.linalg.norm(d)) for d in example.gradients.deltas]
    assert weights == sorted(weights) and deltas == sorted(deltas)
