"""Tests for gradcore.core.one_layer: parts 1-3 against backprop and central differences."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.errors import ShapeError
from gradcore.core.gradcheck import check_formula, relative_error
from gradcore.core.network import make_network, random_network
from gradcore.core.one_layer import part1_scalar, part2_vector, part3_batch, part3_batch_terms


def _assert_matches(closed: np.ndarray, W: Sequence, X: np.ndarray, y: np.ndarray) -> None:
    """The closed form equals backprop (to rounding) and central differences (within TOLERANCE)."""
    net = make_network([W])
    assert closed.shape == net.weights[0].shape
    assert relative_error(closed, backward(net, X, y).weights[0]) <= 1e-13
    check = check_formula(lambda *_: (closed,), net, X, y)
    assert check.passed, check.summary()


def _case(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw X in [-2, 2], y in (0, 1) and W scaled by 0.5.

    The sigmoid then stays out of saturation, where central differences lose precision (see test_numerical).
    """
    rng = np.random.default_rng(seed)
    return rng.uniform(-2, 2, (m, n)), rng.uniform(size=(m, 1)), random_network((n, 1), seed, scale=0.5).weights[0]


def test_part1_by_hand() -> None:
    """Assert part 1 for x = 2, w = 0.5, y = 1 against the scalar chain rule and a central difference."""
    yhat = 1 / (1 + math.exp(-1.0))
    expected = (yhat - 1) * yhat * (1 - yhat) * 2
    assert part1_scalar(2, 1, 0.5) == pytest.approx(expected, rel=1e-15)
    assert expected == pytest.approx(-0.105754, abs=5e-7)
    _assert_matches(np.array([[part1_scalar(2, 1, 0.5)]]), [[0.5]], np.array([[2.0]]), np.array([[1.0]]))


@pytest.mark.parametrize("seed", range(10))
def test_part1_random(seed: int) -> None:
    """Assert part 1 on random scalars."""
    X, y, W = _case(seed, 1, 1)
    _assert_matches(np.array([[part1_scalar(X, y, W)]]), W, X, y)


def test_part2_three_inputs() -> None:
    """Assert part 2 on one example of three components; one entry per input x_i."""
    X, y, W = np.array([[1.0, -2.0, 0.5]]), np.array([[1.0]]), [[0.1], [0.2], [-0.3]]
    grad = part2_vector(X, y, W)
    assert grad.shape == (3, 1)
    assert grad[1, 0] / grad[0, 0] == pytest.approx(-2.0, rel=1e-15)  # proportional to x_i
    _assert_matches(grad, W, X, y)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_part2_random(seed: int, n: int) -> None:
    """Assert part 2 on random single examples of n inputs."""
    X, y, W = _case(seed, n, 1)
    _assert_matches(part2_vector(X, y, W), W, X, y)


def test_part3_four_examples_of_three() -> None:
    """Assert part 3 on a batch of four examples; each term is part 2 on its row, and they add up."""
    X = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
    y, W = np.array([[0.0], [0.0], [1.0], [1.0]]), [[0.5], [-0.25], [0.1]]
    terms = part3_batch_terms(X, y, W)
    assert len(terms) == 4 and all(t.shape == (3, 1) for t in terms)
    for j, term in enumerate(terms):
        np.testing.assert_array_equal(term, part2_vector(X[j:j + 1], y[j:j + 1], W))
    np.testing.assert_allclose(part3_batch(X, y, W), sum(terms), rtol=0, atol=1e-17)
    _assert_matches(part3_batch(X, y, W), W, X, y)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(("n", "m"), [(1, 3), (3, 4), (5, 7)])
def test_part3_random(seed: int, n: int, m: int) -> None:
    """Assert part 3 on random batches."""
    X, y, W = _case(seed, n, m)
    _assert_matches(part3_batch(X, y, W), W, X, y)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: part1_scalar([[1.0, 2.0]], 1.0, 0.5), "x has shape 1 x 2 but must be 1 x 1"),
    (lambda: part2_vector(np.ones((2, 3)), 1.0, np.ones((3, 1))), "X has shape 2 x 3 but must have 1 row"),
    (lambda: part2_vector(np.ones((1, 3)), 1.0, np.ones((2, 1))), "W has shape 2 x 1 but must be 3 x 1"),
    (lambda: part3_batch(np.ones((4, 3)), np.ones((3, 1)), np.ones((3, 1))), "y has shape 3 x 1 but must be 4 x 1"),
])
def test_bad_shapes_are_refused(call: Callable[[], object], words: str) -> None:
    """Assert each part checks the shapes it assumes and names the culprit."""
    with pytest.raises(ShapeError, match=f"^{words}$"):
        call()
