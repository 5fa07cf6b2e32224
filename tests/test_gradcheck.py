"""Tests for gradcore.core.gradcheck, including tests of the tester itself."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import numpy as np
import pytest

from gradcore.core.activations import sigmoid
from gradcore.core.backward import Gradients, backward
from gradcore.core.closed_forms import closed_form_gradients
from gradcore.core.errors import InputError, ShapeError
from gradcore.core.gradcheck import TOLERANCE, GradCheck, check_formula, check_gradients, relative_error
from gradcore.core.network import Network, make_network, random_network
from gradcore.core.numerical import ParameterGradients, complex_step_gradients, numerical_gradients

Case = tuple[Network, np.ndarray, np.ndarray]


def _seed_post_one_layer(net: Network, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray]:
    """One layer as the seed post wrote it: d sigma(X . W)/dW with a stray minus, -(yhat - y) yhat (1 - yhat) X^T."""
    yhat = sigmoid(X @ net.weights[0])
    return (-(X.T @ ((yhat - y) * yhat * (1 - yhat))),)


def _seed_post_two_layers(net: Network, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Part 4 with the one-layer formula copied in: X where l_1 belongs, in dL/dW_2."""
    W1, W2 = net.weights
    l1 = sigmoid(X @ W1)
    yhat = sigmoid(l1 @ W2)
    delta = (yhat - y) * yhat * (1 - yhat)
    return X.T @ (delta * W2.T * l1 * (1 - l1)), X.T @ delta  # right dW1; dW2 should be l1^T . delta


def _perturbed(grads: Gradients, group: str, k: int, index: tuple[int, int], amount: float) -> Gradients:
    arrays = {"W": [g.copy() for g in grads.weights], "b": [g.copy() for g in grads.biases or ()]}
    arrays[group][k][index] += amount
    return Gradients(grads.deltas, tuple(arrays["W"]), tuple(arrays["b"]) if grads.biases is not None else None)


def test_backprop_passes(random_case: Case) -> None:
    """Assert the check passes backprop on every case of the random suite."""
    check = check_gradients(*random_case)
    assert isinstance(check, GradCheck) and check.method == "central-difference"
    assert check.passed, check.summary()
    assert check.max_rel_error_complex <= TOLERANCE
    assert check.failure == ""  # central differences agree entry by entry, within TOLERANCE or their resolution


def test_default_analytic_is_backprop() -> None:
    """Assert leaving `analytic` out checks backward(net, X, y)."""
    net, X, y = random_network((3, 2, 1), 3), [[1.0, 0.5, -0.5]], [[1.0]]
    assert check_gradients(net, X, y) == check_gradients(net, X, y, backward(net, X, y))


@pytest.mark.parametrize(("group", "k", "index", "label"), [
    ("W", 0, (1, 0), "W_1[2, 1]"), ("W", 1, (0, 0), "W_2[1, 1]"), ("b", 0, (0, 1), "b_1[1, 2]")])
def test_one_perturbed_entry_fails_the_check(group: str, k: int, index: tuple[int, int], label: str) -> None:
    """Assert changing one analytic entry by a hundred-thousandth of the gradient's size is caught and located."""
    net, X, y = random_network((3, 2, 1), 5, biases=True), [[1.0, -1.0, 0.5], [0.2, 0.3, 0.1]], [[0.9], [0.1]]
    grads = backward(net, X, y)
    size = max(float(np.abs(g).max()) for g in grads.weights)
    check = check_gradients(net, X, y, _perturbed(grads, group, k, index, 1e-5 * size))
    assert not check.passed
    assert check.worst == label
    assert check.max_rel_error > TOLERANCE and check.max_rel_error_complex > TOLERANCE
    assert "FAILED" in check.summary() and label in check.summary()


def test_seed_post_minus_sign_is_caught() -> None:
    """Assert the seed post's -(yhat - y) yhat (1 - yhat) X^T gives a relative error of 1, far above 1e-2."""
    net, X, y = random_network((3, 1), 2), [[1.0, -2.0, 0.5]], [[1.0]]
    check = check_formula(_seed_post_one_layer, net, X, y)
    assert not check.passed and check.max_rel_error > 1e-2
    assert check.max_rel_error == pytest.approx(1.0)


def test_seed_post_x_in_place_of_l1_is_caught() -> None:
    """Assert X where l_1 belongs is caught by the numbers on a 1-1-1 network, where the shapes agree."""
    net, X, y = make_network([[[0.8]], [[-1.2]]]), [[2.0]], [[1.0]]
    check = check_formula(_seed_post_two_layers, net, X, y)
    assert not check.passed and check.max_rel_error > 1e-2
    assert check.worst == "W_2[1, 1]"


def test_x_in_place_of_l1_has_the_wrong_shape_with_three_inputs() -> None:
    """Assert with three inputs the same slip is caught already by the shape check."""
    net, X, y = random_network((3, 1, 1), 0), [[1.0, 2.0, 3.0]], [[1.0]]
    with pytest.raises(ShapeError, match="dL/dW_2 has shape 3 x 1 but W_2 is 1 x 1"):
        check_formula(_seed_post_two_layers, net, X, y)


def test_correct_closed_form_passes() -> None:
    """Assert the closed form of part 5 passes the same check."""
    net, X, y = random_network((3, 2, 1), 1, scale=0.5), [[1.0, -1.0, 0.5]], [[0.3]]
    assert check_formula(partial(closed_form_gradients, "part5"), net, X, y).passed


def test_formula_on_a_network_with_biases_checks_the_weights() -> None:
    """Assert biases are held fixed when the formula only gives weight gradients."""
    net, X, y = random_network((2, 3, 1), 4, biases=True), [[0.5, -0.5]], [[0.2]]
    assert check_formula(lambda n, X, y: backward(n, X, y).weights, net, X, y).passed


def test_bias_gradients_for_a_network_without_biases_are_refused() -> None:
    """Assert gradients must match the network's parameters."""
    net = random_network((2, 1), 4)
    grads = Gradients((np.zeros((1, 1)),), (np.zeros((2, 1)),), (np.zeros((1, 1)),))
    with pytest.raises(ShapeError, match="bias gradients were given, but the network has no biases"):
        check_gradients(net, [[1.0, 1.0]], [[0.0]], grads)


@pytest.mark.parametrize("tolerance", [0, -1e-7, float("inf"), "1e-7"])
def test_bad_tolerance_is_refused(tolerance: object, tiny_net: Network) -> None:
    """Assert the tolerance must be a positive finite number."""
    with pytest.raises(InputError, match="tolerance must be a positive number"):
        check_gradients(tiny_net, [[1.0]], [[1.0]], tolerance=tolerance)  # type: ignore[arg-type]


def test_check_is_deterministic() -> None:
    """Assert equal inputs give an identical check."""
    X, y = [[1.0, 0.5, -0.5], [0.0, 1.0, 2.0]], [[1.0, 0.0], [0.5, 0.5]]
    a = check_gradients(random_network((3, 4, 2), 7, biases=True), X, y)
    b = check_gradients(random_network((3, 4, 2), 7, biases=True), X, y)
    assert a == b


def test_largest_relative_error_over_the_random_suite(random_suite: list[Case],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Record the largest relative error between any two of backprop, central differences and complex step."""
    worst = {"backprop-central": 0.0, "backprop-complex": 0.0, "central-complex": 0.0}
    for net, X, y in random_suite:
        a, n, c = backward(net, X, y), numerical_gradients(net, X, y), complex_step_gradients(net, X, y)
        flat = [np.concatenate([p.ravel() for p in g.weights + (g.biases or ())]) for g in (a, n, c)]
        for key, (i, j) in zip(worst, [(0, 1), (0, 2), (1, 2)]):
            worst[key] = max(worst[key], relative_error(flat[i], flat[j]))
    with capsys.disabled():
        print(f"\nlargest relative errors over {len(random_suite)} random cases: "
              + ", ".join(f"{key} {value:.3g}" for key, value in worst.items()))
    # Entry by entry, central differences carry the loss's rounding / (2 eps) on small entries (the
    # check allows for that: test_backprop_passes); backprop and the complex step agree to rounding.
    assert worst["backprop-complex"] <= 1e-13


def test_saturated_unit_passes_on_the_complex_step_and_still_catches_a_sign_error():
    """Assert a saturated 1-1 network passes (central differences are below their resolution); a flipped sign fails."""
    from gradcore.core.backward import Gradients, backward
    from gradcore.core.gradcheck import check_gradients
    from gradcore.core.network import make_network

    net, X, y = make_network([[[1.0]]]), [[15.0]], [[0.0]]
    good = backward(net, X, y)
    check = check_gradients(net, X, y, good)
    assert check.passed and check.max_rel_error > 1e-7 and check.max_rel_error_complex < 1e-9
    flipped = Gradients(good.deltas, tuple(-w for w in good.weights))
    assert not check_gradients(net, X, y, flipped).passed


def test_issue_saturated_example_passes() -> None:
    """Assert X = 30, W_1 = 1, y = 0 passes: backprop's sigma' is stable and agrees with the complex step."""
    net, X, y = make_network([[[1.0]]]), [[30.0]], [[0.0]]
    check = check_gradients(net, X, y)
    assert check.passed, check.summary()
    assert check.max_rel_error_complex < 1e-12


def test_flipped_tiny_gradient_beside_a_large_one_fails() -> None:
    """Assert a sign flip in dW_1 ~ 1e-9 fails although dW_2 ~ 0.14 (a normwise measure would pass it)."""
    net, X, y = make_network([[[1.0]], [[1.0]]]), [[20.0]], [[0.0]]  # hidden u = 20
    good = backward(net, X, y)
    assert abs(good.weights[0][0, 0]) < 1e-8 and abs(good.weights[1][0, 0]) > 0.1
    flipped = Gradients(good.deltas, (-good.weights[0], good.weights[1]))
    normwise = float(np.max(np.abs(flipped.weights[0] - good.weights[0]))) / (2 * abs(good.weights[1][0, 0]))
    assert normwise < TOLERANCE  # what the old all-layers measure saw
    check = check_gradients(net, X, y, flipped)
    assert not check.passed and check.worst == "W_1[1, 1]"
    assert check.failure == "relative error 1 against the complex step at W_1[1, 1] exceeds the tolerance 1e-07"


def test_failure_quotes_central_differences_when_they_are_what_failed() -> None:
    """Assert the message names the measure that failed, with the entry 1-based."""
    net, X, y = random_network((2, 1), 3), [[1.0, -1.0]], [[0.2]]
    grads = backward(net, X, y)
    numeric = numerical_gradients(net, X, y)
    wrong = ParameterGradients((numeric.weights[0] * (1 + 1e-4),))  # central differences off, complex step exact
    check = check_gradients(net, X, y, grads, numeric=wrong)
    assert not check.passed and check.failure.startswith("relative error ")
    assert "against central differences at W_1[" in check.failure


def test_table_errors_are_the_measure_of_the_summary(random_case: Case) -> None:
    """Assert the largest relative error is the largest of the per-entry errors (one measure)."""
    check = check_gradients(*random_case)
    assert check.max_rel_error == max(check.central_errors)
    assert check.max_rel_error_complex == max(check.complex_errors)
    assert len(check.labels) == len(check.central_errors)


def test_the_measure_is_defined_where_the_first_check_table_appears() -> None:
    """Assert Part 1, the first page with a check table, defines the relative error just before it."""
    from pathlib import Path
    docs = Path(__file__).resolve().parent.parent / "docs"
    pages = ["index.md", "part-1-scalar.md"]
    assert "[[gc:check" not in (docs / pages[0]).read_text(encoding="utf-8")
    text = (docs / pages[1]).read_text(encoding="utf-8")
    before_table = text[:text.index("[[gc:check p1]]")]
    assert r"the relative error \(|a - b| / (|a| + |b|)\)" in " ".join(before_table[-1500:].split())


# A batch of 2 whose dL/dW1[1, 1] nearly cancels over the examples (1.5e-5, with L = 0.0016): central
# differences carry 3.4e-12 of rounding there, more than eps x |L| / EPS allows, though the gradient is right.
_CANCELLING = (np.array([[-0.02, -0.55, -1], [-0.56, -0.36, -0.12]]), np.array([[0.46], [0.54]]),
               Network([np.array([[-0.05, -0.93], [-0.47, 0.92], [-0.95, 0.47]]), np.array([[-0.05], [0.41]])]))


def test_a_right_gradient_with_small_residuals_is_not_rejected() -> None:
    """Assert the central differences' allowance covers the rounding of yhat times the residual, not |L| only."""
    X, y, net = _CANCELLING
    result = check_gradients(net, X, y)
    assert result.passed, result.summary()
    assert result.max_rel_error > TOLERANCE  # the central difference alone would have failed it


def test_a_wrong_entry_with_small_residuals_still_fails() -> None:
    """Assert the wider allowance for central differences lets no wrong entry through: the complex step holds."""
    X, y, net = _CANCELLING
    grads = backward(net, X, y)
    for scale in (-1.0, 1.0 + 1e-6):
        weights = [w.copy() for w in grads.weights]
        weights[0][0, 0] *= scale
        result = check_gradients(net, X, y, replace(grads, weights=weights))
        assert not result.passed and "complex step at W_1[1, 1]" in result.failure, result.summary()
