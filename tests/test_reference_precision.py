"""Backpropagation and the closed forms against a 50-digit reference, up to |u| = 40.

The reference differentiates the loss itself with mpmath at 50 significant
digits (mpmath.diff, no chain rule), so it is independent of every formula in
gradcore. Written naively, yhat (1 - yhat) loses every digit once a unit
saturates (1 - yhat rounds to 0 near u = 37); gradcore computes sigma'(u)
stably, and yhat - y without cancelling against 1, so every entry agrees to
1e-12 relative.
"""

from __future__ import annotations

from collections.abc import Sequence

import mpmath
import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.closed_forms import closed_form_gradients
from gradcore.core.network import Network, make_network
from mp_reference import weight_gradients

mpmath.mp.dps = 50
REFERENCE_AGREEMENT = 1e-12


def _reference(net: Network, X: list[list[float]], y: list[list[float]]) -> list[np.ndarray]:
    """dL/dW_k by differentiating the 50-digit loss one weight at a time."""
    return weight_gradients(net, X, y)


def _assert_agrees(got: Sequence[np.ndarray], reference: Sequence[np.ndarray]) -> None:
    for g, r in zip(got, reference):
        np.testing.assert_allclose(g, r, rtol=REFERENCE_AGREEMENT, atol=0)


SATURATED = [(u, target) for u in (-40.0, -30.0, -12.0, 0.5, 12.0, 30.0, 37.0, 40.0) for target in (0.0, 1.0, 0.3)]


@pytest.mark.parametrize(("u", "target"), SATURATED)
def test_one_unit_matches_the_reference(u: float, target: float) -> None:
    """Assert a 1-1 network with pre-activation u matches the reference (X = 30, W = 1, y = 0 among them)."""
    net, X, y = make_network([[[1.0]]]), [[u]], [[target]]
    reference = _reference(net, X, y)
    _assert_agrees(backward(net, X, y).weights, reference)
    _assert_agrees(closed_form_gradients("part1", net, X, y), reference)


@pytest.mark.parametrize(("u", "target"), SATURATED)
def test_saturated_hidden_unit_matches_the_reference(u: float, target: float) -> None:
    """Assert a 1-1-1 network whose hidden unit sits at u matches the reference, backprop and part 4."""
    net, X, y = make_network([[[1.0]], [[-2.5]]]), [[u]], [[target]]
    reference = _reference(net, X, y)
    _assert_agrees(backward(net, X, y).weights, reference)
    _assert_agrees(closed_form_gradients("part4", net, X, y), reference)


@pytest.mark.parametrize("scale", [1.0, 10.0, 20.0])
def test_batch_of_two_layers_matches_the_reference(scale: float) -> None:
    """Assert a 2-2-1 batch, pushed to |u| up to 40, matches the reference, backprop and part 6."""
    W1, W2 = [[scale, -scale], [0.5 * scale, scale]], [[1.5], [-2.0]]
    net, X, y = make_network([W1, W2]), [[1.0, 1.0], [-1.0, 0.5], [0.2, -1.0]], [[1.0], [0.0], [0.5]]
    u1 = np.asarray(X) @ np.asarray(W1)
    assert np.abs(u1).max() <= 40.0
    reference = _reference(net, X, y)
    _assert_agrees(backward(net, X, y).weights, reference)
    _assert_agrees(closed_form_gradients("part6", net, X, y), reference)


def test_naive_sigma_prime_would_miss_the_reference() -> None:
    """Assert the test can fail: yhat (1 - yhat) written literally is 1e-3 off at u = 30."""
    u = 30.0
    yhat = 1 / (1 + np.exp(-u))
    naive = yhat * (1 - yhat) * u  # dL/dw for X = 30, W = 1, y = 0: (yhat - 0) yhat (1 - yhat) x
    reference = _reference(make_network([[[1.0]]]), [[u]], [[0.0]])[0][0, 0]
    assert abs(naive - reference) / abs(reference) > 1e-4
