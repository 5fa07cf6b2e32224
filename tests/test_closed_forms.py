"""Tests for gradcore.core.closed_forms: every part's formula, applied to a network by name."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from gradcore.core import closed_forms, one_layer, two_layers
from gradcore.core.backward import backward
from gradcore.core.closed_forms import FORMULAS, closed_form_gradients
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.gradcheck import check_formula, relative_error
from gradcore.core.network import random_network

PARTS = [  # (formula, widths, examples): the network each part of the series covers
    ("part1", (1, 1), 1),
    ("part2", (3, 1), 1),
    ("part3", (3, 1), 4),
    ("part4", (3, 1, 1), 1),
    ("part5", (3, 2, 1), 1),
    ("part5", (3, 4, 1), 1),
    ("part6", (3, 2, 1), 4),
    ("part6", (2, 5, 1), 6),
]


def test_formula_names() -> None:
    """Assert the six parts of the series are available by name."""
    assert FORMULAS == ("part1", "part2", "part3", "part4", "part5", "part6")


def test_parts_are_re_exported() -> None:
    """Assert closed_forms offers the same functions as the modules that define them."""
    assert closed_forms.part2_vector is one_layer.part2_vector
    assert closed_forms.part6_batch_terms is two_layers.part6_batch_terms


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(("name", "layers", "m"), PARTS)
def test_closed_form_equals_backprop_and_finite_differences(name: str, layers: tuple[int, ...], m: int,
                                                            seed: int) -> None:
    """Assert each part's formula agrees with backprop, central differences and the complex step."""
    net = random_network(layers, seed, scale=0.5)
    rng = np.random.default_rng(100 + seed)
    X, y = rng.uniform(-2, 2, (m, layers[0])), rng.uniform(size=(m, 1))
    closed = closed_form_gradients(name, net, X, y)
    for c, g in zip(closed, backward(net, X, y).weights, strict=True):
        assert relative_error(c, g) <= 1e-13
    check = check_formula(partial(closed_form_gradients, name), net, X, y)
    assert check.passed, check.summary()


def test_unknown_formula_lists_the_known_ones() -> None:
    """Assert a misspelt name is refused with the valid names."""
    with pytest.raises(InputError, match=r"unknown formula 'part7'; known: part1, part2, .*part6"):
        closed_form_gradients("part7", random_network((1, 1), 0), [[1.0]], [[1.0]])


def test_network_with_biases_is_refused() -> None:
    """Assert the closed forms, derived without biases, refuse a network with biases."""
    with pytest.raises(InputError, match="part2 is derived without biases"):
        closed_form_gradients("part2", random_network((3, 1), 0, biases=True), [[1.0, 2.0, 3.0]], [[1.0]])


def test_network_of_wrong_depth_is_refused() -> None:
    """Assert a two-layer formula refuses a one-layer network."""
    with pytest.raises(InputError, match=r"part5 is a formula for 2-layer networks, but the network has 1 layer$"):
        closed_form_gradients("part5", random_network((3, 1), 0), [[1.0, 2.0, 3.0]], [[1.0]])


def test_network_of_wrong_width_is_refused() -> None:
    """Assert part 4 (one hidden node) refuses a hidden layer of two."""
    with pytest.raises(ShapeError, match="W_1 has shape 3 x 2 but must be 3 x 1"):
        closed_form_gradients("part4", random_network((3, 2, 1), 0), [[1.0, 2.0, 3.0]], [[1.0]])
