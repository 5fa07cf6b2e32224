"""Tests for gradcore.core.backward: a hand-computed network, then the random suite against two oracles."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.forward import forward
from gradcore.core.gradcheck import check_gradients, complex_step_gradients, numerical_gradients, relative_error
from gradcore.core.network import Network, make_network, random_network

Case = tuple[Network, np.ndarray, np.ndarray]


def _s(u: float) -> float:
    return 1 / (1 + math.exp(-u))


def test_one_one_one_by_hand(tiny_net: Network) -> None:
    """Assert backprop on x = 0.5, w1 = 0.8, w2 = -1.2, y = 1 equals the scalar chain rule."""
    x, w1, w2, y = 0.5, 0.8, -1.2, 1.0
    l1 = _s(x * w1)
    yhat = _s(l1 * w2)
    dL_dyhat = yhat - y  # L = 1/2 (y - yhat)^2
    dyhat_du2 = yhat * (1 - yhat)  # sigma' = sigma (1 - sigma)
    dW2 = dL_dyhat * dyhat_du2 * l1  # du2/dw2 = l1
    dW1 = dL_dyhat * dyhat_du2 * w2 * l1 * (1 - l1) * x  # du2/dl1 = w2, dl1/du1 = l1 (1 - l1), du1/dw1 = x

    grads = backward(tiny_net, [[x]], [[y]])
    assert grads.weights[1][0, 0] == pytest.approx(dW2, rel=1e-14)
    assert grads.weights[0][0, 0] == pytest.approx(dW1, rel=1e-14)
    assert grads.deltas[1][0, 0] == pytest.approx(dL_dyhat * dyhat_du2, rel=1e-14)
    assert grads.biases is None
    # the same numbers, rounded: l1 = 0.59869, yhat = 0.32774, delta2 = -0.14812
    assert (dW2, dW1) == pytest.approx((-0.088676, 0.021352), abs=5e-7)


def test_one_one_one_with_biases_by_hand() -> None:
    """Assert dL/db_k equals dL/du_k for one example: the bias gradient is the delta."""
    x, w1, b1, w2, b2, y = -1.5, 0.3, 0.2, 2.0, -0.7, 0.0
    l1 = _s(x * w1 + b1)
    yhat = _s(l1 * w2 + b2)
    delta2 = (yhat - y) * yhat * (1 - yhat)
    delta1 = delta2 * w2 * l1 * (1 - l1)
    grads = backward(make_network([[[w1]], [[w2]]], [[[b1]], [[b2]]]), [[x]], [[y]])
    assert grads.biases is not None
    assert grads.biases[1][0, 0] == pytest.approx(delta2, rel=1e-14)
    assert grads.biases[0][0, 0] == pytest.approx(delta1, rel=1e-14)
    assert grads.weights[0][0, 0] == pytest.approx(delta1 * x, rel=1e-14)


def test_random_suite_matches_central_differences_and_complex_step(random_case: Case) -> None:
    """Assert backprop, central differences and the complex step agree on every parameter."""
    net, X, y = random_case
    grads = backward(net, X, y)
    numeric, exact = numerical_gradients(net, X, y), complex_step_gradients(net, X, y)
    for a, c in zip(grads.weights, exact.weights):
        assert relative_error(a, c) <= 1e-13
    assert (grads.biases is None) == (net.biases is None)
    for a, c in zip(grads.biases or (), exact.biases or ()):
        assert relative_error(a, c) <= 1e-13
    # central differences: within TOLERANCE, or within what they can resolve (entry by entry)
    check = check_gradients(net, X, y, grads, numeric=numeric, complex_step=exact)
    assert check.passed, check.summary()


def test_shapes_follow_the_parameters(random_case: Case) -> None:
    """Assert Delta l_k is m x n_k, dL/dW_k is shaped like W_k and dL/db_k like b_k."""
    net, X, y = random_case
    grads = backward(net, X, y)
    m = X.shape[0]
    assert [d.shape for d in grads.deltas] == [(m, n) for n in net.layers[1:]]
    assert [g.shape for g in grads.weights] == [W.shape for W in net.weights]
    assert [g.shape for g in grads.biases or ()] == [b.shape for b in net.biases or ()]


def test_batch_gradient_is_the_sum_of_example_gradients() -> None:
    """Assert the loss is a sum, so the batch gradient adds the gradients of its rows."""
    net = random_network((3, 4, 2), 11, biases=True)
    X, y = np.linspace(-1, 1, 15).reshape(5, 3), np.linspace(0.1, 0.9, 10).reshape(5, 2)
    whole = backward(net, X, y)
    parts = [backward(net, X[j:j + 1], y[j:j + 1]) for j in range(5)]
    for k in range(2):
        np.testing.assert_allclose(whole.weights[k], sum(p.weights[k] for p in parts), rtol=1e-13, atol=1e-16)


def test_a_given_forward_pass_is_reused() -> None:
    """Assert passing forward(net, X) gives the same result as leaving it out."""
    net = random_network((2, 3, 1), 4)
    X, y = [[0.5, -1.0]], [[0.25]]
    a, b = backward(net, X, y), backward(net, X, y, forward(net, X))
    assert all(x.tobytes() == z.tobytes() for x, z in zip(a.weights + a.deltas, b.weights + b.deltas))


def test_a_forward_pass_of_another_x_is_refused() -> None:
    """Assert a cached forward pass for different inputs is detected."""
    net = random_network((2, 1), 4)
    with pytest.raises(InputError, match="fwd was computed for a different X"):
        backward(net, [[0.5, -1.0]], [[0.25]], forward(net, [[0.0, 0.0]]))


def test_targets_of_wrong_shape_are_refused() -> None:
    """Assert y must have one row per example and one column per output."""
    with pytest.raises(ShapeError, match="y has shape 1 x 1 but yhat is 1 x 2"):
        backward(random_network((2, 2), 0), [[1.0, 2.0]], [[1.0]])


def test_backward_is_deterministic() -> None:
    """Assert equal inputs give bit-identical gradients."""
    X, y = [[0.1, 0.2, 0.3], [-1.0, 0.5, 2.0]], [[1.0], [0.0]]
    a = backward(random_network((3, 4, 3, 1), 2, biases=True), X, y)
    b = backward(random_network((3, 4, 3, 1), 2, biases=True), X, y)
    assert all(x.tobytes() == z.tobytes() for x, z in zip(a.weights + (a.biases or ()), b.weights + (b.biases or ())))
