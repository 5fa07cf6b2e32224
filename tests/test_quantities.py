"""Quantity names resolve to the right arrays, and unknown names list the valid ones."""

import numpy as np
import pytest

from gradcore.examples.quantities import QuantityError, quantity
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute

BODY = ("X: [[1.0, 0.5], [0.2, -0.3]]\ny: [[1.0], [0.0]]\nW1: [[0.2, -0.4], [0.3, 0.1]]\nW2: [[0.6], [-0.3]]\n"
        "b1: [[0.1, 0.0]]\nb2: [[-0.2]]\nsteps: 3\n")


@pytest.fixture(scope="module")
def example():
    return compute(parse_spec("q", BODY))


@pytest.mark.parametrize(
    ("name", "attribute"),
    [
        ("X", lambda e: e.X), ("y", lambda e: e.y), ("l0", lambda e: e.X),
        ("W2", lambda e: e.network.weights[1]), ("b1", lambda e: e.network.biases[0]),
        ("u1", lambda e: e.forward.pre_activations[0]), ("l2", lambda e: e.forward.activations[1]),
        ("yhat", lambda e: e.forward.yhat), ("delta1", lambda e: e.gradients.deltas[0]),
        ("dW1", lambda e: e.gradients.weights[0]), ("db2", lambda e: e.gradients.biases[1]),
        ("step.W1", lambda e: e.stepped.weights[0]), ("step.b2", lambda e: e.stepped.biases[1]),
        ("step.yhat", lambda e: e.stepped_forward.yhat), ("term2.dW2", lambda e: e.terms[1].weights[1]),
        ("term1.delta2", lambda e: e.terms[0].deltas[1]),
    ],
)
def test_names_resolve_to_the_example_arrays(example, name, attribute):
    """Assert each name gives exactly the array the example holds."""
    np.testing.assert_array_equal(quantity(example, name), attribute(example))


def test_scalars_are_one_by_one(example):
    """Assert loss, lr, check and the training losses come back as 2-D arrays."""
    assert quantity(example, "loss").shape == (1, 1) and quantity(example, "loss")[0, 0] == example.loss
    assert quantity(example, "lr")[0, 0] == 0.5
    assert quantity(example, "step.loss")[0, 0] == example.stepped_loss
    assert quantity(example, "train.loss").shape == (1, 4)
    assert quantity(example, "check")[0, 0] == example.check.max_rel_error


@pytest.mark.parametrize("name", ["W3", "l3", "delta0", "term3.dW1", "term1.X", "step.u1", "dW", "yhat2"])
def test_unknown_names_list_the_valid_ones(example, name):
    """Assert an unknown or out-of-range name says what exists."""
    with pytest.raises(QuantityError, match=rf"unknown quantity '{name}' for example 'q'; valid: X, y, lr"):
        quantity(example, name)


def test_biases_are_unknown_without_biases():
    """Assert b1 is not offered by an example without biases."""
    example = compute(parse_spec("nob", "X: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n"))
    with pytest.raises(QuantityError, match="unknown quantity 'b1'"):
        quantity(example, "b1")


def test_sigmoid_quantities():
    """Assert a sigmoid example offers u, s, ds, fd and error only."""
    example = compute(parse_spec("sg", "kind: sigmoid\npoints: [0]\n"))
    assert quantity(example, "s")[0, 0] == 0.5 and quantity(example, "ds")[0, 0] == 0.25
    with pytest.raises(QuantityError, match="valid: u, s, ds, fd, error"):
        quantity(example, "loss")
