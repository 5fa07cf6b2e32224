"""A second example with the same shapes and other values, to check equations on.

An equation checked at one point can pass by coincidence: with a target of
0, (yhat - y) and (yhat + y) agree; with a learning rate of 1, w - eta dL/dw
and w - dL/dw agree. So every equation is also evaluated on a variant of the
page's example whose inputs, targets, weights, biases and learning rate are
moved to values with no such coincidence (targets stay in (0, 1)).
"""

from __future__ import annotations

import math
from typing import Any

from gradcore.examples.spec import ExampleSpec
from gradcore.examples.worked import NetworkExample, SigmoidExample, compute

__all__ = ["variant", "variants", "widened"]

Example = NetworkExample | SigmoidExample


def _moved(matrix: list[list[float]], scale: float, shift: float) -> list[list[float]]:
    """Each entry scaled and shifted by an amount that differs from entry to entry."""
    return [[scale * value + shift * (1 + 0.37 * i + 0.23 * j) for j, value in enumerate(row)]
            for i, row in enumerate(matrix)]


def _as_targets(y: list[list[float]], loss: str | None) -> list[list[float]]:
    """Targets the loss accepts: for cross_entropy with softmax, each row scaled to sum to 1."""
    if loss != "cross_entropy":
        return y
    return [[v / sum(row) for v in row] for row in y]


def variant(example: Example) -> Example:
    """The example with its numbers moved off any coincidence (see the module)."""
    spec, values = example.spec, dict(example.spec.values)
    if spec.kind == "sigmoid":
        values["points"] = [0.8 * p + 0.31 for p in values["points"]]
    else:
        values["X"] = _moved(values["X"], 1.1, 0.07)
        values["y"] = [[0.15 + 0.6 * min(max(v, 0.0), 1.0) + 0.05 * ((i + j) % 3) for j, v in enumerate(row)]
                       for i, row in enumerate(values["y"])]
        for key in [k for k in values if k[:1] in "Wb" and k[1:].isdigit()]:
            values[key] = _moved(values[key], 0.9, 0.05)
        values["y"] = _as_targets(values["y"], values.get("loss"))
        values["lr"] = 0.37
        values["formula"] = None
        values["steps"] = 0
    return compute(ExampleSpec(spec.name + "~variant", spec.kind, values))


def _padded(matrix: list[list[float]], rows: int, columns: int, seed: float) -> list[list[float]]:
    """The matrix grown to rows x columns; each new entry a different value away from 0."""
    return [[matrix[i][j] if i < len(matrix) and j < len(matrix[0])
             else round(0.45 * math.sin(1.7 * i + 2.9 * j + seed) + 0.08, 6) for j in range(columns)]
            for i in range(rows)]


def widened(example: NetworkExample, rows: int = 1) -> NetworkExample:
    """The variant of a network example with the input and every hidden layer at least 2 wide.

    The depth and the number of outputs stay; the batch has at least `rows`
    examples. On it a 1 x 1 weight or delta of the page becomes a matrix, so a
    dropped transpose or a matrix product written for an element-wise one
    (or the reverse) no longer goes unnoticed.
    """
    moved = variant(example)
    values: dict[str, Any] = dict(moved.spec.values)
    depth = example.network.depth
    widths = [max(example.X.shape[1], 2)] + [max(W.shape[1], 2) for W in example.network.weights[:-1]]
    widths.append(example.network.weights[-1].shape[1])
    m = max(example.X.shape[0], rows)
    values["X"] = _padded(values["X"], m, widths[0], 0.3)
    values["y"] = [[0.2 + 0.6 * (0.5 + 0.5 * math.sin(1.3 * i + 0.7 * j)) if i >= len(values["y"]) else v
                    for j, v in enumerate(values["y"][min(i, len(values["y"]) - 1)])] for i in range(m)]
    values["y"] = _as_targets(values["y"], values.get("loss"))
    for k in range(1, depth + 1):
        values[f"W{k}"] = _padded(values[f"W{k}"], widths[k - 1], widths[k], 1.1 * k)
        if f"b{k}" in values:
            values[f"b{k}"] = _padded(values[f"b{k}"], 1, widths[k], 0.5 * k)
    result = compute(ExampleSpec(example.spec.name + "~wide", "network", values))
    assert isinstance(result, NetworkExample)
    return result


Variants = tuple[Example, NetworkExample | None, NetworkExample | None]
_MADE: dict[str, Variants] = {}


def variants(example: Example) -> Variants:
    """The example's variant, its widened variant and its widened variant of at least 2 examples (made once).

    The widened ones are None for a sigmoid example, which has no shapes to widen.
    """
    key = example.spec.fingerprint
    if key not in _MADE:
        if len(_MADE) > 64:
            _MADE.clear()
        if isinstance(example, SigmoidExample):
            _MADE[key] = (variant(example), None, None)
        else:
            _MADE[key] = (variant(example), widened(example), widened(example, 2))
    return _MADE[key]
