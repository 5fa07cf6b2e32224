"""The few numbers a page may type by hand: given constants of the definitions, each computed by gradcore.

Every number derived from an example comes from a marker. A handful of
numbers are not derived from any example but belong to the definitions
themselves, and the pages state them in prose: the ½ of the half squared
error, the sigmoid's value ½ at zero, and its largest slope ¼. They are
declared here with what they mean, and `computed()` gives gradcore's own
value of each, so a declaration that disagrees with the code fails its test
(tests/test_docs.py). Any other fraction typed on a page fails the
hand-typed-number test there, as a typed decimal does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from gradcore.core.activations import sigmoid, sigmoid_prime
from gradcore.core.loss import half_squared_error

__all__ = ["DECLARED_CONSTANTS", "DeclaredConstant", "declared_values"]


@dataclass(frozen=True)
class DeclaredConstant:
    """A number a page may type: its exact value, what it is, and how gradcore computes it."""

    value: Fraction
    meaning: str
    computed: Callable[[], float]


def _loss_factor() -> float:
    """The factor in front of the squared error: the loss of an output one away from its target."""
    return half_squared_error(np.array([[1.0]]), np.array([[0.0]]))


def _largest_sigmoid_slope() -> float:
    """The largest σ′ on a fine grid that includes 0, where the slope peaks."""
    return float(np.max(sigmoid_prime(np.linspace(-20.0, 20.0, 40_001))))


DECLARED_CONSTANTS = (
    DeclaredConstant(Fraction(1, 2), "the factor of the half squared error, which cancels the 2 of its derivative",
                     _loss_factor),
    DeclaredConstant(Fraction(1, 2), "the sigmoid at zero, σ(0)", lambda: float(sigmoid(0.0))),
    DeclaredConstant(Fraction(1, 4), "the sigmoid's largest slope, σ′(0)", _largest_sigmoid_slope),
)


def declared_values() -> set[Fraction]:
    """The values a page may type as a fraction."""
    return {constant.value for constant in DECLARED_CONSTANTS}
