"""The formula checker's activations, losses and the `% on NAME` mark (Parts 8 and 9)."""

from __future__ import annotations

import numpy as np
import pytest

from gradcore.core.activations import relu, sigmoid_prime, softmax, tanh, tanh_prime
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.texcheck import page_check
from gradcore.texcheck.check import check_equations
from gradcore.texcheck.evaluate import evaluate
from gradcore.texcheck.grammar import parse_member
from gradcore.texcheck.symbols import NotationError
from texcheck_support import page_examples

NETWORK = "X: [[0.5, -1.0, 2.0], [1.0, 0.2, -0.3]]\ny: [[1.0], [0.0]]\nW1: [[0.1, -0.3], [0.4, 0.2], [-0.2, 0.5]]\n" \
          "W2: [[0.7], [-0.6]]\nlr: 0.5\n"
TANH = compute(parse_spec("th", NETWORK + "activations: [tanh, sigmoid]"))
RELU = compute(parse_spec("re", NETWORK + "activations: [relu, sigmoid]"))
BCE = compute(parse_spec("bce", NETWORK + "loss: binary_cross_entropy"))
SOFT = compute(parse_spec("sm", "X: [[1.0, -0.5, 2.0]]\ny: [[0.0, 1.0, 0.0]]\n"
                                "W1: [[0.2, -0.3, 0.5], [0.4, 0.1, -0.2], [-0.1, 0.3, 0.6]]\n"
                                "activations: [softmax]\nloss: cross_entropy"))


def value(tex: str, example=TANH, **indices: int) -> np.ndarray:
    return evaluate(parse_member(tex), example, indices)


def test_the_new_functions_evaluate_as_gradcore_computes_them() -> None:
    """Assert tanh, ReLU (both spellings), softmax, log and the indicator take gradcore's values, entry by entry."""
    u1 = TANH.forward.pre_activations[0]
    np.testing.assert_array_equal(value(r"\tanh(u_1)"), tanh(u1))
    np.testing.assert_array_equal(value(r"\tanh'(u_1)"), tanh_prime(u1))
    np.testing.assert_array_equal(value(r"\mathrm{ReLU}(u_1)"), relu(u1))
    np.testing.assert_array_equal(value(r"\max(0, u_1)"), relu(u1))
    np.testing.assert_array_equal(value(r"\mathbb{1}[u_1 > 0]"), (u1 > 0).astype(float))
    np.testing.assert_array_equal(value(r"\mathrm{softmax}(u_1)"), softmax(u1))
    np.testing.assert_allclose(value(r"\log \hat{y}"), np.log(TANH.forward.yhat), rtol=1e-15)


def test_f_is_each_layers_own_activation() -> None:
    """Assert f(u_k) and f'(u_k) follow the example's choice for layer k, and a softmax has no f'."""
    np.testing.assert_array_equal(value("f(u_1)", TANH), TANH.forward.activations[0])
    np.testing.assert_array_equal(value("f'(u_1)", TANH), tanh_prime(TANH.forward.pre_activations[0]))
    np.testing.assert_array_equal(value("f'(u_2)", TANH), sigmoid_prime(TANH.forward.pre_activations[1]))
    np.testing.assert_array_equal(value("f(u_1)", RELU), RELU.forward.activations[0])
    with pytest.raises(NotationError, match="Jacobian"):
        value("f'(u_1)", SOFT)
    with pytest.raises(NotationError, match="write f\\(u_k\\)"):
        value("f(l_1)", TANH)


def test_the_general_recursion_holds_for_every_activation() -> None:
    """Assert (Delta l_2 . W_2^T) * f'(u_1) is the hidden delta of the tanh and the ReLU network, and the sigmoid's
    slope is not the tanh network's (a wrong slope is caught)."""
    for example in (TANH, RELU, BCE):
        np.testing.assert_allclose(value(r"(\Delta l_2 \cdot W_2^T) * f'(u_1)", example), example.gradients.deltas[0],
                                   rtol=1e-14)
    wrong = value(r"(\Delta l_2 \cdot W_2^T) * l_1 * (1 - l_1)", TANH)
    assert not np.allclose(wrong, TANH.gradients.deltas[0])


def test_gradients_of_the_loss_follow_the_chosen_loss() -> None:
    """Assert dL/dyhat, L_(j) and d yhat / d u follow the loss and the output activation."""
    yhat, y = BCE.forward.yhat, BCE.y
    np.testing.assert_allclose(value(r"\frac{\partial L}{\partial \hat{y}_{(j)}}", BCE, j=2),
                               ((yhat - y) / (yhat * (1 - yhat)))[1:2], rtol=1e-14)
    total = sum(value(r"L_{(j)}", BCE, j=j)[0, 0] for j in (1, 2))
    assert total == pytest.approx(BCE.loss, rel=1e-15)
    s = SOFT.forward.yhat
    assert value(r"\frac{\partial \hat{y}^1}{\partial u_1^2}", SOFT)[0, 0] == pytest.approx(-s[0, 0] * s[0, 1])
    assert value(r"\frac{\partial \hat{y}^3}{\partial u_1^3}", SOFT)[0, 0] == pytest.approx(s[0, 2] * (1 - s[0, 2]))


def test_a_softmax_delta_is_checked_on_a_variant_whose_targets_sum_to_one() -> None:
    """Assert the softmax example's delta yhat - y is checked (variant and widened networks included)."""
    text = "$$\n\\Delta l_1 = \\hat{y} - y\n\\tag{1} \\label{e}\n$$\n"
    (report,) = check_equations(text, SOFT)
    assert report.status == "checked", report.problems
    wrong = "$$\n\\Delta l_1 = y - \\hat{y}\n\\tag{1} \\label{e}\n$$\n"
    assert check_equations(wrong, SOFT)[0].problems


PAGE = """```gc:example th
{net}activations: [tanh, sigmoid]
```

```gc:example re
{net}activations: [relu, sigmoid]
```

$$
\\Delta l_1 = (\\Delta l_2 \\cdot W_2^T) * \\mathbb{{1}}[u_1 > 0] % on re
\\tag{{1}} \\label{{relu}}
$$

$$
\\Delta l_1 = (\\Delta l_2 \\cdot W_2^T) * (1 - l_1 * l_1)
\\tag{{2}} \\label{{tanh}}
$$
"""


def test_an_equation_is_checked_on_the_example_it_names() -> None:
    """Assert `% on NAME` checks on that example, the first example otherwise, and an unknown name is an error."""
    text = PAGE.format(net=NETWORK)
    check = page_check(text, page_examples(text))
    assert [r.status for r in check.reports] == ["checked", "checked"] and not check.problems
    swapped = text.replace("% on re", "")
    assert page_check(swapped, page_examples(swapped)).problems  # ReLU's rule on the tanh example fails
    unknown = text.replace("% on re", "% on nowhere")
    problems = page_check(unknown, page_examples(unknown)).problems
    assert len(problems) == 1 and "no example 'nowhere' on this page; its examples: th, re" in str(problems[0])
