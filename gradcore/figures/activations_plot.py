"""The three hidden activations, sigmoid, tanh and ReLU, and their derivatives, from gradcore's own functions.

Left panel the functions, right panel the derivatives (SVG ids
`value-sigmoid`, `slope-sigmoid` and so on), over the u range of the
sigmoid example it is drawn for.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gradcore.core.choices import ACTIVATIONS
from gradcore.examples.worked import SigmoidExample
from gradcore.figures import canvas
from gradcore.figures.layout import u_range

SAMPLES = 401
STYLES = {"sigmoid": (canvas.BLUE, "-", r"$\sigma$"), "tanh": (canvas.ORANGE, "--", r"$\tanh$"),
          "relu": (canvas.GREEN, ":", "ReLU")}


def build(example: SigmoidExample, options: dict[str, str]) -> Figure:
    """Draw f(u) and f'(u) of each hidden activation over `u_range(example)`."""
    low, high = u_range(example)
    u = np.linspace(low, high, SAMPLES)
    u = np.sort(np.append(u[u != 0], [-1e-12, 1e-12]))  # ReLU's step drawn at 0, never evaluated there
    figure = canvas.new_figure(6.0, 3.0)
    values, slopes = figure.subplots(1, 2)
    for name, (color, line, label) in STYLES.items():
        activation = ACTIVATIONS[name]
        assert activation.prime is not None
        values.plot(u, activation.value(u), color=color, linestyle=line, linewidth=1.8, label=label,
                    gid=f"value-{name}")
        slopes.plot(u, activation.prime(u), color=color, linestyle=line, linewidth=1.8, label=label,
                    gid=f"slope-{name}")
    values.set_title("$f(u)$", fontsize="medium")
    slopes.set_title("$f'(u)$", fontsize="medium")
    values.set_ylim(-1.1, min(high, 3.0) + 0.1)
    slopes.set_ylim(-0.05, 1.1)
    for axes in (values, slopes):
        axes.set_xlabel("$u$")
        axes.set_xlim(low, high)
        axes.set_xticks(np.arange(low, high + 1.0, 3.0 if high - low > 12 else 2.0))
        axes.grid(True, linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
    values.legend(loc="upper left")
    return figure
