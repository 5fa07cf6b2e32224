"""Turn user input into the 2-D float64 arrays the rest of gradcore works with.

Every public function passes its inputs through `as_matrix`, so a mistake is
reported once, in the same words, naming the argument that caused it.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

from gradcore.core.errors import InputError, ShapeError

__all__ = ["Matrix", "as_matrix", "as_scalar", "plural", "readonly", "shape_text"]

Matrix = npt.NDArray[np.float64]
"""A 2-D float64 array: one row per example, or a layer's weights n_in x n_out."""


def shape_text(array: np.ndarray) -> str:
    """A shape as people write it: "3 x 1" (or "scalar" for a 0-d array)."""
    return " x ".join(str(n) for n in array.shape) or "scalar"


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun: "1 row", "2 rows" (`many` for irregular plurals)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _numeric(name: str, value: Any) -> np.ndarray:
    """`value` as a float64 array of any dimension, or InputError."""
    try:
        array = np.asarray(value)
        if array.dtype.kind in "iuf":
            return array.astype(np.float64)
        if array.dtype.kind == "O" and all(_is_number(v) for v in array.flat):
            return array.astype(np.float64)
    except (TypeError, ValueError, OverflowError):
        pass
    raise InputError(f"{name} must be a number or a rectangular table of numbers, got {_preview(value)}")


def _check_finite(name: str, array: np.ndarray) -> None:
    if np.isfinite(array).all():  # the usual case, answered without locating anything
        return
    bad = np.argwhere(~np.isfinite(array))
    if bad.size:
        index = tuple(int(i) for i in bad[0])
        what = "NaN" if np.isnan(array[index]) else "an infinite value"
        where = ", ".join(f"{axis} {i + 1}" for axis, i in zip(("row", "column"), index))  # 1-based, as on the pages
        raise InputError(f"{name} contains {what} at {where}; every entry must be a finite number")


def _check_size(name: str, array: np.ndarray, rows: int | None, cols: int | None) -> None:
    r, c = array.shape
    if (rows is None or r == rows) and (cols is None or c == cols):
        return
    if rows is not None and cols is not None:
        want = f"must be {rows} x {cols}"
    elif rows is not None:
        want = f"must have {plural(rows, 'row')}"
    elif cols is not None:
        want = f"must have {plural(cols, 'column')}"
    raise ShapeError(f"{name} has shape {r} x {c} but {want}")


def as_matrix(name: str, value: Any, *, rows: int | None = None, cols: int | None = None) -> Matrix:
    """Check `value` and return it as a new 2-D float64 array.

    A single number becomes a 1 x 1 matrix. A flat list is refused, because it
    is ambiguous: write a row vector as ``[[1, 2, 3]]`` and a column as
    ``[[1], [2], [3]]``.

    Args:
        name: How the value is called on the page ("X", "W_1", ...); used in messages.
        value: A number, a nested list of numbers, or an array.
        rows: The required number of rows, or None for any.
        cols: The required number of columns, or None for any.

    Returns:
        A fresh float64 array with two dimensions (the caller's data is not shared).

    Raises:
        InputError: If `value` is not numeric, not finite, not 2-D, or empty.
        ShapeError: If the number of rows or columns is not the required one.
    """
    array = _numeric(name, value)
    if array.ndim == 0:
        array = array.reshape(1, 1)
    if array.ndim != 2:
        raise InputError(f"{name} must be a matrix (2-D: a list of rows, e.g. [[1, 2, 3]]), "
                         f"got {array.ndim}-D with shape {shape_text(array)}")
    if array.size == 0:
        raise InputError(f"{name} is empty (shape {shape_text(array)}); it needs at least one row and one column")
    _check_finite(name, array)
    _check_size(name, array, rows, cols)
    return readonly(array.copy())


def as_scalar(name: str, value: Any) -> float:
    """Check that `value` is one finite number (a 1 x 1 matrix also counts) and return it as a float.

    Raises:
        InputError: If `value` is not a finite number.
        ShapeError: If `value` holds more than one number.
    """
    return float(as_matrix(name, value, rows=1, cols=1)[0, 0])


def readonly(array: np.ndarray) -> np.ndarray:
    """Mark `array` read-only and return it, so results cannot be changed by accident."""
    array.setflags(write=False)
    return array
