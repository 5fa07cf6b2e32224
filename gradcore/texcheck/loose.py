"""Unlabelled math held to the same standard: unlabelled displays and inline math, tables included.

Every math region of a page that has no \\label and holds an `=` is cut into
statements like a labelled equation and read with the same grammar:

- a statement that is a formula of the page's example (its members have
  values on it, and at least two of them are not bare numbers) is checked
  like a labelled one, on the example, its variant and the wider network;
  a disagreement is a problem, and the build stops on it;
- a statement that is not a formula of this example (a bare number such as
  u = 0, a fact about another part such as m = 4 or K = 2, an index range
  alone in a table cell, a symbol the example has no value for) is passed by;
- a statement the grammar cannot read is, in a display, a problem (the
  author writes it in the notation or marks it \\notchecked{reason}, as for a
  labelled one) and, in inline math, listed, so that an author sees what was
  left unchecked;
- a picture of the layers with arrows (`X \\to l_1 \\to \\dots`) is not a formula.

A worked display with numbers in it, `= ([[gc p1.yhat]] - [[gc p1.y]]) \\times ...`,
is read with each value marker replaced by the exact value it stands for,
and checked on that example alone (its numbers do not move with a variant):
a flipped sign in the symbols or around the numbers cannot pass. A region
whose markers name several examples, or show a word or a shape, is passed by.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from gradcore.examples.quantities import QuantityError, quantity
from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.markup.markers import find_markers
from gradcore.markup.mathfind import markdown_math
from gradcore.texcheck.check import Problem, check_equation
from gradcore.texcheck.equations import (
    Equation,
    Statement,
    expected_wrong,
    not_checked_reason,
    on_example,
    statements_of,
)
from gradcore.texcheck.grammar import TexSyntaxError, parse_member
from gradcore.texcheck.ranges import is_range

__all__ = ["LooseReport", "check_loose_math"]

Example = NetworkExample | SigmoidExample

_TARGET = re.compile(r"(?P<example>[A-Za-z][\w-]*)\.(?P<name>[A-Za-z][\w.]*?)(?:\[(?P<index>[^\]]*)\])?\Z")
_NUMBER_FLAGS = ("paren", "T")
_NUMBER = re.compile(r"-?\s*(\d+(\.\d+)?|\\tfrac\{\d+\}\{\d+\}|\\frac\{\d+\}\{\d+\})")
_NOT_HERE = ("has no value", "unknown symbol", "unknown index", "is not a quantity of the example",
             "is ambiguous", "an index range needs", "belongs to no formula", "is not a derivative of the forward",
             "nothing in this equation can be compared")


_ARROWS = re.compile(r"\\(?:to|rightarrow|longrightarrow)\b")
UNREADABLE_DISPLAY = ("the formula checker cannot read this display, which states a formula with the page's "
                      "symbols; write it in the series' notation (see the Authoring page), or mark it "
                      "\\notchecked{reason}, and the reader sees the reason beside it")


@dataclass
class LooseReport:
    """What the check did with the unlabelled math of a page."""

    checked: int = 0
    shapes_only: int = 0
    passed_by: int = 0
    not_checked: list[tuple[int, str]] = field(default_factory=list)  # (line, the author's reason)
    expected_wrong: int = 0  # regions marked % expected wrong that fail, as they must
    problems: list[tuple[int, Problem]] = field(default_factory=list)  # (line, problem)
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (line, TeX)
    # Where each unlabelled display that states a checked formula starts, and how it was checked.
    displays: dict[int, str] = field(default_factory=dict)  # start in the text -> "checked" or "page shapes only"


def _is_formula(statement: Statement) -> bool:
    """At least two members that are not bare numbers, and not an index range alone."""
    return not is_range(statement) and sum(not _NUMBER.fullmatch(m.strip()) for m in statement.members) >= 2


def _readable(statement: Statement) -> bool:
    try:
        for member in statement.members:
            parse_member(member)
    except TexSyntaxError:
        return False
    return True


def _number(value: float) -> str:
    text = np.format_float_positional(value, unique=True, trim="-")
    return f"({text})" if value < 0 else text


def _tex_of(value: np.ndarray) -> str:
    if value.shape == (1, 1):
        return _number(float(value[0, 0]))
    rows = " \\\\ ".join(" & ".join(_number(float(v)) for v in row) for row in value)
    return f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"


def _with_values(body: str, examples: Mapping[str, Example]) -> tuple[str, Example | None] | None:
    """The TeX with every value marker replaced by its exact value, and the one example they name.

    None when a marker is not a plain number or matrix, or the markers name several examples.
    """
    markers, names = find_markers(body), set()
    for marker in reversed(markers):
        target = _TARGET.match(marker.target)
        if marker.kind != "value" or not target or any(f not in _NUMBER_FLAGS for f in marker.flags):
            return None
        example = examples.get(target["example"])
        if example is None:
            return None
        try:
            value = quantity(example, target["name"])
            value = value.T if "T" in marker.flags else value
            if target["index"]:
                numbers = [int(p) for p in target["index"].split(",")]
                row, column = numbers if len(numbers) == 2 else ((1, numbers[0]) if value.shape[0] == 1
                                                                 else (numbers[0], 1))
                value = value[row - 1:row, column - 1:column]
        except (QuantityError, ValueError, IndexError):
            return None
        names.add(target["example"])
        body = body[:marker.start] + _tex_of(value) + body[marker.end:]
    if len(names) > 1:
        return None
    return body, (examples[names.pop()] if names else None)


def check_loose_math(text: str, examples: Mapping[str, Example], example: Example) -> LooseReport:
    """Check every statement of the page's unlabelled math on `example` (see the module)."""
    report = LooseReport()
    for math in markdown_math(text):
        if "\\label" in math.body or "=" not in math.body:
            continue
        found = _with_values(math.body, examples) if "[[" in math.body else (math.body, None)
        if found is None:
            report.passed_by += 1
            continue
        body, named = found
        reason = not_checked_reason(body)
        if reason is not None:
            report.not_checked.append((math.line, reason))
            continue
        planted = expected_wrong(body)
        before, checked, shapes_only = len(report.problems), report.checked, report.shapes_only
        on = on_example(body)
        if on is not None and on not in examples:
            report.problems.append((math.line, Problem(f"% on {on}", f"no example {on!r} on this page; "
                                                                      f"its examples: {', '.join(examples)}")))
            continue
        _check_region(body, math.line, named or (examples[on] if on else example), named is None, report,
                      math.display)
        if math.display and not planted and len(report.problems) == before:
            if report.checked > checked:
                report.displays[math.start] = "checked"
            elif report.shapes_only > shapes_only:
                report.displays[math.start] = "page shapes only"
        if planted:
            if len(report.problems) > before:
                del report.problems[before:]
                report.expected_wrong += 1
            else:
                report.problems.append((math.line, Problem(body.strip()[:80], "marked % expected wrong, but the "
                                                           "check finds no mistake in it")))
    return report


def _check_region(body: str, line: int, on: Example, others: bool, report: LooseReport, display: bool) -> None:
    """Check each statement of one region's TeX, adding to `report`.

    A display the grammar cannot read is a problem, as a labelled equation is; inline math is listed.
    """
    if _ARROWS.search(body):
        report.passed_by += 1  # a picture of the layers (X \to l_1 \to ...), not a formula
        return
    for statement in statements_of(body):
        if any(not m.strip() for m in statement.members):
            report.passed_by += 1  # "... =" with the value after the math
            continue
        if len(statement.members) < 2 or not _is_formula(statement):
            report.passed_by += 1
            continue
        if not _readable(statement):
            if display:
                report.problems.append((line, Problem(" = ".join(statement.members), UNREADABLE_DISPLAY)))
                return
            report.unparsed.append((line, " = ".join(statement.members)))
            continue
        result = check_equation(Equation(line, "", "", (statement,)), on, others=others)
        if result.problems and any(s in result.problems[0].message for s in _NOT_HERE):
            report.passed_by += 1
        elif result.problems:
            report.problems.append((line, result.problems[0]))
        elif result.status == "page shapes only":
            report.shapes_only += 1
        else:
            report.checked += 1
