"""Tests for gradcore.examples.budgets: what a page may ask of a build, refused with what to do instead."""

from __future__ import annotations

import pytest

from gradcore.core.errors import InputError
from gradcore.examples import budgets
from gradcore.examples.budgets import check_example_size, check_figure_size, check_page


def test_the_series_largest_examples_are_allowed():
    """Assert the tutorial's deepest example, and examples at every cap, pass."""
    check_example_size([2, 3, 3, 2], 4, True)
    check_example_size([budgets.MAX_WIDTH, 1], budgets.MAX_ROWS, True)
    check_example_size([1] * (budgets.MAX_LAYERS + 1), 1, False)


@pytest.mark.parametrize(("layers", "rows", "message"), [
    ([1] * 2001, 1, r"the example has 2,000 layers \(1 -> 1 -> 1 -> \.\.\. -> 1\); a page's example has at most 10"),
    ([17, 1], 1, r"17 units in its widest layer \(17 -> 1\); a page's example has at most 16"),
    ([2, 1], 65, r"65 examples \(rows of X\) \(2 -> 1\); a page's example has at most 64"),
    ([16, 16, 16, 16], 64, r"parameters\^2 x examples = 816\^2 x 64 = 4\.3e\+07; a page's example has at most 4e\+07"),
])
def test_an_example_over_a_cap_is_refused_naming_the_size_and_the_cap(layers, rows, message):
    """Assert each cap, and the one product cap (the numerical check's cost), names what was too large."""
    with pytest.raises(InputError, match=message):
        check_example_size(layers, rows, True)


def test_figures_of_large_networks_are_refused_and_small_ones_are_not():
    """Assert a deep computation graph and a crowded diagram are refused with a remedy; the series' are drawn."""
    with pytest.raises(InputError, match=r"the graph of a network with 5 layers .* at most 4 layers; draw a smaller"):
        check_figure_size("graph", [1] * 6)
    with pytest.raises(InputError, match=r"the diagram of a network with 25 units \(12 -> 12 -> 1\)"):
        check_figure_size("diagram", [12, 12, 1])
    with pytest.raises(InputError, match=r"the diagram of a network with 100 weights"):
        check_figure_size("diagram", [10, 10])
    check_figure_size("graph", [2, 3, 3, 2])
    check_figure_size("diagram", [2, 3, 3, 2])
    check_figure_size("loss", [1] * 11)


@pytest.mark.parametrize(("text", "what"), [
    ("x" * (budgets.MAX_PAGE_CHARS + 1), "characters"),
    ("[[gc a.b]] " * (budgets.MAX_PAGE_MARKERS + 1), "markers"),
    ("gc:example " * (budgets.MAX_PAGE_DEFINITIONS + 1), "mentions of gc:example"),
    ("[[gc:figure a loss]]\n" * (budgets.MAX_PAGE_FIGURES + 1), "figure markers"),
    ("[[gc:forward a]]\n" * (budgets.MAX_PAGE_BLOCKS + 1), "block markers"),
])
def test_a_page_over_a_cap_is_refused_before_it_is_scanned(text, what):
    """Assert each page cap names the count, the cap and the remedy."""
    with pytest.raises(InputError, match=rf"the page has [\d,]+ {what}.*split the page"):
        check_page(text)
    check_page(text[: len(text) // 2])
