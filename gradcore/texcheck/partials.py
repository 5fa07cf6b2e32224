"""The local derivatives of the chain rule, as the pages write them, on a worked example.

    d l_k / d u_k      = f'(u_k), entry by entry, for the layer's activation f (d yhat / d u_K likewise);
                         for a softmax layer d yhat^p / d u^q = yhat^p (1[p = q] - yhat^q)
    d u_k / d W_k      = l_(k-1)^T (one example, one node in layer k);
    d u_k^p / d w_k^{ip} = l_(k-1)^i
    d u_k / d l_(k-1)  = W_k (one node in layer k);  d u_k^q / d l_(k-1)^p = w_k^{pq}
    d yhat / d W       = sigma'(u) X^T (one layer, one example)

Each of these is the derivative of one quantity of the forward pass with
respect to another, so it has a value on the example; a chain-rule product of
them can be evaluated and compared with backpropagation like any other member.
"""

from __future__ import annotations

import numpy as np

from gradcore.core.activations import softmax
from gradcore.core.choices import ACTIVATIONS
from gradcore.examples.worked import NetworkExample
from gradcore.texcheck.symbols import (
    IndexOutOfRangeError,
    Indices,
    NotationError,
    UnknownSymbolError,
    number_in_script,
    script,
)

__all__ = ["Ref", "local_partial"]

Ref = tuple[str, str | None, str | None]  # (name, subscript token, superscript text)


def _layer(ref: Ref, example: NetworkExample, indices: Indices) -> int:
    name, sub, _ = ref
    if name == "\\hat{y}":
        return example.network.depth
    layer = script(sub).layer
    if layer is None:
        if example.network.depth != 1:
            raise NotationError(f"{name} without a layer number is ambiguous")
        return 1
    return number_in_script(layer, indices, example)


def _entry(value: np.ndarray, row: int, col: int) -> np.ndarray:
    if not (1 <= row <= value.shape[0] and 1 <= col <= value.shape[1]):
        raise IndexOutOfRangeError(f"[{row}, {col}]")
    return value[row - 1:row, col - 1:col]


def _example_row(ref: Ref, value: np.ndarray, example: NetworkExample, indices: Indices) -> np.ndarray:
    """Row j of a layer for a reference with an example index (j); the layer itself for one example."""
    j = script(ref[1]).example
    if j is None:
        if value.shape[0] != 1:
            raise NotationError("a local derivative over several examples needs an example index (j)")
        return value
    row = number_in_script(j, indices, example)
    if not 1 <= row <= value.shape[0]:
        raise IndexOutOfRangeError(f"example {row}")
    return value[row - 1:row]


def _nodes(sup: str | None, indices: Indices, example: NetworkExample) -> list[int]:
    return [number_in_script(c, indices, example) for c in (sup or "") if not c.isspace()]


def local_partial(top: Ref, bottom: Ref, indices: Indices, example: NetworkExample) -> np.ndarray:
    """d top / d bottom for two quantities of the forward pass (see the module)."""
    k, kind = _layer(top, example, indices), bottom[0]
    fwd, net = example.forward, example.network
    if top[0] in ("l", "\\hat{y}") and kind == "u" and _layer(bottom, example, indices) == k:
        activation = ACTIVATIONS[net.activations[k - 1]]
        if activation.prime is None:
            return _softmax_entry(top, bottom, _example_row(top, fwd.pre_activations[k - 1], example, indices),
                                  indices, example)
        if top[2] != bottom[2]:
            raise NotationError("d l / d u is taken node by node: write the same node on both")
        slope = _example_row(top, activation.prime(fwd.pre_activations[k - 1]), example, indices)
        return _entry(slope, 1, _nodes(top[2], indices, example)[0]) if top[2] else slope
    if top[0] == "\\hat{y}" and kind in ("w", "W") and net.depth == 1 and example.X.shape[0] == 1 and not bottom[2]:
        prime = ACTIVATIONS[net.activations[0]].prime
        if prime is None:
            raise NotationError("d yhat / d W of a softmax layer is not a column: take it entry by entry")
        return example.X.T * prime(fwd.pre_activations[0])
    if top[0] != "u" or not 1 <= k <= net.depth:
        raise UnknownSymbolError(f"d {top[0]} / d {kind} is not a derivative of the forward pass")
    below = _example_row(top, example.X if k == 1 else fwd.activations[k - 2], example, indices)
    if kind in ("w", "W") and _layer(bottom, example, indices) == k:
        return _by_node(below, top, bottom, indices, example, weights_first=True)
    if kind in ("l", "x", "X") and (kind != "l" or _layer(bottom, example, indices) == k - 1):
        return _by_node(net.weights[k - 1], top, bottom, indices, example, weights_first=False)
    raise UnknownSymbolError(f"d {top[0]} / d {kind} is not a derivative of the forward pass")


def _softmax_entry(top: Ref, bottom: Ref, u: np.ndarray, indices: Indices, example: NetworkExample) -> np.ndarray:
    """d yhat^p / d u^q of a softmax layer: yhat^p (1 - yhat^p) for p = q, else -yhat^p yhat^q."""
    p_nodes, q_nodes = _nodes(top[2], indices, example), _nodes(bottom[2], indices, example)
    if len(p_nodes) != 1 or len(q_nodes) != 1:
        raise NotationError("a softmax output depends on every u of its layer: take d yhat^p / d u^q entry by entry")
    s = softmax(u)
    p, q = p_nodes[0], q_nodes[0]
    sp, sq = _entry(s, 1, p), _entry(s, 1, q)
    return sp * (1 - sp) if p == q else -sp * sq


def _by_node(source: np.ndarray, top: Ref, bottom: Ref, indices: Indices, example: NetworkExample,
             weights_first: bool) -> np.ndarray:
    """du^q/dw^{pq} = l^p (source = the layer below) or du^q/dl^p = w^{pq} (source = the weights)."""
    out_node = _nodes(top[2], indices, example)
    in_nodes = _nodes(bottom[2], indices, example)
    width = example.network.weights[_layer(top, example, indices) - 1].shape[1]
    if not in_nodes:
        if width != 1:
            raise NotationError("a derivative of a layer of several nodes is taken node by node")
        return source.T if weights_first else source
    q = out_node[0] if out_node else (in_nodes[1] if len(in_nodes) > 1 else 1)
    if len(in_nodes) > 1 and out_node and in_nodes[1] != q:
        raise IndexOutOfRangeError("w^{pq} with q other than the node of u")  # zero, not a term of the page's sums
    p = in_nodes[0]
    return _entry(source, 1, p) if weights_first else _entry(source, p, q)
