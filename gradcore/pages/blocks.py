"""Block markers: whole steps of a worked example rendered as Markdown and math.

Each renderer takes the example and the marker and returns Markdown. Display
math is emitted as `$$ \\begin{aligned} ... \\end{aligned} $$` with blank
lines around, so it is never numbered and arithmatex always takes it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gradcore.core.gradcheck import TOLERANCE
from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.learner.files import LEARNER_BLOCKS
from gradcore.markup.latex import ERROR_DIGITS, format_column, format_matrix, format_number
from gradcore.markup.markers import Marker, MarkerError


def display(lines: list[str]) -> str:
    """Aligned display math, one equation per line."""
    return "\n$$\n\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}\n$$\n"


def layer_symbol(k: int) -> str:
    """l_k as the pages write it; l_0 is the input X."""
    return "X" if k == 0 else f"l_{{{k}}}"


def _bias_term(example: NetworkExample, k: int) -> str:
    return f" + b_{{{k}}}" if example.network.biases is not None else ""


def _inputs(example: NetworkExample, digits: int) -> str:
    net = example.network
    lines = [f"X &= {format_matrix(example.X, exact=True)}", f"y &= {format_matrix(example.y, exact=True)}"]
    for k, weights in enumerate(net.weights, start=1):
        lines.append(f"W_{{{k}}} &= {format_matrix(weights, exact=True)}")
        if net.biases is not None:
            lines.append(f"b_{{{k}}} &= {format_matrix(net.biases[k - 1], exact=True)}")
    lines.append(rf"\eta &= {format_number(example.learning_rate, exact=True)}")
    return display(lines)


ACTIVATION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}", "softmax": r"\mathrm{softmax}"}
"""How the pages write each activation applied to u_k."""

LOSS_TEX = {
    "half_squared_error": r"\tfrac{1}{2} \textstyle\sum (y - \hat{y})^2",
    "binary_cross_entropy": r"-\textstyle\sum \big[y \log \hat{y} + (1 - y) \log(1 - \hat{y})\big]",
    "cross_entropy": r"-\textstyle\sum y \log \hat{y}",
}
"""Each loss as the forward block writes it; every sum runs over the examples and the outputs."""


def _slope(activation: str, k: int, output: bool) -> str:
    """The local derivative f'(u_k) of layer k as the pages write it."""
    l = r"\hat{y}" if output else f"l_{{{k}}}"
    return {"sigmoid": f"{l} * (1 - {l})", "tanh": f"(1 - {l} * {l})",
            "relu": rf"\mathbb{{1}}[u_{{{k}}} > 0]"}.get(activation, f"f'(u_{{{k}}})")


def _forward(example: NetworkExample, digits: int) -> str:
    fwd, lines, net = example.forward, [], example.network
    depth = len(fwd.activations)
    for k in range(1, depth + 1):
        u, l = fwd.pre_activations[k - 1], fwd.activations[k - 1]
        lines.append(rf"u_{{{k}}} &= {layer_symbol(k - 1)} \cdot W_{{{k}}}{_bias_term(example, k)}"
                     f" = {format_matrix(u, digits)}")
        name = r"\hat{y} = l_{" + str(k) + "}" if k == depth else layer_symbol(k)
        lines.append(rf"{name} &= {ACTIVATION_TEX[net.activations[k - 1]]}(u_{{{k}}}) = {format_matrix(l, digits)}")
    lines.append(f"L &= {LOSS_TEX[net.loss]} = " + format_number(example.loss, digits))
    return display(lines)


def _output_delta(example: NetworkExample) -> str:
    """The output delta's formula: yhat - y where f' cancels, else dL/dyhat times the output's slope."""
    net, depth = example.network, example.network.depth
    if net.loss != "half_squared_error":
        return r"\hat{y} - y"
    if net.activations[-1] == "softmax":
        return rf"\frac{{\partial L}}{{\partial u_{{{depth}}}}}"
    slope = _slope(net.activations[-1], depth, output=True)
    return rf"(\hat{{y}} - y) * {slope}"


def _deltas(example: NetworkExample, digits: int) -> str:
    deltas, depth = example.gradients.deltas, len(example.gradients.deltas)
    lines = [rf"\Delta l_{{{depth}}} &= {_output_delta(example)} = {format_matrix(deltas[-1], digits)}"]
    for k in range(depth - 1, 0, -1):
        slope = _slope(example.network.activations[k - 1], k, output=False)
        lines.append(rf"\Delta l_{{{k}}} &= (\Delta l_{{{k + 1}}} \cdot W_{{{k + 1}}}^T) * {slope}"
                     f" = {format_matrix(deltas[k - 1], digits)}")
    return display(lines)


def _gradients(example: NetworkExample, digits: int) -> str:
    grads, lines = example.gradients, []
    for k, dW in enumerate(grads.weights, start=1):
        lines.append(rf"\frac{{\partial L}}{{\partial W_{{{k}}}}} &= {layer_symbol(k - 1)}^T \cdot \Delta l_{{{k}}}"
                     f" = {format_matrix(dW, digits)}")
        if grads.biases is not None:
            lines.append(rf"\frac{{\partial L}}{{\partial b_{{{k}}}}} &= "
                         rf"\textstyle\sum_{{\text{{rows}}}} \Delta l_{{{k}}}"
                         f" = {format_matrix(grads.biases[k - 1], digits)}")
    return display(lines)


def _parameter_rows(example: NetworkExample):
    """(label, analytic, central, complex) for every weight and bias entry."""
    sets = [("w", example.gradients.weights, example.numeric.weights, example.complex.weights)]
    biases = example.gradients.biases, example.numeric.biases, example.complex.biases
    if biases[0] is not None and biases[1] is not None and biases[2] is not None:
        sets.append(("b", biases[0], biases[1], biases[2]))
    for letter, analytic, central, complex_ in sets:
        for k, grad in enumerate(analytic, start=1):
            for (i, j), value in np.ndenumerate(grad):
                label = f"{letter}_{{{k}}}^{{{i + 1}{j + 1}}}" if letter == "w" else f"b_{{{k}}}^{{{j + 1}}}"
                yield label, value, central[k - 1][i, j], complex_[k - 1][i, j]


def _check(example: NetworkExample, digits: int) -> str:
    rows = ["| parameter | backpropagation | central difference | complex step | relative error |",
            "|---|---:|---:|---:|---:|"]
    labels, analytic, central, complex_ = zip(*_parameter_rows(example), strict=True)
    errors = example.check.central_errors  # the check's own measure, entry by entry (one measure)
    columns = [format_column(values, digits, math_mode=False) for values in (analytic, central, complex_)]
    columns.append(format_column(errors, ERROR_DIGITS, math_mode=False))
    for label, *cells in zip(labels, *columns, strict=True):
        rows.append(f"| \\({label}\\) | {' | '.join(cells)} |")
    verdict = "passes" if example.check.passed else "FAILS"
    worst_central, worst_complex = (format_number(error, ERROR_DIGITS, math_mode=False)
                                    for error in (example.check.max_rel_error, example.check.max_rel_error_complex))
    summary = (f"\nLargest relative error: {worst_central} "
               f"against central differences and {worst_complex} "
               f"against the complex step; the check {verdict} (tolerance "
               f"{format_number(TOLERANCE, exact=True, math_mode=False)}).\n")
    if example.check.passed and example.check.max_rel_error > TOLERANCE:
        summary += (f"\nCentral differences cannot resolve gaps below "
                    f"{format_number(example.check.central_resolution, ERROR_DIGITS, math_mode=False)} for this "
                    "loss (the loss's rounding divided by the step), and every entry above the tolerance has a "
                    "gap below that; the complex step, which has no such floor, agrees within the tolerance.\n")
    return "\n" + "\n".join(rows) + "\n" + summary


STEP_ON_ONE_LINE = 2  # weights with more entries than this show their update over three lines


def _step(example: NetworkExample, digits: int) -> str:
    eta, lines = format_number(example.learning_rate, exact=True), []
    for k, (old, new) in enumerate(zip(example.network.weights, example.stepped.weights), start=1):
        dW = example.gradients.weights[k - 1]
        rule = rf"W_{{{k}}}' &= W_{{{k}}} - \eta \frac{{\partial L}}{{\partial W_{{{k}}}}}"
        numbers = f"{format_matrix(old, exact=True, shape=False)} - {eta} {format_matrix(dW, digits, shape=False)}"
        if old.size <= STEP_ON_ONE_LINE:
            lines.append(f"{rule} = {numbers} = {format_matrix(new, digits)}")
        else:  # wider matrices: one step per line, so the display fits a desktop column
            lines += [rule, f"&= {numbers}", f"&= {format_matrix(new, digits)}"]
    if example.stepped.biases is not None:
        for k, new in enumerate(example.stepped.biases, start=1):
            lines.append(rf"b_{{{k}}}' &= b_{{{k}}} - \eta \frac{{\partial L}}{{\partial b_{{{k}}}}} = "
                         f"{format_matrix(new, digits)}")
    lines.append(rf"L' &= {format_number(example.stepped_loss, digits)}")
    change = example.stepped_loss - example.loss
    went = "down" if change < 0 else "up" if change > 0 else "nowhere"
    sentence = (f"\nWith learning rate \\(\\eta = {eta}\\) the loss goes {went}, from "
                f"{format_number(example.loss, digits, math_mode=False)} to "
                f"{format_number(example.stepped_loss, digits, math_mode=False)} "
                f"(a change of {format_number(change, digits, math_mode=False)}).\n")
    return display(lines) + sentence


TERMS_PER_LINE = 2


def _terms(example: NetworkExample, digits: int, layer: int) -> str:
    terms = [term.weights[layer - 1] for term in example.terms]
    shown = [format_matrix(t, digits, shape=False) for t in terms]
    # Two example's shares to a line, so that a batch's sum fits a desktop column.
    parts = [" + ".join(shown[i:i + TERMS_PER_LINE]) for i in range(0, len(shown), TERMS_PER_LINE)]
    total = format_matrix(example.gradients.weights[layer - 1], digits)
    symbol = rf"\frac{{\partial L}}{{\partial W_{{{layer}}}}}"
    term = rf"\frac{{\partial L_{{(j)}}}}{{\partial W_{{{layer}}}}}"  # L_(j): example j's loss, as the pages write it
    return display([rf"{symbol} &= \sum_{{j=1}}^{{{len(terms)}}} {term}", f"&= {parts[0]}",
                    *(rf"&\qquad {{}} + {more}" for more in parts[1:]), f"&= {total}"])


def _sigmoid_table(example: SigmoidExample, digits: int) -> str:
    rows = [r"| \(u\) | \(\sigma(u)\) | \(\sigma(u)(1 - \sigma(u))\) | central difference | relative error |",
            "|---:|---:|---:|---:|---:|"]
    columns = [format_column(example.u[0], exact=True, math_mode=False)]
    columns += [format_column(a[0], digits, math_mode=False) for a in (example.s, example.ds, example.fd)]
    columns.append(format_column(example.error[0], ERROR_DIGITS, math_mode=False))
    for cells in zip(*columns):
        rows.append(f"| {' | '.join(cells)} |")
    return "\n" + "\n".join(rows) + "\n"


Renderer = Callable[[NetworkExample, int], str]
NETWORK_BLOCKS: dict[str, Renderer] = {
    "inputs": _inputs, "forward": _forward, "deltas": _deltas, "gradients": _gradients,
    "check": _check, "step": _step,
}
SIGMOID_BLOCKS = {"sigmoid": _sigmoid_table}
BLOCK_KINDS = sorted([*NETWORK_BLOCKS, "terms", "explore", *SIGMOID_BLOCKS, *LEARNER_BLOCKS])


def render_block(marker: Marker, example: NetworkExample | SigmoidExample, digits: int) -> str:
    """Markdown for a block marker; MarkerError with the valid choices otherwise."""
    if isinstance(example, SigmoidExample):
        if marker.kind not in SIGMOID_BLOCKS:
            raise MarkerError(marker.line, marker.text, f"block {marker.kind!r} needs a network example",
                              "a sigmoid example has: sigmoid")
        return SIGMOID_BLOCKS[marker.kind](example, digits)
    if marker.kind == "terms":
        return _terms(example, digits, _layer_option(marker, len(example.network.weights)))
    if marker.kind not in NETWORK_BLOCKS:
        raise MarkerError(marker.line, marker.text, f"unknown block {marker.kind!r}",
                          f"valid blocks: {', '.join(BLOCK_KINDS)}, figure")
    return NETWORK_BLOCKS[marker.kind](example, digits)


def _layer_option(marker: Marker, depth: int) -> int:
    text = marker.options.get("layer", "")
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or not 1 <= int(text) <= depth:
        raise MarkerError(marker.line, marker.text, f"terms needs layer=K with K from 1 to {depth}, "
                          f"got {text or 'nothing'!r}")
    return int(text)
