"""Check analytic gradients against two independent numerical derivatives.

Backprop is compared with central differences and with the complex step (see
`gradcore.core.numerical`), entry by entry, through `relative_error`'s measure; the
check passes when every entry agrees with the complex step within `TOLERANCE`
and with central differences within `TOLERANCE`; a gap below the entry's own
rounding error (`gradcore.core.rounding`), or for central differences below what
they can resolve (`ROUNDING_SLACK`), counts as agreement.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from gradcore.core.backward import Gradients, backward
from gradcore.core.choices import ACTIVATIONS, LOSSES, check_loss_targets
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.forward import ForwardPass, check_inputs, forward
from gradcore.core.limits import check_numerical_cost
from gradcore.core.network import Network
from gradcore.core.numerical import (
    COMPLEX_STEP,
    EPS,
    ParameterGradients,
    complex_step_gradients,
    numerical_gradients,
    relative_error,
    relative_errors,
)
from gradcore.core.rounding import rounding_floor
from gradcore.core.validation import Matrix, shape_text

__all__ = ["COMPLEX_STEP", "EPS", "ROUNDING_SLACK", "TOLERANCE", "GradCheck", "ParameterGradients",
           "central_resolution", "check_formula", "check_gradients", "complex_step_gradients", "kink_problem",
           "numerical_gradients", "relative_error", "relative_errors"]

TOLERANCE = 1e-7
"""Largest relative error a correct gradient may show."""

ROUNDING_SLACK = 8.0
"""How many float64 roundings of the loss a central difference may carry.

A central difference divides a difference of two losses by 2 EPS, so it
cannot resolve gradients finer than the loss's rounding error divided by
EPS. That rounding is not eps_machine x |L| alone: yhat carries an error of
about eps_machine x |yhat|, and L moves by (yhat - y) times it, which is far
more than eps_machine x |L| when the residuals are small (L = 0.0016 with
residuals of 0.04). So the loss's rounding is taken as eps_machine x
(|L| + sum |y - yhat| (|y| + |yhat|)). When a sigmoid saturates, or a
gradient entry nearly cancels over the examples, the relative error of the
central difference then says nothing about the analytic gradient. Entries
whose gap to the central difference stays below ROUNDING_SLACK times that
rounding, over EPS, count as agreeing; the complex step, which has no such
floor, must still agree within TOLERANCE.
"""


@dataclass(frozen=True)
class GradCheck:
    """The outcome of a gradient check, entry by entry.

    Every entry of every parameter is compared on its own with `relative_error`'s
    measure e = |a - b| / (|a| + |b|), so a tiny gradient cannot hide behind a
    large one in another layer. A gap below the entry's own rounding error
    (`gradcore.core.rounding`) counts as agreement; for central differences, so
    does a gap below their resolution (`ROUNDING_SLACK`).

    Attributes:
        method: The numerical method of `max_rel_error` ("central-difference").
        max_rel_error: The largest e of the analytic gradient against central differences.
        max_rel_error_complex: The largest e against the complex step.
        worst: The entry that failed, or else where the two differ most, e.g. "W_1[1, 3]" (1-based).
        passed: Whether every entry passes (see `failure`).
        analytic: The analytic derivative at `worst`.
        numeric: The central difference at `worst`.
        complex_step: The complex-step derivative at `worst`.
        tolerance: The bound the errors were held to.
        central_resolution: The smallest gap central differences can resolve
            for this loss (see `ROUNDING_SLACK`); gaps below it are not counted.
        labels: Every entry's name, in the order of the error tuples.
        central_errors: e of every entry against central differences.
        complex_errors: e of every entry against the complex step.
        failure: Why the check failed, naming the measure that failed ("" when it passed).
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
    labels: tuple[str, ...] = ()
    central_errors: tuple[float, ...] = ()
    complex_errors: tuple[float, ...] = ()
    failure: str = ""

    def summary(self) -> str:
        """One line for people: verdict, both errors, and the worst entry with its three values."""
        verdict = "passed" if self.passed else "FAILED"
        reason = f" ({self.failure})" if self.failure else ""
        return (f"gradient check {verdict}{reason}: largest relative error "
                f"{self.max_rel_error:.3g} (central difference), "
                f"{self.max_rel_error_complex:.3g} (complex step), tolerance {self.tolerance:.3g}; "
                f"entry {self.worst}: analytic {self.analytic:.10g}, central difference {self.numeric:.10g}, "
                f"complex step {self.complex_step:.10g}")


def _entries(name: str, k: int, gradient: Any, param: Matrix) -> tuple[np.ndarray, list[str]]:
    g = np.asarray(gradient, dtype=np.float64)
    if g.shape != param.shape:
        raise ShapeError(f"dL/d{name}_{k} has shape {shape_text(g)} but {name}_{k} is {shape_text(param)}")
    return g.ravel(), [f"{name}_{k}[{i + 1}, {j + 1}]" for i, j in np.ndindex(param.shape)]


def _vector(net: Network, grads: Gradients | ParameterGradients, with_biases: bool) -> tuple[np.ndarray, list[str]]:
    """Every gradient entry in one vector, with a 1-based label such as "W_1[1, 3]" for each."""
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


def _failure(labels: list[str], central: np.ndarray, complex_: np.ndarray, central_ok: np.ndarray,
             complex_ok: np.ndarray, tolerance: float) -> tuple[int | None, str]:
    """The worst failing entry and a sentence quoting the measure that failed; (None, "") if none."""
    if not complex_ok.all():  # a NaN is never ok
        i = int(np.argmax(np.where(complex_ok, -1.0, np.nan_to_num(complex_, nan=np.inf))))
        return i, (f"relative error {complex_[i]:.3g} against the complex step at {labels[i]} "
                   f"exceeds the tolerance {tolerance:.3g}")
    if not central_ok.all():
        i = int(np.argmax(np.where(central_ok, -1.0, np.nan_to_num(central, nan=np.inf))))
        return i, (f"relative error {central[i]:.3g} against central differences at {labels[i]} "
                   f"exceeds the tolerance {tolerance:.3g}, and the gap is above what central differences resolve")
    return None, ""


def _refuse_costly(net: Network, X: Any, numeric: ParameterGradients | None,
                   complex_step: ParameterGradients | None) -> None:
    """Refuse numerical derivatives too costly to compute (`check_numerical_cost`), unless both are given."""
    if numeric is None or complex_step is None:
        check_numerical_cost(net.parameter_count, check_inputs(net, X).shape[0])


def _compare(net: Network, X: Any, y: Any, analytic: Gradients | ParameterGradients, tolerance: float,
             numeric: ParameterGradients | None = None, complex_step: ParameterGradients | None = None) -> GradCheck:
    """Analytic against central differences and complex step (biases only if `analytic` has them)."""
    _check_tolerance(tolerance)
    fwd = forward(net, X)
    problem = _kink_problem(net, fwd)
    if problem:
        raise InputError(problem)
    with_biases = analytic.biases is not None
    a, labels = _vector(net, analytic, with_biases)
    n, _ = _vector(net, numeric or numerical_gradients(net, X, y), with_biases)
    c, _ = _vector(net, complex_step or complex_step_gradients(net, X, y), with_biases)
    floor, _ = _vector(net, rounding_floor(net, X, y), with_biases)
    central, complex_ = relative_errors(a, n), relative_errors(a, c)
    resolution = _central_resolution(net, fwd, y)
    with np.errstate(invalid="ignore"):
        complex_ok = (complex_ <= tolerance) | (np.abs(a - c) <= floor)
        central_ok = (central <= tolerance) | (np.abs(a - n) <= np.maximum(floor, resolution))
    i, failure = _failure(labels, central, complex_, central_ok, complex_ok, tolerance)
    if i is None:
        i = int(np.argmax(np.nan_to_num(np.maximum(central, complex_), nan=np.inf)))
    return GradCheck("central-difference", _largest(central), _largest(complex_), labels[i], not failure,
                     float(a[i]), float(n[i]), float(c[i]), float(tolerance), resolution, tuple(labels),
                     tuple(float(e) for e in central), tuple(float(e) for e in complex_), failure)


def _largest(errors: np.ndarray) -> float:
    """The largest entry; NaN if any entry is NaN (a NaN must not look like agreement)."""
    return float(np.max(errors, initial=0.0)) if not np.isnan(errors).any() else math.nan


def central_resolution(value: npt.ArrayLike) -> np.ndarray:
    """The finest derivative a central difference can tell apart for a function rounded by this much.

    See `ROUNDING_SLACK`: about eps_machine x |value| / EPS, times the slack,
    where `value` is the size the function's rounding scales with.
    """
    return ROUNDING_SLACK * float(np.finfo(np.float64).eps) * np.abs(value) / EPS


def kink_problem(net: Network, X: Any) -> str | None:
    """Why central differences would straddle a ReLU kink for this input, or None if they cannot.

    A step of EPS in one parameter of layer k moves u_k by at most EPS times the
    largest |l_(k-1)| (or 1, for a bias); the change then reaches u_(k+1) at most
    multiplied by the activation's largest slope and the largest |W_(k+1)|. A
    ReLU pre-activation closer to 0 than that reach may be on the other side
    of the kink in L(p + EPS) or L(p - EPS); their difference is then not the
    derivative, and the check would blame a right gradient.
    """
    return _kink_problem(net, forward(net, X))


def _kink_problem(net: Network, fwd: ForwardPass) -> str | None:
    moved = np.zeros_like(fwd.X)  # how far a step can move each entry of l_(k-1), example by example
    for k, (name, u) in enumerate(zip(net.activations, fwd.pre_activations), start=1):
        act = ACTIVATIONS[name]
        own = EPS * np.maximum(np.abs(fwd.layer(k - 1)).max(axis=1), 0.0 if net.biases is None else 1.0)
        upstream = moved @ np.abs(net.weights[k - 1]).max(axis=1)
        reach = np.maximum(own, upstream)[:, None]  # one bound per example, for every unit of the layer
        close = np.argwhere(np.abs(u) < reach) if act.kink else np.empty((0, 2))
        if close.size:
            r, j = (int(i) for i in close[0])
            return (f"u_{k}[{r + 1},{j + 1}] = {u[r, j]:.3g} lies closer to the {name} kink at 0 than a central "
                    f"difference moves it (up to {reach[r, 0]:.3g}): L(p + h) and L(p - h) would fall on both sides "
                    "of the kink, and their difference is not the derivative, so the gradient check would raise a "
                    f"false alarm; change the inputs or weights so that every {name} pre-activation is at least "
                    f"{reach[r, 0]:.3g} away from 0")
        moved = reach * act.slope * ((u > 0) if act.kink else np.ones_like(u))  # a ReLU held below 0 passes none
    return None


def _central_resolution(net: Network, fwd: ForwardPass, y: Any) -> float:
    """The finest gradient a central difference can tell apart for this loss."""
    y = check_loss_targets(net.loss, y, fwd.yhat.shape)
    return float(central_resolution(LOSSES[net.loss].rounding_scale(fwd.pre_activations[-1], fwd.yhat, y)))


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
    _refuse_costly(net, X, numeric, complex_step)  # before any pass: a request too large is refused at once
    if analytic is None:
        analytic = backward(net, X, y)
    return _compare(net, X, y, analytic, tolerance, numeric, complex_step)


def check_formula(formula: Callable[[Network, Any, Any], Sequence[Any]], net: Network, X: Any, y: Any,
                  tolerance: float = TOLERANCE, *, numeric: ParameterGradients | None = None) -> GradCheck:
    """Check a closed-form formula for dL/dW_1..dL/dW_L against the numerical derivatives.

    Args:
        formula: Called as formula(net, X, y), with X and y already checked float64
            matrices; returns one weight gradient per layer, e.g.
            `functools.partial(closed_form_gradients, "part4")`.
        net: The network (biases, if any, are held fixed and not checked).
        X: The input.
        y: The targets.
        tolerance: The largest relative error that passes.
        numeric: Central differences already computed for (net, X, y), to reuse.

    Returns:
        A `GradCheck` of the formula's weight gradients.
    """
    X = check_inputs(net, X)
    y = check_loss_targets(net.loss, y, (X.shape[0], net.layers[-1]))
    weights = tuple(np.asarray(g, dtype=np.float64) for g in formula(net, X, y))
    return _compare(net, X, y, ParameterGradients(weights), tolerance, numeric)
