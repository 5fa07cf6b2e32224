"""A held-out set of plausible wrong edits to the series' equations, and of correct rewrites.

Each wrong edit is applied to the real page text; the check must report it
at the line of its equation. Each correct rewrite (reordered factors,
standard TeX spellings, sigma' written out) must pass. None of these were
used to build the checker's mutants (`texcheck_mutants`).
"""

from __future__ import annotations

import pytest

from gradcore.markup.mathfind import markdown_math
from gradcore.texcheck import page_counts, page_problems
from texcheck_support import DOCS, page_examples, page_text

WRONG = [  # (page, text on the page, the wrong edit, what the slip is)
    ("part-1-scalar.md", r"(\hat{y} - y) \times \hat{y} \times (1 - \hat{y}) \times x",
     r"(y - \hat{y}) \times \hat{y} \times (1 - \hat{y}) \times x", "sign"),
    ("part-1-scalar.md", r"w' = w - \eta \times", r"w' = w + \eta \times", "sign of the step"),
    ("part-1-scalar.md", r"L = \tfrac{1}{2} (y - \hat{y})^2", r"L = (y - \hat{y})^2", "forgotten half"),
    ("part-1-scalar.md", r"\frac{1}{1 + e^{-x w}}", r"\frac{1}{1 + e^{x w}}", "exponent sign"),
    ("part-1-scalar.md", r"\frac{1}{1 + e^{-x w}}", r"\frac{1}{1 + \exp(x w)}", "exponent sign, \\exp"),
    ("index.md", r"\sigma'(u) = \sigma(u) \times \big(1 - \sigma(u)\big)",
     r"\sigma'(u) = \sigma(u) \times \big(1 + \sigma(u)\big)", "sign in sigma'"),
    ("index.md", r"= \hat{y} - y", r"= y - \hat{y}", "sign of dL/dyhat"),
    ("part-2-vector.md", r"\Delta = \frac{\partial L}{\partial u} = (\hat{y} - y) * \hat{y} * (1 - \hat{y})",
     r"\Delta = \frac{\partial L}{\partial u} = (\hat{y} - y) \circ \hat{y} \circ (1 + \hat{y})", "sign, \\circ"),
    ("part-2-vector.md", r"= X^T \cdot \Delta", r"= \Delta \cdot X^T", "swapped product"),
    ("part-2-vector.md", r"\Delta = \frac{\partial L}{\partial u} = (\hat{y} - y) * \hat{y}",
     r"\Delta = \frac{\partial L}{\partial u} = (\hat{y} - y) \cdot \hat{y}", "\\cdot for * on 1 x 1"),
    ("part-2-vector.md", r"i = 1, 2, 3", r"i = 1, 2", "range short"),
    ("part-2-vector.md", r"\hat{y} = \sigma(u) = \sigma(X \cdot W)",
     r"\hat{y} = \sigma(u) = \operatorname{sig}(X \cdot W)", "unreadable"),
    ("part-3-batch.md", r"+ \dots + \frac{\partial L_{(4)}}{\partial W}",
     r"+ \dots + \frac{\partial L_{(3)}}{\partial W}", "\\dots sum one short"),
    ("part-3-batch.md", r"= \frac{\partial L_{(1)}}{\partial W} + \dots + \frac{\partial L_{(4)}}{\partial W}",
     r"= -\frac{\partial L_{(1)}}{\partial W} - \dots - \frac{\partial L_{(4)}}{\partial W}", "\\dots sum sign"),
    ("part-3-batch.md", r"= \sum_{j=1}^{4} L_{(j)}", r"= \sum_{j=1}^{3} L_{(j)}", "sum limit"),
    ("part-3-batch.md", r"= x_{(j)}^T \cdot \Delta_{(j)}", r"= x_{(j)} \cdot \Delta_{(j)}", "dropped transpose"),
    ("part-3-batch.md", r"\frac{\partial L}{\partial W} = X^T \cdot \Delta" + "\n\\tag",
     r"\frac{\partial L}{\partial W} = X^\top \cdot (\Delta * \hat{y})" + "\n\\tag", "extra factor"),
    ("part-4-one-hidden-node.md", r"\Delta l_1 = (\Delta l_2 \cdot W_2^T) * l_1",
     r"\Delta l_1 = (\Delta l_2 \cdot W_2) * l_1", "dropped transpose on 1 x 1"),
    ("part-4-one-hidden-node.md", r"\Delta l_1 = (\Delta l_2 \cdot W_2^T) * l_1",
     r"\Delta l_1 = (\Delta l_2 \cdot W_2^T) \cdot l_1", "\\cdot for * on 1 x 1"),
    ("part-4-one-hidden-node.md", r"\frac{\partial L}{\partial W_1} = X^T \cdot \Delta l_1",
     r"\frac{\partial L}{\partial W_1} = X^T \cdot \Delta l_2", "wrong layer"),
    ("part-4-one-hidden-node.md", r"\tfrac{1}{2} \times 2 \, (y - \hat{y}) \times (-1)",
     r"\tfrac{1}{2} \times 2 \, (y - \hat{y})", "lost inner derivative"),
    ("part-5-hidden-layer.md", r"= (\Delta l_2 \cdot W_2^T) * l_1 * (1 - l_1)",
     r"= (\Delta l_2 \cdot W_2^T) * l_1 * (l_1 - 1)", "sign in sigma'"),
    ("part-5-hidden-layer.md", r"\Delta l_2 \; w_2^p \; l_1^p\, (1 - l_1^p) \; x^i",
     r"\Delta l_2 \; w_2^p \; l_1^p \; x^i", "dropped factor"),
    ("part-5-hidden-layer.md", r"= l_1^T \cdot \Delta l_2", r"= \Delta l_2 \cdot l_1", "swapped, no transpose"),
    ("part-6-two-layer-batch.md", r"\qquad k = 1, 2", r"\qquad k = 1, 2, 3", "range past the depth"),
    ("part-6-two-layer-batch.md", r"\Delta l_2 = (\hat{y} - y) * \hat{y} * (1 - \hat{y}), \qquad",
     r"\Delta l_2 = (y - \hat{y}) * \hat{y} * (1 - \hat{y}), \qquad", "sign"),
    ("part-6-two-layer-batch.md", r"\frac{\partial L}{\partial w_2^{p}} = \sum_{j=1}^{4}",
     r"\frac{\partial L}{\partial w_2^{p}} = \sum_{j=2}^{4}", "sum starts late"),
    ("part-7-any-depth.md", r"\qquad k = 1, \dots, K \\", r"\qquad k = 0, \dots, K \\", "range from 0"),
    ("part-7-any-depth.md", r"\qquad k = K-1, \dots, 1 \\", r"\qquad k = K, \dots, 1 \\", "range from K"),
    ("part-7-any-depth.md", r"\qquad k = K-1, \dots, 1 \\", r"\qquad k = 1, \dots, K-1 \\", "recursion upward"),
    ("part-7-any-depth.md", r"= \mathbf{1}^T \cdot \Delta l_k", r"= \Delta l_k^T \cdot \mathbf{1}",
     "transposed result"),
    ("part-7-any-depth.md", r"= l_{k-1}^T \cdot \Delta l_k \\", r"= l_{k}^T \cdot \Delta l_k \\", "wrong layer"),
    ("part-7-any-depth.md", r"\Delta l_K = (\hat{y} - y) * \hat{y} * (1 - \hat{y}) \\",
     r"\Delta l_K = (\hat{y} - y) \odot \hat{y} \odot (\hat{y} - 1) \\", "sign, \\odot"),
]

RIGHT = [  # (page, text on the page, a correct rewrite)
    ("part-4-one-hidden-node.md", r"(\Delta l_2 \cdot W_2^T) * l_1", r"(\Delta l_2 \cdot W_2^\top) * l_1"),
    ("part-5-hidden-layer.md", r"= (\Delta l_2 \cdot W_2^T) * l_1 * (1 - l_1)",
     r"= (\Delta l_2 \cdot W_2^{\mathsf T}) \odot \sigma'(u_1)"),
    ("part-1-scalar.md", r"\frac{1}{1 + e^{-x w}}", r"\frac{1}{1 + \exp(-x w)}"),
    ("part-3-batch.md", r"\frac{\partial L}{\partial W} = X^T \cdot \Delta" + "\n\\tag",
     r"\frac{\partial L}{\partial W} = X^T \cdot \big((\hat{y} - y) * \hat{y} * (1 - \hat{y})\big)" + "\n\\tag"),
    ("part-2-vector.md", r"\Delta = \frac{\partial L}{\partial u} = (\hat{y} - y) * \hat{y} * (1 - \hat{y})",
     r"\Delta = \frac{\partial L}{\partial u} = \hat{y} * (1 - \hat{y}) * (\hat{y} - y)"),
    ("part-6-two-layer-batch.md", r"\Delta l_1 = (\Delta l_2 \cdot W_2^T) * l_1 * (1 - l_1),",
     r"\Delta l_1 = (\Delta l_2 \cdot W_2^T) * \sigma(u_1) * (1 - \sigma(u_1)),"),
    ("part-7-any-depth.md", r"\frac{\partial L}{\partial W_k} = l_{k-1}^T \cdot \Delta l_k \\",
     r"\frac{\mathrm{d} L}{\mathrm{d} W_k} = l_{k-1}^{\mathsf T} \cdot \Delta l_k \\"),
    ("part-7-any-depth.md", r"= \mathbf{1}^T \cdot \Delta l_k", r"= \Delta l_{k,(1)} + \dots + \Delta l_{k,(m)}"),
    ("part-1-scalar.md", r"w' = w - \eta \times \frac{\partial L}{\partial w}",
     r"w' = w - \frac{\partial L}{\partial w} \times \eta"),
    ("part-4-one-hidden-node.md", r"\times (-1) = \hat{y} - y", r"\times (-1) = -y + \hat{y}"),
    ("part-7-any-depth.md", r"\qquad k = K-1, \dots, 1 \\", r"\qquad k = K-1, K-2, \dots, 1 \\"),
]


def _edited(page: str, old: str, new: str) -> tuple[str, int]:
    """The page text with one edit in the one labelled equation that holds `old`, and that equation's line."""
    text = page_text(DOCS / page)
    spans = [m for m in markdown_math(text) if m.display and "\\label" in m.body and old in m.body]
    assert len(spans) == 1 and spans[0].body.count(old) == 1, (page, old, len(spans))
    (span,) = spans
    return text[:span.start] + text[span.start:span.end].replace(old, new) + text[span.end:], span.line


@pytest.mark.parametrize(("page", "old", "new", "slip"), WRONG, ids=[w[3] + " " + w[0][:6] for w in WRONG])
def test_a_wrong_edit_fails_at_its_line(page: str, old: str, new: str, slip: str) -> None:
    """Assert a plausible wrong edit of an equation is reported at the line of that equation."""
    text, line = _edited(page, old, new)
    problems = page_problems(text, page_examples(text))
    assert problems, f"{page}: {slip} builds"
    assert {p.line for p in problems} == {line}, [(p.line, str(p)) for p in problems]


@pytest.mark.parametrize(("page", "old", "new"), RIGHT)
def test_a_correct_rewrite_builds(page: str, old: str, new: str) -> None:
    """Assert a correct rewrite (reordered, standard spellings, sigma' written out) passes the check."""
    text, _ = _edited(page, old, new)
    assert not page_problems(text, page_examples(text))


def test_the_held_out_set_is_large_enough() -> None:
    """Assert about thirty wrong edits and about ten correct rewrites."""
    assert len(WRONG) >= 30 and len(RIGHT) >= 10


@pytest.mark.parametrize("page", ["index.md", "part-1-scalar.md", "part-2-vector.md", "part-3-batch.md",
                                  "part-4-one-hidden-node.md", "part-5-hidden-layer.md",
                                  "part-6-two-layer-batch.md", "part-7-any-depth.md"])
def test_every_labelled_equation_is_accounted_for(page: str) -> None:
    """Assert each page's labelled equations are checked or checked on its shapes only: none failed or hidden."""
    text = page_text(DOCS / page)
    counts = page_counts(text, page_examples(text))
    labelled_not_checked = [label for label, _ in counts.not_checked if not label.startswith("line ")]
    assert counts.failed == 0 and not labelled_not_checked
    assert counts.checked + counts.shapes_only == text.count("\\label{")
