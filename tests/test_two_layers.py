"""Tests for gradcore.core.two_layers: parts 4-6 against backprop and central differences."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.errors import ShapeError
from gradcore.core.gradcheck import check_formula, numerical_gradients, relative_error
from gradcore.core.network import make_network, random_network
from gradcore.core.two_layers import part4_one_hidden, part5_hidden_layer, part6_batch, part6_batch_terms


def _assert_matches(closed: tuple[np.ndarray, np.ndarray], W1: np.ndarray, W2: np.ndarray, X: np.ndarray,
                    y: np.ndarray) -> None:
    """Both gradients equal backprop (to rounding) and central differences (within TOLERANCE)."""
    net = make_network([W1, W2])
    analytic, numeric = backward(net, X, y), numerical_gradients(net, X, y)  # numeric: checked by check_formula
    for k in range(2):
        assert closed[k].shape == net.weights[k].shape
        assert relative_error(closed[k], analytic.weights[k]) <= 1e-13
    check = check_formula(lambda *_: closed, net, X, y, numeric=numeric)
    assert check.passed, check.summary()


def _case(seed: int, n: int, h: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Draw X in [-2, 2], y in (0, 1) and weights scaled by 0.5.

    The sigmoids then stay out of saturation, where central differences lose precision (see test_numerical).
    """
    rng = np.random.default_rng(seed)
    W1, W2 = random_network((n, h, 1), seed, scale=0.5).weights
    return rng.uniform(-2, 2, (m, n)), rng.uniform(size=(m, 1)), W1, W2


def test_part4_one_one_one_by_hand() -> None:
    """Assert part 4 on x = 0.5, W_1 = 0.8, W_2 = -1.2, y = 1 against the scalar chain rule."""
    def s(u: float) -> float:
        return 1 / (1 + math.exp(-u))

    l1 = s(0.4)
    yhat = s(-1.2 * l1)
    delta = (yhat - 1) * yhat * (1 - yhat)
    dW1, dW2 = part4_one_hidden([[0.5]], [[1.0]], [[0.8]], [[-1.2]])
    assert dW2[0, 0] == pytest.approx(delta * l1, rel=1e-15)
    assert dW1[0, 0] == pytest.approx(delta * -1.2 * l1 * (1 - l1) * 0.5, rel=1e-15)


def test_part4_three_inputs() -> None:
    """Assert part 4 with three inputs: dL/dW_1 is 3 x 1 and proportional to X^T."""
    X, y, W1, W2 = np.array([[1.0, -2.0, 0.5]]), np.array([[0.0]]), [[0.3], [0.1], [-0.4]], [[0.9]]
    dW1, dW2 = part4_one_hidden(X, y, W1, W2)
    assert dW1[1, 0] / dW1[0, 0] == pytest.approx(-2.0, rel=1e-15)
    _assert_matches((dW1, dW2), W1, W2, X, y)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("n", [1, 3])
def test_part4_random(seed: int, n: int) -> None:
    """Assert part 4 on random single examples."""
    X, y, W1, W2 = _case(seed, n, 1, 1)
    _assert_matches(part4_one_hidden(X, y, W1, W2), W1, W2, X, y)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(("n", "h"), [(1, 1), (3, 1), (3, 2), (3, 4), (2, 5)])
def test_part5_random(seed: int, n: int, h: int) -> None:
    """Assert part 5 (h hidden nodes, element by element) on random single examples."""
    X, y, W1, W2 = _case(seed, n, h, 1)
    _assert_matches(part5_hidden_layer(X, y, W1, W2), W1, W2, X, y)


def test_part5_with_one_hidden_node_is_part4() -> None:
    """Assert part 5 reduces to part 4 when h = 1."""
    X, y, W1, W2 = _case(3, 3, 1, 1)
    for a, b in zip(part5_hidden_layer(X, y, W1, W2), part4_one_hidden(X, y, W1, W2)):
        np.testing.assert_allclose(a, b, rtol=1e-15, atol=0)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(("n", "h", "m"), [(1, 1, 2), (3, 2, 4), (3, 4, 6)])
def test_part6_random(seed: int, n: int, h: int, m: int) -> None:
    """Assert part 6 (a batch) on random batches, and that its terms add up to it."""
    X, y, W1, W2 = _case(seed, n, h, m)
    total, terms = part6_batch(X, y, W1, W2), part6_batch_terms(X, y, W1, W2)
    assert len(terms) == m
    for k in range(2):
        np.testing.assert_allclose(total[k], sum(t[k] for t in terms), rtol=1e-15, atol=1e-17)
    _assert_matches(total, W1, W2, X, y)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: part4_one_hidden(np.ones((1, 3)), 1.0, np.ones((3, 2)), np.ones((2, 1))),
     "W_1 has shape 3 x 2 but must be 3 x 1"),
    (lambda: part5_hidden_layer(np.ones((1, 3)), 1.0, np.ones((2, 2)), np.ones((2, 1))),
     "W_1 has shape 2 x 2 but must have 3 rows"),
    (lambda: part5_hidden_layer(np.ones((1, 3)), 1.0, np.ones((3, 2)), np.ones((3, 1))),
     "W_2 has shape 3 x 1 but must be 2 x 1"),
    (lambda: part6_batch(np.ones((4, 3)), np.ones((4, 2)), np.ones((3, 2)), np.ones((2, 1))),
     "y has shape 4 x 2 but must be 4 x 1"),
])
def test_bad_shapes_are_refused(call: Callable[[], object], words: str) -> None:
    """Assert each part checks the shapes it assumes and names the culprit."""
    with pytest.raises(ShapeError, match=f"^{words}$"):
        call()
