"""The sigmoid and its derivative on one plot, with the example's points marked on both curves.

The curves are gradcore's own `sigmoid` and `sigmoid_prime`; the points are
the example's u, sigma(u) and sigma'(u), drawn with the SVG ids
`sigmoid-points` and `derivative-points`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gradcore.core.activations import sigmoid, sigmoid_prime
from gradcore.examples.worked import SigmoidExample
from gradcore.figures import canvas
from gradcore.figures.layout import u_range

SAMPLES = 401


def build(example: SigmoidExample, options: dict[str, str]) -> Figure:
    """Draw sigma and sigma' over `u_range(example)` and mark the example's points.

    Args:
        example: A sigmoid example.
        options: None are used; accepted for a uniform interface.

    Returns:
        The figure, ready to be saved.
    """
    u = np.linspace(*u_range(example), SAMPLES)
    figure = canvas.new_figure(6.0, 3.2)
    axes = figure.add_subplot()
    axes.plot(u, sigmoid(u), color=canvas.BLUE, linewidth=1.8, label=r"$\sigma(u)$", gid="sigmoid-curve")
    axes.plot(u, sigmoid_prime(u), color=canvas.ORANGE, linewidth=1.8,
              label=r"$\sigma'(u) = \sigma(u)\,(1 - \sigma(u))$", gid="derivative-curve")
    points = example.u[0]
    axes.vlines(points, 0, example.s[0], colors=canvas.GRID, linewidth=0.8, zorder=1)
    axes.plot(points, example.s[0], "o", color=canvas.BLUE, markersize=5, gid="sigmoid-points",
              label="the example's points")
    axes.plot(points, example.ds[0], "s", color=canvas.ORANGE, markersize=5, gid="derivative-points")
    axes.set_xlabel("$u$")
    axes.set_ylabel("value")
    axes.set_xlim(u[0], u[-1])
    axes.set_xticks(np.arange(u[0], u[-1] + 1.0, 2.0))
    axes.set_ylim(-0.02, 1.05)
    axes.grid(True, linewidth=0.5)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper left")
    return figure
