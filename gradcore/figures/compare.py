"""The data of the comparison figures: one example's network rerun with other choices.

`vanishing` draws the mean size of each layer's delta with the example's
hidden activation swapped for each of sigmoid, tanh and ReLU (same weights,
same inputs); `slowdown` trains the example's start with half the squared
error and with binary cross-entropy. Both are computed with gradcore's own
backward pass and training, so the figure shows what the core computes.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from gradcore.core.backward import backward
from gradcore.core.network import Network
from gradcore.core.training import train
from gradcore.examples.worked import NetworkExample

__all__ = ["HIDDEN", "LOSSES_COMPARED", "deltas_by_activation", "losses_by_loss", "mean_sizes"]

HIDDEN = ("sigmoid", "tanh", "relu")
"""The hidden activations the `vanishing` figure compares, in the order it draws them."""

LOSSES_COMPARED = ("half_squared_error", "binary_cross_entropy")
"""The losses the `slowdown` figure trains with, in the order it draws them."""


def _with(example: NetworkExample, hidden: str | None = None, loss: str | None = None) -> Network:
    net = example.network
    activations = net.activations if hidden is None else (hidden,) * (net.depth - 1) + net.activations[-1:]
    return replace(net, activations=activations, loss=net.loss if loss is None else loss)


def mean_sizes(deltas: tuple[np.ndarray, ...] | list[np.ndarray]) -> list[float]:
    """The mean of |entries| of each delta, layer 1 first."""
    return [float(np.mean(np.abs(d))) for d in deltas]


def deltas_by_activation(example: NetworkExample) -> dict[str, list[float]]:
    """Mean |Delta l_k| for k = 1..K under each hidden activation of `HIDDEN`."""
    return {name: mean_sizes(backward(_with(example, hidden=name), example.X, example.y).deltas) for name in HIDDEN}


def losses_by_loss(example: NetworkExample) -> dict[str, tuple[float, ...]]:
    """The example's training run (its steps and learning rate) under each loss of `LOSSES_COMPARED`."""
    steps, rate = example.spec.values["steps"], example.learning_rate
    return {name: train(_with(example, loss=name), example.X, example.y, rate, steps).losses
            for name in LOSSES_COMPARED}
