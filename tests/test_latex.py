"""Number and matrix formatting: exact strings."""

import math

import pytest

from gradcore.latex import format_matrix, format_number, shape_text


@pytest.mark.parametrize(
    ("value", "math_text", "prose_text"),
    [
        (0.574442516811659, "0.5744", "0.5744"),
        (-0.12345, "-0.1235", "\u22120.1235"),
        (12.3456, "12.35", "12.35"),
        (0.0012345, "0.001234", "0.001234"),
        (1.0, "1.000", "1.000"),
        (1e-5, r"1.000 \times 10^{-5}", r"\(1.000 \times 10^{-5}\)"),
        (-3.2e-9, r"-3.200 \times 10^{-9}", r"\(-3.200 \times 10^{-9}\)"),
        (123456.0, r"1.235 \times 10^{5}", r"\(1.235 \times 10^{5}\)"),
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
    ],
)
def test_format_number_in_math_and_prose(value, math_text, prose_text):
    """Assert one rule for every number: significant digits, true minus, sci form."""
    assert format_number(value) == math_text
    assert format_number(value, math_mode=False) == prose_text


def test_rounding_across_a_power_of_ten_keeps_the_digits():
    """Assert 0.00099996 rounds to 0.001000, not 0.0010000 or 1.000e-4."""
    assert format_number(0.00099996) == "0.001000"


def test_tiny_values_never_print_as_zero():
    """Assert a saturated-sigmoid gradient is shown in scientific form, not 0.0000."""
    assert format_number(4.5e-44) == r"4.500 \times 10^{-44}"
    assert format_number(-4.5e-44, math_mode=False).startswith(r"\(-4.500")


def test_paren_wraps_only_negatives():
    """Assert `paren` parenthesises negative values and leaves others alone."""
    assert format_number(-0.25, paren=True) == "(-0.2500)"
    assert format_number(0.25, paren=True) == "0.2500"
    assert format_number(-2e-7, math_mode=False, paren=True) == r"\((-2.000 \times 10^{-7})\)"


def test_digits_option():
    """Assert the number of significant digits follows `digits`."""
    assert format_number(math.pi, 2) == "3.1"
    assert format_number(math.pi, 8) == "3.1415927"


def test_non_finite_is_refused():
    """Assert NaN cannot be formatted silently."""
    with pytest.raises(ValueError, match="finite"):
        format_number(float("nan"))


def test_format_matrix_with_and_without_shape():
    """Assert a bmatrix with its shape as subscript, rows split by \\\\."""
    text = format_matrix([[1, -2.5], [3e-7, 0]])
    assert text == (r"\begin{bmatrix} 1.000 & -2.500 \\ 3.000 \times 10^{-7} & 0 \end{bmatrix}"
                    r"_{2 \times 2}")
    assert format_matrix([[0.5]], shape=False) == r"\begin{bmatrix} 0.5000 \end{bmatrix}"
    assert shape_text([[1, 2, 3]]) == r"1 \times 3"


def test_format_matrix_refuses_other_dimensions():
    """Assert a 1-D array is refused with the number of dimensions."""
    with pytest.raises(ValueError, match="2-D"):
        format_matrix([1, 2])
