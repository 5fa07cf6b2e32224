"""Names of the quantities a page can refer to, and their values.

Network examples (k is a layer number 1..L, j an example number 1..m):
    X, y, lr, W{k}, b{k}, u{k} (pre-activation), l{k} (l0 is X), yhat, loss,
    delta{k}, dW{k}, db{k}, dl{k} (dL/dl_k, the gradient arriving at l_k; dl{L} is dL/dyhat, yhat - y
    for the squared error), ds{k} (the activation's local derivative f_k'(u_k): l_k * (1 - l_k) for the
    sigmoid; none for softmax), check (largest relative error), check_complex,
    step.W{k}, step.b{k}, step.yhat, step.loss  (after one gradient-descent step),
    term{j}.dW{k}, term{j}.db{k}, term{j}.delta{k}  (example j's share of the gradient),
    train.loss  (the loss before and after each step of the training run, as a row).
Sigmoid examples: u, s (sigma(u)), ds (sigma'(u)), fd (central difference), error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from gradcore.core.choices import ACTIVATIONS, output_gradient
from gradcore.core.errors import GradcoreError
from gradcore.core.network import Network
from gradcore.examples.worked import NetworkExample, SigmoidExample

_LAYER = re.compile(r"(?P<name>W|b|u|l|delta|dW|db|dl|ds)(?P<k>\d+)\Z")
_TERM = re.compile(r"term(?P<j>\d+)\.(?P<rest>.+)\Z")
# What a definition gives (shown exactly as written); everything else is computed.
_GIVEN_NETWORK = re.compile(r"(X|y|lr|l0|W\d+|b\d+)\Z")
_GIVEN_SIGMOID = ("u",)


class QuantityError(GradcoreError):
    """A quantity name that does not exist for this example, and the names that do."""

    def __init__(self, problem: str, valid: str) -> None:
        super().__init__(f"{problem}; {valid}")
        self.problem, self.valid = problem, valid


def _row(value: float) -> np.ndarray:
    return np.array([[value]], dtype=np.float64)


def _parameter(network: Network, name: str, k: int) -> np.ndarray | None:
    """W_k or b_k of a network, or None when it has no such parameter."""
    if not 1 <= k <= len(network.weights):
        return None
    if name == "W":
        return network.weights[k - 1]
    return network.biases[k - 1] if network.biases is not None else None


def _layer_value(example: NetworkExample, name: str, k: int) -> np.ndarray | None:
    fwd, grads = example.forward, example.gradients
    if name == "l" and k == 0:
        return example.X
    if name in ("W", "b"):
        return _parameter(example.network, name, k)
    if not 1 <= k <= len(example.network.weights):
        return None
    biases = grads.biases
    if name == "db" and biases is None:
        return None
    table: dict[str, Callable[[], np.ndarray | None]] = {
        "u": lambda: fwd.pre_activations[k - 1], "l": lambda: fwd.activations[k - 1],
        "delta": lambda: grads.deltas[k - 1], "dW": lambda: grads.weights[k - 1],
        "db": lambda: biases[k - 1] if biases is not None else None,
        "dl": lambda: _upstream(example, k),
        "ds": lambda: _local_derivative(example, k),
    }
    return table[name]()


def _local_derivative(example: NetworkExample, k: int) -> np.ndarray | None:
    """f_k'(u_k); for the sigmoid written l_k (1 - l_k), as the pages do; None for softmax."""
    name = example.network.activations[k - 1]
    if name == "sigmoid":
        return example.forward.activations[k - 1] * (1 - example.forward.activations[k - 1])
    prime = ACTIVATIONS[name].prime
    return None if prime is None else prime(example.forward.pre_activations[k - 1])


def _upstream(example: NetworkExample, k: int) -> np.ndarray:
    """dL/dl_k: yhat - y at the output, else Delta l_(k+1) . W_(k+1)^T (what reaches l_k from above)."""
    if k == len(example.network.weights):
        net, fwd = example.network, example.forward
        return output_gradient(net.loss, net.activations[-1], fwd.pre_activations[-1], fwd.yhat, example.y)
    return example.gradients.deltas[k] @ example.network.weights[k].T


def _network_value(example: NetworkExample, name: str) -> np.ndarray | None:
    simple = {
        "X": lambda: example.X, "y": lambda: example.y, "lr": lambda: _row(example.learning_rate),
        "yhat": lambda: example.forward.yhat, "loss": lambda: _row(example.loss),
        "check": lambda: _row(example.check.max_rel_error),
        "check_complex": lambda: _row(example.check.max_rel_error_complex),
        "step.yhat": lambda: example.stepped_forward.yhat, "step.loss": lambda: _row(example.stepped_loss),
        "train.loss": lambda: np.array([example.training.losses], dtype=np.float64),
    }
    if name in simple:
        return simple[name]()
    if name.startswith("step."):
        match = _LAYER.match(name[5:])
        if match and match["name"] in ("W", "b"):
            return _parameter(example.stepped, match["name"], int(match["k"]))
        return None
    term = _TERM.match(name)
    if term:
        j = int(term["j"])
        match = _LAYER.match(term["rest"])
        if not (1 <= j <= len(example.terms) and match and match["name"] in ("dW", "db", "delta")):
            return None
        part = {"dW": example.terms[j - 1].weights, "db": example.terms[j - 1].biases,
                "delta": example.terms[j - 1].deltas}[match["name"]]
        k = int(match["k"])
        return part[k - 1] if part is not None and 1 <= k <= len(part) else None
    match = _LAYER.match(name)
    return _layer_value(example, match["name"], int(match["k"])) if match else None


def valid_names(example: NetworkExample | SigmoidExample) -> list[str]:
    """Every quantity name this example offers (for error messages)."""
    if isinstance(example, SigmoidExample):
        return ["u", "s", "ds", "fd", "error"]
    depth = len(example.network.weights)
    layers = "b{k}, db{k}, " if example.network.biases is not None else ""
    return ["X", "y", "lr",
            f"W{{k}}, u{{k}}, l{{k}}, delta{{k}}, dW{{k}}, dl{{k}}, ds{{k}}, {layers}for k = 1..{depth}",
            "yhat", "loss", "check", "check_complex", "step.W{k}", "step.yhat", "step.loss",
            f"term{{j}}.dW{{k}} for j = 1..{len(example.terms)}", "train.loss"]


def is_given(example: NetworkExample | SigmoidExample, name: str) -> bool:
    """True for a quantity the example's definition states (its inputs, targets, starting weights, rate)."""
    if isinstance(example, SigmoidExample):
        return name in _GIVEN_SIGMOID
    return _GIVEN_NETWORK.match(name) is not None


def is_error(example: NetworkExample | SigmoidExample, name: str) -> bool:
    """True for a relative error, which the number rule writes with ERROR_DIGITS digits."""
    return name in (("error",) if isinstance(example, SigmoidExample) else ("check", "check_complex"))


def quantity(example: NetworkExample | SigmoidExample, name: str) -> np.ndarray:
    """The value of `name` as a 2-D float64 array; QuantityError if unknown."""
    if isinstance(example, SigmoidExample):
        value = getattr(example, name, None) if name in ("u", "s", "ds", "fd", "error") else None
    else:
        value = _network_value(example, name)
    if value is None:
        raise QuantityError(f"unknown quantity {name!r} for example {example.spec.name!r}",
                            f"valid: {', '.join(valid_names(example))}")
    return value
