"""Check analytic gradients against two independent numerical derivatives.

Backprop is compared with central differences and with the complex step (see
`gradcore.numerical`) through `relative_error`; the check passes when both
errors stay within `TOLERANCE`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from gradcore.backward import Gradients, backward
from gradcore.errors import InputError, ShapeError
from gradcore.forward import check_inputs, forward
from gradcore.loss import check_targets, half_squared_error
from gradcore.network import Network
from gradcore.numerical import (
    COMPLEX_STEP,
    EPS,
    ParameterGradients,
    complex_step_gradients,
    numerical_gradients,
    relative_error,
)
from gradcore.validation import Matrix, shape_text

__all__ = ["COMPLEX_STEP", "EPS", "ROUNDING_SLACK", "TOLERANCE", "GradCheck", "ParameterGradients",
           "central_resolution", "check_formula", "check_gradients", "complex_step_gradients", "numerical_gradients",
           "relative_error"]

TOLERANCE = 1e-7
"""Largest relative error a correct gradient may show."""

ROUNDING_SLACK = 8.0
"""How many float64 roundings of the loss a central difference may carry.

A central difference divides a difference of two losses by 2 EPS, so it
cannot resolve gradients finer than about eps_machine x |L| / EPS. When a
sigmoid saturates, every gradient is that small and the relative error of
the central difference says nothing about the analytic gradient. Entries
whose gap to the central difference stays below
ROUNDING_SLACK x eps_machine x |L| / EPS then count as agreeing; the complex
step, which has no such floor, must still agree within TOLERANCE.
"""


@dataclass(frozen=True)
class GradCheck:
    """The outcome of a gradient check.

    Attributes:
        method: The numerical method of `max_rel_error` ("central-difference").
        max_rel_error: Relative error of the analytic gradient against central differences.
        max_rel_error_complex: Relative error of the analytic gradient against the complex step.
        worst: The parameter entry where they disagree most, e.g. "W_1[0, 2]" (0-based).
        passed: Whether both errors are within the tolerance.
        analytic: The analytic derivative at `worst`.
        numeric: The central difference at `worst`.
        complex_step: The complex-step derivative at `worst`.
        tolerance: The bound the errors were held to.
        central_resolution: The smallest gap central differences can resolve
            for this loss (see `ROUNDING_SLACK`); gaps below it are not counted.
    """

    method: str
    max_rel_error: float
    max_rel_error_complex: float
    worst: str
    passed: bool
    analytic: float = math.nan
    numeric: float = math.nan
    complex_step: float = math.nan
    tolerance: float = TOLERANCE
    central_resolution: float = 0.0

    def summary(self) -> str:
        """One line for people: verdict, both errors, and the worst entry with its three values."""
        verdict = "passed" if self.passed else "FAILED"
        return (f"gradient check {verdict}: relative error {self.max_rel_error:.3g} (central difference), "
                f"{self.max_rel_error_complex:.3g} (complex step), tolerance {self.tolerance:.3g}; "
                f"worst entry {self.worst}: analytic {self.analytic:.10g}, central difference {self.numeric:.10g}, "
                f"complex step {self.complex_step:.10g}")


def _entries(name: str, k: int, gradient: Any, param: Matrix) -> tuple[np.ndarray, list[str]]:
    g = np.asarray(gradient, dtype=np.float64)
    if g.shape != param.shape:
        raise ShapeError(f"dL/d{name}_{k} has shape {shape_text(g)} but {name}_{k} is {shape_text(param)}")
    return g.ravel(), [f"{name}_{k}[{i}, {j}]" for i, j in np.ndindex(param.shape)]


def _vector(net: Network, grads: Gradients | ParameterGradients, with_biases: bool) -> tuple[np.ndarray, list[str]]:
    """Every gradient entry in one vector, with a label such as "W_1[0, 2]" for each."""
    groups = [("W", grads.weights, net.weights)]
    if with_biases:
        if net.biases is None:
            raise ShapeError("bias gradients were given, but the network has no biases")
        groups.append(("b", grads.biases or (), net.biases))
    values, labels = [], []
    for name, gradients, params in groups:
        if len(gradients) != len(params):
            raise ShapeError(f"got {len(gradients)} dL/d{name} gradients for a network with "
                             f"{len(params)} {name} parameters; expected one per layer")
        for k, (g, p) in enumerate(zip(gradients, params), start=1):
            more, names = _entries(name, k, g, p)
            values.append(more)
            labels += names
    return np.concatenate(values), labels


def _check_tolerance(tolerance: float) -> None:
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 < tolerance < math.inf:
        raise InputError(f"tolerance must be a positive number, got {tolerance!r}")


def _compare(net: Network, X: Any, y: Any, analytic: Gradients | ParameterGradients, tolerance: float,
             numeric: ParameterGradients | None = None, complex_step: ParameterGradients | None = None) -> GradCheck:
    """Analytic against central differences and complex step (biases only if `analytic` has them)."""
    _check_tolerance(tolerance)
    with_biases = analytic.biases is not None
    a, labels = _vector(net, analytic, with_biases)
    n, _ = _vector(net, numeric or numerical_gradients(net, X, y), with_biases)
    c, _ = _vector(net, complex_step or complex_step_gradients(net, X, y), with_biases)
    error, error_complex = relative_error(a, n), relative_error(a, c)
    with np.errstate(invalid="ignore"):
        gap = np.maximum(np.abs(a - n), np.abs(a - c))
    i = int(np.argmax(np.where(np.isnan(gap), np.inf, gap)))  # a NaN counts as the worst entry
    resolution = _central_resolution(net, X, y)
    central_agrees = error <= tolerance or bool(np.all(np.abs(a - n) <= resolution))
    passed = bool(central_agrees and error_complex <= tolerance)
    return GradCheck("central-difference", error, error_complex, labels[i], passed,
                     float(a[i]), float(n[i]), float(c[i]), float(tolerance), resolution)


def central_resolution(value: npt.ArrayLike) -> np.ndarray:
    """The finest derivative a central difference can tell apart for a function of this size.

    See `ROUNDING_SLACK`: about eps_machine x |value| / EPS, times the slack.
    """
    return ROUNDING_SLACK * float(np.finfo(np.float64).eps) * np.abs(value) / EPS


def _central_resolution(net: Network, X: Any, y: Any) -> float:
    """The finest gradient a central difference can tell apart for this loss."""
    return float(central_resolution(half_squared_error(forward(net, X).yhat, y)))


def check_gradients(net: Network, X: Any, y: Any, analytic: Gradients | None = None,
                    tolerance: float = TOLERANCE, *, numeric: ParameterGradients | None = None,
                    complex_step: ParameterGradients | None = None) -> GradCheck:
    """Compare analytic gradients with central differences and with the complex step.

    Args:
        net: The network.
        X: The input, m x n_0.
        y: The targets, m x n_L.
        analytic: The gradients to check; by default those of `backward(net, X, y)`.
            Without bias gradients only the weights are checked (biases held fixed).
        tolerance: The largest relative error (see `relative_error`) that passes.
        numeric: Central differences already computed for (net, X, y), to reuse.
        complex_step: Complex-step derivatives already computed for (net, X, y), to reuse.

    Returns:
        A `GradCheck`; `passed` is False when either error exceeds the tolerance.

    Raises:
        ShapeError: If a gradient is not shaped like its parameter.
    """
    if analytic is None:
        analytic = backward(net, X, y)
    return _compare(net, X, y, analytic, tolerance, numeric, complex_step)


def check_formula(formula: Callable[[Network, Any, Any], Sequence[Any]], net: Network, X: Any, y: Any,
                  tolerance: float = TOLERANCE) -> GradCheck:
    """Check a closed-form formula for dL/dW_1..dL/dW_L against the numerical derivatives.

    Args:
        formula: Called as formula(net, X, y), with X and y already checked float64
            matrices; returns one weight gradient per layer, e.g.
            `functools.partial(closed_form_gradients, "part4")`.
        net: The network (biases, if any, are held fixed and not checked).
        X: The input.
        y: The targets.
        tolerance: The largest relative error that passes.

    Returns:
        A `GradCheck` of the formula's weight gradients.
    """
    X = check_inputs(net, X)
    y = check_targets(y, (X.shape[0], net.layers[-1]))
    weights = tuple(np.asarray(g, dtype=np.float64) for g in formula(net, X, y))
    return _compare(net, X, y, ParameterGradients(weights), tolerance)
