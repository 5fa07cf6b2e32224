"""Tests for gradcore.core.rounding: each gradient entry's own rounding floor."""

from __future__ import annotations

import numpy as np

from gradcore.core.backward import backward
from gradcore.core.network import make_network, random_network
from gradcore.core.rounding import ROUNDING_FLOOR_SLACK, rounding_floor

EPS_MACHINE = float(np.finfo(np.float64).eps)


def test_floor_of_one_unit_by_hand() -> None:
    """Assert S = (|yhat| + |y|) sigma'(u) |x|, times the slack and eps_machine."""
    x, w, y = 1.5, 0.4, 0.2
    yhat = 1 / (1 + np.exp(-x * w))
    expected = ROUNDING_FLOOR_SLACK * EPS_MACHINE * (yhat + y) * yhat * (1 - yhat) * x
    floor = rounding_floor(make_network([[[w]]]), [[x]], [[y]]).weights[0][0, 0]
    assert floor == np.float64(expected) or abs(floor - expected) <= 1e-14 * expected


def test_floor_scales_with_its_own_parameter() -> None:
    """Assert a tiny dW_1 gets a floor tiny like itself, not like dW_2 (u = 20 in the hidden unit)."""
    net, X, y = make_network([[[1.0]], [[1.0]]]), [[20.0]], [[0.0]]
    grads, floor = backward(net, X, y), rounding_floor(net, X, y)
    for g, f in zip(grads.weights, floor.weights):
        assert f[0, 0] < 1e-13 * abs(g[0, 0])


def test_floor_has_the_shapes_of_the_parameters() -> None:
    """Assert one floor per weight and bias entry."""
    net = random_network((3, 4, 2), 1, biases=True)
    floor = rounding_floor(net, np.ones((5, 3)), np.zeros((5, 2)))
    assert [f.shape for f in floor.weights] == [W.shape for W in net.weights]
    assert floor.biases is not None and [f.shape for f in floor.biases] == [b.shape for b in net.biases or ()]
