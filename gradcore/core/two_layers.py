"""Parts 4-6 of the series: two layers, l_1 = sigma(X . W_1), yhat = sigma(l_1 . W_2), no biases.

Part 4 has one hidden node, part 5 a hidden layer of h nodes (written element
by element), part 6 a batch (a sum of part-5 terms, one per example).
Throughout, delta = (yhat - y) yhat (1 - yhat) is the output delta of one example.
"""

from __future__ import annotations

from functools import reduce
from typing import Any

import numpy as np

from gradcore.core.activations import sigmoid, sigmoid_prime
from gradcore.core.loss import output_residual
from gradcore.core.validation import Matrix, as_matrix, as_scalar

__all__ = ["part4_one_hidden", "part5_hidden_layer", "part6_batch", "part6_batch_terms"]


def _output_delta(u: float, y: float) -> float:
    """(yhat - y) yhat (1 - yhat) for yhat = sigma(u), computed stably (see `gradcore.core.backward`)."""
    return float(output_residual(np.asarray(u), np.asarray(y)) * sigmoid_prime(u))


def part4_one_hidden(X: Any, y: Any, W1: Any, W2: Any) -> tuple[Matrix, Matrix]:
    """Part 4, two layers with one hidden node and one example X (1 x n).

    With l_1 = sigma(X . W_1), yhat = sigma(l_1 W_2) and delta = (yhat - y) yhat (1 - yhat):
    dL/dW_2 = delta l_1 and dL/dW_1 = delta W_2 l_1 (1 - l_1) X^T.

    Returns:
        (dL/dW_1, n x 1; dL/dW_2, 1 x 1).
    """
    X = as_matrix("X", X, rows=1)
    W1 = as_matrix("W_1", W1, rows=X.shape[1], cols=1)
    w2, y = as_scalar("W_2", W2), as_scalar("y", y)
    u1 = X[0] @ W1[:, 0]
    l1 = float(sigmoid(u1))  # l_1 = sigma(X . W_1), a single number
    delta = _output_delta(l1 * w2, y)  # yhat = sigma(l_1 W_2)
    dW2 = np.array([[delta * l1]])  # dL/dW_2 = delta l_1
    dW1 = delta * w2 * float(sigmoid_prime(u1)) * X.T  # dL/dW_1 = delta W_2 l_1 (1 - l_1) X^T
    return dW1, dW2


def part5_hidden_layer(X: Any, y: Any, W1: Any, W2: Any) -> tuple[Matrix, Matrix]:
    """Part 5, two layers with h hidden nodes, one output and one example X (1 x n).

    Element by element, with delta = (yhat - y) yhat (1 - yhat):
    dL/dw_2^j = delta l_1^j and dL/dw_1^(ij) = delta w_2^j l_1^j (1 - l_1^j) x^i.

    Returns:
        (dL/dW_1, n x h; dL/dW_2, h x 1).
    """
    X = as_matrix("X", X, rows=1)
    n = X.shape[1]
    W1 = as_matrix("W_1", W1, rows=n)
    h = W1.shape[1]
    W2, y = as_matrix("W_2", W2, rows=h, cols=1), as_scalar("y", y)
    x, w2 = X[0], W2[:, 0]
    u1 = x @ W1
    l1, dl1 = sigmoid(u1), sigmoid_prime(u1)  # l_1^j = sigma(sum_i x^i w_1^(ij)); dl1 = l_1^j (1 - l_1^j)
    delta = _output_delta(l1 @ w2, y)  # yhat = sigma(sum_j l_1^j w_2^j)
    dW2 = np.array([[delta * l1[j]] for j in range(h)])  # dL/dw_2^j = delta l_1^j
    dW1 = np.array([[delta * w2[j] * dl1[j] * x[i]  # dL/dw_1^(ij) = delta w_2^j l_1^j (1 - l_1^j) x^i
                     for j in range(h)] for i in range(n)])
    return dW1, dW2


def part6_batch_terms(X: Any, y: Any, W1: Any, W2: Any) -> list[tuple[Matrix, Matrix]]:
    """Part 6, two layers and a batch X (m x n): example j's part-5 gradient.

    Returns:
        m pairs (dL/dW_1 term, dL/dW_2 term); their sums are the batch gradient.
    """
    X = as_matrix("X", X)
    m = X.shape[0]
    y = as_matrix("y", y, rows=m, cols=1)
    return [part5_hidden_layer(X[j:j + 1], y[j:j + 1], W1, W2) for j in range(m)]


def part6_batch(X: Any, y: Any, W1: Any, W2: Any) -> tuple[Matrix, Matrix]:
    """Part 6, two layers and a batch: dL/dW_k = sum over the examples j of their part-5 terms.

    Returns:
        (dL/dW_1, n x h; dL/dW_2, h x 1).
    """
    terms = part6_batch_terms(X, y, W1, W2)
    dW1 = reduce(np.add, (t[0] for t in terms))  # sum_j dL_j/dW_1
    dW2 = reduce(np.add, (t[1] for t in terms))  # sum_j dL_j/dW_2
    return dW1, dW2
