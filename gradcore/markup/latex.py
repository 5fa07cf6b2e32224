"""Numbers, vectors and matrices as text: LaTeX for math, Unicode for prose.

Every number on the site goes through this module, so the whole site shares
one rule (written out on the Authoring page):

- A given number (an input, a target, a starting weight, the learning rate)
  is shown exactly as its definition wrote it: the shortest decimal that reads
  back as the same float64 (1.5, not 1.500).
- A computed number is shown at the page's digits, `DEFAULT_DIGITS`
  significant digits unless a marker asks for others; relative errors and
  tolerances at `ERROR_DIGITS`.
- Plain decimals for magnitudes in [1e-4, 1e5), scientific notation otherwise;
  a matrix or a table column uses one notation for all its entries, and its
  decimal points line up.
- A true minus sign, no negative zero, and no non-zero value rounded to zeros.
- In math, numbers are LaTeX; in prose they are text (U+2212 minus,
  superscript exponents), so prose numbers never switch to the math font.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gradcore.markup.typography import SUPERSCRIPTS

DEFAULT_DIGITS = 4
ERROR_DIGITS = 2
MAX_DIGITS = 15
# Magnitudes in [SMALLEST_FIXED, LARGEST_FIXED) are written as plain decimals.
SMALLEST_FIXED = 1e-4
LARGEST_FIXED = 1e5
UNICODE_MINUS = "\u2212"
FIGURE_SPACE = "\u2007"  # as wide as a digit
POINT_SPACE = "\u2008"  # as wide as a full stop


@dataclass(frozen=True)
class _Parts:
    """One number split where a column lines its entries up."""

    negative: bool
    whole: str  # the digits before the decimal point
    fraction: str  # the digits after it ('' when there is no point)
    exponent: str | None  # the power of ten, None in plain notation


def _rounded_exponent(value: float, digits: int) -> tuple[str, int]:
    mantissa, exponent = f"{abs(value):.{digits - 1}e}".split("e")
    return mantissa, int(exponent)


def _needs_scientific(value: float, digits: int, exact: bool) -> bool:
    if value == 0.0:
        return False
    if exact:
        return "e" in repr(abs(value))
    _, exponent = _rounded_exponent(value, digits)
    return not (SMALLEST_FIXED <= 10.0**exponent < LARGEST_FIXED)


def _split(text: str, negative: bool, exponent: str | None) -> _Parts:
    whole, _, fraction = text.partition(".")
    return _Parts(negative, whole, fraction, exponent)


def _parts(value: float, digits: int, exact: bool, scientific: bool) -> _Parts:
    negative = value < 0
    if value == 0.0:
        return _Parts(False, "0", "", None)
    if exact and scientific:
        shortest, power = np.format_float_scientific(abs(value), trim="-").split("e")
        return _split(shortest, negative, str(int(power)))
    if exact:
        return _split(np.format_float_positional(abs(value), trim="-"), negative, None)
    mantissa, exponent = _rounded_exponent(value, digits)
    if scientific:
        return _split(mantissa, negative, str(exponent))
    return _split(f"{abs(value):.{max(digits - 1 - exponent, 0)}f}", negative, None)


def _check(values: Sequence[float], digits: int) -> None:
    if not 1 <= digits <= MAX_DIGITS:
        raise ValueError(f"digits must be 1 to {MAX_DIGITS}, got {digits}")
    for value in values:
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value!r}: expected a finite number")


def _column_parts(values: Sequence[float], digits: int, exact: bool) -> list[_Parts]:
    """Every value in one notation: scientific for all when any of them needs it."""
    _check(values, digits)
    scientific = any(_needs_scientific(v, digits, exact) for v in values)
    return [_parts(v, digits, exact, scientific) for v in values]


def _math_text(p: _Parts, pad: _Parts | None) -> str:
    """LaTeX for one number; `pad` holds the widest parts of its column, made up with \\phantom."""
    lead = body = ""
    if pad is not None:
        missing = ("-" if pad.negative and not p.negative else "") + "0" * (len(pad.whole) - len(p.whole))
        lead = rf"\phantom{{{missing}}}" if missing else ""
    body = ("-" if p.negative else "") + p.whole + ("." + p.fraction if p.fraction else "")
    tail = ""
    if pad is not None:
        missing = ("." if pad.fraction and not p.fraction else "") + "0" * (len(pad.fraction) - len(p.fraction))
        tail = rf"\phantom{{{missing}}}" if missing else ""
    if p.exponent is not None:
        width = len(pad.exponent) - len(p.exponent) if pad is not None and pad.exponent else 0
        exponent = p.exponent + (rf"\phantom{{{'0' * width}}}" if width > 0 else "")
        return f"{lead}{body}{tail} \\times 10^{{{exponent}}}"
    if pad is not None and pad.exponent is not None:  # a zero in a scientific column
        tail += rf"\phantom{{{{}} \times 10^{{{pad.exponent}}}}}"
    return lead + body + tail


def _prose_text(p: _Parts, pad: _Parts | None) -> str:
    """Unicode text for one number; in a right-aligned column, `pad` fills the right side with spaces."""
    body = (UNICODE_MINUS if p.negative else "") + p.whole + ("." + p.fraction if p.fraction else "")
    if pad is not None and p.exponent is None:
        body += (POINT_SPACE if pad.fraction and not p.fraction else "")
        body += FIGURE_SPACE * (len(pad.fraction) - len(p.fraction))
    if p.exponent is not None:
        body += "\u202f\u00d7\u202f10" + p.exponent.translate(SUPERSCRIPTS)
        if pad is not None and pad.exponent:
            body += FIGURE_SPACE * (len(pad.exponent) - len(p.exponent))
    return body


def _widest(parts: Iterable[_Parts]) -> _Parts:
    parts = list(parts)
    exponents = [p.exponent for p in parts if p.exponent is not None]
    return _Parts(any(p.negative for p in parts), max((p.whole for p in parts), key=len),
                  max((p.fraction for p in parts), key=len), max(exponents, key=len) if exponents else None)


def format_number(value: float, digits: int = DEFAULT_DIGITS, *, exact: bool = False,
                  math_mode: bool = True, paren: bool = False) -> str:
    """Format one number the way every page shows numbers.

    Args:
        value: A finite real number.
        digits: Significant digits (1 to 15) of a computed number.
        exact: A given number, written as defined (`digits` is then unused).
        math_mode: True for LaTeX inside math; False for prose text.
        paren: Wrap negative values in parentheses, for substitution into
            a formula such as `x - (-0.5)`.

    Returns:
        The formatted text. Zero (also negative zero) is written `0`.
    """
    parts = _column_parts([float(value)], digits, exact)[0]
    text = _math_text(parts, None) if math_mode else _prose_text(parts, None)
    return f"({text})" if parts.negative and paren else text


def format_column(values: Iterable[float], digits: int = DEFAULT_DIGITS, *, exact: bool = False,
                  math_mode: bool = True) -> list[str]:
    """A column of numbers in one notation, padded so that their decimal points line up.

    In math the padding is `\\phantom` (for centred matrix columns); in prose it is
    figure spaces on the right (for right-aligned table columns).
    """
    parts = _column_parts([float(v) for v in values], digits, exact)
    widest = _widest(parts)
    render = _math_text if math_mode else _prose_text
    return [render(p, widest) for p in parts]


def format_matrix(matrix: npt.ArrayLike, digits: int = DEFAULT_DIGITS, *, exact: bool = False,
                  shape: bool = True) -> str:
    """A 2-D array as a LaTeX `bmatrix`, optionally with `_{m \\times n}` below.

    The whole matrix uses one notation, and each column lines up its decimal
    points. The result has no math delimiters; the caller places it in math.
    """
    array = np.asarray(matrix, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D array, got {array.ndim} dimensions")
    parts = _column_parts(array.ravel().tolist(), digits, exact)
    grid = [parts[r * array.shape[1]:(r + 1) * array.shape[1]] for r in range(array.shape[0])]
    widest = [_widest(row[c] for row in grid) for c in range(array.shape[1])]
    rows = (" & ".join(_math_text(p, widest[c]) for c, p in enumerate(row)) for row in grid)
    body = r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"
    if shape:
        body += rf"_{{{array.shape[0]} \times {array.shape[1]}}}"
    return body


def shape_text(matrix: npt.ArrayLike) -> str:
    """The shape of a 2-D array as LaTeX, e.g. `3 \\times 1`."""
    rows, cols = np.shape(matrix)
    return rf"{rows} \times {cols}"
