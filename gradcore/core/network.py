"""A network: its weight matrices W_1..W_L, optionally its biases b_1..b_L, its activations and its loss.

Row-vector convention: layer k maps a 1 x n_in row to a 1 x n_out row, so W_k
is n_in x n_out and b_k is 1 x n_out. Every array is a read-only float64 copy,
so a network cannot change after it is made.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradcore.core.choices import DEFAULT_ACTIVATION, DEFAULT_LOSS, check_choices
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.limits import check_parameters
from gradcore.core.validation import Matrix, as_matrix, plural, readonly, shape_text

__all__ = ["Network", "make_network", "random_network"]


@dataclass(frozen=True, eq=False)
class Network:
    """Weights (and optional biases) of a fully connected network, with its activations and loss.

    Build one with `make_network` or `random_network`; they check the shapes.
    The activations and the loss are checked here (`gradcore.core.choices`).

    Attributes:
        weights: W_1..W_L; W_k is n_(k-1) x n_k.
        biases: b_1..b_L, each 1 x n_k, or None for a network without biases.
        activations: The activation of each layer by name, e.g. ("tanh", "sigmoid");
            empty means sigmoid everywhere, the series' network.
        loss: The loss's name; half_squared_error by default.
    """

    weights: tuple[Matrix, ...]
    biases: tuple[Matrix, ...] | None = None
    activations: tuple[str, ...] = ()
    loss: str = DEFAULT_LOSS

    def __post_init__(self) -> None:
        names = tuple(self.activations) or (DEFAULT_ACTIVATION,) * len(self.weights)
        check_choices(names, self.loss, self.layers)
        object.__setattr__(self, "activations", names)

    @property
    def parameter_count(self) -> int:
        """How many numbers the network learns: every weight and every bias."""
        return sum(W.size for W in self.weights) + sum(b.size for b in self.biases or ())

    @property
    def layers(self) -> tuple[int, ...]:
        """Widths from input to output, e.g. (3, 2, 1) for 3 inputs, 2 hidden nodes, 1 output."""
        return (self.weights[0].shape[0], *(W.shape[1] for W in self.weights))

    @property
    def depth(self) -> int:
        """The number L of weight layers."""
        return len(self.weights)


def _check_chain(weights: Sequence[Matrix]) -> None:
    """Each W_k must have as many rows as W_(k-1) has columns."""
    for k in range(2, len(weights) + 1):
        W, outputs = weights[k - 1], weights[k - 2].shape[1]
        if W.shape[0] != outputs:
            raise ShapeError(f"W_{k} has shape {shape_text(W)} but W_{k - 1} outputs {plural(outputs, 'value')}; "
                             f"W_{k} must have {plural(outputs, 'row')}")


def _weights(weights: Sequence[Any]) -> tuple[Matrix, ...]:
    if not isinstance(weights, (list, tuple)):
        raise InputError(f"weights must be a list of matrices [W_1, ..., W_L], got {type(weights).__name__}")
    if not weights:
        raise InputError("an empty network: give a list of weight matrices [W_1, ..., W_L] with at least W_1")
    return tuple(as_matrix(f"W_{k}", W) for k, W in enumerate(weights, start=1))


def _biases(biases: Sequence[Any], weights: Sequence[Matrix]) -> tuple[Matrix, ...]:
    if not isinstance(biases, (list, tuple)) or len(biases) != len(weights):
        given = plural(len(biases), "bias", "biases") if isinstance(biases, (list, tuple)) else type(biases).__name__
        raise InputError(f"got {given} for {plural(len(weights), 'weight layer')}; "
                         "give a list with one bias b_k (1 x n_out) per layer, or None")
    return tuple(as_matrix(f"b_{k}", b, rows=1, cols=W.shape[1])
                 for k, (b, W) in enumerate(zip(biases, weights), start=1))


def make_network(weights: Sequence[Any], biases: Sequence[Any] | None = None, *,
                 activations: Sequence[str] = (), loss: str = DEFAULT_LOSS) -> Network:
    """Check the weights (and biases) of a network and build it.

    Args:
        weights: W_1..W_L as nested lists or arrays; W_k is n_(k-1) x n_k.
        biases: None, or b_1..b_L, each 1 x n_k.
        activations: One activation name per layer (see `gradcore.core.choices.ACTIVATIONS`);
            empty for sigmoid everywhere.
        loss: The loss's name (see `gradcore.core.choices.LOSSES`).

    Returns:
        A `Network` holding read-only float64 copies.

    Raises:
        InputError: For an empty network, non-numeric or non-finite entries,
            a wrong number of biases, more parameters than the limit, or
            activations and a loss that do not fit (unknown, softmax on a hidden layer).
        ShapeError: If consecutive weight matrices do not chain, or a bias has the wrong shape.
    """
    matrices = _weights(weights)
    _check_chain(matrices)
    checked = None if biases is None else _biases(biases, matrices)
    check_parameters(sum(W.size for W in matrices) + sum(b.size for b in checked or ()))
    return Network(matrices, checked, _names(activations), loss)


def _names(activations: Sequence[str]) -> tuple[str, ...]:
    if isinstance(activations, str) or not isinstance(activations, (list, tuple)):
        raise InputError(f"activations must be a list of names, one per layer, got {activations!r}")
    return tuple(activations)


def _check_widths(layers: Sequence[int]) -> None:
    if len(layers) < 2 or any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in layers):
        raise InputError(f"layers must list at least two positive whole widths (input .. output), "
                         f"e.g. (3, 2, 1); got {tuple(layers)!r}")


def random_network(layers: Sequence[int], seed: int, *, biases: bool = False, scale: float = 1.0,
                   activations: Sequence[str] = (), loss: str = DEFAULT_LOSS) -> Network:
    """A network of the given widths with standard-normal weights times `scale`.

    The weights are drawn first, layer by layer, then the biases; so the same
    seed gives the same weights with and without biases.

    Args:
        layers: Widths from input to output, e.g. (3, 2, 1).
        seed: Seed for `numpy.random.default_rng`; equal seeds give equal networks.
        biases: Whether to draw biases too.
        scale: Factor applied to every drawn value.
        activations: One activation name per layer; empty for sigmoid everywhere.
        loss: The loss's name.

    Returns:
        A new `Network`.

    Raises:
        InputError: For bad widths, seed or scale, or more parameters than the limit.
    """
    _check_widths(layers)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a whole number >= 0, got {seed!r}")
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale):
        raise InputError(f"scale must be a finite number, got {scale!r}")
    shapes = list(itertools.pairwise(layers))
    check_parameters(sum(a * b for a, b in shapes) + (sum(layers[1:]) if biases else 0))
    rng = np.random.default_rng(seed)
    weights = tuple(readonly(scale * rng.standard_normal(shape)) for shape in shapes)
    drawn = tuple(readonly(scale * rng.standard_normal((1, n))) for _, n in shapes) if biases else None
    return Network(weights, drawn, _names(activations), loss)
