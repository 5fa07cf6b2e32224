"""Where a figure puts things: plain numbers, no drawing, so captions can use them too.

In a network diagram, layers are columns LAYER_GAP apart (VALUE_GAP where
numbered labels stand in several columns); nodes are centred on y = 0,
NODE_GAP apart, node 1 on top. Between two layers with more than
LABEL_ALL_UP_TO edges only the edges leaving the layer's first node are
labelled, so a 3-4-3-1 network stays readable. The sigmoid plot spans
`u_range(example)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.figures.names import node_name, weight_name
from gradcore.markup.latex import format_number

LAYER_GAP = 3.0
VALUE_GAP = 4.2  # room for two columns of labels such as w_1^{12} = -0.400
NODE_GAP = 1.15
RADIUS = 0.3
LABEL_ALL_UP_TO = 6
REACH = 6.0  # the sigmoid plot spans at least -REACH..REACH


@dataclass(frozen=True)
class Node:
    """One node: layer k (0 is the input), index j from 1, its centre, name and optional value."""

    k: int
    j: int
    x: float
    y: float
    name: str
    value: str | None


@dataclass(frozen=True)
class Edge:
    """The edge of weight w_k^{ij}; `label` is None when the edge is drawn without one."""

    k: int
    i: int
    j: int
    start: Node
    end: Node
    label: str | None
    where: float  # where the label sits, as a fraction of the way from start to end


def column_x(layers: tuple[int, ...], values: str) -> list[float]:
    """The x of every layer's column.

    Labels with numbers are wide. Where every edge between two layers is
    labelled and the labels stand in several columns (one per target node),
    those two layers are set VALUE_GAP apart; elsewhere the labels share one
    column and LAYER_GAP is enough.
    """
    numbered = values in ("weights", "gradients")
    xs = [0.0]
    for n_in, n_out in zip(layers, layers[1:]):
        wide = numbered and all_labelled(n_in, n_out) and n_out > 1
        xs.append(xs[-1] + (VALUE_GAP if wide else LAYER_GAP))
    return xs


def all_labelled(n_in: int, n_out: int) -> bool:
    """True when every edge between layers of these widths carries its label."""
    return n_in * n_out <= LABEL_ALL_UP_TO


def nodes(example: NetworkExample, values: str, row: int, digits: int) -> list[list[Node]]:
    """The nodes of every layer; with values=activations each carries its value for example `row`."""
    layers = example.network.layers
    outputs = [example.X] + list(example.forward.activations)
    columns, xs = [], column_x(layers, values)
    for k, width in enumerate(layers):
        column = []
        for j in range(1, width + 1):
            y = ((width + 1) / 2 - j) * NODE_GAP
            value = _number(outputs[k][row - 1, j - 1], digits, given=k == 0) if values == "activations" else None
            column.append(Node(k, j, xs[k], y, node_name(k, j, layers), value))
        columns.append(column)
    return columns


def edges(example: NetworkExample, columns: list[list[Node]], values: str, digits: int) -> list[Edge]:
    """Every edge, in the order of the weights; labels say the weight's name and, if asked, a value."""
    layers, found = example.network.layers, []
    for k in range(1, len(layers)):
        n_in, n_out = layers[k - 1], layers[k]
        for start in columns[k - 1]:
            for end in columns[k]:
                shown = all_labelled(n_in, n_out) or start.j == 1
                label = _label(example, k, start.j, end.j, values, digits) if shown else None
                found.append(Edge(k, start.j, end.j, start, end, label, _where(start.j, end.j, n_in, n_out)))
    return found


def _label(example: NetworkExample, k: int, i: int, j: int, values: str, digits: int) -> str:
    name = weight_name(k, i, j, example.network.layers)
    if values == "weights":
        return f"{name} = {_number(example.network.weights[k - 1][i - 1, j - 1], digits, given=True)}"
    if values == "gradients":
        return _number(example.gradients.weights[k - 1][i - 1, j - 1], digits)
    return name


def _where(i: int, j: int, n_in: int, n_out: int) -> float:
    """Labels into different target nodes sit at different depths along their edges."""
    if not all_labelled(n_in, n_out):
        return 0.62
    if n_out == 1:
        return 0.5 if n_in == 1 else 0.55
    return 0.3 + 0.3 * (j - 1) / (n_out - 1)


def _number(value: float, digits: int, *, given: bool = False) -> str:
    return format_number(float(value), digits, exact=given)


def u_range(example: SigmoidExample) -> tuple[float, float]:
    """The plotted interval of u: -6..6, widened to take in every point with a margin of 1.

    Both ends are even whole numbers, so the axis, ticked every 2, is labelled at both ends.
    """
    low, high = float(example.u.min()) - 1.0, float(example.u.max()) + 1.0
    return min(-REACH, 2.0 * math.floor(low / 2)), max(REACH, 2.0 * math.ceil(high / 2))
