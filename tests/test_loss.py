"""Tests for gradcore.core.loss: half the summed squared error and its derivative."""

from __future__ import annotations

import numpy as np
import pytest

from gradcore.core.errors import InputError, ShapeError
from gradcore.core.loss import check_targets, half_squared_error, loss_gradient


def test_one_example() -> None:
    """Assert L = 1/2 (y - yhat)^2 for a single output."""
    assert half_squared_error([[0.75]], [[1.0]]) == 0.5 * 0.25**2


def test_batch_is_a_sum_not_a_mean() -> None:
    """Assert the loss of a batch adds the losses of its examples and outputs."""
    yhat = np.array([[0.2, 0.4], [0.6, 0.9]])
    y = np.array([[0.0, 1.0], [1.0, 1.0]])
    expected = 0.5 * (0.2**2 + 0.6**2 + 0.4**2 + 0.1**2)
    assert half_squared_error(yhat, y) == pytest.approx(expected, rel=1e-15)
    assert half_squared_error(yhat, y) == pytest.approx(
        sum(half_squared_error(yhat[j:j + 1], y[j:j + 1]) for j in range(2)), rel=1e-15)


def test_loss_is_a_python_float() -> None:
    """Assert the loss comes back as a plain float."""
    assert type(half_squared_error([[0.5]], [[0.0]])) is float


def test_loss_gradient_is_yhat_minus_y() -> None:
    """Assert dL/dyhat = yhat - y (not y - yhat)."""
    np.testing.assert_array_equal(loss_gradient([[0.75], [0.25]], [[1.0], [0.0]]), [[-0.25], [0.25]])


def test_loss_gradient_matches_a_central_difference() -> None:
    """Assert dL/dyhat agrees with a central difference of the loss."""
    yhat, y, h = 0.3, 0.9, 1e-6
    fd = (half_squared_error(yhat + h, y) - half_squared_error(yhat - h, y)) / (2 * h)
    assert loss_gradient(yhat, y)[0, 0] == pytest.approx(fd, rel=1e-8)


def test_targets_of_wrong_shape_say_the_expected_shape() -> None:
    """Assert y of shape 1 x 2 against yhat 2 x 1 is refused with the shape y must have."""
    with pytest.raises(ShapeError) as info:
        check_targets([[1.0, 0.0]], (2, 1))
    assert str(info.value) == "y has shape 1 x 2 but yhat is 2 x 1 (2 examples x 1 output); y must be 2 x 1"
    with pytest.raises(ShapeError, match="y must be 1 x 1"):
        half_squared_error([[0.5]], [[1.0], [0.0]])


def test_non_finite_targets_are_refused() -> None:
    """Assert a NaN target is refused by name."""
    with pytest.raises(InputError, match=r"^y contains NaN"):
        loss_gradient([[0.5]], [[float("nan")]])
