"""Index ranges such as `k = 1, \\dots, K` or `k = K-1, \\dots, 1`, checked against the page's network.

A range stated in an equation says for which values of its letter the
equation's formulas hold. It is right when it lists exactly the values for
which every formula of the equation that uses the letter has a value on the
example (u_0 and W_{K+1} do not exist), and, for a formula that uses the
layer above (a recursion, k+1), runs downward, and for one that uses the
layer below (k-1) runs upward.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gradcore.examples.worked import NetworkExample
from gradcore.texcheck.equations import Statement, free_indices, split_top_level
from gradcore.texcheck.symbols import NotationError, number_in_script

__all__ = ["RangeError", "declared_range", "is_range", "range_problem"]

_DOTS = re.compile(r"\\[lc]?dots")
_LETTERS = "ijkopq"


class RangeError(NotationError):
    """A range whose values cannot be read."""


def is_range(statement: Statement) -> bool:
    """A statement such as k = 1, ..., K or i = 1, 2, 3."""
    return len(statement.members) == 2 and bool(re.fullmatch(r"[ijkopq]", statement.members[0].strip()))


def declared_range(text: str, example: NetworkExample) -> list[int]:
    """The values of `1, \\dots, K`, `K-1, \\dots, 1` or `1, 2, 3`, in the order written."""
    items = [item.strip() for item in split_top_level(text, re.compile(","))]
    try:
        if not any(_DOTS.fullmatch(item) for item in items):
            return [number_in_script(item, {}, example) for item in items]
        at = next(i for i, item in enumerate(items) if _DOTS.fullmatch(item))
        if at not in (1, 2) or at != len(items) - 2:
            raise RangeError(f"a range is written a, \\dots, b or a, a+1, \\dots, b, got {text.strip()!r}")
        first, last = number_in_script(items[0], {}, example), number_in_script(items[-1], {}, example)
        step = 1 if last >= first else -1
        if at == 2 and number_in_script(items[1], {}, example) != first + step:
            raise RangeError(f"the second value of {text.strip()!r} is not next after the first")
        return list(range(first, last + step, step))
    except (LookupError, ValueError) as error:
        if isinstance(error, RangeError):
            raise
        raise RangeError(f"cannot read the range {text.strip()!r}: {error}") from None


def range_problem(letter: str, values: list[int], statements: list[Statement],
                  holds: Callable[[Statement, int], bool], example: NetworkExample) -> str | None:
    """What is wrong with `letter = values` for the equation's other statements, or None."""
    using = [s for s in statements if not is_range(s) and any(letter in free_indices(m) for m in s.members)]
    if not using:
        return f"the range of {letter} belongs to no formula of this equation that uses {letter}"
    top = max(max(W.shape) for W in example.network.weights) + example.network.depth + example.X.shape[0] + 2
    valid = [v for v in range(-1, top) if all(holds(s, v) for s in using)]
    extra = [v for v in values if v not in valid]
    missing = [v for v in valid if v not in values]
    shown = ", ".join(str(v) for v in valid) or "no value"
    if extra:
        return (f"the range gives {letter} = {extra[0]}, where the formula has no value on this page's network; "
                f"it holds for {letter} = {shown}")
    if missing:
        return f"the range leaves out {letter} = {missing[0]}; the formula holds for {letter} = {shown}"
    text = " ".join(m for s in using for m in s.members if "]_" not in m)
    above, below = f"{letter}+1" in text.replace(" ", ""), f"{letter}-1" in text.replace(" ", "")
    if len(values) > 1 and above and not below and values[1] > values[0]:
        return f"the formula for {letter} uses layer {letter}+1, so it runs downward: write it from the top"
    if len(values) > 1 and below and not above and values[1] < values[0]:
        return f"the formula for {letter} uses layer {letter}-1, so it runs upward: write it from the bottom"
    return None
