"""Search index text: math made readable, labels and tags gone, prose untouched."""

import json

import pytest

from gradcore.markup.search_text import readable_index, readable_math, readable_text


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\hat{y} - y", "ŷ − y"),
        (r"\frac{\partial L}{\partial W_1}", "∂ L/∂ W₁"),
        (r"[X]_{1 \times 3} \to [\hat{y}]_{1 \times 1}", "[X]₁ₓ₃ → [ŷ]₁ₓ₁"),
        (r"X^T \cdot \Delta l_{1}", "Xᵀ · Δ l₁"),
        (r"L = \tfrac{1}{2} (y - \hat{y})^2", "L = 1/2 (y − ŷ)²"),
        (r"\big(\sigma(u + \varepsilon) - \sigma(u)\big)", "(σ(u + ε) − σ(u))"),
        (r"\begin{bmatrix} 0.75 &amp; 0.34 \end{bmatrix}", "0.75, 0.34"),
        (r"w_1^{ip}", "w₁ip"),
    ],
)
def test_inline_math_reads_as_text(tex, text):
    """Assert the series' notation turns into Unicode text with no backslash or brace left."""
    assert readable_math(tex) == text


def test_references_become_equation_numbers_and_labels_vanish():
    """Assert \\eqref reads as its tag's number, and display math with its \\tag and \\label is dropped."""
    index = {"docs": [
        {"location": "p.html#a", "title": "The \\(\\Delta\\)",
         "text": "<p>See</p> \\[ \\Delta = (\\hat{y} - y) \\tag{9} \\label{p-delta} \\] <p>then</p>"},
        {"location": "p.html#b", "title": "Use", "text": "<p>By \\(\\eqref{p-delta}\\) the delta is small.</p>"},
    ]}
    docs = json.loads(readable_index(json.dumps(index)))["docs"]
    assert docs[0]["title"] == "The Δ"
    assert docs[0]["text"] == "<p>See</p> <p>then</p>"
    assert docs[1]["text"] == "<p>By (9) the delta is small.</p>"


def test_prose_and_code_are_left_alone():
    """Assert text with no math is unchanged, and the result is strict JSON."""
    text = "<p>Run <code>mkdocs serve</code>; Part 4 derives the sigmoid's delta.</p>"
    assert readable_text(text) == text
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "", "text": text}]}
    out = readable_index(json.dumps(index))
    assert json.loads(out)["config"] == {"lang": ["en"]}
