"""The network diagram: every layer, node and edge, with the series' names and optional values.

Every node is drawn with the SVG id `node-K-J` and every edge with
`edge-K-I-J` (indices from 1, layer 0 the input), so a test can count them.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from gradcore.examples.worked import NetworkExample
from gradcore.figures import canvas
from gradcore.figures.layout import NODE_GAP, RADIUS, Edge, Node, edges, nodes

INCH = 0.7  # inches per layout unit
LABEL_BOX = {"boxstyle": "round,pad=0.12", "facecolor": canvas.PAPER, "edgecolor": "none", "alpha": 0.9}


def build(example: NetworkExample, options: dict[str, str]) -> Figure:
    """Draw the diagram of `example`'s network.

    Args:
        example: A network example.
        options: `values` (names, activations, weights or gradients), `row`
            (which example of a batch the activations are from) and `digits`.

    Returns:
        The figure, ready to be saved.
    """
    values, row, digits = options["values"], int(options["row"]), int(options["digits"])
    columns = nodes(example, values, row, digits)
    height = max(len(column) for column in columns) * NODE_GAP + 0.9
    width = columns[-1][0].x + 2 * RADIUS + 1.0
    figure = canvas.new_figure(width * INCH, height * INCH)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(-RADIUS - 0.5, width - RADIUS - 0.5)
    axes.set_ylim(-height / 2, height / 2)
    axes.set_aspect("equal")
    axes.axis("off")
    for edge in edges(example, columns, values, digits):
        _edge(axes, edge, values)
    for column in columns:
        _layer_title(axes, column, len(columns), height)
        for node in column:
            _node(axes, node)
    return figure


def _edge(axes, edge: Edge, values: str) -> None:
    start, end = edge.start, edge.end
    axes.add_line(Line2D([start.x, end.x], [start.y, end.y], color=canvas.MUTED, linewidth=0.9, zorder=1,
                         gid=f"edge-{edge.k}-{edge.i}-{edge.j}"))
    if edge.label is None:
        return
    x = start.x + edge.where * (end.x - start.x)
    y = start.y + edge.where * (end.y - start.y)
    colour = canvas.ORANGE if values == "gradients" else canvas.BLUE
    angle = math.degrees(math.atan2(end.y - start.y, end.x - start.x))
    axes.text(x, y, f"${edge.label}$", fontsize=9, color=colour, ha="center", va="center", zorder=3,
              rotation=angle, rotation_mode="anchor", bbox=LABEL_BOX, gid=f"weight-label-{edge.k}-{edge.i}-{edge.j}")


def _node(axes, node: Node) -> None:
    axes.add_patch(Circle((node.x, node.y), RADIUS, facecolor=canvas.PAPER, edgecolor=canvas.INK,
                          linewidth=1.2, zorder=4, gid=f"node-{node.k}-{node.j}"))
    axes.text(node.x, node.y, f"${node.name}$", fontsize=11, ha="center", va="center", zorder=5)
    if node.value is not None:
        axes.text(node.x, node.y - RADIUS - 0.05, f"${node.value}$", fontsize=8.5, color=canvas.GREEN,
                  ha="center", va="top", zorder=5, bbox=LABEL_BOX, gid=f"node-value-{node.k}-{node.j}")


def _layer_title(axes, column: list[Node], depth: int, height: float) -> None:
    k = column[0].k
    title = "input" if k == 0 else "output" if k == depth - 1 else f"hidden layer {k}"
    axes.text(column[0].x, height / 2 - 0.15, title, fontsize=8.5, color=canvas.MUTED, ha="center", va="top")
