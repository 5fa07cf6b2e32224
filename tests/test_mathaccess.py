"""Drawn math for every reader: equation references become named links, numbers move beside their equation."""

import re

import pytest

from gradcore.engine import mathaccess, mathjax_v8

MATHJAX = mathjax_v8.MathJax()


def drawings(*elements):
    """MathJax's drawings of math elements typeset as one page."""
    return MATHJAX.typeset("".join(elements))["math"]


NUMBERED = r'<div class="arithmatex">\[\begin{equation} u = x \times w \label{eq:u} \end{equation}\]</div>'
REFERENCE = r'<span class="arithmatex">\(\eqref{eq:u}\)</span>'


def test_a_lone_reference_becomes_a_link_named_by_its_number():
    """Assert \\eqref is an HTML link to the label's anchor, named "equation 1", showing (1)."""
    reference = drawings(NUMBERED, REFERENCE)[1]
    assert mathaccess.reference_link(reference) == (
        '<a class="gc-eqref" href="#mjx-eqn%3Aeq%3Au" aria-label="equation 1">(1)</a>')
    assert mathaccess.reference_link(reference, linked=False) == '<span class="gc-eqref">(1)</span>'
    assert not mathaccess.embedded_reference(reference)


def test_a_reference_inside_other_math_is_found_and_plain_math_is_not():
    """Assert a reference with other math around it is told apart from a lone one, and plain math from both."""
    mixed, plain = drawings(NUMBERED, r'<span class="arithmatex">\(a = \eqref{eq:u}\)</span>',
                            r'<span class="arithmatex">\(a + b\)</span>')[1:]
    assert mathaccess.embedded_reference(mixed) and mathaccess.reference_link(mixed) is None
    assert not mathaccess.embedded_reference(plain) and mathaccess.reference_link(plain) is None


def test_a_displays_number_moves_into_an_svg_of_its_own():
    """Assert the number leaves the equation's SVG for one after it, and the equation's minimum width shrinks."""
    drawn = drawings(NUMBERED)[0]
    split = mathaccess.split_numbers(drawn)
    assert 'data-labels="true" preserveAspectRatio' in drawn and "preserveAspectRatio=\"xMaxYMid\"" not in split
    tag = re.search(r'<svg class="gc-tag"[^>]*data-tag="\(1\)"[^>]*>.*?</svg>', split)
    assert tag and 'id="mjx-eqn:eq:u"' in tag[0] and 'aria-hidden="true"' in tag[0]
    assert split.index("gc-tag") < split.index("<mjx-assistive-mml")  # inside the container, after the equation
    before = float(re.search(r"min-width: ([\d.]+)ex", drawn)[1])
    after = [float(found) for found in re.findall(r"min-width: ([\d.]+)ex", split)]
    assert len(after) == 1 and after[0] == pytest.approx(before - 2 * (1278 + 800) / 442, abs=0.01)
    assert "--gc-tag: 2.891ex" in split


@pytest.mark.parametrize("tex", [
    r"\begin{equation} \begin{aligned} a &= b \\ c &= d \end{aligned} \tag{6} \label{eq:two} \end{equation}",
    r"\begin{equation} \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix} \label{eq:tall} \end{equation}",
], ids=["two-rows", "matrix"])
def test_one_number_beside_a_tall_equation_is_cut_to_its_own_line(tex):
    """Assert a tall display's single number gets an SVG one line high, so that wrapped under it, it leaves no gap."""
    split = mathaccess.split_numbers(drawings(f'<div class="arithmatex">\\[{tex}\\]</div>')[0])
    tag = re.search(r'<svg class="gc-tag"[^>]*height="([\d.]+)ex" viewBox="0 (-?[\d.]+) [\d.]+ ([\d.]+)"', split)
    assert tag and float(tag[3]) == mathaccess.LINE and float(tag[1]) == pytest.approx(mathaccess.LINE / 442, abs=0.001)


def test_unnumbered_math_is_left_as_drawn():
    """Assert a display without a number and inline math come out unchanged."""
    for drawn in drawings(r'<div class="arithmatex">\[a = b\]</div>', r'<span class="arithmatex">\(c\)</span>'):
        assert mathaccess.split_numbers(drawn) == drawn


@pytest.mark.parametrize(("page", "inside"), [
    ("<details><summary>Question about ", True),
    ("<details><summary>Question</summary><p>Answer about ", False),
    ("<p>Plain text about ", False),
])
def test_a_reference_in_a_summary_is_in_a_control(page, inside):
    """Assert a position inside an open <summary> counts as inside a control, and after it does not."""
    assert mathaccess.in_control(page + "(1)", len(page)) is inside
