"""Tests for gradcore.core.training: one gradient step, and a run of them."""

from __future__ import annotations

import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.forward import forward
from gradcore.core.limits import MAX_STEPS
from gradcore.core.loss import half_squared_error
from gradcore.core.network import Network, make_network, random_network
from gradcore.core.training import TrainingRun, gradient_step, train

X = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
Y = np.array([[0.0], [0.0], [1.0], [1.0]])


def _loss(net: Network) -> float:
    return half_squared_error(forward(net, X).yhat, Y)


def test_step_moves_against_the_gradient() -> None:
    """Assert W_k' = W_k - eta dL/dW_k and b_k' = b_k - eta dL/db_k, exactly."""
    net = random_network((3, 2, 1), 0, biases=True)
    grads, stepped = backward(net, X, Y), gradient_step(net, X, Y, 0.5)
    for new, old, g in zip(stepped.weights + (stepped.biases or ()), net.weights + (net.biases or ()),
                           grads.weights + (grads.biases or ())):
        np.testing.assert_array_equal(new, old - 0.5 * g)


def test_step_leaves_the_original_network_alone() -> None:
    """Assert a step returns a new network and the old one keeps its weights."""
    net = random_network((3, 1), 1)
    before = net.weights[0].tobytes()
    assert gradient_step(net, X, Y, 1.0) is not net
    assert net.weights[0].tobytes() == before


def test_small_step_lowers_the_loss() -> None:
    """Assert a small step downhill decreases the loss."""
    net = random_network((3, 2, 1), 2)
    assert _loss(gradient_step(net, X, Y, 0.1)) < _loss(net)


def test_training_records_the_loss_before_and_after_each_step() -> None:
    """Assert steps + 1 losses, the first the starting loss, the last the final network's."""
    net = random_network((3, 2, 1), 3)
    run = train(net, X, Y, 0.5, 25)
    assert isinstance(run, TrainingRun) and len(run.losses) == 26
    assert run.losses[0] == _loss(net)
    assert run.losses[-1] == _loss(run.network)
    assert all(type(loss) is float for loss in run.losses)
    assert run.losses[-1] < run.losses[0]


def test_training_equals_repeated_steps() -> None:
    """Assert a run of three steps is three gradient steps."""
    net = random_network((3, 2, 1), 4, biases=True)
    stepped = net
    for _ in range(3):
        stepped = gradient_step(stepped, X, Y, 0.3)
    run = train(net, X, Y, 0.3, 3)
    assert all(a.tobytes() == b.tobytes() for a, b in zip(run.network.weights, stepped.weights))


def test_zero_steps_only_measures_the_loss() -> None:
    """Assert steps = 0 gives the starting loss and the same weights."""
    net = random_network((3, 1), 5)
    run = train(net, X, Y, 0.5, 0)
    assert run.losses == (_loss(net),)
    assert run.network.weights[0].tobytes() == net.weights[0].tobytes()


def test_training_is_deterministic() -> None:
    """Assert two equal runs give bit-identical losses and weights."""
    a = train(random_network((3, 2, 1), 6), X, Y, 0.5, 50)
    b = train(random_network((3, 2, 1), 6), X, Y, 0.5, 50)
    assert np.array(a.losses).tobytes() == np.array(b.losses).tobytes()
    assert all(x.tobytes() == y.tobytes() for x, y in zip(a.network.weights, b.network.weights))


def test_negative_learning_rate_is_refused() -> None:
    """Assert the message names the rule and the value given."""
    with pytest.raises(InputError, match=r"^learning rate must be a positive number, got -0\.1$"):
        train(random_network((3, 1), 0), X, Y, -0.1, 10)


@pytest.mark.parametrize("rate", [0, 0.0, float("nan"), float("inf"), "0.1", None, True])
def test_other_bad_learning_rates_are_refused(rate: object) -> None:
    """Assert zero, NaN, infinity, text, None and booleans are not learning rates."""
    with pytest.raises(InputError, match="learning rate must be a positive number"):
        gradient_step(random_network((3, 1), 0), X, Y, rate)  # type: ignore[arg-type]


@pytest.mark.parametrize("steps", [-1, MAX_STEPS + 1, 2.0, "10", False])
def test_bad_step_counts_are_refused(steps: object) -> None:
    """Assert steps must be a whole number from 0 to MAX_STEPS."""
    with pytest.raises(InputError, match=r"steps must be a whole number from 0 to 100,000"):
        train(random_network((3, 1), 0), X, Y, 0.5, steps)  # type: ignore[arg-type]


def test_overflowing_weights_are_reported() -> None:
    """Assert a learning rate so large the weights overflow is refused with a clear message."""
    net = make_network([[[0.0]]])  # yhat = 0.5, so dL/dW = 0.5 * 0.25 * 100 = 12.5
    with pytest.raises(InputError, match=r"learning rate 1e\+308 is so large that the weights overflowed"):
        gradient_step(net, [[100.0]], [[0.0]], 1e308)


def test_targets_must_fit_the_network() -> None:
    """Assert training checks y before the first step."""
    with pytest.raises(ShapeError, match="y must be 4 x 1"):
        train(random_network((3, 1), 0), X, Y[:2], 0.5, 5)
