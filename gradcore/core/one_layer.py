"""Parts 1-3 of the series: one layer, yhat = sigma(X . W), no bias.

Each gradient is written the way its page derives it: part 1 for a scalar
input, part 2 one component x_i at a time, part 3 as a sum of one term per
example. `gradcore.core.closed_forms` collects these with parts 4-6.
"""

from __future__ import annotations

from functools import reduce
from typing import Any

import numpy as np

from gradcore.core.activations import sigmoid_prime
from gradcore.core.loss import output_residual
from gradcore.core.validation import Matrix, as_matrix, as_scalar

__all__ = ["part1_scalar", "part2_vector", "part3_batch", "part3_batch_terms"]


def _output_delta(u: float, y: float) -> float:
    """(yhat - y) yhat (1 - yhat) for yhat = sigma(u), computed stably (see `gradcore.core.backward`)."""
    return float(output_residual(np.asarray(u), np.asarray(y)) * sigmoid_prime(u))


def part1_scalar(x: Any, y: Any, w: Any) -> float:
    """Part 1, one layer and a scalar input: dL/dw = (yhat - y) yhat (1 - yhat) x, with yhat = sigma(x w)."""
    x, y, w = as_scalar("x", x), as_scalar("y", y), as_scalar("w", w)
    return _output_delta(x * w, y) * x  # dL/dw = (yhat - y) yhat (1 - yhat) x, yhat = sigma(x w)


def part2_vector(X: Any, y: Any, W: Any) -> Matrix:
    """Part 2, one layer and one example X (1 x n): dL/dw_i = (yhat - y) yhat (1 - yhat) x_i.

    Returns:
        The n x 1 gradient, shaped like W.
    """
    X = as_matrix("X", X, rows=1)
    n = X.shape[1]
    W, y = as_matrix("W", W, rows=n, cols=1), as_scalar("y", y)
    x = X[0]
    delta = _output_delta(x @ W[:, 0], y)  # (yhat - y) yhat (1 - yhat), yhat = sigma(sum_i x_i w_i)
    return np.array([[delta * x[i]] for i in range(n)])  # dL/dw_i, i = 1..n


def part3_batch_terms(X: Any, y: Any, W: Any) -> list[Matrix]:
    """Part 3, one layer and a batch X (m x n): example j's share of the gradient.

    term_j = (yhat_j - y_j) yhat_j (1 - yhat_j) x_j^T, where x_j is row j of X.

    Returns:
        m arrays of shape n x 1; their sum is dL/dW (see `part3_batch`).
    """
    X = as_matrix("X", X)
    m, n = X.shape
    W, y = as_matrix("W", W, rows=n, cols=1), as_matrix("y", y, rows=m, cols=1)
    terms = []
    for j in range(m):
        x_j = X[j:j + 1]  # 1 x n
        # (yhat_j - y_j) yhat_j (1 - yhat_j), with yhat_j = sigma(x_j . W)
        delta_j = _output_delta(x_j[0] @ W[:, 0], y[j, 0])
        terms.append(delta_j * x_j.T)  # (yhat_j - y_j) yhat_j (1 - yhat_j) x_j^T
    return terms


def part3_batch(X: Any, y: Any, W: Any) -> Matrix:
    """Part 3, one layer and a batch: dL/dW = sum_j (yhat_j - y_j) yhat_j (1 - yhat_j) x_j^T (n x 1)."""
    return reduce(np.add, part3_batch_terms(X, y, W))


