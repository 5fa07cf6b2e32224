"""The computational graph of a network example as nodes with values; plain numbers, no drawing.

For one example (row) of the batch: X -> (.W_1) -> u_1 -> (sigma) -> l_1 ->
... -> u_L -> (sigma) -> yhat -> (loss) -> L, with W_k and y feeding their
operations from above. Each variable carries its forward value and, except
the data X and y, its gradient dL/d(variable) for this example alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcore.core.loss import half_squared_error
from gradcore.examples.worked import NetworkExample
from gradcore.markup.latex import format_number, shape_text

SHOWN_UP_TO = 3  # a vector with more entries is shown by its shape
STEP = 0.95  # distance between neighbours on the main row
RISE = 1.75  # height of the parameter row above the main row


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
    nodes = [GraphNode("x", "X", 0.0, 0.0, shown(X, digits, exact=True))]
    edges, x, previous = [], 0.0, "x"
    for k in range(1, depth + 1):
        u, l = example.forward.pre_activations[k - 1][r:r + 1], example.forward.activations[k - 1][r:r + 1]
        delta = share.deltas[k - 1]
        dl = yhat - y if k == depth else share.deltas[k] @ example.network.weights[k].T
        name = r"\hat{y}" if k == depth else f"l_{{{k}}}"
        nodes += [GraphNode(f"op-dot-{k}", r"\cdot", x + STEP, 0.0, op=True),
                  GraphNode(f"w{k}", f"W_{{{k}}}", x + STEP, RISE,
                            shown(example.network.weights[k - 1], digits, exact=True),
                            shown(share.weights[k - 1], digits)),
                  GraphNode(f"u{k}", f"u_{{{k}}}", x + 2 * STEP, 0.0, shown(u, digits), shown(delta, digits)),
                  GraphNode(f"op-sigma-{k}", r"\sigma", x + 3 * STEP, 0.0, op=True),
                  GraphNode(f"l{k}", name, x + 4 * STEP, 0.0, shown(l, digits), shown(dl, digits))]
        edges += [(previous, f"op-dot-{k}"), (f"w{k}", f"op-dot-{k}"), (f"op-dot-{k}", f"u{k}"),
                  (f"u{k}", f"op-sigma-{k}"), (f"op-sigma-{k}", f"l{k}")]
        x, previous = x + 4 * STEP, f"l{k}"
    nodes += [GraphNode("op-loss", r"\frac{1}{2}\Sigma", x + STEP, 0.0, op=True),
              GraphNode("y", "y", x + STEP, RISE, shown(y, digits, exact=True)),
              GraphNode("loss", "L", x + 2 * STEP, 0.0, (format_number(half_squared_error(yhat, y), digits),), ("1",))]
    edges += [(previous, "op-loss"), ("y", "op-loss"), ("op-loss", "loss")]
    return nodes, edges
