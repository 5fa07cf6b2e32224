"""The computational graph: forward values above each variable, gradients below, for one example.

Variables are circles with the SVG id `graph-node-ID`, operations small
grey circles, and every edge an arrow `graph-edge-FROM-TO` in the direction
of the forward pass; the gradients flow back along the same edges.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from gradcore.examples.worked import NetworkExample
from gradcore.figures import canvas
from gradcore.figures.graph_nodes import RISE, GraphNode, graph_nodes

INCH = 0.64  # inches per layout unit
RADIUS, OP_RADIUS = 0.3, 0.2
LINE = 0.24  # height of one line of numbers, in layout units


def build(example: NetworkExample, options: dict[str, str]) -> Figure:
    """Draw the graph of `example` for example `row` of its batch.

    Args:
        example: A network example.
        options: `row` (which example of the batch) and `digits`.

    Returns:
        The figure, ready to be saved.
    """
    nodes, edges = graph_nodes(example, int(options["row"]), int(options["digits"]))
    right = max(node.x for node in nodes)
    bottom = -RADIUS - 0.3 - LINE * max(len(node.gradient) for node in nodes if node.y == 0)
    top = RISE + RADIUS + 0.3 + LINE * max(len(node.value) for node in nodes if node.y > 0) + 3 * LINE
    figure = canvas.new_figure((right + 1.6) * INCH, (top - bottom) * INCH)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(-0.8, right + 0.8)
    axes.set_ylim(bottom, top)
    axes.set_aspect("equal")
    axes.axis("off")
    where = {node.gid: node for node in nodes}
    for start, end in edges:
        _arrow(axes, where[start], where[end])
    for node in nodes:
        _node(axes, node)
    axes.text(-0.75, top - 0.1, "forward value", fontsize=8, color=canvas.BLUE, ha="left", va="top")
    axes.text(-0.75, top - 0.1 - 1.5 * LINE, r"gradient $\partial L / \partial(\cdot)$, flowing back",
              fontsize=8, color=canvas.ORANGE, ha="left", va="top")
    return figure


def _radius(node: GraphNode) -> float:
    return OP_RADIUS if node.op and not node.wide else RADIUS


def _arrow(axes, start: GraphNode, end: GraphNode) -> None:
    axes.add_patch(FancyArrowPatch((start.x, start.y), (end.x, end.y), arrowstyle="-|>", mutation_scale=9,
                                   shrinkA=_radius(start) * 72 * INCH, shrinkB=_radius(end) * 72 * INCH,
                                   color=canvas.MUTED, linewidth=0.9, zorder=1,
                                   gid=f"graph-edge-{start.gid}-{end.gid}"))


def _node(axes, node: GraphNode) -> None:
    radius = _radius(node)
    axes.add_patch(Circle((node.x, node.y), radius, facecolor=canvas.PAPER,
                          edgecolor=canvas.MUTED if node.op else canvas.INK, linewidth=1.1, zorder=2,
                          gid=f"graph-{'op' if node.op else 'node'}-{node.gid}"))
    axes.text(node.x, node.y, f"${node.name}$", fontsize=8.5 if node.op else 11, ha="center", va="center",
              color=canvas.MUTED if node.op else canvas.INK, zorder=3)
    if node.value:
        axes.text(node.x, node.y + radius + 0.06, _lines(node.value), fontsize=8.5, color=canvas.BLUE,
                  ha="center", va="bottom", linespacing=1.25, zorder=3, gid=f"graph-value-{node.gid}")
    if node.gradient:
        gradient = {"x": node.x + radius + 0.08, "y": node.y, "ha": "left", "va": "center"} if node.y > 0 else \
            {"x": node.x, "y": node.y - radius - 0.06, "ha": "center", "va": "top"}
        axes.text(s=_lines(node.gradient), fontsize=8.5, color=canvas.ORANGE, linespacing=1.25, zorder=3,
                  gid=f"graph-gradient-{node.gid}", **gradient)


def _lines(lines: tuple[str, ...]) -> str:
    return "\n".join(f"${line}$" for line in lines)
