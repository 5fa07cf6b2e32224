"""The loss over the example's training run: gradcore's `train` result, one point per step.

The curve is drawn with the SVG id `loss-curve` and every point kept (no
path simplification), so a test can read the plotted values back.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gradcore.examples.worked import NetworkExample
from gradcore.figures import canvas

MARKED_UP_TO = 40  # runs of at most this many steps show a marker at every step


def build(example: NetworkExample, options: dict[str, str]) -> Figure:
    """Draw the loss before the first step and after each step of the example's training run.

    Args:
        example: A network example (its `training.losses`, `steps` + 1 values).
        options: None are used; accepted for a uniform interface.

    Returns:
        The figure, ready to be saved.
    """
    losses = np.asarray(example.training.losses)
    steps = np.arange(losses.size)
    figure = canvas.new_figure(6.0, 3.2)
    axes = figure.add_subplot()
    marker = "o" if losses.size <= MARKED_UP_TO + 1 else ""
    axes.plot(steps, losses, marker=marker, markersize=3.5, color=canvas.BLUE, linewidth=1.6, clip_on=False,
              gid="loss-curve")
    axes.set_xlabel("gradient-descent step")
    axes.set_ylabel("loss $L$")
    axes.set_xlim(0, max(int(steps[-1]), 1))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(True, linewidth=0.5)
    axes.spines[["top", "right"]].set_visible(False)
    return figure
