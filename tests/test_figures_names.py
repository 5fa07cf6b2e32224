"""The series' names in figures and the words of captions and alt text."""

from __future__ import annotations

import pytest

from figures_support import network, sigmoid
from gradcore.figures.captions import DESCRIBE, alt_text
from gradcore.figures.kinds import KINDS
from gradcore.figures.names import layer_nodes, node_name, plain, weight_name, weight_pattern


@pytest.mark.parametrize(("k", "j", "layers", "name"), [
    (0, 2, (3, 2, 1), "x^{2}"), (0, 1, (1, 1), "x"), (1, 2, (3, 2, 1), "l_{1}^{2}"), (1, 1, (3, 1, 1), "l_{1}"),
    (2, 1, (3, 2, 1), r"\hat{y}"), (2, 2, (2, 2, 2), r"\hat{y}^{2}"),
])
def test_node_names(k, j, layers, name):
    """Assert x^i for inputs, l_k^j for hidden nodes and yhat for the output, an index only when needed."""
    assert node_name(k, j, layers) == name


@pytest.mark.parametrize(("k", "i", "j", "layers", "name"), [
    (1, 1, 2, (3, 2, 1), "w_{1}^{12}"), (2, 2, 1, (3, 2, 1), "w_{2}^{2}"), (1, 3, 1, (3, 1, 1), "w_{1}^{3}"),
    (2, 1, 1, (3, 1, 1), "w_{2}"), (1, 1, 2, (1, 2, 1), "w_{1}^{2}"),
])
def test_weight_names_follow_the_series(k, i, j, layers, name):
    """Assert w_k^{ij}, leaving out an index that can only be 1 (as the seed post writes w_2 and w_1^1)."""
    assert weight_name(k, i, j, layers) == name


def test_patterns_ranges_and_plain_text():
    """Assert the generic names used in captions and their plain-text form for alt text."""
    assert weight_pattern(1, (3, 2, 1)) == "w_{1}^{ip}" and weight_pattern(2, (3, 2, 1)) == "w_{2}^{p}"
    assert weight_pattern(2, (3, 4, 3, 1)) == "w_{2}^{pq}"  # the letters of the pages (Parts 5 and 7)


def test_one_layer_weights_have_no_layer_number() -> None:
    """Assert Parts 1 to 3 name the weight w and w^i, as their text does, not w_1."""
    assert weight_name(1, 1, 1, (1, 1)) == "w" and weight_name(1, 2, 1, (3, 1)) == "w^{2}"
    assert weight_pattern(1, (3, 1)) == "w^{i}"
    assert layer_nodes(0, (3, 2, 1)) == r"x^{1} \dots x^{3}" and layer_nodes(2, (3, 2, 1)) == r"\hat{y}"
    assert plain(r"x^{1} \dots x^{3} \to \hat{y}, \sigma'(u) = 1.5 \times 10^{-3}") == \
        "x^1 to x^3 → y-hat, σ'(u) = 1.5 × 10^−3"


def test_a_crowded_diagram_says_which_edges_are_labelled():
    """Assert the 3-4-3-1 caption names every layer and says only some edges carry labels."""
    options = dict(KINDS["diagram"].defaults)
    text = alt_text(DESCRIBE["diagram"]("deep", network((3, 4, 3, 1)), options))
    for words in ("3-4-3-1 network", "hidden layer 1 with 4 nodes l_1^1 to l_1^4", "hidden layer 2 with 3 nodes",
                  "1 output y-hat", "27 edges", "w_1^ip, w_2^pq and w_3^p", "only the edges leaving the first node"):
        assert words in text, (words, text)
    assert "only the edges" not in alt_text(DESCRIBE["diagram"]("small", network((3, 2, 1)), options))


@pytest.mark.parametrize(("kind", "words"), [
    ("loss", ["12 steps of gradient descent", "η = 2", "vertical axis: the loss"]),
    ("graph", ["X → u_1 → l_1 → u_2 → y-hat → L", "forward value", "gradient of the loss"]),
    ("sigmoid", ["σ(u)", "σ(u)(1 − σ(u))", "3 points of example e", "u = −2, 0, 1.5"]),
])
def test_captions_say_what_is_shown(kind, words):
    """Assert each kind's description names the data it shows."""
    example = sigmoid([-2, 0, 1.5]) if kind == "sigmoid" else network((3, 2, 1))
    text = alt_text(DESCRIBE[kind]("e", example, dict(KINDS[kind].defaults)))
    for word in words:
        assert word in text, (word, text)
