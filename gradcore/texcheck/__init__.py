"""The result equations of a page, parsed from its own TeX and checked on its worked example.

`page_problems(text, examples)` is the one entry point for the page
transform: it returns a `MarkerError` (file line, label, tag, both values)
for every equation member that disagrees with backpropagation or breaks the
notation. The modules: `grammar` (lark grammar and parser), `equations`
(finding labelled displays and cutting them into chains), `symbols` (what a
symbol means in an example), `partials` (the local derivatives of the chain
rule), `written` (written matrices and shapes), `evaluate` (values and the
notation rules), `variant` (the second example) and `check` (comparing the
members).
"""

from __future__ import annotations

from collections.abc import Mapping

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.markup.markers import MarkerError
from gradcore.texcheck.check import EquationReport, check_equations

__all__ = ["page_problems", "page_reports", "worked_example"]

Example = NetworkExample | SigmoidExample


def worked_example(examples: Mapping[str, Example]) -> Example | None:
    """The example a page's equations are evaluated on: its first network example, else its first example."""
    networks = [e for e in examples.values() if isinstance(e, NetworkExample)]
    return networks[0] if networks else next(iter(examples.values()), None)


def page_reports(text: str, examples: Mapping[str, Example]) -> list[EquationReport]:
    """What the check did with every labelled equation of the page (empty without an example)."""
    example = worked_example(examples)
    return check_equations(text, example) if example is not None else []


def page_problems(text: str, examples: Mapping[str, Example]) -> list[MarkerError]:
    """One error per equation that disagrees with backpropagation or breaks the notation."""
    errors = []
    for report in page_reports(text, examples):
        equation = report.equation
        for problem in report.problems:
            member = " ".join(problem.member.split())
            where = f"equation \\label{{{equation.label}}} \\tag{{{equation.tag}}}"
            errors.append(MarkerError(equation.line, member[:120], f"{where}: {problem.message}"))
    return errors
