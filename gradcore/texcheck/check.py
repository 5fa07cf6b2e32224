"""Check the labelled equations of a page against its worked example.

Each statement a = b = c is evaluated member by member on the example, for
every value of its free indices (i, j, k, o, p, q) that the example has.
When the statement states a result (the loss L, a delta, a gradient of L, an
updated weight), its first member is what backpropagation computed, and
every other member must agree with it; otherwise the members must agree with
each other. A member that is a chain-rule product of partial derivatives
(such as dL/dyhat x dyhat/du x du/dw) is notation for the steps after it:
it is skipped and reported, and the page says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np
from lark import Tree

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.texcheck.equations import Equation, Statement, find_equations, free_indices
from gradcore.texcheck.evaluate import evaluate
from gradcore.texcheck.grammar import TexSyntaxError, parse_member
from gradcore.texcheck.symbols import (
    SECOND_POINT_LETTERS,
    SIGMOID_OTHER,
    SIGMOID_POINT,
    IndexOutOfRangeError,
    NeedsNetworkError,
    NotationError,
    UnknownSymbolError,
)
from gradcore.texcheck.variant import variant

__all__ = ["AGREEMENT", "EquationReport", "Problem", "check_equation", "check_equations", "index_assignments",
           "is_index_range", "is_result", "is_symbolic"]

AGREEMENT = 1e-9
"""Largest relative difference, entry by entry, between two members of one equation."""

Example = NetworkExample | SigmoidExample

_RESULT = re.compile(r"(L(_\{\(\w\)\})?"  # the loss, or an example's loss
                     r"|\\Delta\b.*|\\frac\{\\partial L.*|\\partial L\b.*"  # a delta, a gradient of L
                     r"|[wWb](_\{?[\w+-]+\}?)?')\Z", re.S)  # an updated weight or bias
_SECOND_POINT = re.compile(r"(?<![\\A-Za-z{])(" + "|".join(SECOND_POINT_LETTERS) + r")(?![A-Za-z])")
_PARTIAL = re.compile(r"\\partial\s*(?P<what>\\hat\{y\}|[A-Za-z])")
_SYMBOLIC = re.compile(r"\\dots")


@dataclass(frozen=True)
class Problem:
    """A member that disagrees or breaks the notation."""

    member: str
    message: str


@dataclass
class EquationReport:
    """What the check did with one labelled equation."""

    equation: Equation
    compared: int = 0  # members compared with another member (for some index value)
    result: bool = False  # whether some statement states a result
    skipped: list[str] = field(default_factory=list)  # symbolic members
    unevaluable: list[str] = field(default_factory=list)  # members with no value here (no network, unknown TeX)
    problems: list[Problem] = field(default_factory=list)

    @property
    def checked(self) -> bool:
        return self.compared > 0 and not self.problems


def is_result(member: str) -> bool:
    """Whether a member names a result: the loss, a delta, a gradient of L, or an updated weight."""
    return bool(_RESULT.match(member.strip()))


def is_symbolic(member: str) -> bool:
    """A chain-rule product of partial derivatives, or other notation with no value of its own."""
    partials = [m["what"] for m in _PARTIAL.finditer(member)]
    numerators = partials[0::2]
    return bool(_SYMBOLIC.search(member)) or any(n not in ("L", "\\hat{y}", "u", "l") for n in numerators)


def index_assignments(members: list[str], example: Example) -> list[dict[str, int]]:
    letters = sorted({letter for m in members for letter in free_indices(m)})
    if isinstance(example, SigmoidExample):
        points = range(example.u.shape[1])
        if not any(re.search(_SECOND_POINT, m) for m in members):
            return [{SIGMOID_POINT: i} for i in points]
        return [{SIGMOID_POINT: i, SIGMOID_OTHER: o} for i in points for o in points if o != i]
    top = max(max(example.X.shape), max(max(W.shape) for W in example.network.weights), example.network.depth)
    return [dict(zip(letters, values)) for values in itertools.product(range(1, top + 1), repeat=len(letters))]


def _text(value: np.ndarray) -> str:
    if value.size == 1:
        return f"{float(value.ravel()[0]):.10g}"
    return np.array2string(value, precision=6, separator=", ").replace("\n", "")


def _agree(a: np.ndarray, b: np.ndarray) -> bool:
    scale = 1e-15 * (float(np.max(np.abs(a), initial=0.0)) + float(np.max(np.abs(b), initial=0.0)))
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= AGREEMENT * (np.abs(a) + np.abs(b)) + scale))


def is_index_range(statement: Statement) -> bool:
    """A statement such as k = 1, ..., K or i = 1, 2, 3: it says where an index runs, nothing to check."""
    return len(statement.members) >= 2 and bool(re.fullmatch(r"[ijkopq]", statement.members[0]))


def _parse(members: list[str], result: bool, report: EquationReport) -> list[tuple[str, Tree]] | None:
    """The parse tree of every member that is not symbolic; None when the statement is left out.

    TeX outside the notation fails a result statement; any other statement (a
    definition, a general rule) is then only recorded as not evaluated.
    """
    trees = []
    for member in members:
        if is_symbolic(member):
            report.skipped.append(member)
            continue
        try:
            trees.append((member, parse_member(member)))
        except TexSyntaxError as error:
            _cannot_evaluate(member, str(error), result, report)
            return None
    return trees


def _cannot_evaluate(member: str, why: str, result: bool, report: EquationReport) -> None:
    if result:
        report.problems.append(Problem(member, why))
    else:
        report.unevaluable.append(member)


def _check_statement(statement: Statement, example: Example, report: EquationReport) -> None:
    if is_index_range(statement):
        return
    result = is_result(statement.members[0])
    report.result |= result
    trees = _parse(list(statement.members), result, report)
    if trees is None or len(trees) < 2:
        return  # left out, or nothing to compare with
    source = "backpropagation" if result and trees[0][0] == statement.members[0] else trees[0][0]
    for indices in index_assignments([m for m, _ in trees], example):
        values = []
        try:
            for member, tree in trees:
                values.append((member, evaluate(tree, example, indices)))
        except IndexOutOfRangeError:
            continue
        except NeedsNetworkError:
            report.unevaluable.append(member)
            return
        except UnknownSymbolError as error:
            _cannot_evaluate(member, str(error), result, report)
            return
        except NotationError as error:
            report.problems.append(Problem(member, str(error)))
            return
        if not _compare(values, indices, source, example, report):
            return


def _where(indices: dict[str, int], example: Example) -> str:
    """The index values of a comparison as a reader counts them (a sigmoid point by its u)."""
    if isinstance(example, SigmoidExample):
        names = {SIGMOID_POINT: "u", SIGMOID_OTHER: "the other point"}
        order = sorted(indices, key=lambda name: name != SIGMOID_POINT)
        return ", ".join(f"{names[k]} = {float(example.u[0, indices[k]]):g}" for k in order)
    return ", ".join(f"{k} = {v}" for k, v in sorted(indices.items()))


def _compare(values: list[tuple[str, np.ndarray]], indices: dict[str, int], source: str, example: Example,
             report: EquationReport) -> bool:
    if not values:
        return True
    (_, reference), where = values[0], _where(indices, example)
    for member, value in values[1:]:
        if not _agree(value, reference):
            at = f" (for {where})" if where else ""
            report.problems.append(Problem(member, f"the TeX gives {_text(value)} but {source} gives "
                                                   f"{_text(reference)}{at}"))
            return False
        report.compared += 1
    return True


def check_equation(equation: Equation, example: Example) -> EquationReport:
    """Check every statement of one equation on a worked example, then on its variant.

    The variant (`gradcore.texcheck.variant`) has the same shapes and other
    values, so a member that agrees only by a coincidence of the example's
    numbers (a target of 0, a learning rate of 1) is caught as well.
    """
    report = EquationReport(equation)
    for statement in equation.statements:
        _check_statement(statement, example, report)
    if report.problems:
        return report
    second = EquationReport(equation)
    for statement in equation.statements:
        _check_statement(statement, variant(example), second)
    report.problems += [Problem(p.member, p.message + " (on the example's variant with other values, "
                                "which rules out a coincidence of its numbers)") for p in second.problems]
    return report


def check_equations(text: str, example: Example) -> list[EquationReport]:
    """Check every labelled display equation of a page on one worked example."""
    return [check_equation(equation, example) for equation in find_equations(text)]
