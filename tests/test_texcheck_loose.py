"""Unlabelled displays and inline math, tables included: checked where they state a formula of the example."""

from __future__ import annotations

import re

import pytest

from gradcore.markup.mathfind import markdown_math
from gradcore.texcheck import page_check, page_problems, worked_example
from gradcore.texcheck.equations import on_example, statements_of
from gradcore.texcheck.loose import check_loose_math
from texcheck_mutants import mutants
from texcheck_support import DOCS, page_examples, page_text

WRONG = [  # (page, text, wrong edit): each in unlabelled or inline math
    ("part-1-scalar.md", r"&= ([[gc p1.yhat]] - [[gc p1.y]]) \times", r"&= ([[gc p1.y]] - [[gc p1.yhat]]) \times"),
    ("part-1-scalar.md", r"\frac{\partial L}{\partial w} &= (\hat{y} - y) \times \hat{y}",
     r"\frac{\partial L}{\partial w} &= (y - \hat{y}) \times \hat{y}"),
    ("part-7-any-depth.md", r"| \(\Delta l_k = (\Delta l_{k+1} \cdot W_{k+1}^T) * l_k * (1 - l_k)\) | \(m",
     r"| \(\Delta l_k = (\Delta l_{k+1} \cdot W_{k+1}) * l_k * (1 - l_k)\) | \(m"),
    ("part-7-any-depth.md", r"| \(\partial L / \partial W_k = l_{k-1}^T \cdot \Delta l_k\) | \(n_{k-1}",
     r"| \(\partial L / \partial W_k = \Delta l_k^T \cdot l_{k-1}\) | \(n_{k-1}"),
    ("part-3-batch.md", r"&= [[gc p3.X[1,1]]] \times [[gc p3.delta1[1] paren]]",
     r"&= [[gc p3.X[1,1]]] \times [[gc p3.delta1[2] paren]]"),
]


@pytest.mark.parametrize(("page", "old", "new"), WRONG)
def test_a_wrong_unlabelled_formula_fails_at_its_line(page: str, old: str, new: str) -> None:
    """Assert a slip in a worked display (numbers in), a table cell or inline math fails at its line."""
    text = page_text(DOCS / page)
    assert text.count(old) == 1, old
    line = text[:text.index(old)].count("\n") + 1
    edited = text.replace(old, new)
    problems = page_problems(edited, page_examples(edited))
    assert problems and all(p.line <= line for p in problems), [str(p) for p in problems]
    assert max(p.line for p in problems) >= line - 8  # the region that holds the edit, not another
    assert all("unlabelled formula" in str(p) for p in problems)


def test_a_planted_mistake_must_fail_and_shows_no_mark() -> None:
    """Assert Part 4's quoted mistake (marked % expected wrong) is caught, and a correct one so marked is refused."""
    text = page_text(DOCS / "part-4-one-hidden-node.md")
    check = page_check(text, page_examples(text))
    assert not check.problems and check.counts.expected_wrong == 2  # the quoted mistake and exercise 3's step
    right = text.replace(r"\Delta l_2 \times X = [[gc p4.delta2]] \times [[gc p4.X]] % expected wrong",
                         r"\Delta l_2 \times l_1 = [[gc p4.delta2]] \times [[gc p4.l1]] % expected wrong")
    assert right != text
    problems = page_problems(right, page_examples(right))
    assert len(problems) == 1 and "expected wrong" in str(problems[0])


def test_not_checked_unlabelled_math_is_counted_with_its_reason() -> None:
    """Assert \\notchecked{reason} in unlabelled math is listed with its reason, not checked."""
    text = page_text(DOCS / "part-1-scalar.md")
    old = r"\frac{\partial L}{\partial w} &= (\hat{y} - y) \times \hat{y}"
    edited = text.replace(old, r"\notchecked{a test} " + old.replace("(\\hat{y} - y)", "(y - \\hat{y})"))
    counts = page_check(edited, page_examples(edited)).counts
    assert counts.failed == 0 and counts.not_checked[0][1] == "a test"


UNREADABLE = r"\frac{\partial L}{\partial W_1}\Big|_{\text{one}} = X^T \cdot \Delta l_1"


def test_an_unreadable_display_fails_and_unreadable_inline_math_is_listed() -> None:
    """Assert a display the grammar cannot read stops the build, inline math is listed, arrows are passed by."""
    text = page_text(DOCS / "part-5-hidden-layer.md")
    examples = page_examples(text)
    display = page_check(text + f"\n\n$$\n{UNREADABLE}\n$$\n", examples)
    assert [str(p) for p in display.problems if "cannot read this display" in str(p)], display.problems
    marked = page_check(text + f"\n\n$$\n{UNREADABLE} \\notchecked{{a reason}}\n$$\n", examples)
    assert marked.problems == [] and marked.counts.not_checked[-1][1] == "a reason"
    inline = page_check(text + f"\n\nInline: \\({UNREADABLE}\\).\n", examples)
    assert inline.problems == [] and inline.counts.unparsed[-1][1].startswith(r"\frac{\partial L}")
    arrows = page_check(text + "\n\nLayers: \\(X \\to l_1 \\to \\dots \\to l_K = \\hat{y}\\).\n", examples)
    assert arrows.problems == [] and arrows.counts.unparsed == page_check(text, examples).counts.unparsed


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("part-*.md")) + ["index.md"])
def test_the_series_unlabelled_math_passes(page: str) -> None:
    """Assert no unlabelled formula of the series disagrees, and report what is left unparsed."""
    text = page_text(DOCS / page)
    counts = page_check(text, page_examples(text)).counts
    assert counts.failed == 0 and counts.unlabelled_checked > 0
    assert len(counts.unparsed) <= 4, counts.unparsed


def _unlabelled_mutants():
    """(page, statement, mutant text) for every mutant of a checked unlabelled formula without markers."""
    for path in [DOCS / "index.md", *sorted(DOCS.glob("part-*.md"))]:
        text = page_text(path)
        examples = page_examples(text)
        example = worked_example(examples)
        for math in markdown_math(text):
            if "\\label" in math.body or "=" not in math.body or "[[" in math.body:
                continue
            on = on_example(math.body)
            mark = f" % on {on}" if on else ""  # checked on the example the display names
            for statement in statements_of(math.body):
                single = f"$$\n{' = '.join(statement.members)}{mark}\n$$\n"
                if check_loose_math(single, examples, example).checked != 1:
                    continue  # passed by, unparsed, or for the page's shapes only
                for position, member in enumerate(statement.members):
                    for _kind, mutant in mutants(member, examples[on] if on else example):
                        if re.fullmatch(r"[\d.\s]+|\\tfrac\{\d\}\{\d\}", mutant.strip()):
                            continue  # a formula cut down to a bare number reads as a fact (u = 0), passed by
                        members = list(statement.members)
                        members[position] = mutant
                        yield path.name, " = ".join(statement.members), f"$$\n{' = '.join(members)}{mark}\n$$\n", \
                            examples, example


def test_unlabelled_mutation_score_is_100_percent(capsys: pytest.CaptureFixture[str]) -> None:
    """Assert every mutant of a checked unlabelled formula (display, inline, table cell) fails."""
    total, survivors = 0, []
    for page, original, mutant, examples, example in _unlabelled_mutants():
        total += 1
        if not check_loose_math(mutant, examples, example).problems:
            survivors.append(f"{page}: {original!r} -> {mutant.strip()!r}")
    with capsys.disabled():
        print(f"\nunlabelled mutants: {total - len(survivors)} of {total} killed")
    assert total > 50 and not survivors, "\n".join(survivors)


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("part-*.md")))
def test_each_part_has_one_find_the_mistake_step_that_fails_alone(page: str) -> None:
    """Assert each part plants a mistake: without its mark that step, and only it, fails; with it, nothing does."""
    text = page_text(DOCS / page)
    planted = [m for m in markdown_math(text) if "% expected wrong" in m.body and "\\text{step" in m.body]
    assert len(planted) == 1, page
    assert not page_problems(text, page_examples(text))
    start, end = planted[0].start, planted[0].end
    unmarked = text[:start] + text[start:end].replace(" % expected wrong", "") + text[end:]
    problems = page_problems(unmarked, page_examples(unmarked))
    assert [p.line for p in problems] == [planted[0].line], [str(p) for p in problems]
