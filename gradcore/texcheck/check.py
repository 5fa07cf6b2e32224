"""Check the labelled equations of a page against its worked example.

Each statement a = b = c is evaluated member by member on the example, for
every value of its free indices (i, j, k, o, p, q) that the example has.
When the statement states a result (the loss L, a delta, a gradient of L, an
updated weight), its first member is what backpropagation computed, and
every other member must agree with it; otherwise the members must agree with
each other. An index range (k = 1, \\dots, K) must list exactly the values for
which the equation's formulas exist (`gradcore.texcheck.ranges`).

Nothing is skipped in silence: a member that cannot be read or has no value
on the example is a problem, and so is an equation with nothing compared.
The one way out is the author's `\\notchecked{reason}`. Every equation is
also evaluated on a variant with other values, and on a widened network
(`gradcore.texcheck.variant`): a statement in matrix notation must hold there
too; one in scalar notation that does not is counted as checked on the
page's shapes only.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from lark import Tree

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.texcheck.equations import Equation, Statement, find_equations, free_indices
from gradcore.texcheck.evaluate import evaluate
from gradcore.texcheck.grammar import TexSyntaxError, parse_member
from gradcore.texcheck.ranges import RangeError, declared_range, is_range, range_problem
from gradcore.texcheck.symbols import (
    SECOND_POINT_LETTERS,
    SIGMOID_OTHER,
    SIGMOID_POINT,
    IndexOutOfRangeError,
    NotationError,
)
from gradcore.texcheck.variant import variants

__all__ = ["AGREEMENT", "EquationReport", "Problem", "check_equation", "check_equations", "index_assignments",
           "is_index_range", "is_matrix_notation", "is_result", "is_symbolic"]

AGREEMENT = 1e-9
"""Largest relative difference, entry by entry, between two members of one equation."""

NOTATION = ("write it in the series' notation (\\cdot, * or \\odot, \\times, ^T or ^\\top, \\sigma(...), "
            "e^{...} or \\exp(...), \\frac{\\partial L}{\\partial W_k}, \\sum_{j=1}^{m}, a_{(1)} + \\dots + a_{(m)}), "
            "or put \\notchecked{the reason} in the equation")

Example = NetworkExample | SigmoidExample

_RESULT = re.compile(r"(L(_\{\(\w\)\})?"  # the loss, or an example's loss
                     r"|\\Delta\b.*|\\frac\{(\\partial|\\mathrm\{d\}) ?L.*|\\partial L\b.*"  # a delta, a gradient of L
                     r"|[wWb](_\{?[\w+-]+\}?)?')\Z", re.S)  # an updated weight or bias
_SECOND_POINT = re.compile(r"(?<![\\A-Za-z{])(" + "|".join(SECOND_POINT_LETTERS) + r")(?![A-Za-z])")
_PARTIAL = re.compile(r"\\partial\s*(?P<what>\\hat\{y\}|[A-Za-z])")
_MATRIX = re.compile(r"\\cdot(?![a-z])|\*|\\odot|\\circ|\\mathbf\{1\}")


@dataclass(frozen=True)
class Problem:
    """A member that disagrees or breaks the notation."""

    member: str
    message: str


@dataclass
class EquationReport:
    """What the check did with one labelled equation."""

    equation: Equation
    compared: int = 0  # members compared with another member (for some index value), ranges checked
    result: bool = False  # whether some statement states a result
    skipped: list[str] = field(default_factory=list)  # kept for the tests' sake: always empty now
    unevaluable: list[str] = field(default_factory=list)  # kept for the tests' sake: always empty now
    problems: list[Problem] = field(default_factory=list)
    shapes_only: bool = False  # some statement holds on the page's shapes only (scalar notation)
    caught: bool = False  # an equation marked % expected wrong that failed, as it must

    @property
    def checked(self) -> bool:
        return self.compared > 0 and not self.problems and self.equation.not_checked is None

    @property
    def status(self) -> str:
        """`checked`, `page shapes only`, `not checked` (the author's mark), `expected wrong` or `failed`."""
        if self.caught:
            return "expected wrong"
        if self.equation.not_checked is not None and not self.problems:
            return "not checked"
        if self.problems:
            return "failed"
        return "page shapes only" if self.shapes_only else "checked"


def is_result(member: str) -> bool:
    """Whether a member names a result: the loss, a delta, a gradient of L, or an updated weight."""
    return bool(_RESULT.match(member.strip()))


def is_symbolic(member: str) -> bool:
    """A chain-rule product whose numerators have no value on an example (d sigma / d u, say)."""
    partials = [m["what"] for m in _PARTIAL.finditer(member)]
    return any(n not in ("L", "\\hat{y}", "u", "l") for n in partials[0::2])


def is_matrix_notation(statement: Statement) -> bool:
    """Written with \\cdot, *, \\odot or \\mathbf{1}: a formula that names its kind of product, for any shapes."""
    return any(_MATRIX.search(m) for m in statement.members)


def is_index_range(statement: Statement) -> bool:
    """A statement such as k = 1, ..., K or i = 1, 2, 3: where an index runs."""
    return is_range(statement)


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


def _parse(members: list[str], report: EquationReport) -> list[tuple[str, Tree]] | None:
    """The parse tree of every member; None (and a problem) when one cannot be read."""
    trees = []
    for member in members:
        if is_symbolic(member):
            why = "a chain-rule product with a factor that has no value on the example"
            report.problems.append(Problem(member, f"{why}: write each factor as a derivative of u, l, yhat or L; "
                                           f"{NOTATION}"))
            return None
        try:
            trees.append((member, parse_member(member)))
        except TexSyntaxError as error:
            report.problems.append(Problem(member, f"{error}; {NOTATION}"))
            return None
    return trees


def _evaluate_all(trees: list[tuple[str, Tree]], example: Example,
                  indices: dict[str, int]) -> list[tuple[str, np.ndarray]]:
    return [(member, evaluate(tree, example, indices)) for member, tree in trees]


def _check_statement(statement: Statement, example: Example, report: EquationReport,
                     ranges: dict[str, list[int]]) -> None:
    result = is_result(statement.members[0])
    report.result |= result
    trees = _parse(list(statement.members), report)
    if trees is None:
        return
    source = "backpropagation" if result else trees[0][0]
    evaluated = False
    for indices in index_assignments([m for m, _ in trees], example):
        if any(letter in indices and indices[letter] not in values for letter, values in ranges.items()):
            continue
        try:
            values = _evaluate_all(trees, example, indices)
        except IndexOutOfRangeError:
            continue
        except NotationError as error:
            report.problems.append(Problem(_culprit(trees, example, indices), _advice(error)))
            return
        evaluated = True
        if not _compare(values, indices, source, example, report):
            return
    if not evaluated:
        report.problems.append(Problem(statement.members[0], "has no value for any index on this page's example"))
    elif len(trees) == 1 and "]_" in trees[0][0]:
        report.compared += 1  # a shape stated on its own, [\Delta l_k]_{m \times n_k}: checked as evaluated


def _culprit(trees: list[tuple[str, Tree]], example: Example, indices: dict[str, int]) -> str:
    """The first member that fails to evaluate."""
    for member, tree in trees:
        try:
            evaluate(tree, example, indices)
        except (NotationError, IndexOutOfRangeError):
            return member
    return trees[0][0]


def _advice(error: NotationError) -> str:
    if type(error).__name__ in ("UnknownSymbolError", "NeedsNetworkError"):
        return f"{error}; {NOTATION}"
    return str(error)


def _holds(statement: Statement, letter: str, value: int, example: Example) -> bool:
    """Whether every member of a statement has a value with `letter` = `value` (for some other indices)."""
    try:
        trees = [(m, parse_member(m)) for m in statement.members]
    except TexSyntaxError:
        return False
    seen = set()
    for indices in index_assignments(list(statement.members), example):
        indices = {**indices, letter: value}
        key = tuple(sorted(indices.items()))
        if key in seen:
            continue
        seen.add(key)
        try:
            _evaluate_all(trees, example, indices)
            return True
        except (IndexOutOfRangeError, NotationError):
            continue
    return False


def _holds_for(letter: str, example: Example, statement: Statement, value: int) -> bool:
    return _holds(statement, letter, value, example)


def _ranges(equation: Equation, example: Example, report: EquationReport) -> dict[str, list[int]]:
    """Check each index range of the equation; the values of the ones that are right."""
    ranges: dict[str, list[int]] = {}
    others = [s for s in equation.statements if not is_range(s)]
    for statement in equation.statements:
        if not is_range(statement):
            continue
        text = " = ".join(statement.members)
        letter = statement.members[0].strip()
        if not isinstance(example, NetworkExample):
            report.problems.append(Problem(text, "an index range needs a network example"))
            continue
        try:
            values = declared_range(statement.members[1], example)
        except RangeError as error:
            report.problems.append(Problem(text, str(error)))
            continue
        why = range_problem(letter, values, others, functools.partial(_holds_for, letter, example), example)
        if why:
            report.problems.append(Problem(text, why))
        else:
            report.compared += 1
            ranges[letter] = values
    return ranges


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


def _network_text(example: NetworkExample) -> str:
    widths = [example.X.shape[1]] + [W.shape[1] for W in example.network.weights]
    rows = example.X.shape[0]
    return f"{'-'.join(map(str, widths))}, {rows} example{'s' if rows > 1 else ''}"


def _on_wider(equation: Equation, example: Example, report: EquationReport, ranges: dict[str, list[int]]) -> None:
    """Each statement on the widened networks (`_wider_problem`); the first problem found is reported."""
    _, wide, batch = variants(example)
    if wide is None or batch is None:
        return
    for statement in equation.statements:
        if is_range(statement):
            continue
        general = any(is_matrix_notation(Statement((m,))) for m in statement.members)
        for network in (wide, batch) if general else (wide,):
            problem = _wider_problem(statement, network, ranges, report)
            if problem is not None:
                report.problems.append(Problem(problem.member, f"{problem.message} (on a wider network of the same "
                                               f"depth, {_network_text(network)}, where a transpose and the kind of "
                                               "product matter)"))
                return


def _wider_problem(statement: Statement, network: NetworkExample, ranges: dict[str, list[int]],
                   report: EquationReport) -> Problem | None:
    """A member in matrix notation that fails or disagrees on `network`; one in scalar notation sets shapes_only.

    The first member is the reference (backpropagation's value for a result).
    """
    try:
        trees = [(m, parse_member(m)) for m in statement.members]
    except TexSyntaxError:
        return None  # already reported on the page's example
    result = is_result(statement.members[0])
    for indices in index_assignments(list(statement.members), network):
        if any(letter in indices and indices[letter] not in values for letter, values in ranges.items()):
            continue
        values: list[np.ndarray | None] = []
        failures: list[str | None] = []
        for _member, tree in trees:
            try:
                values.append(evaluate(tree, network, indices))
                failures.append(None)
            except IndexOutOfRangeError:
                values.append(None)
                failures.append("")
            except NotationError as error:
                values.append(None)
                failures.append(str(error))
        if failures[0] == "":
            continue
        for position, (member, _tree) in enumerate(trees):
            matrix = is_matrix_notation(Statement((member,))) or (position == 0 and result)
            failure, value = failures[position], values[position]
            wrong = failure or (position and values[0] is not None and value is not None and not _agree(value,
                                                                                                   values[0]))
            if failure == "" or not wrong:
                continue
            reference = values[0]
            if matrix and not _page_bound(failure or "") and (position == 0 or reference is not None):
                source = "backpropagation" if result else trees[0][0]
                why = failure or (f"the TeX gives {_text(value)} but {source} gives {_text(reference)}"
                                  if value is not None and reference is not None else "")
                return Problem(member, why)
            report.shapes_only = True
    return None


def _page_bound(message: str) -> bool:
    """A failure that only says the formula is written for the page's own shapes (numbers in a shape)."""
    return message.startswith(("shape written as", "every entry of a written matrix",
                               "a node index on a quantity of several examples",
                               "a local derivative over several examples",
                               "a derivative of a layer of several nodes"))


def check_equation(equation: Equation, example: Example, others: bool = True) -> EquationReport:
    """Check one equation (`_check`); one marked % expected wrong must fail, and its failure is expected."""
    report = _check(equation, example, others)
    if not equation.expected_wrong:
        return report
    if report.problems:
        report.problems, report.caught = [], True
    else:
        first = " = ".join(equation.statements[0].members) if equation.statements else ""
        report.problems.append(Problem(first, "marked % expected wrong, but the check finds no mistake in it: "
                                              "the planted mistake would teach nothing"))
    return report


def _check(equation: Equation, example: Example, others: bool) -> EquationReport:
    """Check every statement of one equation on a worked example, its variant and its widened variants.

    The variant (`gradcore.texcheck.variant`) has the same shapes and other
    values, so a member that agrees only by a coincidence of the example's
    numbers (a target of 0, a learning rate of 1) is caught as well. With
    `others` False (a formula with the example's numbers written in), the
    example alone.
    """
    report = EquationReport(equation)
    if equation.not_checked is not None:
        if not equation.not_checked:
            report.problems.append(Problem("\\notchecked{}", "\\notchecked needs a reason the reader can see"))
        return report
    ranges = _ranges(equation, example, report)
    for statement in equation.statements:
        if not is_range(statement):
            _check_statement(statement, example, report, ranges)
    if report.problems:
        return report
    if report.compared == 0:
        report.problems.append(Problem(" ".join(equation.statements[0].members) if equation.statements else "",
                                       f"nothing in this equation can be compared on the example; {NOTATION}"))
        return report
    if not others:
        return report
    second = EquationReport(equation)
    for statement in equation.statements:
        if not is_range(statement):
            _check_statement(statement, variants(example)[0], second, ranges)
    report.problems += [Problem(p.member, p.message + " (on the example's variant with other values, "
                                "which rules out a coincidence of its numbers)") for p in second.problems]
    if not report.problems:
        _on_wider(equation, example, report, ranges)
    return report


def check_equations(text: str, example: Example, examples: Mapping[str, Example] | None = None
                    ) -> list[EquationReport]:
    """Check every labelled display equation of a page on its worked example (or the one `% on NAME` names)."""
    reports = []
    for equation in find_equations(text):
        on = example if equation.on is None else (examples or {}).get(equation.on)
        if on is None:
            report = EquationReport(equation)
            known = ", ".join(examples or {}) or "none"
            report.problems.append(Problem(f"% on {equation.on}", f"no example {equation.on!r} on this page; "
                                                                  f"its examples: {known}"))
            reports.append(report)
            continue
        reports.append(check_equation(equation, on))
    return reports
