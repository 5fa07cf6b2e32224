"""Mean |Delta l_k| per layer of one deep network under sigmoid, tanh and ReLU hidden units.

One line per activation (SVG ids `deltas-sigmoid`, `deltas-tanh`, `deltas-relu`),
layer 1 on the left, on a logarithmic scale: a delta that shrinks by the
same factor at every layer is a straight line going down towards the input.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gradcore.examples.worked import NetworkExample
from gradcore.figures import canvas
from gradcore.figures.compare import deltas_by_activation

STYLES = {"sigmoid": (canvas.BLUE, "o", r"sigmoid $\sigma$"), "tanh": (canvas.ORANGE, "s", r"$\tanh$"),
          "relu": (canvas.GREEN, "^", "ReLU")}


def build(example: NetworkExample, options: dict[str, str]) -> Figure:
    """Draw mean |Delta l_k| against k for each hidden activation (`gradcore.figures.compare`)."""
    sizes = deltas_by_activation(example)
    layers = np.arange(1, example.network.depth + 1)
    figure = canvas.new_figure(6.0, 3.2)
    axes = figure.add_subplot()
    for name, values in sizes.items():
        color, marker, label = STYLES[name]
        shown = np.where(np.asarray(values) > 0, values, np.nan)  # a zero has no place on a log scale
        axes.plot(layers, shown, marker=marker, markersize=4.5, color=color, linewidth=1.6, label=label,
                  gid=f"deltas-{name}")
    axes.set_yscale("log")
    axes.set_xlabel("layer $k$ (the output layer on the right)")
    axes.set_ylabel(r"mean $|\Delta l_k|$")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(True, linewidth=0.5)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower right")
    return figure
