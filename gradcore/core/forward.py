"""The forward pass: from X to yhat, keeping every layer on the way.

u_k = l_(k-1) . W_k (+ b_k) and l_k = f_k(u_k), starting from l_0 = X, with f_k
the layer's activation (sigma in the series); the output is yhat = l_L. The
backward pass reuses all of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gradcore.core.choices import ACTIVATIONS
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.limits import check_examples
from gradcore.core.network import Network
from gradcore.core.validation import Matrix, as_matrix, plural, readonly, shape_text

__all__ = ["ForwardPass", "check_inputs", "forward"]


@dataclass(frozen=True, eq=False)
class ForwardPass:
    """Everything the forward pass computed.

    Attributes:
        X: The input l_0, m x n_0 (one row per example).
        pre_activations: u_1..u_L; u_k is m x n_k.
        activations: l_1..l_L; l_k = f_k(u_k) is m x n_k.
    """

    X: Matrix
    pre_activations: tuple[Matrix, ...]
    activations: tuple[Matrix, ...]

    @property
    def yhat(self) -> Matrix:
        """The network's output l_L, m x n_L."""
        return self.activations[-1]

    def layer(self, k: int) -> Matrix:
        """The output l_k of layer k, for k = 0 (the input X) to L (yhat).

        Raises:
            InputError: If k is not a layer number 0..L.
        """
        depth = len(self.activations)
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= depth:
            raise InputError(f"layer number must be a whole number from 0 to {depth}, got {k!r}")
        return self.X if k == 0 else self.activations[k - 1]


def check_inputs(net: Network, X: Any) -> Matrix:
    """X as a matrix whose columns match the rows of W_1.

    Raises:
        InputError: If X is not a finite numeric matrix, or has too many rows.
        ShapeError: If X does not have one column per row of W_1.
    """
    X = as_matrix("X", X)
    W1 = net.weights[0]
    if X.shape[1] != W1.shape[0]:
        raise ShapeError(f"X has shape {shape_text(X)} but W_1 has shape {shape_text(W1)}; "
                         f"X needs {plural(W1.shape[0], 'column')}, one per row of W_1")
    check_examples(X.shape[0])
    return X


def forward(net: Network, X: Any) -> ForwardPass:
    """Run the network on a batch.

    Args:
        net: The network.
        X: The input, m x n_0: one example per row (a single example is 1 x n_0).

    Returns:
        The `ForwardPass` with u_1..u_L and l_1..l_L (read-only arrays).

    Raises:
        InputError: If X is not a finite numeric matrix, or has too many rows.
        ShapeError: If X does not have one column per row of W_1.
    """
    return propagate(net, check_inputs(net, X))


def propagate(net: Network, X: Matrix) -> ForwardPass:
    """The forward pass of an X already checked by `check_inputs` (the training loop's path)."""
    l, us, ls = X, [], []  # l_0 = X
    for k, (W, name) in enumerate(zip(net.weights, net.activations)):
        u = l @ W  # u_k = l_(k-1) . W_k
        if net.biases is not None:
            u = u + net.biases[k]  # ... + b_k
        l = ACTIVATIONS[name].value(u)  # l_k = f_k(u_k)
        us.append(readonly(u))
        ls.append(readonly(l))
    return ForwardPass(X, tuple(us), tuple(ls))
