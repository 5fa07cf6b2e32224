"""The activation of each layer and the loss: the choices an example can make, and the rules they follow.

Backpropagation needs two things of an activation f: its values, and how it
turns the gradient arriving at its output, dL/df(u), into dL/du; for an
element-wise f that is dL/df(u) * f'(u), for softmax the product with its
Jacobian. Of a loss it needs dL/dyhat at the output. The output delta is then
one rule, delta_K = dL/dyhat * f'(u_K), except for the two pairs where f'
cancels (sigmoid with binary cross-entropy, softmax with cross-entropy):
there delta_K = yhat - y, computed without cancelling.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradcore.core import activations as f
from gradcore.core import loss as losses
from gradcore.core.errors import InputError
from gradcore.core.validation import Matrix

__all__ = ["ACTIVATIONS", "DEFAULT_ACTIVATION", "DEFAULT_LOSS", "LOSSES", "Activation", "Loss", "check_choices",
           "check_loss_targets", "output_gradient", "target_problem"]

DEFAULT_ACTIVATION = "sigmoid"
DEFAULT_LOSS = "half_squared_error"


@dataclass(frozen=True)
class Activation:
    """One activation: its values, its derivative (None where it is not element-wise) and f(u) - y.

    Attributes:
        name: The name an example uses.
        value: f(u), for real or complex u.
        prime: f'(u) element by element, or None for softmax (its Jacobian is not diagonal).
        residual: f(u) - y, computed without cancelling where f(u) is near y.
        slope: The largest |f'(u)|: how far a change in u can move f(u).
        kink: Whether f has a kink at u = 0 (ReLU), where a derivative is undefined.
    """

    name: str
    value: Callable[[Any], np.ndarray]
    prime: Callable[[Any], np.ndarray] | None
    residual: Callable[[np.ndarray, np.ndarray], np.ndarray]
    slope: float
    kink: bool = False

    def backprop(self, u: np.ndarray, g: np.ndarray) -> np.ndarray:
        """dL/du from g = dL/df(u): g * f'(u), or for softmax s, s_i (g_i - sum_j g_j s_j).

        The softmax form is summed as s_i sum_j (g_i - g_j) s_j (the same, as the
        s_j sum to 1), so that a saturated s_i near 1 does not cancel g_i against itself.
        """
        if self.prime is not None:
            return g * self.prime(u)
        s = f.softmax(u)
        return s * np.sum((g[:, :, None] - g[:, None, :]) * s[:, None, :], axis=2)

    def size(self, u: np.ndarray, g_size: np.ndarray) -> np.ndarray:
        """`backprop` with every term made positive: the size its rounding error scales with."""
        if self.prime is not None:
            return g_size * np.abs(self.prime(u))
        s = f.softmax(u)
        return s * np.sum((g_size[:, :, None] + g_size[:, None, :]) * s[:, None, :], axis=2)


@dataclass(frozen=True)
class Loss:
    """One loss, summed over the examples of a batch.

    Attributes:
        name: The name an example uses.
        value: L from (u_K, yhat, y), real or complex u_K: a log is taken of u_K, stably, not of yhat.
        gradient: dL/dyhat from (the output activation, u_K, y).
        output: The output activation the loss needs, or None if any will do.
        fused: Whether delta_K = yhat - y (f' cancels against dL/dyhat).
    """

    name: str
    value: Callable[[np.ndarray, np.ndarray, np.ndarray], Any]
    gradient: Callable[[Activation, np.ndarray, np.ndarray], np.ndarray]
    output: str | None
    fused: bool

    def delta(self, act: Activation, u: np.ndarray, y: np.ndarray) -> np.ndarray:
        """delta_K = dL/du_K: yhat - y where f' cancels, else dL/dyhat * f'(u_K)."""
        return act.residual(u, y) if self.fused else act.backprop(u, self.gradient(act, u, y))

    def delta_size(self, act: Activation, u: np.ndarray, yhat: np.ndarray, y: np.ndarray) -> np.ndarray:
        """What the rounding error of `delta` scales with."""
        size = np.abs(yhat) + np.abs(y)
        return size if self.fused else act.size(u, size)

    def rounding_scale(self, u: np.ndarray, yhat: np.ndarray, y: np.ndarray) -> float:
        """What the rounding error of L scales with: |L| plus how far rounding in the output can move it.

        For the squared error, yhat's rounding eps |yhat| moves L by |y - yhat| times it; for a
        cross-entropy, computed from u, u's rounding eps |u| moves L by |yhat - y| times it.
        """
        residual = np.abs(y - yhat)
        if not self.fused:
            return float(0.5 * np.sum(residual ** 2) + np.sum(residual * (np.abs(y) + np.abs(yhat))))
        return float(abs(self.value(u, yhat, y)) + np.sum(residual * (np.abs(u) + 1.0)))


def _squared_error_gradient(act: Activation, u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dyhat = yhat - y."""
    return act.residual(u, y)


def _binary_gradient(act: Activation, u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dyhat = (yhat - y) / (yhat (1 - yhat)) for yhat = sigma(u)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return act.residual(u, y) / f.sigmoid_prime(u)


def _categorical_gradient(act: Activation, u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dyhat = -y / yhat (0 where y = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y == 0, 0.0, -y / act.value(u))


def _tanh_residual(u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """tanh(u) - y, as (1 - y) - 2 sigma(-2u) or 2 sigma(2u) - (1 + y): no cancelling near +-1."""
    with np.errstate(invalid="ignore"):
        return np.where(u.real >= 0, (1 - y) - 2 * f.sigmoid(-2 * u), 2 * f.sigmoid(2 * u) - (1 + y))


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", f.sigmoid, f.sigmoid_prime, losses.output_residual, 0.25),
    "tanh": Activation("tanh", f.tanh, f.tanh_prime, _tanh_residual, 1.0),
    "relu": Activation("relu", f.relu, f.relu_prime, lambda u, y: f.relu(u) - y, 1.0, kink=True),
    "softmax": Activation("softmax", f.softmax, None, losses.softmax_residual, 1.0),
}
"""Every activation by name; softmax is allowed on the output layer only."""

LOSSES: dict[str, Loss] = {
    "half_squared_error": Loss("half_squared_error", lambda u, yhat, y: np.sum((y - yhat) ** 2) / 2,
                               _squared_error_gradient, None, fused=False),
    "binary_cross_entropy": Loss("binary_cross_entropy", lambda u, yhat, y: losses.binary_cross_entropy(u, y),
                                 _binary_gradient, "sigmoid", fused=True),
    "cross_entropy": Loss("cross_entropy", lambda u, yhat, y: losses.cross_entropy(u, y),
                          _categorical_gradient, "softmax", fused=True),
}
"""Every loss by name, each summed over the examples (not averaged)."""


def output_gradient(loss: str, activation: str, u: np.ndarray, yhat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dyhat: yhat - y for the series' squared error, as its pages write it, else the loss's own gradient."""
    if loss == DEFAULT_LOSS:
        return yhat - y
    return LOSSES[loss].gradient(ACTIVATIONS[activation], u, y)


def _names(choices: dict[str, Any]) -> str:
    return ", ".join(choices)


def check_choices(activations: Sequence[str], loss: str, widths: Sequence[int]) -> None:
    """Refuse an unknown name, a softmax on a hidden layer, or a loss paired with the wrong output.

    Args:
        activations: One name per weight layer, W_1 first.
        loss: The loss's name.
        widths: The layer widths n_0..n_L.

    Raises:
        InputError: Naming what is wrong and what would be valid.
    """
    depth = len(widths) - 1
    if len(activations) != depth:
        raise InputError(f"got {len(activations)} activation(s) for {depth} layer(s); give one name per layer")
    for k, name in enumerate(activations, start=1):
        if name not in ACTIVATIONS:
            raise InputError(f"unknown activation {name!r} for layer {k}; valid: {_names(ACTIVATIONS)}")
        if name == "softmax" and k < depth:
            raise InputError(f"softmax on hidden layer {k}: softmax is for the output layer only "
                             "(it turns the last layer into probabilities); use sigmoid, tanh or relu there")
    if activations[-1] == "softmax" and widths[-1] < 2:
        raise InputError("softmax on a layer of one output is always 1; give the output layer two or more units")
    if loss not in LOSSES:
        raise InputError(f"unknown loss {loss!r}; valid: {_names(LOSSES)}")
    needed = LOSSES[loss].output
    if needed is not None and activations[-1] != needed:
        raise InputError(f"the loss {loss} needs a {needed} output layer, but layer {depth} uses "
                         f"{activations[-1]}; make the last activation {needed}")


def target_problem(loss: str, y: np.ndarray) -> str | None:
    """Why targets y do not suit the loss, or None if they do (cross-entropy needs probabilities)."""
    if loss == DEFAULT_LOSS:
        return None
    outside = np.argwhere((y < 0) | (y > 1))
    if outside.size:
        i, j = (int(v) + 1 for v in outside[0])
        return f"y[{i},{j}] = {y[i - 1, j - 1]:g} is outside [0, 1]: {loss} needs targets that are probabilities"
    if loss == "cross_entropy":
        sums = y.sum(axis=1)
        off = np.flatnonzero(np.abs(sums - 1) > 1e-12)
        if off.size:
            i = int(off[0])
            return (f"row {i + 1} of y sums to {sums[i]:.15g}, not 1: cross_entropy with softmax needs each "
                    "row of targets to be a probability distribution (e.g. one-hot [0, 1, 0])")
    return None


def check_loss_targets(loss: str, y: Any, yhat_shape: tuple[int, ...]) -> Matrix:
    """y as a matrix shaped like yhat (`gradcore.core.loss.check_targets`) that suits the loss.

    Raises:
        InputError: If y is not a finite numeric matrix, or not probabilities where a cross-entropy needs them.
        ShapeError: If y's shape is not `yhat_shape`.
    """
    y = losses.check_targets(y, yhat_shape)
    problem = target_problem(loss, y)
    if problem:
        raise InputError(problem)
    return y
