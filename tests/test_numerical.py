"""Tests for gradcore.core.numerical: central differences, the complex step and the relative error."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.network import Network, make_network, random_network
from gradcore.core.numerical import EPS, complex_step_gradients, numerical_gradients, relative_error


def test_relative_error_definition() -> None:
    """Assert the largest |a_i - b_i| / (|a_i| + |b_i|) over the entries."""
    a, b = np.array([[1.0, 2.0]]), np.array([[1.1, 2.0]])
    assert relative_error(a, b) == pytest.approx(0.1 / 2.1, rel=1e-14)


def test_relative_error_does_not_let_a_small_entry_hide_behind_a_large_one() -> None:
    """Assert each entry is measured on its own: a flipped 3e-10 beside 0.14 gives 1."""
    a, b = np.array([[0.14, 3e-10]]), np.array([[0.14, -3e-10]])
    assert relative_error(a, b) == 1.0


def test_relative_error_of_exact_zeros_is_zero() -> None:
    """Assert two zero arrays compare as equal: the floor prevents 0 / 0."""
    assert relative_error(np.zeros((2, 2)), np.zeros((2, 2))) == 0.0


def test_relative_error_of_opposite_signs_is_one() -> None:
    """Assert a sign error gives the largest possible relative error, 1."""
    a = np.array([[0.3, -0.002]])
    assert relative_error(a, -a) == 1.0


def test_relative_error_is_symmetric_and_scale_free() -> None:
    """Assert swapping the arguments or scaling both leaves the error unchanged."""
    a, b = np.array([[1e-9, 2e-9]]), np.array([[1.1e-9, 2e-9]])
    assert relative_error(a, b) == relative_error(b, a)
    assert relative_error(a, b) == pytest.approx(relative_error(a * 1e9, b * 1e9), rel=1e-12)


def test_relative_error_needs_equal_shapes() -> None:
    """Assert arrays of different shapes cannot be compared."""
    with pytest.raises(ShapeError, match="cannot compare arrays of shapes 2 x 1 and 1 x 2"):
        relative_error(np.zeros((2, 1)), np.zeros((1, 2)))


def test_central_difference_of_one_weight_by_hand() -> None:
    """Assert the central difference of a 1-1 network is (L(w + eps) - L(w - eps)) / (2 eps)."""
    x, y, w = 1.5, 0.2, -0.4
    def loss(w: float) -> float:
        return 0.5 * (y - 1 / (1 + math.exp(-x * w))) ** 2

    expected = (loss(w + EPS) - loss(w - EPS)) / (2 * EPS)
    got = numerical_gradients(make_network([[[w]]]), [[x]], [[y]]).weights[0][0, 0]
    assert got == pytest.approx(expected, rel=1e-8)  # the two losses round differently; / (2 eps) magnifies it


def test_three_derivatives_agree_with_biases() -> None:
    """Assert backprop, central differences and the complex step agree on weights and biases."""
    net = random_network((3, 2, 2), 8, biases=True)
    X, y = [[0.5, -1.0, 2.0], [0.0, 1.0, -1.0]], [[0.1, 0.9], [0.5, 0.5]]
    analytic, numeric, exact = backward(net, X, y), numerical_gradients(net, X, y), complex_step_gradients(net, X, y)
    assert numeric.biases is not None and exact.biases is not None and analytic.biases is not None
    for a, n, c in zip(analytic.weights + analytic.biases, numeric.weights + numeric.biases,
                       exact.weights + exact.biases):
        assert relative_error(a, n) < 1e-6  # entry by entry; the smallest entries carry the rounding of the loss
        assert relative_error(a, c) < 1e-14


def test_network_is_not_changed_by_the_perturbations() -> None:
    """Assert the numerical derivatives work on copies: the network's weights are untouched."""
    net = random_network((2, 3, 1), 1, biases=True)
    before = [p.tobytes() for p in net.weights + (net.biases or ())]
    numerical_gradients(net, [[1.0, 2.0]], [[0.5]])
    complex_step_gradients(net, [[1.0, 2.0]], [[0.5]])
    assert [p.tobytes() for p in net.weights + (net.biases or ())] == before


def test_complex_step_stays_exact_in_saturation() -> None:
    """Assert where sigma saturates (u near 12) central differences lose digits but the complex step does not.

    The loss then changes by less than a millionth of its size per step eps, so its rounding
    (about 1e-16 relative) shows up as a relative error well above 1e-7 in the central difference.
    This is why the check uses the complex step as a second, independent derivative.
    """
    net, X, y = make_network([[[3.0]]]), [[4.0]], [[0.5]]
    analytic = backward(net, X, y).weights[0]
    exact = complex_step_gradients(net, X, y).weights[0]
    assert relative_error(analytic, exact) < 1e-11  # backprop's yhat (1 - yhat) itself loses a few digits here
    assert relative_error(analytic, numerical_gradients(net, X, y).weights[0]) > 1e-7


@pytest.mark.parametrize("eps", [0, -1e-6, float("nan"), "small"])
def test_bad_step_is_refused(eps: object, tiny_net: Network) -> None:
    """Assert eps must be a positive number."""
    with pytest.raises(InputError, match="eps must be a positive number"):
        numerical_gradients(tiny_net, [[1.0]], [[1.0]], eps=eps)  # type: ignore[arg-type]


def test_numerical_gradients_check_their_inputs(tiny_net: Network) -> None:
    """Assert bad X and y are refused as in the forward pass."""
    with pytest.raises(ShapeError, match="y has shape 1 x 2"):
        numerical_gradients(tiny_net, [[1.0]], [[1.0, 2.0]])
    with pytest.raises(InputError, match="X contains NaN"):
        complex_step_gradients(tiny_net, [[float("nan")]], [[1.0]])
