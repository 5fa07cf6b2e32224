"""Tests for gradcore.core.forward: the layers of the forward pass and the checks on X."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradcore.core.errors import InputError, ShapeError
from gradcore.core.forward import forward
from gradcore.core.network import Network, make_network, random_network


def _s(u: float) -> float:
    return 1 / (1 + math.exp(-u))


def test_one_one_one_by_hand(tiny_net: Network) -> None:
    """Assert u_1 = x w_1, l_1 = sigma(u_1), u_2 = l_1 w_2, yhat = sigma(u_2) for x = 0.5."""
    fwd = forward(tiny_net, [[0.5]])
    l1 = _s(0.5 * 0.8)
    assert fwd.pre_activations[0][0, 0] == pytest.approx(0.4, rel=1e-15)
    assert fwd.layer(1)[0, 0] == pytest.approx(l1, rel=1e-15)
    assert fwd.pre_activations[1][0, 0] == pytest.approx(l1 * -1.2, rel=1e-15)
    assert fwd.yhat[0, 0] == pytest.approx(_s(l1 * -1.2), rel=1e-15)


def test_shapes_of_every_layer() -> None:
    """Assert u_k and l_k are m x n_k, l_0 is X and l_L is yhat."""
    net = random_network((3, 4, 2), 1)
    X = np.arange(15.0).reshape(5, 3) / 10
    fwd = forward(net, X)
    assert [u.shape for u in fwd.pre_activations] == [(5, 4), (5, 2)]
    assert [l.shape for l in fwd.activations] == [(5, 4), (5, 2)]
    np.testing.assert_array_equal(fwd.layer(0), X)
    assert fwd.layer(2) is fwd.yhat


def test_biases_are_added_before_the_sigmoid() -> None:
    """Assert u_1 = X . W_1 + b_1 with the bias broadcast to every row."""
    net = make_network([[[1.0], [2.0]]], [[[0.5]]])
    fwd = forward(net, [[1.0, 1.0], [0.0, 0.0]])
    np.testing.assert_allclose(fwd.pre_activations[0], [[3.5], [0.5]], rtol=0, atol=0)


@pytest.mark.parametrize("k", [-1, 3, 1.0, True])
def test_layer_number_out_of_range(k: object) -> None:
    """Assert layer(k) accepts only 0..L."""
    fwd = forward(random_network((2, 2, 1), 0), [[1.0, 2.0]])
    with pytest.raises(InputError, match="layer number must be a whole number from 0 to 2"):
        fwd.layer(k)  # type: ignore[arg-type]


def test_x_with_wrong_columns_names_both_shapes() -> None:
    """Assert X of shape 1 x 2 for a W_1 of shape 3 x 1 is refused with both shapes named."""
    net = make_network([np.ones((3, 1))])
    with pytest.raises(ShapeError) as info:
        forward(net, [[1.0, 2.0]])
    assert str(info.value) == "X has shape 1 x 2 but W_1 has shape 3 x 1; X needs 3 columns, one per row of W_1"


@pytest.mark.parametrize(("X", "words"), [
    ([[1.0, float("nan"), 0.0]], r"X contains NaN at row 1, column 2"),
    ([[1.0, 0.0, float("inf")]], r"X contains an infinite value at row 1, column 3"),
    ("abc", "X must be a number or a rectangular table of numbers, got 'abc'"),
    ([1.0, 2.0, 3.0], r"X must be a matrix \(2-D"),
])
def test_bad_x_is_refused(X: object, words: str) -> None:
    """Assert NaN, inf, text and a flat list are refused as X."""
    with pytest.raises(InputError, match=words):
        forward(make_network([np.ones((3, 1))]), X)


def test_outputs_are_read_only() -> None:
    """Assert the stored layers cannot be modified."""
    fwd = forward(random_network((2, 1), 0), [[1.0, 2.0]])
    with pytest.raises(ValueError, match="read-only"):
        fwd.yhat[0, 0] = 0.0


def test_forward_is_deterministic() -> None:
    """Assert two runs on equal inputs give bit-identical arrays."""
    X = [[0.1, -0.2, 0.3], [1.0, 2.0, -3.0]]
    a = forward(random_network((3, 4, 3, 2), 9, biases=True), X)
    b = forward(random_network((3, 4, 3, 2), 9, biases=True), X)
    for x, y in zip(a.pre_activations + a.activations, b.pre_activations + b.activations):
        assert x.tobytes() == y.tobytes()
