"""Numbers, vectors and matrices as text: LaTeX for math, Unicode for prose.

Every number on the site goes through `format_number`, so the whole site
shares one rule: a fixed number of significant digits, a true minus sign,
no negative zero, and scientific notation for very small or large values.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

DEFAULT_DIGITS = 4
MAX_DIGITS = 15
# Magnitudes in [SMALLEST_FIXED, LARGEST_FIXED) are written as plain decimals.
SMALLEST_FIXED = 1e-3
LARGEST_FIXED = 1e5
UNICODE_MINUS = "\u2212"


def _mantissa_exponent(value: float, digits: int) -> tuple[str, int]:
    """Split |value| into a rounded mantissa string and a power of ten."""
    text = f"{abs(value):.{digits - 1}e}"
    mantissa, exponent = text.split("e")
    return mantissa, int(exponent)


def _fixed(value: float, digits: int) -> str:
    """Write |value| with `digits` significant digits and no exponent."""
    _, exponent = _mantissa_exponent(value, digits)
    decimals = max(digits - 1 - exponent, 0)
    return f"{abs(value):.{decimals}f}"


def _needs_scientific(value: float, digits: int) -> bool:
    _, exponent = _mantissa_exponent(value, digits)
    rounded = 10.0**exponent
    return not (SMALLEST_FIXED <= rounded < LARGEST_FIXED)


def format_number(
    value: float,
    digits: int = DEFAULT_DIGITS,
    *,
    math_mode: bool = True,
    paren: bool = False,
) -> str:
    """Format one number the way every page shows numbers.

    Args:
        value: A finite real number.
        digits: Significant digits (1 to 15).
        math_mode: True for LaTeX inside math; False for prose, where the
            minus sign is U+2212 and scientific values are wrapped in `\\(...\\)`.
        paren: Wrap negative values in parentheses, for substitution into
            a formula such as `x - (-0.5)`.

    Returns:
        The formatted text. Zero (also negative zero) is written `0`; no
        non-zero value is ever rounded to a string of zeros.
    """
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}: expected a finite number")
    if value == 0.0:
        return "0"
    negative = value < 0
    if _needs_scientific(value, digits):
        mantissa, exponent = _mantissa_exponent(value, digits)
        body = rf"{mantissa} \times 10^{{{exponent}}}"
        sign = "-" if negative else ""
        text = sign + body
        if not math_mode:
            return rf"\({'(' + text + ')' if negative and paren else text}\)"
    else:
        body = _fixed(value, digits)
        sign = ("-" if math_mode else UNICODE_MINUS) if negative else ""
        text = sign + body
    return f"({text})" if negative and paren else text


def format_matrix(
    matrix: npt.ArrayLike,
    digits: int = DEFAULT_DIGITS,
    *,
    shape: bool = True,
) -> str:
    """A 2-D array as a LaTeX `bmatrix`, optionally with `_{m \\times n}` below.

    The result has no math delimiters; the caller places it in math.
    """
    array = np.asarray(matrix, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D array, got {array.ndim} dimensions")
    rows = (" & ".join(format_number(v, digits) for v in row) for row in array)
    body = r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"
    if shape:
        body += rf"_{{{array.shape[0]} \times {array.shape[1]}}}"
    return body


def shape_text(matrix: npt.ArrayLike) -> str:
    """The shape of a 2-D array as LaTeX, e.g. `3 \\times 1`."""
    rows, cols = np.shape(matrix)
    return rf"{rows} \times {cols}"
