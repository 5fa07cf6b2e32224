"""Inline values: `[[gc EXAMPLE.QUANTITY[i,j] options]]` looked up in an example and formatted.

`value_text` is the look-up and format steps of the page pipeline for one
inline marker; `digits_of` reads the `digits=N` option that blocks and
figures share.
"""

from __future__ import annotations

import re

from gradcore.examples.quantities import is_error, is_given, quantity
from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.learner.answers import ANSWER_FLAGS, answer_text
from gradcore.markup.latex import DEFAULT_DIGITS, ERROR_DIGITS, MAX_DIGITS, format_matrix, format_number
from gradcore.markup.markers import Marker, MarkerError

TARGET_RE = re.compile(r"(?P<example>[A-Za-z][\w-]*)\.(?P<name>[A-Za-z][\w.]*?)(?:\[(?P<index>[^\]]*)\])?\Z")
VALUE_FLAGS = ("paren", "matrix", "noshape", "T", *ANSWER_FLAGS)


def value_target(marker: Marker) -> re.Match[str]:
    """The EXAMPLE, QUANTITY and optional index of an inline marker; MarkerError if malformed."""
    target = TARGET_RE.match(marker.target)
    if not target:
        raise MarkerError(marker.line, marker.text, f"malformed reference {marker.target!r}",
                          "write EXAMPLE.QUANTITY, optionally with an index such as [2] or [1,3]")
    return target


def value_text(marker: Marker, example: NetworkExample | SigmoidExample, in_math: bool) -> str:
    """The quantity an inline marker asks for, as LaTeX in math and as text in prose."""
    target = value_target(marker)
    unknown = [f for f in marker.flags if f not in VALUE_FLAGS] + [k for k in marker.options if k != "digits"]
    if unknown:
        raise MarkerError(marker.line, marker.text, f"unknown option {unknown[0]!r}",
                          f"valid options: digits=N, {', '.join(VALUE_FLAGS)}")
    digits = digits_of(marker, ERROR_DIGITS if is_error(example, target["name"]) else DEFAULT_DIGITS)
    value, given = quantity(example, target["name"]), is_given(example, target["name"])
    if given and "digits" in marker.options:
        raise MarkerError(marker.line, marker.text, f"digits= on {target['name']!r}, which the definition gives",
                          "a given number is shown exactly as defined; digits= applies to computed quantities")
    if "T" in marker.flags:
        value = value.T
    if target["index"] is not None:
        value = value[_index(target["index"], value.shape, marker)].reshape(1, 1)
    for flag in (f for f in ANSWER_FLAGS if f in marker.flags):
        try:
            return answer_text(flag, value, in_math)
        except ValueError as error:
            raise MarkerError(marker.line, marker.text, str(error)) from None
    if value.size == 1 and "matrix" not in marker.flags:
        return format_number(value[0, 0], digits, exact=given, math_mode=in_math, paren="paren" in marker.flags)
    latex = format_matrix(value, digits, exact=given, shape="noshape" not in marker.flags)
    return latex if in_math else rf"\({latex}\)"


def digits_of(marker: Marker, default: int = DEFAULT_DIGITS) -> int:
    """The marker's `digits=N` (1 to MAX_DIGITS), or `default`."""
    text = marker.options.get("digits", str(default))
    if not (text.isascii() and text.isdigit()) or len(text) > 3 or not 1 <= int(text) <= MAX_DIGITS:
        raise MarkerError(marker.line, marker.text, f"bad digits={text!r}",
                          f"digits is a whole number from 1 to {MAX_DIGITS}")
    return int(text)


def _index(text: str, shape: tuple[int, ...], marker: Marker) -> tuple[int, int]:
    """A 1-based index `i,j` (or `i` for a row or column vector) as a 0-based pair."""
    parts = [p.strip() for p in text.split(",")]
    if not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts) or len(parts) not in (1, 2):
        raise MarkerError(marker.line, marker.text, f"bad index [{text}]",
                          "write [i] or [i,j] with whole numbers starting at 1")
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        if 1 not in shape:
            raise MarkerError(marker.line, marker.text,
                              f"[{text}] has one index but the quantity is {shape[0]} x {shape[1]}", "write [i,j]")
        numbers = [1, numbers[0]] if shape[0] == 1 else [numbers[0], 1]
    if not all(1 <= n <= size for n, size in zip(numbers, shape)):
        raise MarkerError(marker.line, marker.text,
                          f"index [{text}] is out of range for a {shape[0]} x {shape[1]} quantity",
                          "indices start at 1")
    return numbers[0] - 1, numbers[1] - 1
