"""Alt text: what a figure looks like, in words a screen reader reads out as words.

The caption beside each figure says what it shows (`gradcore.figures.captions`);
the alt text complements it with what the picture looks like (circles in
columns, a falling line), and writes its math out in words: `x^{1}` is
"x superscript 1", `\\hat{y}` is "y hat", so that nothing is spelled out
letter by letter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.figures.compare import deltas_by_activation, losses_by_loss
from gradcore.figures.names import layer_nodes
from gradcore.markup.latex import UNICODE_MINUS, format_number

__all__ = ["ALT", "spoken"]

# TeX commands and signs as words; sub- and superscripts are done by `spoken` itself.
_WORDS = {r"\hat{y}": "y hat", r"\dots": " to ", r"\to": " to ", r"\times": " times ", r"\partial": "partial ",
          r"\sigma": "sigma", r"\eta": "eta", "'": " prime", r"\,": " ", "-": " minus "}
_SCRIPT = re.compile(r"(?P<kind>[_^])(?:\{(?P<braced>[^{}]*)\}|(?P<single>\S))")


def spoken(tex: str) -> str:
    """TeX of the series' names as words: `l_{1}^{2}` -> "l subscript 1 superscript 2"."""
    for command, words in _WORDS.items():
        tex = tex.replace(command, words)

    def script(found: re.Match[str]) -> str:
        body = found["braced"] if found["braced"] is not None else found["single"]
        body = " ".join(body) if body.isalpha() else body  # indices i p, read one by one; 12 stays a number
        return (" subscript " if found["kind"] == "_" else " superscript ") + body + " "

    text = _SCRIPT.sub(script, tex)
    text = text.replace(UNICODE_MINUS, " minus ").replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip().replace(" ,", ",")


def _diagram(example: NetworkExample, options: dict[str, str]) -> str:
    layers = example.network.layers
    columns = [f"{width} circle{'s' if width > 1 else ''} ({spoken(layer_nodes(k, layers))})"
               for k, width in enumerate(layers)]
    return (f"A drawing of the network as {len(layers)} columns of circles, left to right: {', then '.join(columns)}; "
            "lines join each circle to every circle of the next column, with a label on the lines.")


def _graph(example: NetworkExample, options: dict[str, str]) -> str:
    depth = example.network.depth
    steps = ["X"] + [f"u_{{{k}}}, l_{{{k}}}" for k in range(1, depth)] + [f"u_{{{depth}}}", r"\hat{y}", "L"]
    return (f"A row of boxes joined by arrows from left to right: {spoken(', '.join(steps))}; "
            "the weights and the target come in from above, with a number above and below each box.")


def _loss(example: NetworkExample, options: dict[str, str]) -> str:
    digits, losses = int(options["digits"]), example.training.losses
    trend = "falling" if losses[-1] < losses[0] else "rising" if losses[-1] > losses[0] else "flat"
    return (f"A line chart, {trend} from {spoken(format_number(losses[0], digits))} at step 0 to "
            f"{spoken(format_number(losses[-1], digits))} at step {len(losses) - 1}.")


def _sigmoid(example: SigmoidExample, options: dict[str, str]) -> str:
    count = len(example.u[0])
    return ("Two curves over a horizontal axis u: the sigmoid, an S rising from 0 to 1, and its derivative, a low "
            f"bump whose top is at u = 0; {count} dot{'s' if count > 1 else ''} on each curve.")


def _activations(example: SigmoidExample, options: dict[str, str]) -> str:
    return ("Two charts side by side over a horizontal axis u. Left, three curves: the sigmoid, an S rising from "
            "0 to 1; tanh, a steeper S from minus 1 to 1; ReLU, flat at 0 left of zero, then a straight line rising. "
            "Right, their slopes: the sigmoid's a low bump and tanh's a tall narrow one, both highest at u = 0, and "
            "ReLU's a step from 0 up to 1 at u = 0.")


_ACTIVATION_WORDS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}


def _vanishing(example: NetworkExample, options: dict[str, str]) -> str:
    sizes = deltas_by_activation(example)
    ratios = {name: sizes[name][0] / sizes[name][-1] for name in sizes}  # layer 1 over the output layer
    lines = ", ".join(f"the {_ACTIVATION_WORDS[name]} line {'falls' if ratio < 1 else 'rises'}"
                      for name, ratio in ratios.items())
    steepest = max(ratios, key=lambda name: abs(math.log(ratios[name])) if ratios[name] > 0 else math.inf)
    return (f"A line chart on a logarithmic scale, layers 1 to {example.network.depth} from left to right, one line "
            f"per hidden activation. Read from the output on the right back to layer 1, {lines}; the "
            f"{_ACTIVATION_WORDS[steepest]} line changes the most.")


def _slowdown(example: NetworkExample, options: dict[str, str]) -> str:
    runs = losses_by_loss(example)
    words = {"half_squared_error": "half the squared error", "binary_cross_entropy": "the binary cross-entropy"}
    shapes = [f"{words[name]}, {_early_shape(losses)}" for name, losses in runs.items()]
    return ("Two line charts side by side, the loss of each training run against the step: " + "; ".join(shapes)
            + ".")


def _early_shape(losses: tuple[float, ...]) -> str:
    """How a loss curve starts: the share of its whole fall that happens in its first tenth of the steps."""
    fall = losses[0] - losses[-1]
    early = losses[0] - losses[max(1, len(losses) // 10)]
    if fall <= 0:
        return "a line that does not fall"
    return ("a line that stays nearly flat at first, then falls" if early < 0.2 * fall
            else "a line that drops steeply at once, then levels off")


# Each takes the example (of the kind the figure fits) and the figure's options.
ALT: dict[str, Callable[..., str]] = {"diagram": _diagram, "graph": _graph, "loss": _loss, "sigmoid": _sigmoid,
                                      "activations": _activations, "vanishing": _vanishing, "slowdown": _slowdown}
