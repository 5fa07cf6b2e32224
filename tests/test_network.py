"""Tests for gradcore.core.network: building, checking and freezing networks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gradcore.core.errors import InputError, ShapeError
from gradcore.core.network import Network, make_network, random_network


def test_layers_and_depth() -> None:
    """Assert a 3-2-1 network reports its widths and its two weight layers."""
    net = make_network([np.ones((3, 2)), np.ones((2, 1))])
    assert net.layers == (3, 2, 1)
    assert net.depth == 2
    assert net.biases is None


def test_weights_are_read_only_float64_copies() -> None:
    """Assert the stored arrays are float64, detached from the caller and not writable."""
    W1 = np.array([[1, 2]])
    net = make_network([W1, [[1.0], [2.0]]])
    W1[0, 0] = 50
    assert net.weights[0].dtype == np.float64 and net.weights[0][0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        net.weights[1][0, 0] = 3.0


def test_network_is_frozen() -> None:
    """Assert a network's fields cannot be reassigned."""
    net = make_network([[[1.0]]])
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.weights = ()  # type: ignore[misc]


def test_shapes_that_do_not_chain_name_both_layers_and_shapes() -> None:
    """Assert W_2 of shape 3 x 1 after W_1 of shape 1 x 2 is refused with both shapes in the message."""
    with pytest.raises(ShapeError) as info:
        make_network([np.ones((1, 2)), np.ones((3, 1))])
    message = str(info.value)
    assert message == "W_2 has shape 3 x 1 but W_1 outputs 2 values; W_2 must have 2 rows"


def test_third_layer_mismatch_names_layers_two_and_three() -> None:
    """Assert the message counts layers from 1 and names the pair that fails."""
    with pytest.raises(ShapeError, match="W_3 has shape 2 x 1 but W_2 outputs 4 values; W_3 must have 4 rows"):
        make_network([np.ones((3, 2)), np.ones((2, 4)), np.ones((2, 1))])


def test_empty_network_is_refused() -> None:
    """Assert a network without layers is refused."""
    with pytest.raises(InputError, match="an empty network"):
        make_network([])


@pytest.mark.parametrize("weights", [None, np.ones((2, 2)), "W"])
def test_weights_must_be_a_list(weights: object) -> None:
    """Assert a single array (or anything but a list) is refused as the list of layers."""
    with pytest.raises(InputError, match=r"weights must be a list of matrices \[W_1, \.\.\., W_L\]"):
        make_network(weights)  # type: ignore[arg-type]


def test_non_numeric_weight_names_the_layer() -> None:
    """Assert a string inside W_2 is reported as W_2."""
    with pytest.raises(InputError, match=r"^W_2 must be a number"):
        make_network([[[1.0, 2.0]], [["abc"], [1.0]]])


def test_biases_are_checked() -> None:
    """Assert one bias per layer, each 1 x n_out."""
    net = make_network([np.ones((3, 2)), np.ones((2, 1))], [[[0.1, 0.2]], [[0.3]]])
    assert [b.shape for b in net.biases or ()] == [(1, 2), (1, 1)]
    with pytest.raises(InputError, match="got 1 bias for 2 weight layers"):
        make_network([np.ones((3, 2)), np.ones((2, 1))], [[[0.1, 0.2]]])
    with pytest.raises(ShapeError, match="b_1 has shape 2 x 1 but must be 1 x 2"):
        make_network([np.ones((3, 2)), np.ones((2, 1))], [[[0.1], [0.2]], [[0.3]]])


def test_random_network_is_deterministic() -> None:
    """Assert the same seed gives bit-identical weights and another seed different ones."""
    a, b, c = (random_network((3, 4, 1), seed) for seed in (7, 7, 8))
    assert all(x.tobytes() == y.tobytes() for x, y in zip(a.weights, b.weights))
    assert a.weights[0].tobytes() != c.weights[0].tobytes()


def test_random_network_draws_weights_before_biases() -> None:
    """Assert adding biases does not change the weights drawn from the same seed."""
    plain, biased = random_network((2, 3, 2), 5), random_network((2, 3, 2), 5, biases=True, scale=1.0)
    assert all(x.tobytes() == y.tobytes() for x, y in zip(plain.weights, biased.weights))
    assert [b.shape for b in biased.biases or ()] == [(1, 3), (1, 2)]


def test_random_network_scale() -> None:
    """Assert scale multiplies every drawn value."""
    one, half = random_network((2, 2), 3), random_network((2, 2), 3, scale=0.5)
    np.testing.assert_array_equal(half.weights[0], 0.5 * one.weights[0])


@pytest.mark.parametrize("layers", [(3,), (3, 0, 1), (3, -1), (2.5, 1), (True, 1)])
def test_random_network_refuses_bad_widths(layers: tuple) -> None:
    """Assert widths must be at least two positive whole numbers."""
    with pytest.raises(InputError, match="layers must list at least two positive whole widths"):
        random_network(layers, 0)


@pytest.mark.parametrize(("seed", "scale", "words"), [(-1, 1.0, "seed"), (1.5, 1.0, "seed"),
                                                      (0, float("nan"), "scale"), (0, "1", "scale")])
def test_random_network_refuses_bad_seed_or_scale(seed: object, scale: object, words: str) -> None:
    """Assert a bad seed or scale is refused and named."""
    with pytest.raises(InputError, match=f"^{words} must be"):
        random_network((2, 1), seed, scale=scale)  # type: ignore[arg-type]


def test_network_can_be_built_directly() -> None:
    """Assert the dataclass itself holds exactly what it is given."""
    W = np.ones((2, 1))
    assert Network((W,)).layers == (2, 1)
