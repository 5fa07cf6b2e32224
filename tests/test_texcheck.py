"""Tests for gradcore.texcheck: grammar, equations, symbols, evaluation and the page entry point."""

from __future__ import annotations

import numpy as np
import pytest

from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.pages.render import Page, render_page
from gradcore.texcheck.check import check_equations
from gradcore.texcheck.equations import find_equations, free_indices
from gradcore.texcheck.evaluate import evaluate
from gradcore.texcheck.grammar import TexSyntaxError, parse_member
from gradcore.texcheck.symbols import NotationError
from texcheck_support import DOCS


def page_without_figures(name: str) -> str:
    """A page's source with its figure markers left out (drawing them is not what these tests are about)."""
    text = (DOCS / name).read_text(encoding="utf-8")
    return "\n".join("" if line.startswith("[[gc:figure") else line for line in text.split("\n"))

# A 3-2-1 network on a batch of 2: every shape differs, so a notation slip cannot pass by accident.
EXAMPLE = compute(parse_spec("tx", "X: [[0.5, -1.0, 2.0], [1.0, 0.2, -0.3]]\ny: [[1.0], [0.0]]\n"
                                   "W1: [[0.1, -0.3], [0.4, 0.2], [-0.2, 0.5]]\nW2: [[0.7], [-0.6]]\nlr: 0.5\n"))


def value(tex: str, **indices: int) -> np.ndarray:
    return evaluate(parse_member(tex), EXAMPLE, indices)


def test_matrix_formulas_match_backprop() -> None:
    """Assert the recursion and the gradients, read from TeX, equal backpropagation's numbers."""
    grads = EXAMPLE.gradients
    np.testing.assert_allclose(value(r"(\Delta l_2 \cdot W_2^T) * l_1 * (1 - l_1)"), grads.deltas[0], rtol=1e-14)
    np.testing.assert_allclose(value(r"X^T \cdot \Delta l_1"), grads.weights[0], rtol=1e-14)
    np.testing.assert_allclose(value(r"\mathbf{1}^T \cdot \Delta l_2"), grads.deltas[1].sum(axis=0, keepdims=True))
    loss = value(r"\tfrac{1}{2} \sum_{j=1}^{2} \big(y_{(j)} - \hat{y}_{(j)}\big)^2")
    assert loss[0, 0] == pytest.approx(EXAMPLE.loss)


def test_indices_are_one_based_and_follow_the_pages() -> None:
    """Assert w_1^{ip} is row i, column p of W_1, and l_{1,(j)}^p is example j's node p."""
    assert value(r"w_1^{ip}", i=3, p=2)[0, 0] == EXAMPLE.network.weights[0][2, 1]
    assert value(r"l_{1,(j)}^p", j=2, p=1)[0, 0] == EXAMPLE.forward.activations[0][1, 0]
    assert value(r"\frac{\partial L}{\partial w_2^p}", p=2)[0, 0] == EXAMPLE.gradients.weights[1][1, 0]


@pytest.mark.parametrize(("tex", "message"), [
    (r"X \times W_1", r"\\times between 2 x 3 and 3 x 2; \\times is for scalars"),
    (r"X \cdot W_2", r"\\cdot between 2 x 3 and 2 x 1: inner sizes differ"),
    (r"\Delta l_2 * W_2^T", "element-wise product of 2 x 1 and 1 x 2: shapes differ"),
    (r"X W_1", "2 x 3 next to 3 x 2 with no operator"),
    (r"\hat{y} - l_1", "- between shapes 2 x 1 and 2 x 2"),
    (r"[X]_{3 \times 2}", "shape written as 3 x 2 but the value is 2 x 3"),
    (r"\sum_{j=1}^{3} \hat{y}_{(j)}", "the sum over j runs to 3, past what the example has"),
])
def test_notation_is_enforced(tex: str, message: str) -> None:
    """Assert each notation rule of the series is enforced with a message that says which."""
    with pytest.raises(NotationError, match=message):
        value(tex)


def test_w_without_layer_is_ambiguous_in_two_layers() -> None:
    """Assert a bare W is refused in a two-layer network instead of guessing the layer."""
    with pytest.raises(NotationError, match="ambiguous"):
        value("W")


def test_outside_the_notation_is_a_syntax_error() -> None:
    """Assert TeX the grammar does not cover is reported, not skipped."""
    with pytest.raises(TexSyntaxError, match="cannot read"):
        parse_member(r"\int_0^1 x \, dx")


def test_free_indices_leave_out_summed_ones() -> None:
    """Assert j of a sum is bound, i and p are free, and a shape subscript has no index."""
    assert free_indices(r"\sum_{j=1}^{m} x_{(j)}^i \Delta l_{1,(j)}^p") == ["i", "p"]
    assert free_indices(r"[X]_{m \times n_0}") == []


def test_chains_are_cut_into_members_and_continued_lines_joined() -> None:
    """Assert a = b = c, \\qquad and an aligned chain continued with &= are read as the page means."""
    text = ("$$\n\\begin{aligned}\na &= b \\\\\n  &= c,\n\\end{aligned}\n\\qquad d = e\n"
            "\\tag{3} \\label{x-chain}\n$$\n")
    (equation,) = find_equations(text)
    assert (equation.line, equation.label, equation.tag) == (1, "x-chain", "3")
    assert [s.members for s in equation.statements] == [("a", "b", "c"), ("d", "e")]


def test_a_middle_member_of_a_chain_is_checked() -> None:
    """Assert a slip in the middle of a = b = c fails although the ends agree."""
    text = ("$$\n\\Delta l_2 = (y - \\hat{y}) * \\hat{y} * (1 - \\hat{y})"
            " = (\\hat{y} - y) * \\hat{y} * (1 - \\hat{y})\n"
            "\\tag{1} \\label{x-mid}\n$$\n")
    (report,) = check_equations(text, EXAMPLE)
    assert len(report.problems) == 1 and "backpropagation gives" in report.problems[0].message


def test_broken_sign_on_part_1_fails_the_page() -> None:
    """Assert Part 1's (8) with (y - yhat) stops the page with file, line, label, tag and both values."""
    text = page_without_figures("part-1-scalar.md")
    good = r"\frac{\partial L}{\partial w} = (\hat{y} - y) \times \hat{y} \times (1 - \hat{y}) \times x"
    assert text.count(good) == 1
    broken = text.replace(good, good.replace(r"(\hat{y} - y)", r"(y - \hat{y})"))
    message = render_page(broken, Page("docs/part-1-scalar.md")).message()
    line = text[:text.index(good)].count("\n")  # the $$ line above the equation
    assert message.startswith(f"docs/part-1-scalar.md:{line}: equation \\label{{p1-grad}} \\tag{{8}}: ")
    assert message.count("\n") == 0  # one problem, one line
    assert "the TeX gives 0.1216023793 but backpropagation gives -0.1216023793" in message
    assert message in (DOCS / "authoring.md").read_text(encoding="utf-8")  # the page quotes it as it is


def test_the_pages_render_unchanged_by_the_check() -> None:
    """Assert a correct page renders (the check adds nothing to the output)."""
    text = page_without_figures("part-4-one-hidden-node.md")
    result = render_page(text, Page("part-4-one-hidden-node.md"))
    assert not result.errors and "\\label{p4-dW1}" in result.markdown


def test_nothing_labelled_is_skipped_in_silence() -> None:
    """Assert TeX outside the notation, or with no value here, fails any labelled equation with what to write."""
    text = ("$$\n\\frac{\\partial L}{\\partial W_1} = \\int_0^1 X \\, dt\n\\tag{1} \\label{x-result}\n$$\n\n"
            "$$\nf(t) = \\int_0^1 g \\, dt = h\n\\tag{2} \\label{x-rule}\n$$\n\n"
            "$$\nv = q \\times r\n\\tag{3} \\label{x-unknown}\n$$\n")
    for report in check_equations(text, EXAMPLE):
        assert report.problems and report.status == "failed", report
        assert "\\notchecked{the reason}" in report.problems[0].message
    result, rule, _ = check_equations(text, EXAMPLE)
    assert "cannot read" in result.problems[0].message and "cannot read" in rule.problems[0].message


def test_not_checked_needs_a_reason_and_is_counted() -> None:
    """Assert \\notchecked{reason} takes an equation out of the check, and an empty reason is refused."""
    text = "$$\nf(t) = \\int_0^1 g \\, dt \\notchecked{an integral}\n\\tag{1} \\label{x-out}\n$$\n"
    (report,) = check_equations(text, EXAMPLE)
    assert report.status == "not checked" and report.equation.not_checked == "an integral"
    (empty,) = check_equations(text.replace("an integral", ""), EXAMPLE)
    assert empty.status == "failed"


@pytest.mark.parametrize("tex", [r"X^\top \cdot \Delta l_1", r"X^{\mathsf T} \cdot \Delta l_1",
                                 r"X^{\mathsf{T}} \cdot \Delta l_1", r"\frac{\mathrm{d} L}{\mathrm{d} W_1}",
                                 r"X^T \cdot ((\Delta l_2 \cdot W_2^\top) \odot \sigma'(u_1))",
                                 r"X^T \cdot ((\Delta l_2 \cdot W_2^T) \circ \sigma(u_1) * (1 - \sigma(u_1)))",
                                 r"X^T \cdot ((\Delta l_2 \cdot W_2^T) * \sigma(u_1) * (1 - \sigma(u_1)))"])
def test_standard_spellings_are_read(tex: str) -> None:
    """Assert the standard TeX spellings (transpose, element-wise, exp, sigma prime, d) mean the series' ones."""
    np.testing.assert_allclose(value(tex), EXAMPLE.gradients.weights[0], rtol=1e-13)
    np.testing.assert_array_equal(value(r"\exp(-u_1)"), value(r"e^{-u_1}"))


@pytest.mark.parametrize(("tex", "expected"), [
    (r"L_{(1)} + \dots + L_{(m)}", "loss"),
    (r"L_{(1)} + \cdots + L_{(m)}", "loss"),
    (r"-L_{(1)} - \dots - L_{(m)}", "minus loss"),
    (r"x_{(1)}^T \cdot \Delta l_{1,(1)} + \dots + x_{(m)}^T \cdot \Delta l_{1,(m)}", "dW1"),
])
def test_dots_sums_are_expanded(tex: str, expected: str) -> None:
    """Assert a sum written with \\dots is the sum of the terms it stands for."""
    want = {"loss": EXAMPLE.loss, "minus loss": -EXAMPLE.loss, "dW1": EXAMPLE.gradients.weights[0]}[expected]
    np.testing.assert_allclose(value(tex), np.atleast_2d(want), rtol=1e-14)


@pytest.mark.parametrize(("tex", "message"), [
    (r"L_{(1)} + \dots + L_{(3)}", "runs past what the example has"),
    (r"L_{(1)} - \dots + L_{(m)}", "every one subtracted"),
    (r"L_{(1)} + L_{(2)} + L_{(3)} + \dots + L_{(m)}", "more than 1 to m holds"),
    (r"L_{(1)} + \dots + \hat{y}_{(m)}", "not in an index"),
    (r"L_{(1)} + \dots + \hat{y}_{(m)}^2", "not the same formula"),
    (r"\dots + L_{(m)}", "terms on both sides"),
])
def test_dots_sums_that_cannot_be_read_are_refused(tex: str, message: str) -> None:
    """Assert a \\dots sum whose terms cannot be told is refused with a message."""
    with pytest.raises(NotationError, match=message):
        value(tex)


RANGES = ("$$\nu_k = l_{k-1} \\cdot W_k, \\qquad k = RANGE\n\\tag{1} \\label{x-range}\n$$\n\n"
          "$$\n\\Delta l_k = (\\Delta l_{k+1} \\cdot W_{k+1}^T) * l_k * (1 - l_k), \\qquad k = DOWN\n"
          "\\tag{2} \\label{x-down}\n$$\n")


@pytest.mark.parametrize(("up", "down", "problem"), [
    ("1, \\dots, K", "K-1, \\dots, 1", None),
    ("1, 2", "1", None),
    ("0, \\dots, K", "K-1, \\dots, 1", "k = 0, where the formula has no value"),
    ("1, \\dots, K-1", "K-1, \\dots, 1", "leaves out k = 2"),
    ("1, \\dots, K", "K, \\dots, 1", "k = 2, where the formula has no value"),
    ("K, \\dots, 1", "K-1, \\dots, 1", "runs upward"),
])
def test_index_ranges_are_checked_against_the_network(up: str, down: str, problem: str | None) -> None:
    """Assert k = 1, ..., K is exactly where the formula has a value, in the order the formula needs."""
    text = RANGES.replace("RANGE", up).replace("DOWN", down)
    found = [p.message for r in check_equations(text, EXAMPLE) for p in r.problems]
    if problem is None:
        assert not found
    else:
        assert len(found) == 1 and problem in found[0], found


ONE_BY_ONE = compute(parse_spec("narrow", "X: [[0.5, -1.0, 2.0]]\ny: [[1.0]]\n"
                                          "W1: [[0.1], [0.4], [-0.2]]\nW2: [[0.7]]\nlr: 0.5\n"))


@pytest.mark.parametrize(("tex", "why"), [
    (r"\Delta l_1 = (\Delta l_2 \cdot W_2) * l_1 * (1 - l_1)", "transpose"),
    (r"\Delta l_1 = (\Delta l_2 * W_2^T) * l_1 * (1 - l_1)", "kind of product"),
    (r"\Delta l_1 = (\Delta l_2 \cdot W_2^T) \cdot l_1 * (1 - l_1)", "kind of product"),
    (r"\frac{\partial L}{\partial W_2} = l_1 \cdot \Delta l_2", "transpose"),
])
def test_a_one_by_one_page_cannot_hide_a_product(tex: str, why: str) -> None:
    """Assert a slip that a 3-1-1 network cannot show fails on the widened network (3-2-1)."""
    text = f"$$\n{tex}\n\\tag{{1}} \\label{{x-wide}}\n$$\n"
    good = {"transpose": tex, "kind of product": tex}
    (report,) = check_equations(text, ONE_BY_ONE)
    assert report.problems and "wider network of the same depth, 3-2-1" in report.problems[0].message, (why, good)
    right = "$$\n\\Delta l_1 = (\\Delta l_2 \\cdot W_2^T) * l_1 * (1 - l_1)\n\\tag{1} \\label{x-wide}\n$$\n"
    (report,) = check_equations(right, ONE_BY_ONE)
    assert report.status == "checked"


def test_scalar_notation_is_checked_on_the_page_shapes_only() -> None:
    """Assert a formula written with \\times for one hidden node is counted as holding on the page's shapes only."""
    text = ("$$\n\\frac{\\partial L}{\\partial W_2} = \\Delta l_2 \\times l_1\n"
            "\\tag{1} \\label{x-scalar}\n$$\n")
    (report,) = check_equations(text, ONE_BY_ONE)
    assert report.status == "page shapes only"


def test_an_underbrace_must_equal_its_label() -> None:
    """Assert the name under a brace is checked against what the brace spans."""
    assert value(r"\underbrace{(\hat{y} - y) * \hat{y} * (1 - \hat{y})}_{\Delta l_2}").shape == (2, 1)
    with pytest.raises(NotationError, match="the brace is labelled"):
        value(r"\underbrace{(y - \hat{y}) * \hat{y} * (1 - \hat{y})}_{\Delta l_2}")


SIGMOID = compute(parse_spec("sx", "kind: sigmoid\npoints: [-2, 0.5, 3]\n"))


def test_a_derivative_is_taken_by_the_complex_step_not_by_a_formula() -> None:
    """Assert d/dx of a parsed expression equals its exact derivative, to rounding."""
    cube = evaluate(parse_member(r"\frac{d}{dx} x \times x \times x"), SIGMOID, {"point": 2})
    assert cube[0, 0] == pytest.approx(3 * SIGMOID.u[0, 2] ** 2, rel=1e-15)
    u, a = SIGMOID.u[0, 0], SIGMOID.u[0, 2]
    slope = evaluate(parse_member(r"\frac{d}{dx} \sigma(a x)"), SIGMOID, {"point": 0, "other point": 2})
    s = 1 / (1 + np.exp(-a * u))
    assert slope.shape == (1, 1) and abs(slope[0, 0] - a * s * (1 - s)) <= 1e-15


@pytest.mark.parametrize("tex", [r"\frac{d}{dx} x", r"\frac{d}{dW} \frac{d}{dW} W \times W"])
def test_a_derivative_needs_one_real_number(tex: str) -> None:
    """Assert d/dx of a matrix (x is X, 2 x 3 here), or one nested in another of the same letter, is refused."""
    one_by_one = compute(parse_spec("one", "X: [[0.5]]\ny: [[1.0]]\nW1: [[0.3]]\nlr: 0.5\n"))
    with pytest.raises(NotationError, match="one real number"):
        evaluate(parse_member(tex), EXAMPLE if "dx" in tex else one_by_one, {})


def test_the_intro_identities_catch_a_slip_at_every_pair_of_points() -> None:
    """Assert (6) of the Introduction with y - yhat fails at the first pair of points, named by their u."""
    text = "$$\n\\frac{\\partial L}{\\partial \\hat{y}} = y - \\hat{y}\n\\tag{6} \\label{x-loss}\n$$\n"
    (report,) = check_equations(text, SIGMOID)
    assert report.result and report.problems
    assert report.problems[0].message.endswith("(for u = -2, the other point = 0.5)")
    good = text.replace("y - \\hat{y}", "\\hat{y} - y")
    (report,) = check_equations(good, SIGMOID)
    assert report.checked and report.compared == 6  # 3 x 2 ordered pairs of different points
