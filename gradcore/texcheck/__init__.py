"""The equations of a page, parsed from its own TeX and checked on its worked example.

`page_problems(text, examples)` is the one entry point for the page
transform: it returns a `MarkerError` (file line, label, tag, both values)
for every equation member that disagrees with backpropagation or breaks the
notation, and for every labelled equation that cannot be checked and is not
marked `\\notchecked{reason}`. `page_counts` says how many equations were
checked, checked on the page's shapes only, and marked not checked, for the
build log and the page on checks. The modules: `grammar` (lark grammar and
parser), `equations` (finding labelled displays and cutting them into
chains), `symbols` (what a symbol means in an example), `partials` (the local
derivatives of the chain rule), `written` (written matrices and shapes),
`dots` (sums written with \\dots), `ranges` (index ranges), `evaluate`
(values and the notation rules), `variant` (the other examples: other
values, wider layers) and `check` (comparing the members).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.markup.markers import MarkerError
from gradcore.texcheck.check import EquationReport, check_equations
from gradcore.texcheck.loose import LooseReport, check_loose_math
from gradcore.texcheck.marks import mark_equations
from gradcore.texcheck.scope import general_claim

__all__ = ["CheckCounts", "PageCheck", "mark_equations", "page_check", "page_counts", "page_problems", "page_reports",
           "worked_example"]

Example = NetworkExample | SigmoidExample


@dataclass(frozen=True)
class CheckCounts:
    """What the check did with a page's labelled equations."""

    checked: int = 0  # on the page's example, a variant with other values and a wider network
    shapes_only: int = 0  # on the page's shapes only (written for them: scalar notation, numbers in a shape)
    not_checked: tuple[tuple[str, str], ...] = ()  # (label or line, the author's reason)
    failed: int = 0
    unlabelled_checked: int = 0  # formulas of unlabelled displays and inline math, checked (any shapes or the page's)
    unparsed: tuple[tuple[int, str], ...] = ()  # (line, TeX) of unlabelled formulas the grammar cannot read
    expected_wrong: int = 0  # planted mistakes (the TeX comment % expected wrong) that fail, as they must

    def columns(self) -> tuple[tuple[str, int], ...]:
        """The counts as (heading, number), for the table on the page about the checks."""
        return (("checked", self.checked), ("own shapes", self.shapes_only), ("not checked", len(self.not_checked)),
                ("planted", self.expected_wrong), ("unlabelled", self.unlabelled_checked),
                ("not read", len(self.unparsed)))

    def line(self) -> str:
        """One line for the build log."""
        reasons = "".join(f"; not checked ({label}): {reason}" for label, reason in self.not_checked)
        unparsed = "".join(f"; unparsed at line {line}: {tex[:60]}" for line, tex in self.unparsed)
        return (f"{self.checked} equations checked, {self.shapes_only} checked on the page's shapes only, "
                f"{len(self.not_checked)} marked not checked, {self.expected_wrong} planted mistakes caught; "
                f"{self.unlabelled_checked} unlabelled formulas checked, {len(self.unparsed)} left unparsed"
                f"{reasons}{unparsed}")


def worked_example(examples: Mapping[str, Example]) -> Example | None:
    """The example a page's equations are evaluated on: its first network example, else its first example."""
    networks = [e for e in examples.values() if isinstance(e, NetworkExample)]
    return networks[0] if networks else next(iter(examples.values()), None)


def page_reports(text: str, examples: Mapping[str, Example]) -> list[EquationReport]:
    """What the check did with every labelled equation of the page (empty without an example)."""
    example = worked_example(examples)
    return check_equations(text, example, examples) if example is not None else []


@dataclass(frozen=True)
class PageCheck:
    """The whole check of one page: its errors, its counts, and the reports `mark_equations` needs."""

    problems: list[MarkerError]
    counts: CheckCounts
    reports: list[EquationReport]
    unlabelled: dict[int, str]  # where each checked unlabelled display starts -> how it was checked


def page_check(text: str, examples: Mapping[str, Example]) -> PageCheck:
    """Check a page's labelled equations and its unlabelled math once: errors, counts and the reports."""
    reports = page_reports(text, examples)
    example = worked_example(examples)
    loose = check_loose_math(text, examples, example) if example is not None else LooseReport()
    problems = _problems(reports, loose) + _claims_too_general(text, reports)
    return PageCheck(sorted(problems, key=lambda e: e.line), _counts(reports, loose), reports, loose.displays)


def page_counts(text: str, examples: Mapping[str, Example]) -> CheckCounts:
    """How many equations of the page were checked, on its shapes only, marked not checked, left unparsed."""
    return page_check(text, examples).counts


def _counts(reports: list[EquationReport], loose: LooseReport) -> CheckCounts:
    statuses = [r.status for r in reports]
    not_checked = [(r.equation.label, r.equation.not_checked or "") for r in reports if r.status == "not checked"]
    not_checked += [(f"line {line}", reason) for line, reason in loose.not_checked]
    return CheckCounts(statuses.count("checked"), statuses.count("page shapes only"), tuple(not_checked),
                       statuses.count("failed") + len(loose.problems), loose.checked + loose.shapes_only,
                       tuple(loose.unparsed), statuses.count("expected wrong") + loose.expected_wrong)


def page_problems(text: str, examples: Mapping[str, Example]) -> list[MarkerError]:
    """One error per formula, labelled or not, that disagrees with backpropagation or breaks the notation."""
    return page_check(text, examples).problems


def _claims_too_general(text: str, reports: list[EquationReport]) -> list[MarkerError]:
    """An error for each equation checked on the page's shapes only that its introduction calls general."""
    errors = []
    for report in reports:
        claim = general_claim(text, report.equation.line) if report.status == "page shapes only" else None
        if claim is not None:
            equation = report.equation
            errors.append(MarkerError(
                equation.line, claim,
                f"equation \\label{{{equation.label}}} \\tag{{{equation.tag}}} is written for this page's shapes "
                f"(with scalars, or numbers in a shape), so it is checked on them alone, but the text before it "
                f"says {claim!r}",
                "write it in matrix notation, so that it is checked on a wider network too, or say that it holds "
                "for this example's shapes"))
    return errors


def _problems(reports: list[EquationReport], loose: LooseReport) -> list[MarkerError]:
    errors = [MarkerError(line, " ".join(p.member.split())[:120], f"unlabelled formula: {p.message}")
              for line, p in loose.problems]
    for report in reports:
        equation = report.equation
        for problem in report.problems:
            member = " ".join(problem.member.split())
            where = f"equation \\label{{{equation.label}}} \\tag{{{equation.tag}}}"
            errors.append(MarkerError(equation.line, member[:120], f"{where}: {problem.message}"))
    return errors
