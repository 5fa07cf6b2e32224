"""Figures drawn at build time from the same worked examples as the numbers beside them.

A page asks for one with `[[gc:figure EXAMPLE KIND option=value]]`:

* `diagram` (network): layers, nodes, every edge and the weight names;
  `values=activations|weights|gradients` adds the example's numbers.
* `loss` (network): the loss over the example's training run.
* `graph` (network): the computation as a graph, forward values and backward gradients.
* `sigmoid` (sigmoid example): sigma and sigma' with the example's points.

Importing this package does not import matplotlib: only drawing a figure
that is not in the cache does (see `cache` and `kinds.draw`).
"""

from gradcore.figures.kinds import KINDS, figures_drawn
from gradcore.figures.markup import figure_markup

__all__ = ["KINDS", "figure_markup", "figures_drawn"]
