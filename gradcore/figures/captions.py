"""What each figure shows, in words: its caption.

A description is a list of pieces: plain words (str) and math (`Math`). The
caption escapes the words and hands the math to MathJax, as the rest of the
page does; `alt_text` reads it as plain text (`x^1 to x^3`), for tests and
messages. The figure's alt text, which says what the picture looks like, is
`gradcore.figures.alt`'s.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.figures.compare import deltas_by_activation, losses_by_loss
from gradcore.figures.graph_nodes import SHOWN_UP_TO
from gradcore.figures.layout import LABEL_ALL_UP_TO, all_labelled, u_range
from gradcore.figures.names import layer_nodes, plain, weight_pattern
from gradcore.markup.latex import format_number

LISTED_POINTS = 8  # a sigmoid caption lists the points when there are at most this many


@dataclass(frozen=True)
class Math:
    """A piece of TeX inside a description."""

    tex: str


Piece = str | Math


def alt_text(pieces: list[Piece]) -> str:
    """The description as plain text, math as ASCII-TeX (not yet escaped for HTML)."""
    return "".join(plain(p.tex) if isinstance(p, Math) else p for p in pieces)


def caption_html(pieces: list[Piece]) -> str:
    """The description as HTML: words escaped, math in arithmatex's spans for MathJax."""
    return "".join(rf'<span class="arithmatex">\({html.escape(p.tex)}\)</span>' if isinstance(p, Math)
                   else html.escape(p) for p in pieces)


def _join(items: list[list[Piece]]) -> list[Piece]:
    """Items as a list in words: `a`, `a and b`, `a, b and c`."""
    joined: list[Piece] = []
    for position, item in enumerate(items):
        if position:
            joined.append(" and " if position == len(items) - 1 else ", ")
        joined += item
    return joined


def _layer_words(k: int, layers: tuple[int, ...]) -> list[Piece]:
    width, nodes = layers[k], Math(layer_nodes(k, layers))
    if k == 0:
        return [f"{width} input{'s' if width > 1 else ''} ", nodes]
    if k == len(layers) - 1:
        return [f"{width} output{'s' if width > 1 else ''} ", nodes]
    return [f"hidden layer {k} with {width} node{'s' if width > 1 else ''} ", nodes]


def diagram(name: str, example: NetworkExample, options: dict[str, str]) -> list[Piece]:
    """The network's layers, the edge labels and, if shown, which values the numbers are."""
    layers = example.network.layers
    count = sum(a * b for a, b in zip(layers, layers[1:]))
    pieces: list[Piece] = [f"The {'-'.join(map(str, layers))} network of example {name}: "]
    pieces += _join([_layer_words(k, layers) for k in range(len(layers))])
    edges = f"{count} edge" + ("s" if count != 1 else "")
    pieces += [f"; each node is joined to every node of the next layer ({edges}), labelled with the weights "]
    pieces += _join([[Math(weight_pattern(k, layers))] for k in range(1, len(layers))])
    if not all(all_labelled(a, b) for a, b in zip(layers, layers[1:])):
        pieces.append(f" (between layers with more than {LABEL_ALL_UP_TO} edges only the edges leaving the "
                      "first node are labelled)")
    return pieces + _values(example, options) + ["."]


def _values(example: NetworkExample, options: dict[str, str]) -> list[Piece]:
    batch = example.X.shape[0] > 1
    if options["values"] == "activations":
        which = f" for example {options['row']} of the batch" if batch else ""
        return ["; under each node, its value", which, " (the inputs, then each layer's output ", Math("l_k"), ")"]
    if options["values"] == "weights":
        return ["; each label gives the weight's value"]
    if options["values"] == "gradients":
        return ["; the numbers on the edges are the gradients ", Math(r"\partial L / \partial w_k^{ij}"),
                " of the loss" + (" summed over the batch" if batch else "")]
    return []


def loss(name: str, example: NetworkExample, options: dict[str, str]) -> list[Piece]:
    """The training run: its length, learning rate, and the loss at the start and the end."""
    digits, losses = int(options["digits"]), example.training.losses
    return ["The loss ", Math("L"), f" of example {name} over a training run of {len(losses) - 1} steps of "
            "gradient descent with learning rate ", Math(rf"\eta = {format_number(example.learning_rate, exact=True)}"),
            " (horizontal axis: the step; vertical axis: the loss after that many steps), from ",
            Math(format_number(losses[0], digits)), " to ", Math(format_number(losses[-1], digits)), "."]


def sigmoid(name: str, example: SigmoidExample, options: dict[str, str]) -> list[Piece]:
    """The two curves, the plotted range and the example's points."""
    points = example.u[0]
    low, high = (format_number(v, exact=True) for v in u_range(example))
    pieces: list[Piece] = ["The sigmoid ", Math(r"\sigma(u)"), " and its derivative ",
                           Math(r"\sigma'(u) = \sigma(u)\,(1 - \sigma(u))"), " for ", Math("u"),
                           " from ", Math(low), " to ", Math(high), f", with the {len(points)} point"
                           f"{'s' if len(points) > 1 else ''} of example {name} marked on both curves"]
    if len(points) <= LISTED_POINTS:
        pieces += [" at ", Math("u = " + ", ".join(format_number(u, exact=True) for u in points))]
    return pieces + ["."]


def graph(name: str, example: NetworkExample, options: dict[str, str]) -> list[Piece]:
    """The chain of operations, which example of the batch, and what the two kinds of numbers are."""
    depth = example.network.depth
    which = f"example {options['row']} of the batch" if example.X.shape[0] > 1 else "its one example"
    steps = ["X"] + [f"u_{{{k}}} \\to l_{{{k}}}" for k in range(1, depth)] + [f"u_{{{depth}}}", r"\hat{y}", "L"]
    return [f"The computation of example {name} as a graph, for {which}: ", Math(r" \to ".join(steps)),
        ", with the weights ", Math(r"W_k"), " and the target ", Math("y"), " feeding in from above. Above each "
        "node is its forward value, below it (beside a weight) the gradient of the loss with respect to it, "
        "which backpropagation passes from ", Math("L"), " back towards ", Math("X"),
        f"; vectors of more than {SHOWN_UP_TO} numbers and matrices are shown by their shape."]


def activations(name: str, example: SigmoidExample, options: dict[str, str]) -> list[Piece]:
    """The three activations and their slopes, and the plotted range."""
    low, high = (format_number(v, exact=True) for v in u_range(example))
    return ["Left: the hidden activations ", Math(r"\sigma(u)"), ", ", Math(r"\tanh(u)"), " and ",
            Math(r"\mathrm{ReLU}(u) = \max(0, u)"), "; right: their derivatives ",
            Math(r"\sigma'(u) = \sigma(u)\,(1 - \sigma(u))"), ", ", Math(r"\tanh'(u) = 1 - \tanh^2(u)"), " and ",
            Math(r"\mathrm{ReLU}'(u) = \mathbb{1}[u > 0]"), ", for ", Math("u"), " from ", Math(low), " to ",
            Math(high), f" (the range of example {name}). The largest slopes are ", Math(r"\tfrac{1}{4}"),
            " for the sigmoid and 1 for the other two."]


def vanishing(name: str, example: NetworkExample, options: dict[str, str]) -> list[Piece]:
    """The network, and the first and last layer's mean delta under each activation."""
    digits, depth = int(options["digits"]), example.network.depth
    sizes = deltas_by_activation(example)
    words = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
    ends = _join([[f"{words[k]} from ", Math(format_number(v[-1], digits)), " to ",
                   Math(format_number(v[0], digits))] for k, v in sizes.items()])
    return ["The mean size of each layer's delta, mean ", Math(r"|\Delta l_k|"), f", in the {depth}-layer "
            f"network of example {name} (layers {'-'.join(map(str, example.network.layers))}), with the same "
            "weights and inputs and every hidden layer a sigmoid, a tanh or a ReLU layer, on a logarithmic scale; "
            f"from layer {depth} (the output) to layer 1 it goes: ", *ends, "."]


def slowdown(name: str, example: NetworkExample, options: dict[str, str]) -> list[Piece]:
    """The two runs: their length, learning rate, start and end."""
    digits, runs = int(options["digits"]), losses_by_loss(example)
    words = {"half_squared_error": "half the squared error (left)", "binary_cross_entropy":
             "binary cross-entropy (right)"}
    steps = len(next(iter(runs.values()))) - 1
    parts = _join([[f"{words[k]} from ", Math(format_number(v[0], digits)), " to ",
                    Math(format_number(v[-1], digits))] for k, v in runs.items()])
    return [f"The start of example {name} trained for {steps} steps of gradient descent with learning rate ",
            Math(rf"\eta = {format_number(example.learning_rate, exact=True)}"), " twice, once with each loss "
            "(horizontal axis: the step; vertical axis: that run's loss): ", *parts, "."]


# Each takes the example's name, the example (of the kind the figure fits) and the options.
DESCRIBE: dict[str, Callable[..., list[Piece]]] = {"diagram": diagram, "graph": graph, "loss": loss, "sigmoid": sigmoid,
                                                   "activations": activations, "vanishing": vanishing,
                                                   "slowdown": slowdown}
