"""Alt text: what each figure looks like, with its math in words, and not the caption again."""

import math

import pytest

from figures_support import network, sigmoid
from gradcore.examples.worked import SigmoidExample
from gradcore.figures.alt import ALT, spoken
from gradcore.figures.captions import DESCRIBE, alt_text
from gradcore.figures.compare import deltas_by_activation
from gradcore.figures.kinds import KINDS


@pytest.mark.parametrize(("tex", "words"), [
    (r"x^{1} \dots x^{3}", "x superscript 1 to x superscript 3"),
    (r"\hat{y}", "y hat"),
    (r"\hat{y}^{2}", "y hat superscript 2"),
    (r"l_{1}^{2}", "l subscript 1 superscript 2"),
    (r"w_{1}^{ip}", "w subscript 1 superscript i p"),
    (r"u_{12}", "u subscript 12"),
    (r"10^{-3}", "10 superscript minus 3"),
    ("\u22120.25", "minus 0.25"),
])
def test_math_is_written_in_words(tex, words):
    """Assert the series' names read as words a screen reader says, not letters and signs."""
    assert spoken(tex) == words


def test_every_figure_kind_has_alt_text():
    """Assert no kind of figure reaches a page without words for a screen reader."""
    assert sorted(ALT) == sorted(KINDS)


@pytest.mark.parametrize("kind", sorted(ALT))
def test_alt_text_reads_as_words_and_does_not_repeat_the_caption(kind):
    """Assert each kind's alt text has no TeX or script signs, and says what the caption does not."""
    example = sigmoid([-2, 0, 1.5]) if KINDS[kind].example is SigmoidExample else network((3, 2, 1))
    options = dict(KINDS[kind].defaults)
    alt = ALT[kind](example, options)
    caption = alt_text(DESCRIBE[kind]("e", example, options))
    assert not any(sign in alt for sign in ("^", "_", "\\", "{", "-hat")), alt
    assert alt != caption and alt[:30] not in caption


def test_a_diagram_names_its_columns_in_words():
    """Assert a diagram's alt text reads its columns left to right, each node range in words."""
    alt = ALT["diagram"](network((3, 2, 1)), dict(KINDS["diagram"].defaults))
    assert "3 circles (x superscript 1 to x superscript 3)" in alt
    assert "2 circles (l subscript 1 superscript 1, l subscript 1 superscript 2)" in alt and "1 circle (y hat)" in alt


def test_the_comparison_figures_describe_their_computed_shapes():
    """Assert the vanishing-delta and slowdown alt texts follow the computed data, not a fixed sentence."""
    deep = network((3, 2, 2, 2, 1), seed=1)
    alt = ALT["vanishing"](deep, dict(KINDS["vanishing"].defaults))
    sizes = deltas_by_activation(deep)
    ratios = {name: abs(math.log(v[0] / v[-1])) if v[0] > 0 else math.inf for name, v in sizes.items()}
    steepest = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}[max(ratios, key=ratios.get)]
    assert "layers 1 to 4" in alt and alt.endswith(f"the {steepest} line changes the most.")
    slow = ALT["slowdown"](network((1, 1), steps=60), dict(KINDS["slowdown"].defaults))
    assert slow.count("a line that") == 2
