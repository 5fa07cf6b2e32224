"""A worked example as a standalone numpy script, in the page's order and names.

The script does not import gradcore: it recomputes the forward pass (with
each layer's activation: sigmoid, tanh, ReLU or softmax), the loss (half the
squared error or a cross-entropy), the deltas, the gradients and one step of gradient descent from the
example's given numbers, with the equations of the worked-example blocks
(`gradcore.pages.blocks`), and prints every value under the name the page uses.

A printed line reads `NAME (m x n) = [[...]]` for a matrix and `NAME = ...` for
the loss, a number: the value rounded as the page rounds it (to
`DEFAULT_DIGITS` significant digits), so the two read alike, with no float
noise such as 0.6000000000000001.

The lines between `STEP_BEGIN` and `STEP_END` are one training step; the
page that shows the algorithm in one place includes them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from gradcore.examples.worked import NetworkExample
from gradcore.markup.latex import DEFAULT_DIGITS

STEP_BEGIN = "# --- one training step: forward, loss, deltas, gradients, update ---"
STEP_END = "# --- end of the training step ---"
SHOW = f'''def rounded(number):
    """A number to {DEFAULT_DIGITS} significant digits, as the page shows it."""
    return float(f"{{number:.{DEFAULT_DIGITS}g}}")


def show(name, value):
    """Print a value as the page names and rounds it: a number alone, a matrix with its shape."""
    if np.ndim(value) == 0:
        print(f"{{name}} = {{rounded(value)}}")
        return
    rows = [[rounded(v) for v in row] for row in np.atleast_2d(value).tolist()]
    print(f"{{name}} ({{len(rows)}} x {{len(rows[0])}}) = {{rows}}")'''


@dataclass(frozen=True)
class Section:
    """One step of the computation: a heading (a notebook's Markdown cell) and its code."""

    title: str
    code: str


def _array(values: object) -> str:
    return f"np.array({[[float(v) for v in row] for row in values]!r})"  # type: ignore[attr-defined]


def _given(example: NetworkExample) -> list[str]:
    net, lines = example.network, [f"X = {_array(example.X.tolist())}", f"y = {_array(example.y.tolist())}"]
    for k, W in enumerate(net.weights, start=1):
        lines.append(f"W{k} = {_array(W.tolist())}")
        if net.biases is not None:
            lines.append(f"b{k} = {_array(net.biases[k - 1].tolist())}")
    lines.append(f"eta = {float(example.learning_rate)!r}  # the learning rate")
    return lines


def _layer_input(k: int) -> str:
    return "X" if k == 1 else f"l{k - 1}"


def _symbol(k: int) -> str:
    """The page's symbol for the input of layer k: X or l_(k-1)."""
    return "X" if k == 1 else f"l_{k - 1}"


SERIES = ("sigmoid",)
"""Activations given by the default `activations`: the series' sigmoid network."""

FUNCTIONS = {
    "sigmoid": "def sigma(u):\n    return 1 / (1 + np.exp(-u))",
    "tanh": "def tanh(u):\n    return np.tanh(u)",
    "relu": "def relu(u):\n    return np.where(u > 0, u, 0.0)",
    "softmax": ("def softmax(u):\n    e = np.exp(u - u.max(axis=1, keepdims=True))  # shifted: no overflow\n"
                "    return e / e.sum(axis=1, keepdims=True)"),
}
"""Each activation as the script defines it, in plain numpy."""

CALLS = {"sigmoid": "sigma", "tanh": "tanh", "relu": "relu", "softmax": "softmax"}

LOSS_LINES = {
    "half_squared_error": "L = 0.5 * np.sum((y - yhat) ** 2)  # L = 1/2 sum (y - yhat)^2",
    "binary_cross_entropy": ("L = -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))"
                             "  # L = -sum [y log yhat + (1 - y) log(1 - yhat)], summed over the examples"),
    "cross_entropy": "L = -np.sum(y * np.log(yhat))  # L = -sum y log yhat, summed over the examples and classes",
}
"""The loss line of each loss."""


def slope(activation: str, k: int, name: str) -> str:
    """f'(u_k) of layer k in code, from its output `name` (l3 or yhat) or its pre-activation."""
    return {"sigmoid": f"{name} * (1 - {name})", "tanh": f"(1 - {name} ** 2)",
            "relu": f"(u{k} > 0)"}[activation]


def forward_lines(depth: int, biases: bool, activations: tuple[str, ...] = (), loss: str = "half_squared_error"
                  ) -> list[str]:
    """u_k = l_(k-1) . W_k (+ b_k) and l_k = f(u_k) for every layer, then the loss."""
    lines = []
    for k in range(1, depth + 1):
        bias, bias_symbol = (f" + b{k}", f" + b_{k}") if biases else ("", "")
        call = CALLS[(activations or SERIES * depth)[k - 1]]
        lines += [f"u{k} = {_layer_input(k)} @ W{k}{bias}  # u_{k} = {_symbol(k)} . W_{k}{bias_symbol}",
                  f"l{k} = {call}(u{k})  # l_{k} = {call}(u_{k})"]
    lines += [f"yhat = l{depth}", LOSS_LINES[loss]]
    return lines


def _output_delta(depth: int, activation: str, loss: str) -> str:
    """Delta l_K: yhat - y where f' cancels, else dL/dyhat times the output's slope (softmax: its Jacobian)."""
    if loss != "half_squared_error":
        return f"delta{depth} = yhat - y  # Delta l_{depth} = yhat - y: f' cancels against dL/dyhat"
    if activation == "softmax":
        return (f"delta{depth} = yhat * ((yhat - y) - np.sum((yhat - y) * yhat, axis=1, keepdims=True))"
                f"  # Delta l_{depth}: softmax's Jacobian times (yhat - y)")
    if activation == "sigmoid":
        return f"delta{depth} = (yhat - y) * yhat * (1 - yhat)  # Delta l_{depth}, the output layer"
    return f"delta{depth} = (yhat - y) * {slope(activation, depth, 'yhat')}  # Delta l_{depth}, the output layer"


def backward_lines(depth: int, biases: bool, activations: tuple[str, ...] = (), loss: str = "half_squared_error"
                   ) -> list[str]:
    """The deltas from the output back, then the gradient of every parameter."""
    names = activations or SERIES * depth
    lines = [_output_delta(depth, names[-1], loss)]
    for k in range(depth - 1, 0, -1):
        factor = f"l{k} * (1 - l{k})" if names[k - 1] == "sigmoid" else slope(names[k - 1], k, f"l{k}")
        lines.append(f"delta{k} = (delta{k + 1} @ W{k + 1}.T) * {factor}  # Delta l_{k}, the recursion")
    for k in range(1, depth + 1):
        lines.append(f"dW{k} = {_layer_input(k)}.T @ delta{k}  # dL/dW_{k} = {_symbol(k)}^T . Delta l_{k}")
        if biases:
            lines.append(f"db{k} = delta{k}.sum(axis=0, keepdims=True)  # dL/db_{k}: column sums")
    return lines


def update_lines(depth: int, biases: bool) -> list[str]:
    """W_k' = W_k - eta dL/dW_k (and the same for b_k)."""
    lines = []
    for k in range(1, depth + 1):
        lines.append(f"W{k}_new = W{k} - eta * dW{k}")
        if biases:
            lines.append(f"b{k}_new = b{k} - eta * db{k}")
    return lines


def _after_step(depth: int, biases: bool, activations: tuple[str, ...], loss: str) -> list[str]:
    """The forward pass again with the new parameters, for the loss after the step."""
    renamed = []
    for line in forward_lines(depth, biases, activations, loss):
        code = line.split("  #")[0]
        for k in range(depth, 0, -1):
            code = code.replace(f"W{k}", f"W{k}_new").replace(f"b{k}", f"b{k}_new")
            code = code.replace(f"u{k}", f"u{k}_new").replace(f"l{k}", f"l{k}_new")
        renamed.append(code.replace("yhat", "yhat_new").replace("L =", "L_new ="))
    return renamed


def _definitions(activations: tuple[str, ...]) -> str:
    """The functions the script calls, each defined once, in the order of FUNCTIONS."""
    used = [name for name in FUNCTIONS if name in activations]
    return "".join(FUNCTIONS[name] + "\n\n\n" for name in used)


def _shows(names: list[str]) -> list[str]:
    return [f'show("{name}", {name})' for name in names]


def sections(example: NetworkExample) -> list[Section]:
    """The script's steps, in the order the page shows them."""
    depth, biases = example.network.depth, example.network.biases is not None
    net = example.network
    activations = () if set(net.activations) == set(SERIES) else net.activations
    layers = range(1, depth + 1)
    forward_names = [n for k in layers for n in (f"u{k}", f"l{k}")] + ["yhat", "L"]
    gradient_names = [f"delta{k}" for k in reversed(layers)] + [n for k in layers for n in
                                                                 ([f"dW{k}", f"db{k}"] if biases else [f"dW{k}"])]
    new_names = [n for k in layers for n in ([f"W{k}_new", f"b{k}_new"] if biases else [f"W{k}_new"])]
    return [
        Section("Setup", "import numpy as np\n\n\n" + _definitions(net.activations) + SHOW),
        Section("The example as the page defines it", "\n".join(_given(example))),
        Section("Forward pass and loss",
                "\n".join([STEP_BEGIN, *forward_lines(depth, biases, activations, net.loss),
                           *_shows(forward_names)])),
        Section("Backward pass: the deltas from the output back, then the gradients",
                "\n".join([*backward_lines(depth, biases, activations, net.loss), *_shows(gradient_names)])),
        Section("One step of gradient descent, and the loss after it",
                "\n".join([*update_lines(depth, biases), STEP_END,
                           *_after_step(depth, biases, activations, net.loss), *_shows([*new_names, "L_new"])])),
    ]


def script_text(example: NetworkExample, page: str) -> str:
    """The whole script: a docstring saying what it is and how to run it, then every section.

    Args:
        example: A network example.
        page: The page it belongs to, as the docstring names it (e.g. `part-1-scalar`).
    """
    name = example.spec.name
    head = (f'"""The worked example {name!r} of the page {page!r}, recomputed in plain numpy.\n\n'
            f"Run it with `python {name}.py` (it needs only numpy). Each printed line is a value\n"
            f"the page shows, under the page's name for it, rounded as the page rounds it ({DEFAULT_DIGITS} digits).\n"
            '"""\n')
    body = "\n\n".join(f"# {s.title}\n{s.code}" for s in sections(example))
    return f"{head}\n{body}\n"


def training_step(text: str) -> list[str]:
    """The code lines of one training step, cut from a generated script's text (no prints, headings or blanks)."""
    lines = text.split("\n")
    if STEP_BEGIN not in lines or STEP_END not in lines:
        raise ValueError("the script has no training-step markers")
    code = lines[lines.index(STEP_BEGIN) + 1:lines.index(STEP_END)]
    return [line for line in code if line.strip() and not line.startswith(("show(", "#"))]
