"""The losses and their derivatives with respect to the output.

The series' loss is L = 1/2 sum_j sum_o (y_jo - yhat_jo)^2, a sum over the
examples j of a batch and the outputs o, not a mean; dL/dyhat = yhat - y.
The two cross-entropies are summed over the examples in the same way:

* binary: L = -sum_j sum_o [y log yhat + (1 - y) log(1 - yhat)], for yhat = sigma(u);
* categorical: L = -sum_j sum_o y log yhat, for yhat = softmax(u) of each row.

Both are computed from u, not from yhat, so that a saturated output with a
target of 0 or 1 gives a finite loss (log of 1e-300 is fine, log of 0 is not):
-log sigma(u) = softplus(-u) and -log softmax(u)_i = logsumexp(u) - u_i.
Both forms also accept complex u, for the complex step.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gradcore.core.activations import exp_minus_abs, sigmoid, softmax
from gradcore.core.errors import ShapeError
from gradcore.core.validation import Matrix, as_matrix, plural, shape_text

__all__ = ["binary_cross_entropy", "check_targets", "cross_entropy", "half_squared_error", "log_softmax_terms",
           "loss_gradient", "output_residual", "softmax_residual", "softplus"]


def check_targets(y: Any, yhat_shape: tuple[int, ...]) -> Matrix:
    """y as a matrix of the same shape as the network's output.

    Args:
        y: The targets, one row per example, one column per output.
        yhat_shape: The shape (m, n_out) of yhat.

    Returns:
        y as a read-only float64 matrix.

    Raises:
        InputError: If y is not a finite numeric matrix.
        ShapeError: If y's shape is not `yhat_shape`.
    """
    y = as_matrix("y", y)
    if y.shape != tuple(yhat_shape):
        m, n_out = yhat_shape
        raise ShapeError(f"y has shape {shape_text(y)} but yhat is {m} x {n_out} "
                         f"({plural(m, 'example')} x {plural(n_out, 'output')}); y must be {m} x {n_out}")
    return y


def half_squared_error(yhat: Any, y: Any) -> float:
    """Half the squared error, summed over every example and every output (not averaged).

    L = 1/2 sum_j sum_o (y_jo - yhat_jo)^2.

    Args:
        yhat: The network's output, m x n_out.
        y: The targets, m x n_out.

    Returns:
        The loss as a Python float.
    """
    yhat = as_matrix("yhat", yhat)
    y = check_targets(y, yhat.shape)
    return float(0.5 * np.sum((y - yhat) ** 2))


def loss_gradient(yhat: Any, y: Any) -> Matrix:
    """The derivative of the loss with respect to the output: dL/dyhat = yhat - y.

    Args:
        yhat: The network's output, m x n_out.
        y: The targets, m x n_out.

    Returns:
        yhat - y, m x n_out.
    """
    yhat = as_matrix("yhat", yhat)
    return yhat - check_targets(y, yhat.shape)


def output_residual(u: Matrix, y: Matrix) -> Matrix:
    """yhat - y for yhat = sigma(u), computed without cancelling against 1.

    Where u >= 0, yhat = 1 - sigma(-u), so yhat - y = (1 - y) - sigma(-u): for a
    target of 1 and a saturated unit this keeps every digit of the small
    difference that sigma(u) - 1 would round to zero.
    """
    with np.errstate(invalid="ignore"):
        return np.where(u >= 0, (1 - y) - sigmoid(-u), sigmoid(u) - y)


def softplus(u: np.ndarray) -> np.ndarray:
    """log(1 + e^u) = max(u, 0) + log1p(e^(-|u|)), real or complex; the exponential is at most 1."""
    return np.where(u.real >= 0, u, 0.0) + np.log1p(exp_minus_abs(u))


def binary_cross_entropy(u: np.ndarray, y: np.ndarray) -> Any:
    """-sum [y log sigma(u) + (1 - y) log(1 - sigma(u))] = sum [y softplus(-u) + (1 - y) softplus(u)]."""
    return np.sum(y * softplus(-u) + (1 - y) * softplus(u))


def log_softmax_terms(u: np.ndarray) -> np.ndarray:
    """-log softmax(u) for each entry: logsumexp of the row minus u_i, without cancelling.

    With k the entry of largest real part in the row, logsumexp(u) - u_i =
    (u_k - u_i) + log1p(sum over j != k of e^(u_j - u_k)): the first term is
    0 or positive, the second is kept to full precision when it is tiny.
    """
    k = np.argmax(u.real, axis=1)[:, None]
    top = np.take_along_axis(u, k, axis=1)
    others = np.exp(u - top)
    np.put_along_axis(others, k, 0.0, axis=1)
    return (top - u) + np.log1p(others.sum(axis=1, keepdims=True))


def cross_entropy(u: np.ndarray, y: np.ndarray) -> Any:
    """-sum y log softmax(u), summed over every example and every output."""
    return np.sum(y * log_softmax_terms(u))


def softmax_residual(u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """softmax(u) - y without cancelling against 1: at each row's largest entry, (1 - y_k) - (sum of the others)."""
    s = softmax(u)
    k = np.argmax(u.real, axis=1)[:, None]
    others = s.copy()
    np.put_along_axis(others, k, 0.0, axis=1)
    rest = others.sum(axis=1, keepdims=True)
    residual = s - y
    np.put_along_axis(residual, k, (1 - np.take_along_axis(y, k, axis=1)) - rest, axis=1)
    return residual
