"""Gradients near and below the smallest normal float: no false alarm, and a wrong sign still fails.

With inputs or weights such as 5e-324 or 1e-300, the complex step carries its
derivative in imaginary parts smaller than the smallest float, which round to a
fixed spacing or to zero. The check then must not blame a gradient; the
reference here, the loss differentiated by mpmath with enough digits to see
it change, says which gradient is right.
"""

from __future__ import annotations

from dataclasses import replace

import mpmath
import numpy as np
import pytest

from gradcore.core.backward import Gradients, backward
from gradcore.core.choices import ACTIVATIONS
from gradcore.core.gradcheck import check_gradients
from gradcore.core.network import Network, make_network
from gradcore.core.rounding import SUBNORMAL_SPACING, UNDERFLOW_SCALE, rounding_floor
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import ExampleCheckError, clear_cache, compute
from mp_reference import weight_gradients

SCALES = ["5e-324", "1e-320", "1e-310", "1e-300", "1e-290", "1e-280"]


def _definitions(s: str) -> list[str]:
    """Tiny inputs; tiny output weights; tiny weights everywhere with biases."""
    return [
        f"X: [[{s}, {s}]]\ny: [[1]]\nW1: [[0.5, -1.0], [0.3, 2.0]]\nW2: [[1.0], [-2.0]]",
        f"X: [[1.0, 2.0]]\ny: [[0]]\nW1: [[0.5, -1.0], [0.3, 2.0]]\nW2: [[{s}], [-{s}]]",
        f"X: [[{s}, 1.0], [2.0, {s}]]\ny: [[1], [0.3]]\nW1: [[0.5, -1.0], [0.3, 2.0]]\nb1: [[{s}, 0.1]]\n"
        "W2: [[1.0], [-2.0]]\nb2: [[0.2]]",
        f"X: [[{s}, 1.0]]\ny: [[1]]\nW1: [[{s}, -{s}], [{s}, {s}]]\nW2: [[{s}], [-{s}]]",
    ]


CASES = [(s, i, body) for s in SCALES for i, body in enumerate(_definitions(s))]


@pytest.mark.parametrize(("scale", "number", "body"), CASES, ids=[f"{s}-{i}" for s, i, _ in CASES])
def test_tiny_examples_pass_the_page_check(scale: str, number: int, body: str) -> None:
    """Assert a page example at every tiny scale is computed, with no 'gradient check failed'."""
    clear_cache()
    example = compute(parse_spec("tiny", body))
    assert example.check.passed, example.check.summary()


def test_the_reported_example_no_longer_fails() -> None:
    """Assert the shape of the reported false alarm (denormal inputs, relative error ~5e-4) now passes."""
    net, X, y = make_network([[[0.5, 0.1], [0.3, 0.2]], [[1.0], [2.0]]]), [[1e-310, 2e-310]], [[0.2]]
    check = check_gradients(net, X, y)
    assert check.passed, check.summary()
    assert 1e-4 < check.max_rel_error_complex < 1e-3  # the measure is as before; the floor explains it


def test_the_absolute_floor_is_far_below_any_normal_gradient() -> None:
    """Assert the underflow term is about 3e-292 per unit of sensitivity, and tiny for an ordinary network."""
    assert pytest.approx(64 * SUBNORMAL_SPACING / 1e-30) == UNDERFLOW_SCALE
    assert 1e-292 < UNDERFLOW_SCALE < 1e-291
    net, X, y = make_network([[[0.5, -1.0], [0.3, 2.0]], [[1.0], [-2.0]]]), [[1.0, 2.0]], [[1.0]]
    for floor in rounding_floor(net, X, y).weights:
        assert np.all(floor < 1e-13)  # the relative term, 64 eps_machine x sizes of order 0.1
        assert np.all(floor > 1e-292)  # and the absolute term under it


@pytest.mark.parametrize("scale", ["1.0", "1e-100", "1e-250"])
def test_a_flipped_delta_is_still_caught(scale: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert backprop with yhat - y turned into y - yhat fails the page check, at normal and tiny scales."""
    sigmoid = ACTIVATIONS["sigmoid"]
    monkeypatch.setitem(ACTIVATIONS, "sigmoid", replace(sigmoid, residual=lambda u, y: -sigmoid.residual(u, y)))
    clear_cache()
    body = f"X: [[{scale}, 2.0]]\ny: [[1]]\nW1: [[0.5, -1.0], [0.3, 2.0]]\nW2: [[1.0], [-2.0]]"
    with pytest.raises(ExampleCheckError, match="gradient check failed"):
        compute(parse_spec("flipped", body))
    clear_cache()


def test_a_flipped_gradient_of_1e_250_is_caught() -> None:
    """Assert one entry of size 1e-250 with its sign flipped fails: the floor does not reach it."""
    net, X, y = make_network([[[0.5], [0.3]]]), [[1e-249, 1.0]], [[1.0]]
    grads = backward(net, X, y)
    assert 1e-251 < abs(grads.weights[0][0, 0]) < 1e-249
    wrong = grads.weights[0].copy()
    wrong[0, 0] = -wrong[0, 0]
    check = check_gradients(net, X, y, Gradients(grads.deltas, (wrong,)))
    assert not check.passed and "W_1[1, 1]" in check.failure


def _reference(net: Network, X: list[list[float]], y: list[list[float]]) -> list[np.ndarray]:
    """dL/dW_k from the loss alone, with 50 digits more than a change of 1e-340 in it needs."""
    with mpmath.workdps(400):
        return weight_gradients(net, X, y)


@pytest.mark.parametrize(("scale", "number", "body"), CASES, ids=[f"{s}-{i}" for s, i, _ in CASES])
def test_the_accepted_gradient_agrees_with_the_exact_reference(scale: str, number: int, body: str) -> None:
    """Assert every gradient the check accepts equals the reference to 1e-12, or to a few subnormal steps."""
    clear_cache()
    example = compute(parse_spec("tiny", body))
    X, y = example.X.tolist(), example.y.tolist()
    for got, want in zip(example.gradients.weights, _reference(example.network, X, y)):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=8 * SUBNORMAL_SPACING)
