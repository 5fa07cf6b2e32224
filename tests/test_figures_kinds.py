"""Figure markers: kinds that fit their example, options checked, errors with file, line and choices."""

from __future__ import annotations

import pytest

from figures_support import DEFINITIONS, marker, network, sigmoid
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.figures.kinds import KINDS, figure_kind, figure_options
from gradcore.markup.latex import DEFAULT_DIGITS
from gradcore.markup.markers import MarkerError
from render_support import PageFailedError, render

PAGE = DEFINITIONS + "\n"
LINE = PAGE.count("\n") + 3  # of the marker, after a line of text and a blank one


@pytest.mark.parametrize(("line", "words"), [
    ("[[gc:figure net pie]]", ["unknown figure kind 'pie'", "diagram", "loss", "graph", "sigmoid"]),
    ("[[gc:figure net]]", ["a figure needs its kind", "[[gc:figure EXAMPLE KIND"]),
    ("[[gc:figure net loss diagram]]", ["unexpected word 'diagram'"]),
    ("[[gc:figure nowhere loss]]", ["unknown example 'nowhere'", "net, sig"]),
    ("[[gc:figure sig diagram]]", ["'diagram' needs a network example", "'sig' is a sigmoid example", "draw: sigmoid"]),
    ("[[gc:figure net sigmoid]]", ["'sigmoid' needs a sigmoid example", "draw: diagram, loss, graph"]),
    ("[[gc:figure net diagram values=colours]]", ["bad values='colours'", "activations, weights, gradients"]),
    ("[[gc:figure net diagram row=2]]", ["bad row='2'", "from 1 to 1"]),
    ("[[gc:figure net loss values=weights]]", ["unknown option 'values' for figure 'loss'", "digits="]),
    ("[[gc:figure net diagram digits=0]]", ["bad digits='0'"]),
])
def test_a_bad_figure_marker_names_file_line_and_choices(line, words):
    """Assert the page error gives the file, the marker's line and what would be valid."""
    with pytest.raises(PageFailedError) as caught:
        render(PAGE + "Text.\n\n" + line + "\n", "docs/figs.md")
    message = str(caught.value)
    assert message.startswith(f"docs/figs.md:{LINE}: "), message
    for word in words:
        assert word in message, (word, message)


def test_every_kind_fits_exactly_one_kind_of_example():
    """Assert network kinds refuse a sigmoid example and the sigmoid kind refuses a network."""
    examples = {"network": network((2, 2, 1)), "sigmoid": sigmoid([0.0])}
    for name, kind in KINDS.items():
        for example in examples.values():
            fits = isinstance(example, kind.example)
            if fits:
                assert figure_kind(example, marker(f"[[gc:figure e {name}]]")) is kind
            else:
                with pytest.raises(MarkerError, match="needs a"):
                    figure_kind(example, marker(f"[[gc:figure e {name}]]"))
        assert sum(isinstance(e, kind.example) for e in examples.values()) == 1


def test_the_comparison_figures_refuse_what_they_cannot_compare():
    """Assert `vanishing` needs a hidden layer and `slowdown` a sigmoid output, each saying what to change."""
    with pytest.raises(MarkerError, match="no hidden layer.*two or more weight layers"):
        figure_kind(network((2, 1)), marker("[[gc:figure e vanishing]]"))
    softmax = compute(parse_spec("e", "X: [[1.0, 2.0]]\ny: [[0.0, 1.0]]\nW1: [[0.1, 0.2], [0.3, -0.1]]\nsteps: 3\n"
                                      "activations: [softmax]\nloss: cross_entropy"))
    with pytest.raises(MarkerError, match="needs a sigmoid output.*make the last activation sigmoid"):
        figure_kind(softmax, marker("[[gc:figure e slowdown]]"))


def test_options_get_their_defaults_and_a_canonical_form():
    """Assert defaults are filled in and equal options are spelled one way (they key the cache)."""
    example = network((3, 2, 1), m=4)
    kind = KINDS["diagram"]
    assert figure_options(kind, example, marker("[[gc:figure e diagram]]")) == \
        {"values": "names", "row": "1", "digits": str(DEFAULT_DIGITS)}
    assert figure_options(kind, example, marker("[[gc:figure e diagram row=04 digits=05 values=weights]]")) == \
        {"values": "weights", "row": "4", "digits": "5"}


def test_a_loss_figure_needs_a_training_run():
    """Assert an example without `steps` cannot draw a loss curve, and the message says how to ask for one."""
    page = "```gc:example flat\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\n[[gc:figure flat loss]]\n"
    with pytest.raises(PageFailedError, match=r"docs/f\.md:7: example 'flat' has no training run to plot.*steps: N"):
        render(page, "docs/f.md")
