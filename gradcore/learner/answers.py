"""What an exercise's answer needs besides numbers: a value's sign, a quantity's shape, a matrix's size.

An inline marker asks for them with a flag, `[[gc EX.dW1[2] sign]]`,
`[[gc EX.dW1 shape]]`, `[[gc EX.dW1 norm]]` (the Frobenius norm, the root
of the sum of the squared entries: one number for the size of a whole
matrix) or `[[gc EX.delta1 meanabs]]` (the mean of the entries' sizes, what
Part 8's figure of deltas by depth plots), so the answer is computed like every number and a wrong answer
cannot be typed by hand.
"""

from __future__ import annotations

import numpy as np

from gradcore.markup.latex import format_number, shape_text

ANSWER_FLAGS = ("sign", "shape", "norm", "meanabs")
NORM_DIGITS = 3
"""Significant digits of a norm: enough to compare the sizes of gradients."""


def sign_word(value: np.ndarray) -> str:
    """`positive`, `negative` or `zero` for one number; ValueError for several of them."""
    if value.size != 1:
        raise ValueError(f"sign needs one number, but the quantity is {value.shape[0]} x {value.shape[1]}; "
                         "pick an entry with an index such as [1,2]")
    number = float(value.ravel()[0])
    return "positive" if number > 0 else "negative" if number < 0 else "zero"


def shape_words(value: np.ndarray, in_math: bool) -> str:
    """The shape `m × n`: LaTeX in math, text with a true multiplication sign in prose."""
    if in_math:
        return shape_text(value)
    rows, cols = value.shape
    return f"{rows}\u00a0\u00d7\u00a0{cols}"


def answer_text(flag: str, value: np.ndarray, in_math: bool) -> str:
    """What the `sign`, `shape`, `norm` or `meanabs` flag shows for `value` (a word is wrapped in \\text in math)."""
    if flag == "shape":
        return shape_words(value, in_math)
    if flag == "norm":
        return format_number(float(np.linalg.norm(value)), NORM_DIGITS, math_mode=in_math)
    if flag == "meanabs":
        return format_number(float(np.mean(np.abs(value))), NORM_DIGITS, math_mode=in_math)
    word = sign_word(value)
    return rf"\text{{{word}}}" if in_math else word
