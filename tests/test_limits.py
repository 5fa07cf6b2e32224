"""Tests for gradcore.core.limits: oversized requests are refused, quickly."""

from __future__ import annotations

import time

import numpy as np
import pytest

from gradcore.core.errors import InputError
from gradcore.core.forward import forward
from gradcore.core.gradcheck import check_gradients
from gradcore.core.limits import MAX_EXAMPLES, MAX_PARAMETERS, check_examples, check_numerical_cost, check_parameters
from gradcore.core.network import make_network, random_network


def test_limits_accept_the_boundary() -> None:
    """Assert exactly the limit is allowed."""
    check_parameters(MAX_PARAMETERS)
    check_examples(MAX_EXAMPLES)


def test_too_large_random_network_is_refused_before_drawing() -> None:
    """Assert a network with a trillion weights is refused at once, naming size and limit."""
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"the network has 1,000,000,000,000 parameters .*the limit is 10,000"):
        random_network((1_000_000, 1_000_000), 0)
    assert time.perf_counter() - start < 0.5


def test_too_large_network_from_arrays_is_refused() -> None:
    """Assert make_network counts weights and biases together."""
    weights = [np.ones((100, 99)), np.ones((99, 1))]  # 9,999 weights: allowed
    assert make_network(weights).layers == (100, 99, 1)
    with pytest.raises(InputError, match=r"the network has 10,099 parameters \(weights and biases\)"):
        make_network(weights, [np.zeros((1, 99)), np.zeros((1, 1))])


def test_too_costly_numerical_gradient_is_refused_at_once() -> None:
    """Assert a gradient check of 9,999 weights on 1,000 examples (about 3 minutes) is refused before it starts."""
    net = make_network([np.zeros((100, 99)), np.zeros((99, 1))])
    X, y = np.zeros((1000, 100)), np.zeros((1000, 1))
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"9,999 parameters on 1,000 examples costs 9,999\^2 x 1,000 = 1e\+11; "
                                         r"the limit is 1e\+09"):
        check_gradients(net, X, y)
    assert time.perf_counter() - start < 0.5
    check_numerical_cost(31_622, 1)


def test_too_many_examples_are_refused() -> None:
    """Assert a batch larger than the limit is refused by the forward pass."""
    net = random_network((2, 1), 0)
    with pytest.raises(InputError, match=r"X has 1,001 examples \(rows\); the limit is 1,000"):
        forward(net, np.zeros((MAX_EXAMPLES + 1, 2)))


def test_the_example_cost_counts_layers_and_their_overhead() -> None:
    """Assert 1,000 and 2,000 layers of 1 x 1 weights (a few parameters, minutes of work) are over the limit."""
    from gradcore.core.limits import MAX_EXAMPLE_COST, check_example_cost, example_cost

    for depth in (1000, 2000):
        with pytest.raises(InputError, match=rf"{depth:,} layers \(1 -> 1 -> 1 -> \.\.\. -> 1, {depth:,} parameters\)"):
            check_example_cost([1] * (depth + 1), 1, 0, False)
    assert example_cost([1] * 41, 1, 0, False) > 3 * example_cost([1] * 11, 1, 0, False)
    check_example_cost([2, 3, 3, 2], 4, 2000, True)  # the tutorial's deepest example, with a long training run
    assert example_cost([1] * 11, 1, 2000, False) > example_cost([1] * 11, 1, 0, False) + 1e6
    assert example_cost([3, 2, 1], 1000, 0, True) < MAX_EXAMPLE_COST < example_cost([3, 2, 1], 1000, 2000, True)


def test_a_figure_too_costly_to_draw_is_refused() -> None:
    """Assert the graph of a deep network and the diagram of a wide one are refused, and small ones are not."""
    from gradcore.core.limits import check_figure_cost

    with pytest.raises(InputError, match=r"the graph of a network of 20 layers .* would take about 6\.2 s to draw"):
        check_figure_cost("graph", [1] * 21, 1)
    with pytest.raises(InputError, match=r"the diagram of a network of 2 layers \(40 -> 40 -> 1\)"):
        check_figure_cost("diagram", [40, 40, 1], 1)
    check_figure_cost("graph", [2, 3, 3, 2], 4)
    check_figure_cost("diagram", [2, 3, 3, 2], 4)
