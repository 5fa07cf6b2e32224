"""Tests for gradcore.core.validation and gradcore.core.errors: one test per kind of bad input."""

from __future__ import annotations

import numpy as np
import pytest

from gradcore.core.errors import GradcoreError, InputError, ShapeError
from gradcore.core.validation import as_matrix, as_scalar, plural, shape_text


def test_errors_are_value_errors() -> None:
    """Assert both error kinds derive from GradcoreError, itself a ValueError."""
    assert issubclass(ShapeError, GradcoreError) and issubclass(InputError, GradcoreError)
    assert issubclass(GradcoreError, ValueError)


def test_nested_list_becomes_float64_matrix() -> None:
    """Assert a nested list of ints becomes a 2-D float64 array."""
    X = as_matrix("X", [[1, 2, 3], [4, 5, 6]])
    assert X.dtype == np.float64 and X.shape == (2, 3)
    np.testing.assert_array_equal(X, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def test_scalar_becomes_one_by_one() -> None:
    """Assert a single number becomes a 1 x 1 matrix."""
    assert as_matrix("y", 0.5).shape == (1, 1)
    assert as_scalar("y", [[0.5]]) == 0.5


def test_result_is_a_read_only_copy() -> None:
    """Assert the caller's array is copied and the result cannot be written."""
    source = np.array([[1.0, 2.0]])
    X = as_matrix("X", source)
    source[0, 0] = 99.0
    assert X[0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0] = 5.0


@pytest.mark.parametrize("value", ["abc", [["1", "2"]], [[1, None]], None, [[True, False]], [[1 + 2j]]])
def test_non_numeric_is_refused(value: object) -> None:
    """Assert strings, None, booleans and complex numbers are refused, naming the argument."""
    with pytest.raises(InputError, match=r"^W_1 must be a number or a rectangular table of numbers, got"):
        as_matrix("W_1", value)


def test_ragged_rows_are_refused() -> None:
    """Assert rows of different lengths are refused."""
    with pytest.raises(InputError, match="rectangular table of numbers"):
        as_matrix("X", [[1, 2], [3]])


def test_nan_is_refused_with_its_position() -> None:
    """Assert a NaN is refused, naming the argument and the index."""
    with pytest.raises(InputError, match=r"X contains NaN at row 2, column 1"):
        as_matrix("X", [[1.0, 2.0], [float("nan"), 4.0]])


def test_inf_is_refused_with_its_position() -> None:
    """Assert an infinity is refused, naming the argument and the index."""
    with pytest.raises(InputError, match=r"y contains an infinite value at row 1, column 3"):
        as_matrix("y", [[1.0, 2.0, -np.inf]])


@pytest.mark.parametrize("value", [[1.0, 2.0, 3.0], [[[1.0]]]])
def test_wrong_number_of_dimensions_is_refused(value: object) -> None:
    """Assert 1-D and 3-D input are refused with a hint on how to write a row."""
    with pytest.raises(InputError, match=r"X must be a matrix \(2-D.*\[\[1, 2, 3\]\]"):
        as_matrix("X", value)


def test_empty_is_refused() -> None:
    """Assert a matrix without entries is refused."""
    with pytest.raises(InputError, match="X is empty"):
        as_matrix("X", [[]])


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"rows": 2}, "W_1 has shape 1 x 3 but must have 2 rows"),
    ({"cols": 1}, "W_1 has shape 1 x 3 but must have 1 column"),
    ({"rows": 3, "cols": 1}, "W_1 has shape 1 x 3 but must be 3 x 1"),
])
def test_wrong_rows_or_columns_raise_shape_error(kwargs: dict[str, int], words: str) -> None:
    """Assert a required shape is enforced and the message gives both shapes."""
    with pytest.raises(ShapeError, match=f"^{words}$"):
        as_matrix("W_1", [[1, 2, 3]], **kwargs)


def test_scalar_must_be_one_number() -> None:
    """Assert as_scalar refuses a vector."""
    with pytest.raises(ShapeError, match="must be 1 x 1"):
        as_scalar("y", [[1, 2]])


def test_shape_text_and_plural() -> None:
    """Assert shapes and counts read as a person would write them."""
    assert shape_text(np.zeros((3, 1))) == "3 x 1"
    assert shape_text(np.float64(1.0)) == "scalar"
    assert (plural(1, "row"), plural(2, "row"), plural(2, "bias", "biases")) == ("1 row", "2 rows", "2 biases")
