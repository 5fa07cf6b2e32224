"""Activations and losses as choices: every pair against a 50-digit reference, and clear errors.

The reference differentiates the loss itself in mpmath (mpmath.diff, no chain
rule, no gradcore code), with each activation and loss written naively at 50
digits, where naive is exact enough: log(1 - sigma(40)) keeps its digits there.
"""

from __future__ import annotations

from dataclasses import replace

import mpmath
import numpy as np
import pytest

from gradcore.core.backward import backward
from gradcore.core.choices import ACTIVATIONS, LOSSES
from gradcore.core.errors import InputError, SpecError
from gradcore.core.forward import forward
from gradcore.core.gradcheck import check_gradients, kink_problem
from gradcore.core.network import Network, make_network
from gradcore.core.training import loss_of
from gradcore.examples.export import entry
from gradcore.examples.quantities import quantity
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import ExampleCheckError, clear_cache, compute
from mp_reference import mp_loss, mp_weights, weight_gradients
from render_support import PageFailedError, render

REFERENCE_AGREEMENT = 1e-12


def _reference(net: Network, X: list, y: list) -> tuple[float, list[np.ndarray]]:
    """The 50-digit loss and dL/dW_k, one weight at a time."""
    with mpmath.workdps(120):  # 50 digits of the smallest entries (1e-66 beside a loss of 1)
        return float(mp_loss(net, mp_weights(net), X, y)), weight_gradients(net, X, y)


PAIRS = [("sigmoid", "half_squared_error"), ("tanh", "half_squared_error"), ("relu", "half_squared_error"),
         ("softmax", "half_squared_error"), ("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")]
COMBINATIONS = [(hidden, output, loss) for hidden in ("sigmoid", "tanh", "relu") for output, loss in PAIRS]


def _case(hidden: str, output: str, loss: str, scale: float) -> tuple[Network, list, list]:
    """A 2-2-2 network on 3 examples whose pre-activations reach |u| = 40 at the largest scale."""
    W1 = [[scale, -0.7 * scale], [0.5 * scale, scale]]
    W2 = [[0.8 * scale, -0.6 * scale], [-0.9 * scale, 0.4 * scale]]
    X = [[1.0, 0.3], [-0.6, 0.5], [0.2, -1.0]]
    y = [[1.0, 0.0], [0.0, 1.0], [0.3, 0.7]] if output == "softmax" and loss == "cross_entropy" else \
        [[1.0, 0.0], [0.0, 1.0], [0.4, 0.2]]
    net = make_network([W1, W2], activations=[hidden, output], loss=loss)
    reach = float(np.abs(forward(net, X).pre_activations[1]).max())
    if reach > 40.0:  # a ReLU layer passes its input's size on: bring u_2 back to |u| <= 40
        W2 = [[v * 39.0 / reach for v in row] for row in W2]
        net = make_network([W1, W2], activations=[hidden, output], loss=loss)
    return net, X, y


@pytest.mark.parametrize("scale", [1.0, 8.0, 20.0])
@pytest.mark.parametrize(("hidden", "output", "loss"), COMBINATIONS)
def test_every_pair_matches_the_reference(hidden: str, output: str, loss: str, scale: float) -> None:
    """Assert backprop, the loss and the three-way check for every activation and loss, |u| up to 40."""
    net, X, y = _case(hidden, output, loss, scale)
    fwd = forward(net, X)
    assert max(float(np.abs(u).max()) for u in fwd.pre_activations) <= 40.0
    value, reference = _reference(net, X, y)
    grads = backward(net, X, y)
    for got, want in zip(grads.weights, reference):
        np.testing.assert_allclose(got, want, rtol=REFERENCE_AGREEMENT, atol=0)
    assert loss_of(net, fwd, np.asarray(y)) == pytest.approx(value, rel=REFERENCE_AGREEMENT)
    check = check_gradients(net, X, y)
    assert check.passed, check.summary()


@pytest.mark.parametrize(("output", "loss", "y"), [("sigmoid", "binary_cross_entropy", [[1.0], [0.0]]),
                                                   ("softmax", "cross_entropy", [[1.0, 0.0], [0.0, 1.0]])])
def test_a_saturated_output_with_a_hard_target_stays_finite(output: str, loss: str, y: list) -> None:
    """Assert u = +-40 with targets 0 and 1 give a finite loss and the reference's gradient (log-sum-exp, log1p)."""
    width = len(y[0])
    W1 = [[40.0] * width] if width == 1 else [[40.0, -40.0]]
    net, X = make_network([W1], activations=[output], loss=loss), [[1.0], [-1.0]]
    value, reference = _reference(net, X, y)
    fwd = forward(net, X)
    assert np.isfinite(loss_of(net, fwd, np.asarray(y)))
    assert loss_of(net, fwd, np.asarray(y)) == pytest.approx(value, rel=REFERENCE_AGREEMENT)
    np.testing.assert_allclose(backward(net, X, y).weights[0], reference[0], rtol=REFERENCE_AGREEMENT, atol=0)
    assert check_gradients(net, X, y).passed


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_a_wrong_local_derivative_is_caught(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert f'(u) off by its sign (a mutation of the generic rule) fails the check."""
    right = ACTIVATIONS[name]
    monkeypatch.setitem(ACTIVATIONS, name, replace(right, prime=lambda u: -right.prime(u)))
    net, X, y = _case(name, "sigmoid", "half_squared_error", 1.0)
    assert not check_gradients(net, X, y).passed


@pytest.mark.parametrize(("output", "loss"), [("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")])
def test_a_fused_delta_with_the_generic_factor_is_caught(output: str, loss: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert multiplying yhat - y by f'(u) again, where f' has cancelled, fails the check."""
    monkeypatch.setitem(LOSSES, loss, replace(LOSSES[loss], fused=False, gradient=lambda act, u, y: act.residual(u, y)))
    net, X, y = _case("tanh", output, loss, 1.0)
    assert not check_gradients(net, X, y).passed


def test_relu_is_complex_step_safe_and_dead_units_have_zero_gradient() -> None:
    """Assert a ReLU unit below 0 passes nothing back: its incoming weights' gradient is exactly zero."""
    net = make_network([[[1.0, -1.0]], [[0.5], [0.7]]], activations=["relu", "sigmoid"])
    X, y = [[2.0]], [[1.0]]
    grads = backward(net, X, y)
    assert grads.weights[0][0, 1] == 0.0 and grads.weights[1][1, 0] == 0.0
    assert check_gradients(net, X, y).passed


def test_a_pre_activation_at_the_relu_kink_is_refused() -> None:
    """Assert |u| below the central difference's reach is refused with the reason, not checked."""
    net = make_network([[[1e-7, 1.0]], [[0.5], [0.7]]], activations=["relu", "sigmoid"])
    problem = kink_problem(net, [[1.0]])
    assert problem is not None and "u_1[1,1]" in problem and "false alarm" in problem
    with pytest.raises(InputError, match="kink"):
        check_gradients(net, [[1.0]], [[1.0]])
    farther = make_network([[[1e-5, 1.0]], [[0.5], [0.7]]], activations=["relu", "sigmoid"])
    assert kink_problem(farther, [[1.0]]) is None  # a step moves u by 1e-6 at most: it stays on its side


NET = "X: [[1.0, 0.5]]\nW1: [[0.5, -0.3], [0.2, 0.8]]\nW2: [[1.0, -1.0], [0.5, 0.4]]\n"


@pytest.mark.parametrize(("extra", "words", "key"), [
    ("y: [[1, 0]]\nactivations: [tanh, swish]", "unknown activation 'swish' for layer 2; valid: sigmoid, tanh",
     "activations"),
    ("y: [[1, 0]]\nloss: hinge", "unknown loss 'hinge'; valid: half_squared_error", "loss"),
    ("y: [[1, 0]]\nactivations: [softmax, sigmoid]", "softmax on hidden layer 1", "activations"),
    ("y: [[1.5, 0]]\nloss: binary_cross_entropy", "y[1,1] = 1.5 is outside [0, 1]", "y"),
    ("y: [[0.5, 0.4]]\nloss: cross_entropy", "row 1 of y sums to 0.9, not 1", "y"),
    ("y: [[1, 0]]\nloss: cross_entropy\nactivations: [tanh, sigmoid]", "needs a softmax output layer",
     "activations"),
    ("y: [[1, 0]]\nactivations: [tanh]", "give one name per layer (2 here)", "activations"),
    ("y: [[1, 0]]\nactivations: relu\nformula: part5", "the closed form part5", "formula"),
])
def test_bad_choices_name_their_key_and_what_is_valid(extra: str, words: str, key: str) -> None:
    """Assert each mistake is a SpecError on its key, quoting what was wrong and what is valid."""
    with pytest.raises(SpecError) as raised:
        parse_spec("ex", NET + extra)
    assert words in str(raised.value) and raised.value.key == key


def test_one_name_is_every_hidden_layer_and_the_loss_picks_the_output() -> None:
    """Assert `activations: relu` with cross_entropy gives [relu, softmax]; no keys give sigmoid everywhere."""
    spec = parse_spec("ex", NET + "y: [[1, 0]]\nactivations: relu\nloss: cross_entropy")
    assert spec.values["activations"] == ["relu", "softmax"] and spec.values["loss"] == "cross_entropy"
    plain = parse_spec("ex", NET + "y: [[1, 0]]")
    assert plain.values["activations"] == ["sigmoid", "sigmoid"] and plain.values["loss"] == "half_squared_error"
    with pytest.raises(SpecError, match="has none"):
        parse_spec("ex", "X: [[1.0]]\ny: [[1]]\nW1: [[0.5]]\nactivations: tanh")


def test_a_page_reports_a_bad_choice_at_its_line() -> None:
    """Assert the page error names the line of the `activations` key in the Markdown file."""
    page = f"# T\n\n```gc:example e\n{NET}y: [[1, 0]]\nactivations: [softmax, sigmoid]\n```\n"
    with pytest.raises(PageFailedError) as raised:
        render(page, "docs/x.md")
    assert "docs/x.md:8:" in str(raised.value) and "softmax on hidden layer 1" in str(raised.value)


def test_a_page_refuses_a_relu_at_its_kink_at_the_activations_line() -> None:
    """Assert the kink refusal reaches the author as a page error at the activations key, saying why."""
    body = "X: [[1.0]]\ny: [[1]]\nW1: [[1e-8, 1.0]]\nW2: [[0.5], [0.7]]\nactivations: [relu, sigmoid]"
    with pytest.raises(PageFailedError) as raised:
        render(f"```gc:example e\n{body}\n```\n", "docs/x.md")
    assert "docs/x.md:6:" in str(raised.value) and "straddle" not in str(raised.value)
    assert "both sides of the kink" in str(raised.value)


@pytest.mark.parametrize(("hidden", "output", "loss"), COMBINATIONS)
def test_every_pair_computes_as_a_page_example_and_its_json_names_it(hidden: str, output: str, loss: str) -> None:
    """Assert a page example of each pair passes its check, and its JSON records its activations and loss."""
    y = "[[0.3, 0.7]]" if loss == "cross_entropy" else "[[1, 0]]"
    body = NET + f"y: {y}\nactivations: [{hidden}, {output}]\nloss: {loss}\nsteps: 3"
    clear_cache()
    example = compute(parse_spec("ex", body))
    data = entry("ex", "docs/x.md", example)
    assert data["functions"] == {"activations": [hidden, output], "loss": loss}
    assert data["check"]["passed"] and len(data["training"]["losses"]) == 4
    assert data["training"]["losses"][-1] < data["training"]["losses"][0]


def test_a_wrong_output_delta_fails_a_page_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert a page with a fused delta of the wrong sign is stopped by its gradient check."""
    softmax = ACTIVATIONS["softmax"]
    monkeypatch.setitem(ACTIVATIONS, "softmax", replace(softmax, residual=lambda u, y: -softmax.residual(u, y)))
    clear_cache()
    with pytest.raises(ExampleCheckError, match="gradient check failed"):
        compute(parse_spec("ex", NET + "y: [[0.3, 0.7]]\nactivations: [tanh, softmax]\nloss: cross_entropy"))
    clear_cache()


def test_quantities_follow_the_chosen_functions() -> None:
    """Assert ds{k} is f_k'(u_k) and dl{L} is the loss's dL/dyhat for a tanh / binary cross-entropy example."""
    clear_cache()
    example = compute(parse_spec("ex", NET + "y: [[1, 0]]\nactivations: [tanh, sigmoid]\nloss: binary_cross_entropy"))
    u1, yhat, y = example.forward.pre_activations[0], example.forward.yhat, example.y
    np.testing.assert_allclose(quantity(example, "ds1"), 1 - np.tanh(u1) ** 2, rtol=1e-14)
    np.testing.assert_allclose(quantity(example, "dl2"), (yhat - y) / (yhat * (1 - yhat)), rtol=1e-12)
    np.testing.assert_allclose(example.gradients.deltas[1], yhat - y, rtol=1e-14)  # sigma' cancelled
