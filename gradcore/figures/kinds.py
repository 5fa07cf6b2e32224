"""The figure kinds, their options, and drawing one figure (the only place that imports matplotlib).

A figure is asked for as `[[gc:figure EXAMPLE KIND option=value]]`. Each
kind fits one kind of example and takes a few options; `figure_options`
checks a marker against this table and fills in the defaults.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from gradcore.core.errors import InputError
from gradcore.examples.budgets import MAX_TRAINING_STEPS, check_figure_size
from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.markup import latex
from gradcore.markup.markers import Marker, MarkerError

DEFAULT_DIGITS = str(latex.DEFAULT_DIGITS)  # figures print what the text beside them prints
VALUES = ("names", "activations", "weights", "gradients")


@dataclass(frozen=True)
class FigureKind:
    """One kind of figure: the example it draws, its options with their defaults, its module."""

    name: str
    example: type
    defaults: dict[str, str]
    module: str  # gradcore.figures.<module> has build(example, options) -> Figure


KINDS = {
    kind.name: kind for kind in (
        FigureKind("diagram", NetworkExample, {"values": "names", "row": "1", "digits": DEFAULT_DIGITS}, "diagram"),
        FigureKind("loss", NetworkExample, {"digits": DEFAULT_DIGITS}, "loss_curve"),
        FigureKind("graph", NetworkExample, {"row": "1", "digits": DEFAULT_DIGITS}, "graph"),
        FigureKind("sigmoid", SigmoidExample, {"digits": DEFAULT_DIGITS}, "sigmoid_plot"),
        FigureKind("activations", SigmoidExample, {}, "activations_plot"),
        FigureKind("vanishing", NetworkExample, {"digits": "3"}, "vanishing"),
        FigureKind("slowdown", NetworkExample, {"digits": DEFAULT_DIGITS}, "slowdown"),
    )
}
_KIND_OF = {NetworkExample: "network", SigmoidExample: "sigmoid"}
_drawn = 0


def valid_kinds() -> str:
    """The figure kinds and the examples they fit, for error messages."""
    network = ", ".join(k for k, kind in KINDS.items() if kind.example is NetworkExample)
    sigmoid = ", ".join(k for k, kind in KINDS.items() if kind.example is SigmoidExample)
    return f"figure kinds: {network} (network examples), {sigmoid} (sigmoid examples)"


def figure_kind(example: NetworkExample | SigmoidExample, marker: Marker) -> FigureKind:
    """The kind a figure marker asks for; MarkerError if it is missing, unknown or does not fit."""
    if len(marker.flags) != 1:
        problem = "a figure needs its kind" if not marker.flags else f"unexpected word {marker.flags[1]!r}"
        raise MarkerError(marker.line, marker.text, problem,
                          f"write [[gc:figure EXAMPLE KIND option=value]]; {valid_kinds()}")
    name = marker.flags[0]
    if name not in KINDS:
        raise MarkerError(marker.line, marker.text, f"unknown figure kind {name!r}", valid_kinds())
    kind = KINDS[name]
    if not isinstance(example, kind.example):
        fits = ", ".join(k for k, other in KINDS.items() if isinstance(example, other.example))
        raise MarkerError(marker.line, marker.text,
                          f"figure {name!r} needs a {_KIND_OF[kind.example]} example and "
                          f"{marker.target!r} is a {_KIND_OF[type(example)]} example",
                          f"for {marker.target!r} draw: {fits}; {valid_kinds()}")
    if isinstance(example, NetworkExample):
        try:
            check_figure_size(name, list(example.network.layers))
        except InputError as error:
            raise MarkerError(marker.line, marker.text, str(error)) from None
    if name in ("vanishing", "slowdown") and isinstance(example, NetworkExample):
        _check_comparable(name, example, marker)
    if name in ("loss", "slowdown") and isinstance(example, NetworkExample) and len(example.training.losses) < 2:
        raise MarkerError(marker.line, marker.text, f"example {marker.target!r} has no training run to plot",
                          f"give its definition `steps: N` (N from 1 to {MAX_TRAINING_STEPS})")
    return kind


def _check_comparable(name: str, example: NetworkExample, marker: Marker) -> None:
    """`vanishing` swaps the hidden activation (it needs a hidden layer); `slowdown` the loss (a sigmoid output)."""
    if name == "vanishing" and example.network.depth < 2:
        raise MarkerError(marker.line, marker.text, f"figure 'vanishing' compares hidden activations and example "
                          f"{marker.target!r} has no hidden layer", "give the example two or more weight layers")
    if name == "slowdown" and example.network.activations[-1] != "sigmoid":
        raise MarkerError(marker.line, marker.text, f"figure 'slowdown' trains with half the squared error and with "
                          f"binary cross-entropy, which needs a sigmoid output; example {marker.target!r} has "
                          f"{example.network.activations[-1]}", "make the last activation sigmoid")


def figure_options(kind: FigureKind, example: NetworkExample | SigmoidExample, marker: Marker) -> dict[str, str]:
    """The marker's options checked against `kind`, with every default filled in."""
    unknown = [key for key in marker.options if key not in kind.defaults]
    if unknown:
        valid = ", ".join(f"{k}= (default {v})" for k, v in kind.defaults.items()) or "none"
        raise MarkerError(marker.line, marker.text, f"unknown option {unknown[0]!r} for figure {kind.name!r}",
                          f"valid options: {valid}")
    options = {**kind.defaults, **marker.options}
    if options.get("values", "names") not in VALUES:
        raise MarkerError(marker.line, marker.text, f"bad values={options['values']!r}",
                          f"values is one of: {', '.join(VALUES)}")
    if "digits" in options:
        options["digits"] = str(int(options["digits"]))  # render.py has checked it is 1 to 15
    if "row" in options and isinstance(example, NetworkExample):
        rows = example.X.shape[0]
        row = options["row"]
        if not (row.isascii() and row.isdigit()) or len(row) > 9 or not 1 <= int(row) <= rows:
            raise MarkerError(marker.line, marker.text, f"bad row={options['row']!r}",
                              f"row picks one example of the batch, a whole number from 1 to {rows}")
        options["row"] = str(int(options["row"]))
    return options


def draw(kind: FigureKind, example: NetworkExample | SigmoidExample, options: dict[str, str]) -> bytes:
    """Draw one figure as SVG bytes; this imports matplotlib on first use."""
    global _drawn
    canvas = importlib.import_module("gradcore.figures.canvas")
    module = importlib.import_module(f"gradcore.figures.{kind.module}")
    with canvas.style():
        svg = canvas.to_svg(module.build(example, options))
    _drawn += 1
    return svg


def figures_drawn() -> int:
    """How many figures this process has drawn (a cache hit draws nothing)."""
    return _drawn
