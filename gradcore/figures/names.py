"""The series' names for the parts of a network, as TeX (for matplotlib's mathtext and MathJax).

Inputs are x^1..x^n, the nodes of hidden layer k are l_k^1..l_k^n, the output
is yhat, and the weight from node i of layer k-1 to node j of layer k is
w_k^{ij}. As in the series, an index that can only be 1 is left out: the
weights into a single output node are w_k^i, and a 1 x 1 layer's weight is w_k;
a one-layer network (Parts 1 to 3) has no layer number at all: w, w^i. The
generic names use the pages' letters: i counts inputs, p the nodes of the layer
below otherwise, and p or q the nodes a weight feeds (w_1^{ip}, w_2^p, w_k^{pq}).
"""

from __future__ import annotations

from gradcore.markup.latex import UNICODE_MINUS

# TeX that alt text writes out in plain characters (the rest of the braces simply go).
PLAIN = {r"\hat{y}": "y-hat", r" \dots ": " to ", r" \times ": " × ", r" \to ": " → ", r"\partial": "∂",
         r"\sigma": "σ", r"\eta": "η", r"\,": "", "{": "", "}": ""}


def node_name(k: int, j: int, layers: tuple[int, ...]) -> str:
    """Node j (1-based) of layer k, where layer 0 is the input and the last layer the output."""
    index = f"^{{{j}}}" if layers[k] > 1 else ""
    if k == 0:
        return "x" + index
    if k == len(layers) - 1:
        return r"\hat{y}" + index
    return f"l_{{{k}}}" + index


def weight_name(k: int, i: int, j: int, layers: tuple[int, ...]) -> str:
    """The weight w_k^{ij} from node i of layer k-1 to node j of layer k (1-based)."""
    return _weight(k, layers) + _indices([(i, layers[k - 1]), (j, layers[k])])


def weight_pattern(k: int, layers: tuple[int, ...]) -> str:
    """The generic name of layer k's weights, e.g. w_1^{ip}, w_2^{p}, w_2 or (one layer) w^{i}."""
    source, target = ("i", "p") if k == 1 else ("p", "q")
    return _weight(k, layers) + _indices([(source, layers[k - 1]), (target, layers[k])])


def _weight(k: int, layers: tuple[int, ...]) -> str:
    """w_k, or w alone in a one-layer network."""
    return "w" if len(layers) == 2 else f"w_{{{k}}}"


def layer_nodes(k: int, layers: tuple[int, ...]) -> str:
    """The nodes of layer k as a range, e.g. x^1 \\dots x^3, or the single node's name."""
    if layers[k] == 1:
        return node_name(k, 1, layers)
    if layers[k] == 2:
        return f"{node_name(k, 1, layers)}, {node_name(k, 2, layers)}"
    return rf"{node_name(k, 1, layers)} \dots {node_name(k, layers[k], layers)}"


def plain(tex: str) -> str:
    """TeX as plain text for alt text, e.g. `l_{1}^{2}` -> `l_1^2`, `\\hat{y}` -> `y-hat`, `-` -> U+2212."""
    tex = tex.replace("-", UNICODE_MINUS)  # in TeX a hyphen is always a minus sign
    for command, text in PLAIN.items():
        tex = tex.replace(command, text)
    return tex


def _indices(pairs: list[tuple[object, int]]) -> str:
    kept = "".join(str(index) for index, size in pairs if size > 1)
    return f"^{{{kept}}}" if kept else ""
