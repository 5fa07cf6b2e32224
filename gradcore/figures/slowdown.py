"""The same start trained with half the squared error and with binary cross-entropy: both loss curves.

Two panels side by side, each loss on its own scale (they are different
functions): `loss-half_squared_error` and `loss-binary_cross_entropy` are the
curves' SVG ids, every point kept so a test can read them back.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gradcore.examples.worked import NetworkExample
from gradcore.figures import canvas
from gradcore.figures.compare import losses_by_loss

TITLES = {"half_squared_error": "half the squared error", "binary_cross_entropy": "binary cross-entropy"}


def build(example: NetworkExample, options: dict[str, str]) -> Figure:
    """Draw the loss after each step of the two training runs (`gradcore.figures.compare`)."""
    runs = losses_by_loss(example)
    figure = canvas.new_figure(6.0, 3.0)
    panels = figure.subplots(1, 2)
    for axes, (name, losses), color in zip(panels, runs.items(), (canvas.ORANGE, canvas.BLUE), strict=True):
        steps = np.arange(len(losses))
        axes.plot(steps, losses, color=color, linewidth=1.8, gid=f"loss-{name}")
        axes.set_title(TITLES[name], fontsize="medium")
        axes.set_xlabel("step")
        axes.set_xlim(0, max(int(steps[-1]), 1))
        axes.set_ylim(0, max(losses) * 1.05)
        axes.grid(True, linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
    panels[0].set_ylabel("loss $L$")
    return figure
