"""The loss of the series and its derivative with respect to the output.

L = 1/2 sum_j sum_o (y_jo - yhat_jo)^2, a sum over the examples j of a batch
and the outputs o, not a mean. Its derivative is dL/dyhat = yhat - y.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gradcore.core.activations import sigmoid
from gradcore.core.errors import ShapeError
from gradcore.core.validation import Matrix, as_matrix, plural, shape_text

__all__ = ["check_targets", "half_squared_error", "loss_gradient", "output_residual"]


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
