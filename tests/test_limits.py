"""Tests for gradcore.core.limits, the gradient module's own guards: oversized requests are refused before any work.

"Before any work" is shown by what was not called (no random draw, no forward or backward pass), not by a
clock, which a busy machine makes unreliable.
"""

from __future__ import annotations

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


def test_too_large_random_network_is_refused_before_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert a network with a trillion weights is refused before any weight is drawn, naming size and limit."""
    monkeypatch.setattr(np.random, "default_rng", _must_not_run("a random draw"))
    with pytest.raises(InputError, match=r"the network has 1,000,000,000,000 parameters .*the limit is 10,000"):
        random_network((1_000_000, 1_000_000), 0)


def test_too_large_network_from_arrays_is_refused() -> None:
    """Assert make_network counts weights and biases together."""
    weights = [np.ones((100, 99)), np.ones((99, 1))]  # 9,999 weights: allowed
    assert make_network(weights).layers == (100, 99, 1)
    with pytest.raises(InputError, match=r"the network has 10,099 parameters \(weights and biases\)"):
        make_network(weights, [np.zeros((1, 99)), np.zeros((1, 1))])


def test_too_costly_numerical_gradient_is_refused_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert a gradient check of 9,999 weights on 1,000 examples is refused before any pass is computed."""
    import gradcore.core.gradcheck as gradcheck

    for name in ("forward", "backward"):
        monkeypatch.setattr(gradcheck, name, _must_not_run(f"a {name} pass"))
    net = make_network([np.zeros((100, 99)), np.zeros((99, 1))])
    X, y = np.zeros((1000, 100)), np.zeros((1000, 1))
    with pytest.raises(InputError, match=r"9,999 parameters on 1,000 examples costs 9,999\^2 x 1,000 = 1e\+11; "
                                         r"the limit is 1e\+09"):
        check_gradients(net, X, y)
    check_numerical_cost(31_622, 1)


def _must_not_run(what: str):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{what} ran before the size check refused the request")
    return refuse


def test_too_many_examples_are_refused() -> None:
    """Assert a batch larger than the limit is refused by the forward pass."""
    net = random_network((2, 1), 0)
    with pytest.raises(InputError, match=r"X has 1,001 examples \(rows\); the limit is 1,000"):
        forward(net, np.zeros((MAX_EXAMPLES + 1, 2)))
