"""The marks the reader sees: a checked mark with an accessible label, and the reason of one not checked."""

from __future__ import annotations

from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.texcheck.check import check_equations
from gradcore.texcheck.marks import CHECKED, SCOPE_NOTE, SHAPES_ONLY, mark_equations


def marked_page(text: str, replacements: list[tuple[int, int, str]] | None = None) -> str:
    """The page with its marks spliced in, as the page transform does."""
    pieces, cursor = [], 0
    for start, end, new in sorted(replacements or mark_equations(text, check_equations(text, EXAMPLE))):
        pieces += [text[cursor:start], new]
        cursor = end
    return "".join(pieces) + text[cursor:]


EXAMPLE = compute(parse_spec("mk", "X: [[0.5, -1.0, 2.0]]\ny: [[1.0]]\nW1: [[0.1], [0.4], [-0.2]]\n"
                                   "W2: [[0.7]]\nlr: 0.5\n"))
PAGE = ("Text.\n\n$$\n\\Delta l_1 = (\\Delta l_2 \\cdot W_2^T) * l_1 * (1 - l_1)\n\\tag{1} \\label{m-a}\n$$\n\n"
        "More.\n\n$$\n\\frac{\\partial L}{\\partial W_2} = \\Delta l_2 \\times l_1\n\\tag{2} \\label{m-b}\n$$\n\n"
        "!!! note\n\n    $$\n    f = \\int g \\notchecked{an integral, outside the notation}\n"
        "    \\tag{3} \\label{m-c}\n    $$\n\nEnd.\n")


def test_each_equation_gets_its_mark_and_one_legend() -> None:
    """Assert a checked mark (with the wider network in its label), a page-shapes mark and a visible reason."""
    marked = marked_page(PAGE)
    assert marked.count('class="gc-eq-mark"') == 2 and marked.count('class="gc-eq-legend"') == 1
    assert f'aria-label="{CHECKED}"' in marked and f'aria-label="{SHAPES_ONLY}"' in marked
    assert "\n    <p class=\"gc-eq-unchecked\" data-search-exclude>Not checked: an integral, outside the notation</p>" \
        in marked
    assert "\\notchecked" not in marked and marked.count("data-search-exclude") == 4
    assert marked.count(SCOPE_NOTE) == 2  # beside the page-shapes mark, and explained in the legend


def test_only_a_page_with_a_page_shapes_equation_explains_that_mark() -> None:
    """Assert the words "these shapes only" appear, beside a mark and in the legend, only where such a mark is."""
    general_only = PAGE.split("More.")[0]
    marked = marked_page(general_only)
    assert SCOPE_NOTE not in marked and marked.count('class="gc-eq-legend"') == 1


def test_a_failed_equation_gets_no_mark() -> None:
    """Assert an equation that fails the check is not marked (the build stops on it anyway)."""
    wrong = PAGE.replace("(1 - l_1)", "(1 + l_1)")
    marked = marked_page(wrong)
    assert marked.count('class="gc-eq-mark"') == 1


def test_a_checked_unlabelled_display_is_marked_and_a_general_one_is_not() -> None:
    """Assert an unlabelled display that states the example's formula gets the mark, prose-like math does not."""
    from gradcore.texcheck import page_check

    text = ("Text.\n\n$$\n\\Delta l_1 = (\\Delta l_2 \\cdot W_2^T) * l_1 * (1 - l_1)\n$$\n\n"
            "And $$\nm = 4\n$$\n\nEnd.\n")
    check = page_check(text, {"mk": EXAMPLE})
    marked = marked_page(text, mark_equations(text, check.reports, check.unlabelled))
    assert check.problems == [] and len(check.unlabelled) == 1
    assert marked.count('class="gc-eq-mark"') == 1 and marked.count('class="gc-eq-legend"') == 1
    wrong = text.replace("(1 - l_1)", "(1 + l_1)")
    assert page_check(wrong, {"mk": EXAMPLE}).unlabelled == {}


def test_no_step_of_a_find_the_mistake_derivation_is_marked() -> None:
    """Assert the displays that stand with a planted mistake get no mark (the one unmarked step would be the
    answer), while a checked display after some prose still gets its mark."""
    from gradcore.texcheck import page_check

    step = ("$$\n\\text{{step {n}:}} \\quad \\Delta l_1 = (\\Delta l_2 \\cdot W_2^T) * l_1 * (1 {sign} l_1){planted}"
            "\n$$\n")
    steps = "\n".join(step.format(n=n, sign="+" if n == 2 else "-", planted=" % expected wrong" if n == 2 else "")
                      for n in (1, 2, 3))
    text = "A student writes:\n\n" + steps + "\nLater, the same again:\n\n" + step.format(n=4, sign="-", planted="")
    check = page_check(text, {"mk": EXAMPLE})
    assert check.problems == [] and len(check.unlabelled) == 3  # steps 1 and 3, and step 4, were checked
    marked = marked_page(text, mark_equations(text, check.reports, check.unlabelled))
    assert marked.count('class="gc-eq-mark"') == 1 and marked.index('class="gc-eq-mark"') > marked.index("step 4")
