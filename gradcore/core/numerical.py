"""Numerical derivatives of the loss with respect to every parameter.

These do not use backpropagation at all: they only evaluate the loss. That is
what makes them an independent check of `gradcore.core.backward`.

- Central differences: dL/dp ~ (L(p + eps) - L(p - eps)) / (2 eps). The
  truncation error is of order eps^2, the rounding error of order 1e-16 / eps.
- The complex step: dL/dp ~ Im L(p + i h) / h. Nothing is subtracted, so h can
  be tiny (1e-30) and the result is exact to rounding.

`relative_error` is the measure used to compare either of them with backprop.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from gradcore.core.choices import ACTIVATIONS, LOSSES, check_loss_targets
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.forward import check_inputs
from gradcore.core.limits import check_numerical_cost
from gradcore.core.network import Network
from gradcore.core.validation import Matrix, readonly, shape_text

__all__ = ["COMPLEX_STEP", "EPS", "ParameterGradients", "complex_step_gradients", "numerical_gradients",
           "relative_error", "relative_errors"]

EPS = 1e-6
"""Step of the central differences."""

COMPLEX_STEP = 1e-30
"""Step h of the complex-step derivative (it can be tiny: nothing is subtracted)."""

_FLOOR = float(np.finfo(np.float64).tiny)


def relative_error(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """How far apart two arrays of derivatives are: the largest relative error of any entry.

    For each entry i, e_i = |a_i - b_i| / (|a_i| + |b_i|), and the result is the
    largest e_i. (Where both entries are exactly zero, e_i = 0.) Each e_i lies
    in [0, 1]: opposite signs give 1. Entry by entry, a small gradient is held
    to the same relative standard as a large one. This one measure is used
    everywhere: in the gradient check, in the column of its table and in the
    "largest relative error" line under it.

    Raises:
        ShapeError: If the shapes differ.
    """
    errors = relative_errors(a, b)
    return math.nan if np.isnan(errors).any() else float(np.max(errors, initial=0.0))


def relative_errors(a: npt.ArrayLike, b: npt.ArrayLike) -> np.ndarray:
    """e_i of `relative_error` for every entry, shaped like a."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ShapeError(f"cannot compare arrays of shapes {shape_text(a)} and {shape_text(b)}")
    with np.errstate(over="ignore", invalid="ignore"):
        return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), _FLOOR)


_Derivative = Callable[[np.ndarray, tuple[int, ...], Callable[[], Any]], float]


@dataclass(frozen=True, eq=False)
class ParameterGradients:
    """dL/dW_k (and dL/db_k) for every layer, without the deltas.

    Attributes:
        weights: dL/dW_1..dL/dW_L, each shaped like its W_k.
        biases: dL/db_1..dL/db_L, or None for a network without biases.
    """

    weights: tuple[Matrix, ...]
    biases: tuple[Matrix, ...] | None = None


def _loss(net: Network, weights: list[np.ndarray], biases: list[np.ndarray] | None, X: Matrix, y: Matrix) -> Any:
    """The network's loss (1/2 sum (y - yhat)^2 in the series), with real or complex parameters."""
    l = u = X
    for k, (W, name) in enumerate(zip(weights, net.activations)):
        u = l @ W if biases is None else l @ W + biases[k]
        l = ACTIVATIONS[name].value(u)
    return LOSSES[net.loss].value(u, l, y)


def _each_entry(net: Network, X: Any, y: Any, dtype: type, derivative: _Derivative) -> ParameterGradients:
    """Apply `derivative` to every entry of every parameter (writable copies of type `dtype`)."""
    X = check_inputs(net, X)
    y = check_loss_targets(net.loss, y, (X.shape[0], net.layers[-1]))
    check_numerical_cost(net.parameter_count, X.shape[0])
    weights: list[np.ndarray] = [W.astype(dtype) for W in net.weights]
    biases: list[np.ndarray] | None = None if net.biases is None else [b.astype(dtype) for b in net.biases]
    grads = []
    for p in weights + (biases or []):
        g = np.empty(p.shape)
        for index in np.ndindex(p.shape):
            g[index] = derivative(p, index, lambda: _loss(net, weights, biases, X, y))
        grads.append(readonly(g))
    L = net.depth
    return ParameterGradients(tuple(grads[:L]), None if biases is None else tuple(grads[L:]))


def numerical_gradients(net: Network, X: Any, y: Any, eps: float = EPS) -> ParameterGradients:
    """dL/dp for every weight and bias p, by central differences.

    dL/dp ~ (L(p + eps) - L(p - eps)) / (2 eps), one parameter at a time.

    Args:
        net: The network.
        X: The input, m x n_0.
        y: The targets, m x n_L.
        eps: The step; the default `EPS` balances truncation and rounding.

    Returns:
        The gradients, shaped like the parameters.
    """
    if isinstance(eps, bool) or not isinstance(eps, (int, float)) or not 0 < eps < math.inf:
        raise InputError(f"eps must be a positive number, got {eps!r}")

    def central(p: np.ndarray, index: tuple[int, ...], loss: Callable[[], Any]) -> float:
        original = p[index]
        p[index] = original + eps
        plus = loss()
        p[index] = original - eps
        minus = loss()
        p[index] = original
        return (plus - minus) / (2 * eps)

    return _each_entry(net, X, y, np.float64, central)


def complex_step_gradients(net: Network, X: Any, y: Any) -> ParameterGradients:
    """dL/dp for every weight and bias p, by the complex step.

    dL/dp ~ Im L(p + i h) / h with h = `COMPLEX_STEP`: the activations and the
    losses are analytic (ReLU away from its kink), so this is exact to rounding
    (no difference is taken).

    Args:
        net: The network.
        X: The input, m x n_0.
        y: The targets, m x n_L.

    Returns:
        The gradients, shaped like the parameters.
    """
    def step(p: np.ndarray, index: tuple[int, ...], loss: Callable[[], Any]) -> float:
        original = p[index]
        p[index] = original + 1j * COMPLEX_STEP
        value = loss()
        p[index] = original
        return float(value.imag) / COMPLEX_STEP

    return _each_entry(net, X, y, np.complex128, step)
