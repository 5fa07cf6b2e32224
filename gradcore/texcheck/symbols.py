"""What a symbol of the series' notation means in a worked example.

The pages share one notation (see each part's "The network"): X or x is the
input l_0, W_k or w_k the weights of layer k, u_k and l_k the pre-activation
and output of layer k, yhat = l_K, y the targets, Delta l_k = dL/du_k, L the
loss, eta the learning rate, and a prime marks a weight after one step. Without
a layer number, W, w, u and Delta mean layer 1 of a one-layer network.

Indices follow the pages: a subscript (j) picks example j (a row); on
activations a superscript picks a node (a column, x^i, l_1^p); on weights it
picks row then column (w^i, w_1^{ip}, w_{k+1}^{pq}). Indices start at 1.
Letters in an index are free indices, given by the caller in `Indices`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from gradcore.core.choices import LOSSES, output_gradient
from gradcore.core.loss import half_squared_error, loss_gradient
from gradcore.examples.worked import NetworkExample, SigmoidExample

__all__ = ["SECOND_POINT_LETTERS", "SIGMOID_OTHER", "SIGMOID_POINT", "IndexOutOfRangeError", "Indices",
           "NeedsNetworkError", "NotationError", "Script", "UnknownSymbolError", "WrittenShapeError",
           "gradient_value", "is_transpose", "number_in_script", "script", "symbol_value"]

Indices = Mapping[str, int]

SIGMOID_POINT = "point"
"""The index that runs over the points of a sigmoid example (u is one point at a time)."""

SIGMOID_OTHER = "other point"
"""A second point of a sigmoid example, for the letters of an identity that must differ from u (a, y)."""

SECOND_POINT_LETTERS = ("a", "y", "L")
"""The letters of a sigmoid page that take their value from the second point."""


_TRANSPOSE = {"T", "\\top", "\\intercal", "\\mathsf{T}", "\\mathsfT", "\\mathrm{T}", "\\mathrmT", "{T}"}


def is_transpose(sup: str | None) -> bool:
    """Whether a superscript's text (without the ^ and outer braces) is a transpose: T, \\top, \\mathsf T..."""
    return sup is not None and sup.replace(" ", "") in _TRANSPOSE


class NotationError(ValueError):
    """A formula that breaks the series' notation or does not fit the example."""


class WrittenShapeError(NotationError):
    """A shape or matrix written with numbers that the value does not have (on a widened network, expected)."""


class UnknownSymbolError(NotationError):
    """A symbol, index or derivative that means nothing in the series' notation."""


class NeedsNetworkError(NotationError):
    """A symbol of a network (y, yhat, a gradient of L) on a page whose only example is a sigmoid one."""


class IndexOutOfRangeError(LookupError):
    """A free index took a value this example does not have (that assignment is skipped)."""


@dataclass(frozen=True)
class Script:
    """A subscript read as an optional layer and an optional example: `k+1,(j)` -> ("k+1", "j")."""

    layer: str | None
    example: str | None
    other: str | None = None  # e.g. "j=1" of a sum, or a shape "1 \\times 3"


_PART = re.compile(r"\s*(\((?P<example>[^()]+)\)|(?P<layer>[A-Za-z0-9+\-\s]+))\s*\Z")


def script(token: str | None) -> Script:
    """Read `_{k+1,(j)}`, `_2`, `_{(j)}` (a token with its leading _ or ^)."""
    if token is None:
        return Script(None, None)
    body = token[1:].strip()
    body = body[1:-1] if body.startswith("{") else body
    layer = example = None
    for part in body.split(","):
        match = _PART.match(part)
        if not match:
            return Script(None, None, body)
        if match["example"] is not None:
            example = match["example"].strip()
        else:
            layer = match["layer"].strip()
    return Script(layer, example)


def number_in_script(text: str, indices: Indices, example: NetworkExample) -> int:
    """The value of an index expression such as `k+1`, `K`, `2`, `m` or `n_K` (1-based)."""
    text = text.replace(" ", "")
    if text.startswith("n_"):
        widths = [example.X.shape[1]] + [W.shape[1] for W in example.network.weights]
        k = number_in_script(text[2:].strip("{}"), indices, example)
        if not 0 <= k < len(widths):
            raise IndexOutOfRangeError(text)
        return widths[k]
    total, sign = 0, 1
    for piece in re.findall(r"[+-]|[^+-]+", text):
        if piece in "+-":
            sign = 1 if piece == "+" else -1
            continue
        total += sign * _atom(piece, indices, example)
    return total


def _atom(piece: str, indices: Indices, example: NetworkExample) -> int:
    if piece.isdigit():
        return int(piece)
    if piece == "K":
        return example.network.depth
    if piece == "m":
        return example.X.shape[0]
    if piece in indices:
        return indices[piece]
    raise UnknownSymbolError(f"unknown index {piece!r}")


Layers = list[np.ndarray | None]


def _layer_arrays(example: NetworkExample, name: str) -> Layers:
    """Layer-indexed arrays: position k holds the quantity of layer k (None where it has none)."""
    fwd, grads, net = example.forward, example.gradients, example.network
    if name in ("x", "X", "l"):
        return [example.X, *fwd.activations]
    if name == "u":
        return [None, *fwd.pre_activations]
    if name == "\\Delta l":
        return [None, *grads.deltas]
    if name in ("w", "W"):
        return [None, *net.weights]
    if name == "b":
        return [None, *(net.biases or ())]
    raise UnknownSymbolError(f"unknown symbol {name}")


def _pick_layer(arrays: Layers, sub: Script, name: str, indices: Indices, example: NetworkExample) -> np.ndarray:
    if sub.layer is None:
        if name in ("x", "X"):
            return example.X
        if example.network.depth != 1:
            raise NotationError(f"{name} without a layer number is ambiguous in a "
                                f"{example.network.depth}-layer network")
    k = 1 if sub.layer is None else number_in_script(sub.layer, indices, example)
    value = arrays[k] if 0 <= k < len(arrays) else None
    if value is None:
        raise IndexOutOfRangeError(f"{name}_{k}")
    return value


def _pick(value: np.ndarray, sub: Script, sup: str | None, weights: bool, indices: Indices,
          example: NetworkExample) -> np.ndarray:
    """Apply an example subscript (row) and a superscript (node, or row and column of a weight)."""
    if sub.example is not None:
        j = number_in_script(sub.example, indices, example)
        if not 1 <= j <= value.shape[0]:
            raise IndexOutOfRangeError(f"example {j}")
        value = value[j - 1:j]
    if sup is None:
        return value
    letters = [c for c in sup if not c.isspace()]
    numbers = [number_in_script(c, indices, example) for c in letters]
    if weights:
        row, col = (numbers + [1])[:2] if len(numbers) == 1 else numbers
    elif len(numbers) == 1:
        if value.shape[0] != 1:
            raise NotationError("a node index on a quantity of several examples needs an example index (j)")
        row, col = 1, numbers[0]
    else:
        raise NotationError(f"an activation takes one node index, got ^{{{sup}}}")
    if not (1 <= row <= value.shape[0] and 1 <= col <= value.shape[1]):
        raise IndexOutOfRangeError(f"[{row}, {col}]")
    return value[row - 1:row, col - 1:col]


def symbol_value(name: str, sub_token: str | None, sup: str | None, prime: bool, indices: Indices,
                 example: NetworkExample | SigmoidExample) -> np.ndarray:
    """The value of one symbol (sup is the superscript text without ^T, or None)."""
    sub = script(sub_token)
    if isinstance(example, SigmoidExample):
        if sub_token is None and sup is None and not prime:
            return _scalar_value(name, indices, example)
        raise NeedsNetworkError(f"{name} with an index has no value in a sigmoid example")
    if name == "\\eta":
        return np.array([[example.learning_rate]])
    if name == "L":
        return _loss(example, sub, indices)
    if name in ("y", "\\hat{y}"):
        value = example.y if name == "y" else example.forward.yhat
        return _pick(value, sub, sup, False, indices, example)
    if name == "\\Delta" and sub.layer is None:
        return _pick(_pick_layer(_layer_arrays(example, "\\Delta l"), sub, "\\Delta", indices, example),
                     sub, sup, False, indices, example)
    source = example.stepped if prime else example.network
    if prime and name not in ("w", "W", "b"):
        raise NotationError(f"only weights and biases take a prime, not {name}")
    arrays = [None, *source.weights] if prime and name in ("w", "W") else (
        [None, *(source.biases or ())] if prime else _layer_arrays(example, name))
    value = _pick_layer(arrays, sub, name, indices, example)
    return _pick(value, sub, sup, name in ("w", "W", "b"), indices, example)


def _scalar_value(name: str, indices: Indices, example: SigmoidExample) -> np.ndarray:
    """A letter of the Introduction's identities, given values from the example's points.

    u and x are the point, a is another point; yhat is sigma at the point and y
    is sigma at the other point (both in (0, 1), like a prediction and a target),
    and L = 1/2 (y - yhat)^2 is the loss the series' backpropagation uses.
    """
    point, other = indices.get(SIGMOID_POINT, 0), indices.get(SIGMOID_OTHER, 0)
    at_point = {"u": example.u, "x": example.u, "\\hat{y}": example.s}
    at_other = {"a": example.u, "y": example.s}
    if name == "L":
        return np.array([[half_squared_error(example.s[:, point:point + 1], example.s[:, other:other + 1])]])
    if name in at_point:
        return at_point[name][:, point:point + 1]
    if name in at_other:
        return at_other[name][:, other:other + 1]
    raise NeedsNetworkError(f"{name} has no value in a sigmoid example (it has u, x, a, yhat, y and L)")


def _loss(example: NetworkExample, sub: Script, indices: Indices) -> np.ndarray:
    if sub.example is None and sub.layer is None:
        return np.array([[example.loss]])
    j = number_in_script(sub.example or "", indices, example)
    if not 1 <= j <= example.X.shape[0]:
        raise IndexOutOfRangeError(f"L_({j})")
    u, yhat, y = (a[j - 1:j] for a in (example.forward.pre_activations[-1], example.forward.yhat, example.y))
    return np.array([[float(LOSSES[example.network.loss].value(u, yhat, y))]])


def gradient_value(loss_sub: str | None, name: str, sub_token: str | None, sup: str | None, indices: Indices,
                   example: NetworkExample | SigmoidExample) -> np.ndarray:
    """dL/d(symbol) (or dL_(j)/dW_k) as backpropagation computed it."""
    if isinstance(example, SigmoidExample):
        if name == "\\hat{y}" and sub_token is None and sup is None and loss_sub is None:
            yhat = _scalar_value("\\hat{y}", indices, example)
            return loss_gradient(yhat, _scalar_value("y", indices, example))
        raise NeedsNetworkError("in a sigmoid example only dL/dyhat has a value")
    sub, loss = script(sub_token), script(loss_sub)
    grads = example.gradients
    if loss.example is not None:
        j = number_in_script(loss.example, indices, example)
        if not 1 <= j <= len(example.terms):
            raise IndexOutOfRangeError(f"L_({j})")
        grads = example.terms[j - 1]
    if name == "\\hat{y}":
        net, fwd = example.network, example.forward
        slope = output_gradient(net.loss, net.activations[-1], fwd.pre_activations[-1], fwd.yhat, example.y)
        return _pick(slope, sub, sup, False, indices, example)
    if name in ("w", "W", "b"):
        arrays = [None, *grads.weights] if name != "b" else [None, *(grads.biases or ())]
        return _pick(_pick_layer(arrays, sub, name, indices, example), sub, sup, True, indices, example)
    if name in ("u", "l"):
        deltas = [None, *grads.deltas]
        k_arrays = deltas if name == "u" else [
            None, *[d @ W.T for d, W in zip(grads.deltas[1:], example.network.weights[1:])]]
        return _pick(_pick_layer(k_arrays, sub, name, indices, example), sub, sup, False, indices, example)
    raise UnknownSymbolError(f"the gradient of L with respect to {name} is not a quantity of the example")
