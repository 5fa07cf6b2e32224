"""Backpropagation: the deltas of every layer, then the gradients of every parameter.

Delta l_L = dL/dyhat * f_L'(u_L)                                  (output layer)
Delta l_k = (Delta l_(k+1) . W_(k+1)^T) * f_k'(u_k)                (hidden layers)
dL/dW_k   = l_(k-1)^T . Delta l_k
dL/db_k   = the column sums of Delta l_k

'.' is the matrix product and '*' the element-wise one (SERIES notation). In
the series, f = sigma and L is half the squared error, so Delta l_L =
(yhat - y) * yhat * (1 - yhat) and f_k'(u_k) = l_k (1 - l_k). Those are
computed as sigma'(u) (`gradcore.core.activations.sigmoid_prime`) and yhat - y
without cancelling against 1 (`gradcore.core.loss.output_residual`): written
literally, 1 - yhat loses every digit once a unit saturates. For softmax,
'* f'(u)' is the product with its Jacobian; where f' cancels against dL/dyhat
(sigmoid with binary cross-entropy, softmax with cross-entropy), Delta l_L =
yhat - y (`gradcore.core.choices.Loss.delta`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gradcore.core.choices import ACTIVATIONS, LOSSES, check_loss_targets
from gradcore.core.errors import InputError
from gradcore.core.forward import ForwardPass, check_inputs, propagate
from gradcore.core.network import Network
from gradcore.core.validation import Matrix, readonly

__all__ = ["Gradients", "backward"]


@dataclass(frozen=True, eq=False)
class Gradients:
    """The deltas and the gradient of the loss for every parameter.

    Attributes:
        deltas: Delta l_1..Delta l_L; Delta l_k = dL/du_k is m x n_k.
        weights: dL/dW_1..dL/dW_L, each shaped like its W_k.
        biases: dL/db_1..dL/db_L (each 1 x n_k), or None for a network without biases.
    """

    deltas: tuple[Matrix, ...]
    weights: tuple[Matrix, ...]
    biases: tuple[Matrix, ...] | None = None


def _check_cache(net: Network, X: Matrix, fwd: ForwardPass) -> None:
    """A forward pass given by the caller must belong to this network and this X."""
    if len(fwd.activations) != net.depth or not np.array_equal(fwd.X, X):
        raise InputError("fwd was computed for a different X or network; "
                         "pass the result of forward(net, X) or leave fwd out")


def _deltas(net: Network, fwd: ForwardPass, y: Matrix) -> list[Matrix]:
    """Delta l_1..Delta l_L, computed from the output layer back."""
    u, f = fwd.pre_activations, [ACTIVATIONS[name] for name in net.activations]
    # Delta l_L = dL/dyhat * f_L'(u_L), or yhat - y where f_L' cancels
    deltas = [LOSSES[net.loss].delta(f[-1], u[-1], y)]
    for k in range(net.depth - 1, 0, -1):
        W_next = net.weights[k]  # W_(k+1): the tuple counts from 0
        # Delta l_k = (Delta l_(k+1) . W_(k+1)^T) * f_k'(u_k); for sigma, f_k'(u_k) = l_k (1 - l_k)
        deltas.insert(0, f[k - 1].backprop(u[k - 1], deltas[0] @ W_next.T))
    return deltas


def _parameter_gradients(net: Network, fwd: ForwardPass, deltas: list[Matrix]) -> Gradients:
    dW, db = [], []
    for k in range(1, net.depth + 1):
        delta_k = deltas[k - 1]
        dW.append(readonly(fwd.layer(k - 1).T @ delta_k))  # dL/dW_k = l_(k-1)^T . Delta l_k
        db.append(readonly(delta_k.sum(axis=0, keepdims=True)))  # dL/db_k = column sums of Delta l_k
    biases = tuple(db) if net.biases is not None else None
    return Gradients(tuple(readonly(d) for d in deltas), tuple(dW), biases)


def backward(net: Network, X: Any, y: Any, fwd: ForwardPass | None = None) -> Gradients:
    """Backpropagate the loss of a batch through the network.

    Args:
        net: The network.
        X: The input, m x n_0.
        y: The targets, m x n_L.
        fwd: The forward pass of `net` on `X`, if already computed; else it is run here.

    Returns:
        `Gradients` with the deltas, dL/dW_k and (if the network has biases) dL/db_k.

    Raises:
        InputError: For non-numeric or non-finite X or y, targets the loss cannot take, or a `fwd` of another X.
        ShapeError: If X or y do not fit the network.
    """
    X = check_inputs(net, X)
    if fwd is None:
        fwd = propagate(net, X)  # X is checked just above
    _check_cache(net, X, fwd)
    return backpropagate(net, fwd, check_loss_targets(net.loss, y, fwd.yhat.shape))


def backpropagate(net: Network, fwd: ForwardPass, y: Matrix) -> Gradients:
    """The gradients for a forward pass and targets already checked (the training loop's path)."""
    return _parameter_gradients(net, fwd, _deltas(net, fwd, y))
