"""Every result equation of Parts 1-9 is checked as shown, and the check catches mutants of it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from gradcore.texcheck.check import check_equation, is_index_range, is_result, is_symbolic
from gradcore.texcheck.equations import Statement
from texcheck_mutants import mutants, range_mutants
from texcheck_support import DOCS, PARTS, example_of, page_examples, page_text, reports

# Every labelled display equation in Parts 1-9 whose left side is the loss, a delta, a gradient
# of L or an updated weight. Written out so that a change in what counts as a result shows up here.
RESULT_EQUATIONS = {
    "part-1-scalar.md": {"p1-loss", "p1-chain", "p1-dl", "p1-grad", "p1-delta", "p1-step"},
    "part-2-vector.md": {"p2-yhat", "p2-chain", "p2-element", "p2-matrix", "p2-delta", "p2-dyhat"},
    "part-3-batch.md": {"p3-loss", "p3-sum", "p3-term", "p3-element", "p3-delta", "p3-matrix"},
    "part-4-one-hidden-node.md": {"p4-loss", "p4-chain2", "p4-dL-dyhat", "p4-dW2", "p4-delta2", "p4-chain1",
                                  "p4-dW1", "p4-delta1"},
    "part-5-hidden-layer.md": {"p5-loss", "p5-delta2", "p5-dw2", "p5-chain1", "p5-dw1", "p5-delta1-element",
                               "p5-delta1", "p5-dW2", "p5-dW1"},
    "part-6-two-layer-batch.md": {"p6-loss", "p6-sum", "p6-delta2-j", "p6-delta1-j", "p6-terms", "p6-element",
                                  "p6-deltas", "p6-matrix"},
    "part-7-any-depth.md": {"p7-loss", "p7-delta-def", "p7-delta-out", "p7-paths", "p7-recursion", "p7-dW",
                            "p7-db"},
    "part-8-activations.md": {"p8-recursion", "p8-gradients", "p8-tanh-delta", "p8-relu-delta"},
    "part-9-cross-entropy.md": {"p9-bce", "p9-dL-dyhat", "p9-cancel", "p9-delta", "p9-gradients", "p9-slow",
                                "p9-fast", "p9-ce", "p9-soft-delta", "p9-soft-row"},
}


def _result_labels(path: Path) -> set[str]:
    return {r.equation.label for r in reports(path) if r.result}


@pytest.mark.parametrize("path", PARTS, ids=lambda p: p.name)
def test_the_result_equations_are_the_listed_ones(path: Path) -> None:
    """Assert the checker finds exactly the result equations listed above."""
    assert _result_labels(path) == RESULT_EQUATIONS[path.name]


def _not_evaluated_sentence(text: str) -> str:
    """The page's sentences that say which members are not evaluated."""
    return " ".join(p for p in re.split(r"\n\s*\n", text) if "not evaluated" in p)


@pytest.mark.parametrize("path", PARTS, ids=lambda p: p.name)
def test_every_result_equation_is_checked(path: Path) -> None:
    """Assert each result equation agrees with backprop, and a member left out is named on the page."""
    sentence = _not_evaluated_sentence(page_text(path))
    for report in reports(path):
        label = report.equation.label
        assert not report.problems, (label, report.problems)
        assert not report.unevaluable, (label, report.unevaluable)
        if report.skipped:
            assert f"\\eqref{{{label}}}" in sentence, f"{path.name}: ({label}) skips {report.skipped} unsaid"
        if report.result and not report.checked:
            # only a chain-rule product can leave a result unchecked, and the page says so
            assert report.skipped and all(is_symbolic(m) or is_result(m) for s in report.equation.statements
                                          for m in s.members), label


def test_every_intro_equation_is_checked() -> None:
    """Assert every labelled equation of the Introduction is evaluated on its sigmoid example, none left out."""
    path = DOCS / "index.md"
    labels = set()
    for report in reports(path):
        labels.add(report.equation.label)
        assert report.checked and not report.unevaluable and not report.skipped, report
    assert labels == {"intro-sigmoid", "intro-split", "intro-second", "intro-derivative", "intro-product",
                      "intro-loss"}
    assert "not evaluated" not in page_text(path)


def _equation_mutants():
    for path in [DOCS / "index.md", *PARTS]:
        examples = page_examples(page_text(path))
        for report in reports(path):
            if not report.checked:
                continue
            example = examples[report.equation.on] if report.equation.on else example_of(path)
            for index, statement in enumerate(report.equation.statements):
                if is_index_range(statement):
                    for kind, mutant in range_mutants(statement):
                        statements = list(report.equation.statements)
                        statements[index] = mutant
                        yield (path.name, report.equation.label, kind, " = ".join(statement.members),
                               " = ".join(mutant.members), replace(report.equation, statements=tuple(statements)),
                               example)
                    continue
                for position, member in enumerate(statement.members):
                    if position == 0 and is_result(member) or is_symbolic(member):
                        continue
                    for kind, text in mutants(member, example):
                        members = list(statement.members)
                        members[position] = text
                        statements = list(report.equation.statements)
                        statements[index] = Statement(tuple(members))
                        yield (path.name, report.equation.label, kind, member, text,
                               replace(report.equation, statements=tuple(statements)), example)


def test_mutation_score_is_100_percent(capsys: pytest.CaptureFixture[str]) -> None:
    """Assert every mutant (sign, product order, transpose, factor, kind of product, \\dots sum, range) fails."""
    total, survivors, kinds = 0, [], {}
    for page, label, kind, member, text, equation, example in _equation_mutants():
        total += 1
        kinds[kind] = kinds.get(kind, 0) + 1
        if not check_equation(equation, example).problems:
            survivors.append(f"{page} ({label}) {kind}: {member!r} -> {text!r}")
    with capsys.disabled():
        print(f"\nequation mutants: {total - len(survivors)} of {total} killed "
              f"({100 * (total - len(survivors)) / max(total, 1):.1f}%); by kind: {kinds}")
    assert total > 100 and all(kinds.get(k, 0) > 0 for k in ("sign", "swap", "transpose", "drop", "kind", "dots",
                                                             "range"))
    assert not survivors, "\n".join(survivors)
