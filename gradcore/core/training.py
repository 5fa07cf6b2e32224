"""Gradient descent: W_k <- W_k - eta dL/dW_k (and b_k likewise), repeated.

A step moves every parameter against its gradient by the learning rate eta;
a training run repeats the step and records the loss before the first step
and after each one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from gradcore.core.backward import Gradients, backpropagate, backward
from gradcore.core.choices import LOSSES, check_loss_targets
from gradcore.core.errors import InputError
from gradcore.core.forward import ForwardPass, check_inputs, propagate
from gradcore.core.limits import MAX_STEPS
from gradcore.core.network import Network
from gradcore.core.validation import Matrix, readonly

__all__ = ["TrainingRun", "gradient_step", "loss_of", "train"]


@dataclass(frozen=True, eq=False)
class TrainingRun:
    """The result of `train`.

    Attributes:
        losses: The loss before any step, then after each step (steps + 1 values).
        network: The network after the last step.
    """

    losses: tuple[float, ...]
    network: Network


def loss_of(net: Network, fwd: ForwardPass, y: Matrix) -> float:
    """The network's loss for a forward pass and checked targets, as a Python float."""
    return float(LOSSES[net.loss].value(fwd.pre_activations[-1], fwd.yhat, y))


def _check_learning_rate(learning_rate: Any) -> float:
    number = isinstance(learning_rate, (int, float)) and not isinstance(learning_rate, bool)
    if not number or not 0 < learning_rate < math.inf:
        raise InputError(f"learning rate must be a positive number, got {learning_rate!r}")
    return float(learning_rate)


def _check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= MAX_STEPS:
        raise InputError(f"steps must be a whole number from 0 to {MAX_STEPS:,}, got {steps!r}")
    return steps


def _descend(net: Network, grads: Gradients, learning_rate: float) -> Network:
    """The network one step downhill: W_k - eta dL/dW_k and b_k - eta dL/db_k."""
    with np.errstate(over="ignore", invalid="ignore"):
        weights = [W - learning_rate * dW for W, dW in zip(net.weights, grads.weights)]
        biases = None
        if net.biases is not None and grads.biases is not None:
            biases = [b - learning_rate * db for b, db in zip(net.biases, grads.biases)]
    if not all(np.isfinite(p).all() for p in weights + (biases or [])):
        raise InputError(f"learning rate {learning_rate!r} is so large that the weights overflowed; use a smaller one")
    # Same shapes as the checked network, and finite: no need to validate them again.
    return replace(net, weights=tuple(readonly(W) for W in weights),
                   biases=None if biases is None else tuple(readonly(b) for b in biases))


def gradient_step(net: Network, X: Any, y: Any, learning_rate: float) -> Network:
    """One step of gradient descent on the loss of the batch (X, y).

    Args:
        net: The network before the step.
        X: The input, m x n_0.
        y: The targets, m x n_L.
        learning_rate: The step size eta, a finite number > 0.

    Returns:
        A new network with W_k - eta dL/dW_k (and b_k - eta dL/db_k); `net` is unchanged.

    Raises:
        InputError: For a learning rate that is not a positive finite number, or bad X or y.
        ShapeError: If X or y do not fit the network.
    """
    eta = _check_learning_rate(learning_rate)
    return _descend(net, backward(net, X, y), eta)


def train(net: Network, X: Any, y: Any, learning_rate: float, steps: int) -> TrainingRun:
    """Repeat `gradient_step` and record the loss along the way.

    Args:
        net: The starting network.
        X: The input, m x n_0.
        y: The targets, m x n_L.
        learning_rate: The step size eta, a finite number > 0.
        steps: How many steps to take, 0 to `MAX_STEPS` (0 only measures the loss).

    Returns:
        A `TrainingRun` with steps + 1 losses and the final network.

    Raises:
        InputError: For a bad learning rate or number of steps, or bad X or y.
        ShapeError: If X or y do not fit the network.
    """
    eta, steps = _check_learning_rate(learning_rate), _check_steps(steps)
    X = check_inputs(net, X)
    y = check_loss_targets(net.loss, y, (X.shape[0], net.layers[-1]))
    losses = []
    for _ in range(steps):  # X and y were checked once above
        fwd = propagate(net, X)
        losses.append(loss_of(net, fwd, y))
        net = _descend(net, backpropagate(net, fwd, y), eta)
    losses.append(loss_of(net, propagate(net, X), y))
    return TrainingRun(tuple(losses), net)
