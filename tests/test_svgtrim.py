"""Lighter drawings: folding MathJax's bookkeeping groups draws every glyph exactly where it was."""

import re
import xml.etree.ElementTree as ET

import pytest

from gradcore.engine import mathaccess, mathjax_v8, svgtrim

MATHJAX = mathjax_v8.MathJax()
SVG = "{http://www.w3.org/2000/svg}"

# Formulas with every construct the site uses: scripts, fractions, bracketed matrices, \phantom,
# under- and overbraces, sums with limits, accents, an aligned system, a numbered display, a box.
FORMULAS = [
    r"\(x^1 w_1^{11} + b\)",
    r"\[\frac{\partial L}{\partial w} = \delta \, x^{\top}\]",
    r"\[W = \begin{bmatrix} w^{11} & w^{12} \\ w^{21} & \phantom{-}w^{22} \end{bmatrix}\]",
    r"\[\underbrace{\sum_{k=1}^{n} \hat{y}_k}_{\text{sum}} = \overbrace{a+b}^{2}\]",
    r"\[\left( \frac{1}{2} \right) \sqrt{\sigma'(u)} \le \tfrac14\]",
    r"\[\begin{aligned} a &= b \\ c &= \bar{d} \end{aligned}\]",
    r"\[\begin{equation} u = x \times w \label{eq:u} \end{equation}\]",
    r"\[\boxed{e} + \mathbb{1}[u > 0]\]",
]


def drawn(tex):
    tag = "div" if tex.startswith(r"\[") else "span"
    drawing = MATHJAX.typeset(f'<{tag} class="arithmatex">{tex}</{tag}>')["math"][0]
    assert "merror" not in drawing, tex
    return mathaccess.split_numbers(drawing)


def painted(drawing):
    """What a drawing paints: each element but the groups, with its attributes, colours and whole transform chain."""
    svg = drawing[drawing.index("<svg"):drawing.index("<mjx-assistive-mml")]
    root = ET.fromstring(f"<root>{svg}</root>")
    leaves = []

    def walk(element, chain, styled):
        own = element.get("transform")
        chain = chain + ([own] if own else [])
        styled = styled + tuple(sorted((key, value) for key, value in element.attrib.items()
                                       if key in ("fill", "stroke", "stroke-width", "class", "style")))
        if element.tag != f"{SVG}g":
            attrs = {key: value for key, value in element.attrib.items() if key != "transform"}
            leaves.append((element.tag, sorted(attrs.items()), " ".join(chain), styled, (element.text or "").strip()))
        for child in element:
            walk(child, chain, styled)

    for child in root:
        walk(child, [], ())
    return leaves


def _element_count(drawing):
    return len(re.findall(r"<[a-z]", drawing[:drawing.index("<mjx-assistive-mml")]))


@pytest.mark.parametrize("tex", FORMULAS)
def test_every_glyph_is_drawn_where_it_was(tex):
    """Assert the trimmed drawing paints the same leaves, with the same attributes, colours and composed transforms."""
    before = drawn(tex)
    after = svgtrim.trim(before)
    assert painted(after) == painted(before)
    assert after[after.index("<mjx-assistive-mml"):] == before[before.index("<mjx-assistive-mml"):]


def test_groups_fall_and_what_they_carry_stays():
    """Assert most groups go, and the root group's colour and the numbered cell's anchor (its id) stay."""
    matrix, numbered = drawn(FORMULAS[2]), drawn(FORMULAS[6])
    trimmed = svgtrim.trim(matrix)
    assert _element_count(trimmed) < 0.7 * _element_count(matrix)
    assert trimmed.count("data-mml-node") < matrix.count("data-mml-node") / 4
    assert '<g stroke="currentColor" fill="currentColor" stroke-width="0"' in trimmed
    assert re.search(r'<g data-mml-node="mtd" id="mjx-eqn:eq:u"', svgtrim.trim(numbered))


def test_transforms_compose_outer_first():
    """Assert a group's transform goes before its child's own, as SVG composes them."""
    drawing = ('<mjx-container><svg><g data-mml-node="msub" transform="translate(5,0)">'
               '<g data-mml-node="mi" transform="scale(0.707)"><use data-c="78" xlink:href="#x"></use></g>'
               '<rect width="3" height="1"></rect></g><g data-mml-node="mspace"></g></svg>'
               '<mjx-assistive-mml><math><mi>x</mi></math></mjx-assistive-mml></mjx-container>')
    assert svgtrim.trim(drawing) == (
        '<mjx-container><svg><use data-c="78" xlink:href="#x" transform="translate(5,0) scale(0.707)"></use>'
        '<rect width="3" height="1" transform="translate(5,0)"></rect></svg>'
        '<mjx-assistive-mml><math><mi>x</mi></math></mjx-assistive-mml></mjx-container>')


@pytest.mark.parametrize("broken", [
    "<mjx-container><svg><g><use></g></svg><mjx-assistive-mml></mjx-assistive-mml></mjx-container>",
    "<mjx-container><svg><g data-x='single'></g></svg><mjx-assistive-mml></mjx-assistive-mml></mjx-container>",
    "<mjx-container>no drawing</mjx-container>",
])
def test_a_drawing_it_cannot_read_is_left_as_it_was(broken):
    """Assert SVG that does not nest or quote as MathJax writes it comes back unchanged, not half-folded."""
    assert svgtrim.trim(broken) == broken
