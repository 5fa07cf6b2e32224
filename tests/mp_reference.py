"""An exact reference for the tests: a network's loss in mpmath, differentiated one weight at a time.

It uses no formula of gradcore: the loss is written out from its definition
(each layer's activation, then the loss, summed over the examples) and
`mpmath.diff` differentiates it numerically at the working precision the
caller chooses (`mpmath.workdps`).
"""

from __future__ import annotations

from collections.abc import Sequence

import mpmath
import numpy as np

from gradcore.core.network import Network

Weights = list[list[list[mpmath.mpf]]]


def _activation(name: str, u: list) -> list:
    if name == "sigmoid":
        return [1 / (1 + mpmath.exp(-v)) for v in u]
    if name == "tanh":
        return [mpmath.tanh(v) for v in u]
    if name == "relu":
        return [v if v > 0 else mpmath.mpf(0) for v in u]
    total = mpmath.fsum(mpmath.exp(v) for v in u)  # softmax
    return [mpmath.exp(v) / total for v in u]


def _example_loss(loss: str, yhat: list, y: Sequence[float]) -> mpmath.mpf:
    t = [mpmath.mpf(v) for v in y]
    if loss == "half_squared_error":
        return mpmath.fsum((a - b) ** 2 for a, b in zip(t, yhat)) / 2
    if loss == "binary_cross_entropy":
        return -mpmath.fsum(a * mpmath.log(b) + (1 - a) * mpmath.log(1 - b) for a, b in zip(t, yhat))
    return -mpmath.fsum(a * mpmath.log(b) for a, b in zip(t, yhat) if a != 0)  # cross_entropy


def mp_loss(net: Network, weights: Weights, X: Sequence[Sequence[float]], y: Sequence[Sequence[float]]) -> mpmath.mpf:
    """The network's loss with the given weights (and its own biases), summed over the examples."""
    biases = None if net.biases is None else [[mpmath.mpf(float(v)) for v in b[0]] for b in net.biases]
    total = mpmath.mpf(0)
    for x_row, y_row in zip(X, y):
        layer = [mpmath.mpf(v) for v in x_row]
        for k, (W, name) in enumerate(zip(weights, net.activations)):
            u = [mpmath.fsum(layer[i] * W[i][j] for i in range(len(layer))) + (biases[k][j] if biases else 0)
                 for j in range(len(W[0]))]
            layer = _activation(name, u)
        total += _example_loss(net.loss, layer, y_row)
    return total


def mp_weights(net: Network) -> Weights:
    """The network's weights as mpmath numbers."""
    return [[[mpmath.mpf(float(v)) for v in row] for row in W] for W in net.weights]


def weight_gradients(net: Network, X: Sequence[Sequence[float]], y: Sequence[Sequence[float]]) -> list[np.ndarray]:
    """dL/dW_k, every entry by differentiating `mp_loss` in that one weight (at mpmath's working precision)."""
    base = mp_weights(net)
    grads = []
    for k, W in enumerate(net.weights):
        g = np.empty(W.shape)
        for i, j in np.ndindex(W.shape):
            def loss_at(t, k=k, i=i, j=j):
                weights = [[row[:] for row in layer] for layer in base]
                weights[k][i][j] = t
                return mp_loss(net, weights, X, y)
            g[i, j] = float(mpmath.diff(loss_at, base[k][i][j]))
        grads.append(g)
    return grads
