"""Block renderers: whole steps as Markdown and aligned display math."""

import pytest

from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.markup.latex import format_matrix, format_number
from gradcore.markup.markers import MarkerError, find_markers
from gradcore.pages.blocks import render_block

BODY = "X: [[1.0, 0.5, -1.5]]\ny: [[1.0]]\nW1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]\nW2: [[0.6], [-0.3]]\n"


@pytest.fixture(scope="module")
def example():
    return compute(parse_spec("blk", BODY))


def block(text, example):
    (marker,) = find_markers(text)
    return render_block(marker, example, 4)


def test_forward_block_shows_every_layer_and_the_loss(example):
    """Assert u_k, l_k, yhat and L with their computed values, unnumbered."""
    out = block("[[gc:forward blk]]", example)
    assert out.startswith("\n$$\n\\begin{aligned}") and "\\tag" not in out
    assert f"u_{{1}} &= X \\cdot W_{{1}} = {format_matrix(example.forward.pre_activations[0])}" in out
    assert f"\\hat{{y}} = l_{{2}} &= \\sigma(u_{{2}}) = {format_matrix(example.forward.yhat)}" in out
    assert out.rstrip().endswith(f"= {format_number(example.loss)}\n\\end{{aligned}}\n$$")


def test_deltas_run_from_the_output_back(example):
    """Assert the output delta comes first and the hidden delta uses W_2 transposed."""
    out = block("[[gc:deltas blk]]", example)
    assert out.index("\\Delta l_{2}") < out.index("\\Delta l_{1}")
    assert "(\\Delta l_{2} \\cdot W_{2}^T) * l_{1} * (1 - l_{1})" in out
    assert format_matrix(example.gradients.deltas[0]) in out


def test_gradients_block_uses_the_previous_layer(example):
    """Assert dL/dW_2 = l_1^T . Delta l_2 (not X), with the numbers."""
    out = block("[[gc:gradients blk]]", example)
    assert "l_{1}^T \\cdot \\Delta l_{2} = " + format_matrix(example.gradients.weights[1]) in out
    assert "X^T \\cdot \\Delta l_{1}" in out


def test_check_table_has_one_row_per_weight(example):
    """Assert a table row for each of the 8 weights and a passing verdict."""
    out = block("[[gc:check blk]]", example)
    assert out.count("| \\(w_{") == 8 and "the check passes" in out


def test_step_block_reports_the_direction_of_the_loss(example):
    """Assert updated weights and the loss before and after are shown."""
    out = block("[[gc:step blk]]", example)
    assert format_matrix(example.stepped.weights[0]) in out
    assert "the loss goes down" in out and format_number(example.stepped_loss) in out


def test_unknown_block_and_wrong_kind(example):
    """Assert unknown blocks list the valid ones and sigmoid blocks need a sigmoid example."""
    with pytest.raises(MarkerError, match=r"unknown block 'nope' in '\[\[gc:nope blk\]\]'; valid blocks: check"):
        block("[[gc:nope blk]]", example)
    with pytest.raises(MarkerError, match="terms needs layer=K"):
        block("[[gc:terms blk]]", example)
    sigmoid = compute(parse_spec("sg", "kind: sigmoid\npoints: [0, 1]\n"))
    with pytest.raises(MarkerError, match="needs a network example"):
        block("[[gc:forward sg]]", sigmoid)
    assert block("[[gc:sigmoid sg]]", sigmoid).count("\n|") == 4  # header, rule, two points
