"""The computational graph of a network example as nodes with values; plain numbers, no drawing.

For one example (row) of the batch: X -> (.W_1) -> u_1 -> (f_1) -> l_1 ->
... -> u_L -> (f_L) -> yhat -> (loss) -> L, with W_k and y feeding their
operations from above. Each variable carries its forward value and, except
the data X and y, its gradient dL/d(variable) for this example alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcore.core.choices import LOSSES, output_gradient
from gradcore.examples.worked import NetworkExample
from gradcore.markup.latex import format_number, shape_text

SHOWN_UP_TO = 3  # a vector with more entries is shown by its shape
STEP = 0.95  # distance between neighbours on the main row
RISE = 1.75  # height of the parameter row above the main row
# How each activation and loss is written on its operation node (mathtext); the long names get a wider circle.
# (softmax is set on two lines, "soft" over "max": one mathtext run per line.)
ACTIVATION_SIGNS = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}",
                    "softmax": "\\mathrm{soft}$\n$\\mathrm{max}"}
WIDE_SIGNS = {r"\tanh", r"\mathrm{ReLU}", ACTIVATION_SIGNS["softmax"], r"\mathrm{BCE}"}
LOSS_SIGNS = {"half_squared_error": r"\frac{1}{2}\Sigma", "binary_cross_entropy": r"\mathrm{BCE}",
              "cross_entropy": r"\mathrm{CE}"}


@dataclass(frozen=True)
class GraphNode:
    """A variable (or, with `op` set, an operation) of the graph, at (x, y)."""

    gid: str
    name: str  # TeX
    x: float
    y: float
    value: tuple[str, ...] = ()  # forward value, TeX lines
    gradient: tuple[str, ...] = ()  # dL/d(this), TeX lines
    op: bool = False
    wide: bool = False  # an operation whose name needs a variable's circle (ReLU, softmax)


def shown(matrix: np.ndarray, digits: int, *, exact: bool = False) -> tuple[str, ...]:
    """A short vector as one number per line (given numbers `exact`); anything larger as its shape."""
    matrix = np.atleast_2d(matrix)
    if 1 in matrix.shape and matrix.size <= SHOWN_UP_TO:
        return tuple(format_number(v, digits, exact=exact) for v in matrix.ravel())
    return (shape_text(matrix),)


def graph_nodes(example: NetworkExample, row: int, digits: int) -> tuple[list[GraphNode], list[tuple[str, str]]]:
    """The nodes of the graph for example `row` (from 1), and its edges as (from gid, to gid)."""
    r, depth = row - 1, example.network.depth
    share = example.terms[r]  # this example's own deltas and gradients
    X, y = example.X[r:r + 1], example.y[r:r + 1]
    yhat = example.forward.activations[-1][r:r + 1]
    net, u_out = example.network, example.forward.pre_activations[-1][r:r + 1]
    loss = LOSSES[net.loss]
    nodes = [GraphNode("x", "X", 0.0, 0.0, shown(X, digits, exact=True))]
    edges, x, previous = [], 0.0, "x"
    for k in range(1, depth + 1):
        u, l = example.forward.pre_activations[k - 1][r:r + 1], example.forward.activations[k - 1][r:r + 1]
        delta = share.deltas[k - 1]
        dl = (output_gradient(net.loss, net.activations[-1], u_out, yhat, y) if k == depth
              else share.deltas[k] @ net.weights[k].T)
        name = r"\hat{y}" if k == depth else f"l_{{{k}}}"
        nodes += [GraphNode(f"op-dot-{k}", r"\cdot", x + STEP, 0.0, op=True),
                  GraphNode(f"w{k}", f"W_{{{k}}}", x + STEP, RISE,
                            shown(example.network.weights[k - 1], digits, exact=True),
                            shown(share.weights[k - 1], digits)),
                  GraphNode(f"u{k}", f"u_{{{k}}}", x + 2 * STEP, 0.0, shown(u, digits), shown(delta, digits)),
                  _operation(f"op-sigma-{k}", ACTIVATION_SIGNS[net.activations[k - 1]], x + 3 * STEP),
                  GraphNode(f"l{k}", name, x + 4 * STEP, 0.0, shown(l, digits), shown(dl, digits))]
        edges += [(previous, f"op-dot-{k}"), (f"w{k}", f"op-dot-{k}"), (f"op-dot-{k}", f"u{k}"),
                  (f"u{k}", f"op-sigma-{k}"), (f"op-sigma-{k}", f"l{k}")]
        x, previous = x + 4 * STEP, f"l{k}"
    value = float(loss.value(u_out, yhat, y))
    nodes += [_operation("op-loss", LOSS_SIGNS[net.loss], x + STEP),
              GraphNode("y", "y", x + STEP, RISE, shown(y, digits, exact=True)),
              GraphNode("loss", "L", x + 2 * STEP, 0.0, (format_number(value, digits),), ("1",))]
    edges += [(previous, "op-loss"), ("y", "op-loss"), ("op-loss", "loss")]
    return nodes, edges


def _operation(gid: str, sign: str, x: float) -> GraphNode:
    return GraphNode(gid, sign, x, 0.0, op=True, wide=sign in WIDE_SIGNS)
