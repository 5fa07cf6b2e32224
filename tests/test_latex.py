"""Number and matrix formatting: exact strings, one rule for math, prose, matrices and columns."""

import math

import pytest

from gradcore.markup.latex import FIGURE_SPACE, POINT_SPACE, format_column, format_matrix, format_number, shape_text

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "math_text", "prose_text"),
    [
        (0.574442516811659, "0.5744", "0.5744"),
        (-0.12345, "-0.1235", "\u22120.1235"),
        (12.3456, "12.35", "12.35"),
        (0.0012345, "0.001234", "0.001234"),
        (1.0, "1.000", "1.000"),
        (1e-5, r"1.000 \times 10^{-5}", f"1.000{NNBSP}×{NNBSP}10⁻⁵"),
        (0.0009586, "0.0009586", "0.0009586"),
        (-3.2e-9, r"-3.200 \times 10^{-9}", f"\u22123.200{NNBSP}×{NNBSP}10⁻⁹"),
        (123456.0, r"1.235 \times 10^{5}", f"1.235{NNBSP}×{NNBSP}10⁵"),
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
    ],
)
def test_format_number_in_math_and_prose(value, math_text, prose_text):
    """Assert one rule for every number: significant digits, true minus, sci form; prose stays text."""
    assert format_number(value) == math_text
    assert format_number(value, math_mode=False) == prose_text


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.5, "1.5"), (2.0, "2"), (-0.4, "-0.4"), (0.1, "0.1"), (1e-5, r"1 \times 10^{-5}"),
     (123456.0, "123456"), (0.30000000000000004, "0.30000000000000004")],
)
def test_given_numbers_are_shown_as_defined(value, text):
    """Assert a given number is its shortest round-trip decimal, never padded to the page's digits."""
    assert format_number(value, exact=True) == text


def test_rounding_across_a_power_of_ten_keeps_the_digits():
    """Assert 0.000099996 rounds to 0.0001000, not 0.00010000 or 1.000e-5; smaller goes scientific."""
    assert format_number(0.000099996) == "0.0001000"
    assert format_number(0.000099994) == r"9.999 \times 10^{-5}"


def test_tiny_values_never_print_as_zero():
    """Assert a saturated-sigmoid gradient is shown in scientific form, not 0.0000."""
    assert format_number(4.5e-44) == r"4.500 \times 10^{-44}"
    assert format_number(-4.5e-44, math_mode=False).startswith("\u22124.500")


def test_paren_wraps_only_negatives():
    """Assert `paren` parenthesises negative values and leaves others alone."""
    assert format_number(-0.25, paren=True) == "(-0.2500)"
    assert format_number(0.25, paren=True) == "0.2500"
    assert format_number(-2e-7, math_mode=False, paren=True) == f"(\u22122.000{NNBSP}×{NNBSP}10⁻⁷)"


def test_digits_option():
    """Assert the number of significant digits follows `digits`."""
    assert format_number(math.pi, 2) == "3.1"
    assert format_number(math.pi, 8) == "3.1415927"
    with pytest.raises(ValueError, match="digits"):
        format_number(math.pi, 0)


def test_non_finite_is_refused():
    """Assert NaN cannot be formatted silently."""
    with pytest.raises(ValueError, match="finite"):
        format_number(float("nan"))


def test_format_matrix_uses_one_notation_and_aligns_points():
    """Assert one small entry turns the whole matrix scientific, and each column lines up."""
    text = format_matrix([[1, -2.5], [3e-7, 0]])
    assert text == (r"\begin{bmatrix} 1.000 \times 10^{0\phantom{0}} & -2.500 \times 10^{0} \\ "
                    r"3.000 \times 10^{-7} & \phantom{-}0\phantom{.000}\phantom{{} \times 10^{0}} "
                    r"\end{bmatrix}_{2 \times 2}")
    assert format_matrix([[0.5]], shape=False) == r"\begin{bmatrix} 0.5000 \end{bmatrix}"
    assert shape_text([[1, 2, 3]]) == r"1 \times 3"


def test_matrix_columns_pad_signs_and_decimals():
    """Assert entries of a column get phantom signs and digits so their decimal points align."""
    text = format_matrix([[0.5], [-1.0], [12.25]], exact=True, shape=False)
    assert text == (r"\begin{bmatrix} \phantom{-0}0.5\phantom{0} \\ \phantom{0}-1\phantom{.00} \\ "
                    r"\phantom{-}12.25 \end{bmatrix}")


def test_format_column_pads_prose_on_the_right():
    """Assert a prose column is padded with figure spaces, for right-aligned table cells."""
    assert format_column([0.12, -0.04702, 1.5]) [0] == r"\phantom{-}0.1200\phantom{0}"
    prose = format_column([0.12, -0.04702, 2.0], math_mode=False)
    assert prose == ["0.1200" + FIGURE_SPACE, "\u22120.04702", "2.000" + FIGURE_SPACE * 2]
    exact = format_column([1.5, 2.0], exact=True, math_mode=False)
    assert exact == ["1.5", "2" + POINT_SPACE + FIGURE_SPACE]


def test_format_matrix_refuses_other_dimensions():
    """Assert a 1-D array is refused with the number of dimensions."""
    with pytest.raises(ValueError, match="2-D"):
        format_matrix([1, 2])
