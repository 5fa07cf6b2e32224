"""Worked examples: every number a page can show, computed once from a spec.

`compute(spec)` is cached by the spec's fingerprint, so a page rebuilt under
`mkdocs serve` with unchanged inputs reuses the numbers from the last build.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcore.core.activations import sigmoid, sigmoid_prime
from gradcore.core.backward import Gradients, backward
from gradcore.core.choices import DEFAULT_LOSS
from gradcore.core.closed_forms import closed_form_gradients
from gradcore.core.errors import GradcoreError, SpecError
from gradcore.core.forward import ForwardPass, forward
from gradcore.core.gradcheck import (
    EPS,
    TOLERANCE,
    GradCheck,
    ParameterGradients,
    central_resolution,
    check_gradients,
    complex_step_gradients,
    kink_problem,
    numerical_gradients,
    relative_error,
    relative_errors,
)
from gradcore.core.network import Network, make_network
from gradcore.core.rounding import rounding_floor
from gradcore.core.training import TrainingRun, gradient_step, loss_of, train
from gradcore.examples.spec import ExampleSpec

CACHE_SIZE = 1024


class ExampleCheckError(GradcoreError):
    """The derivatives of an example disagree: the build must not go on."""


@dataclass(frozen=True)
class NetworkExample:
    """A network example with its forward pass, gradients, check and one step."""

    spec: ExampleSpec
    network: Network
    X: np.ndarray
    y: np.ndarray
    forward: ForwardPass
    loss: float
    gradients: Gradients
    check: GradCheck
    numeric: ParameterGradients  # central differences
    complex: ParameterGradients  # complex step
    closed_form_error: float | None
    stepped: Network
    stepped_forward: ForwardPass
    stepped_loss: float
    terms: tuple[Gradients, ...]  # one per example (row of X)
    training: TrainingRun

    @property
    def learning_rate(self) -> float:
        return self.spec.values["lr"]


@dataclass(frozen=True)
class SigmoidExample:
    """sigma and sigma' at a few points, with a central difference beside sigma'."""

    spec: ExampleSpec
    u: np.ndarray
    s: np.ndarray
    ds: np.ndarray
    fd: np.ndarray
    error: np.ndarray


def _network(spec: ExampleSpec) -> NetworkExample:
    values = spec.values
    depth = sum(1 for key in values if key.startswith("W"))
    weights = [values[f"W{k}"] for k in range(1, depth + 1)]
    biases = [values[f"b{k}"] for k in range(1, depth + 1)] if "b1" in values else None
    network = make_network(weights, biases, activations=values.get("activations", ()),
                           loss=values.get("loss", DEFAULT_LOSS))
    X, y = np.asarray(values["X"], dtype=np.float64), np.asarray(values["y"], dtype=np.float64)
    fwd = forward(network, X)
    for k, u in enumerate(fwd.pre_activations, start=1):
        _require_finite(f"u_{k}", u)
    problem = kink_problem(network, X)
    if problem:
        raise SpecError(problem, "activations")
    grads = backward(network, X, y, fwd)
    numeric, complex_ = numerical_gradients(network, X, y), complex_step_gradients(network, X, y)
    check = check_gradients(network, X, y, grads, numeric=numeric, complex_step=complex_)
    if not check.passed:
        raise ExampleCheckError(f"gradient check failed: {check.failure}")
    closed_error = None
    if values["formula"]:
        closed = closed_form_gradients(values["formula"], network, X, y)
        floor = rounding_floor(network, X, y).weights
        closed_error = max(relative_error(c, g) for c, g in zip(closed, grads.weights))
        if any(np.any((relative_errors(c, g) > TOLERANCE) & (np.abs(c - g) > f))
               for c, g, f in zip(closed, grads.weights, floor)):
            raise ExampleCheckError(f"closed form {values['formula']} disagrees with backpropagation: "
                                    f"relative error {closed_error:.3g} exceeds {TOLERANCE:g}")
    stepped = gradient_step(network, X, y, values["lr"])
    stepped_fwd = forward(stepped, X)
    terms = tuple(backward(network, X[j:j + 1], y[j:j + 1]) for j in range(X.shape[0]))
    run = train(network, X, y, values["lr"], values["steps"])
    return NetworkExample(spec, network, X, y, fwd, loss_of(network, fwd, y), grads, check,
                          numeric, complex_, closed_error, stepped, stepped_fwd,
                          loss_of(stepped, stepped_fwd, y), terms, run)


def _check_finite(example: NetworkExample) -> None:
    """Refuse an example whose numbers overflow: a page (and its JSON) may only show finite numbers."""
    named = [("the loss", example.loss), ("the loss after one step", example.stepped_loss),
             ("the training losses", example.training.losses)]
    for k in range(example.network.depth):
        named += [(f"u_{k + 1}", example.forward.pre_activations[k]), (f"delta_{k + 1}", example.gradients.deltas[k]),
                  (f"dL/dW_{k + 1}", example.gradients.weights[k]),
                  (f"W_{k + 1} after one step", example.stepped.weights[k]),
                  (f"the numerical dL/dW_{k + 1}", example.numeric.weights[k]),
                  (f"the complex-step dL/dW_{k + 1}", example.complex.weights[k])]
    for name, value in named:
        _require_finite(name, value)


def _require_finite(name: str, value: object) -> None:
    if not np.isfinite(np.asarray(value, dtype=np.float64)).all():
        raise ExampleCheckError(f"{name} overflows (NaN or infinite): the inputs are too large for float64; "
                                "keep |X W| and the weights small (|u| below about 1e300)")


def _sigmoid(spec: ExampleSpec) -> SigmoidExample:
    u = np.asarray([spec.values["points"]], dtype=np.float64)
    ds = sigmoid_prime(u)
    fd = (sigmoid(u + EPS) - sigmoid(u - EPS)) / (2 * EPS)
    error = np.array([[relative_error(d, f) for d, f in zip(ds[0], fd[0])]])
    if np.any((error > TOLERANCE) & (np.abs(ds - fd) > central_resolution(sigmoid(u)))):
        raise ExampleCheckError(f"sigma' disagrees with a central difference: {float(error.max()):.3g}")
    return SigmoidExample(spec, u, sigmoid(u), ds, fd, error)


_CACHE: dict[str, NetworkExample | SigmoidExample] = {}  # emptied when full: a server's edits come and go


def compute(spec: ExampleSpec) -> NetworkExample | SigmoidExample:
    """All the numbers of one example; equal inputs are computed only once."""
    key = spec.name + "\n" + spec.fingerprint
    if key in _CACHE:
        return _CACHE[key]
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below, in words
        example = _network(spec) if spec.kind == "network" else _sigmoid(spec)
    if isinstance(example, NetworkExample):
        _check_finite(example)
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = example
    return example


def cache_info() -> dict[str, int]:
    """How many examples are cached (used by tests and the benchmark)."""
    return {"size": len(_CACHE)}


def clear_cache() -> None:
    """Forget every computed example."""
    _CACHE.clear()
