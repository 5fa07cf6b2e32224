"""Worked examples: computed once, checked at build time, and refused when a formula disagrees."""

import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.examples import worked
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import ExampleCheckError, NetworkExample, SigmoidExample, compute

BODY = "X: [[1.0, 0.5, -1.5]]\ny: [[1.0]]\nW1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]\nW2: [[0.6], [-0.3]]\n"


def test_network_example_holds_every_step():
    """Assert forward, gradients, three-way check, step and training run are all there."""
    example = compute(parse_spec("w1", BODY + "formula: part5\nsteps: 5\n"))
    assert isinstance(example, NetworkExample)
    assert example.check.passed and example.closed_form_error <= 1e-7
    assert len(example.training.losses) == 6 and example.training.losses[0] == example.loss
    assert example.stepped_loss < example.loss
    np.testing.assert_array_equal(example.numeric.weights[0].shape, (3, 2))


def test_batch_terms_sum_to_the_gradient():
    """Assert the per-example terms add up to the batch gradient."""
    body = BODY.replace("X: [[1.0, 0.5, -1.5]]", "X: [[1.0, 0.5, -1.5], [0.2, -0.1, 0.4]]").replace(
        "y: [[1.0]]", "y: [[1.0], [0.0]]")
    example = compute(parse_spec("w2", body + "formula: part6\n"))
    for k in range(2):
        np.testing.assert_allclose(sum(t.weights[k] for t in example.terms), example.gradients.weights[k],
                                   rtol=1e-12, atol=1e-15)


def test_equal_inputs_are_computed_once(monkeypatch):
    """Assert a second request with the same inputs reuses the cached example."""
    calls = []
    monkeypatch.setattr(worked, "backward", lambda *a: calls.append(1) or backward(*a))
    worked.clear_cache()
    first = compute(parse_spec("w3", BODY))
    count = len(calls)
    assert compute(parse_spec("w3", BODY)) is first and len(calls) == count
    compute(parse_spec("w3", BODY.replace("0.6", "0.7")))
    assert len(calls) > count


def test_a_formula_that_does_not_fit_is_refused():
    """Assert a one-layer formula named on a two-layer example is an error, not a silent pass."""
    with pytest.raises(ValueError, match="part2"):
        compute(parse_spec("w4", BODY + "formula: part2\n"))


def test_a_wrong_analytic_gradient_stops_the_build(monkeypatch):
    """Assert an example whose backward pass has a sign error fails its gradient check."""
    def flipped(*args):
        grads = backward(*args)
        return type(grads)(grads.deltas, tuple(-g for g in grads.weights), grads.biases)

    monkeypatch.setattr(worked, "backward", flipped)
    worked.clear_cache()
    with pytest.raises(ExampleCheckError, match="gradient check failed"):
        compute(parse_spec("w5", BODY))
    worked.clear_cache()


def test_sigmoid_example():
    """Assert sigma' agrees with a central difference at every point."""
    example = compute(parse_spec("s", "kind: sigmoid\npoints: [-2, 0, 1.5]\n"))
    assert isinstance(example, SigmoidExample)
    np.testing.assert_allclose(example.ds, example.s * (1 - example.s))
    assert float(example.error.max()) < 1e-7
