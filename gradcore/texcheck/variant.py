"""A second example with the same shapes and other values, to check equations on.

An equation checked at one point can pass by coincidence: with a target of
0, (yhat - y) and (yhat + y) agree; with a learning rate of 1, w - eta dL/dw
and w - dL/dw agree. So every equation is also evaluated on a variant of the
page's example whose inputs, targets, weights, biases and learning rate are
moved to values with no such coincidence (targets stay in (0, 1)).
"""

from __future__ import annotations

from gradcore.examples.spec import ExampleSpec
from gradcore.examples.worked import NetworkExample, SigmoidExample, compute

__all__ = ["variant"]

Example = NetworkExample | SigmoidExample


def _moved(matrix: list[list[float]], scale: float, shift: float) -> list[list[float]]:
    """Each entry scaled and shifted by an amount that differs from entry to entry."""
    return [[scale * value + shift * (1 + 0.37 * i + 0.23 * j) for j, value in enumerate(row)]
            for i, row in enumerate(matrix)]


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
        values["lr"] = 0.37
        values["formula"] = None
        values["steps"] = 0
    return compute(ExampleSpec(spec.name + "~variant", spec.kind, values))
