"""Every example of Parts 8 and 9 (and the Authoring page's example of the new keys) agrees with the exact reference.

The reference (`mp_reference`) writes each example's loss out from its
definition in mpmath and differentiates it one weight at a time, with none of
gradcore's formulas. Each example's JSON names its activations and loss.
"""

from __future__ import annotations

from pathlib import Path

import mpmath
import numpy as np
import pytest

from gradcore.examples.export import entry
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import NetworkExample, compute
from gradcore.markup.markers import find_example_fences
from mp_reference import mp_loss, mp_weights, weight_gradients

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = ("part-8-activations.md", "part-9-cross-entropy.md", "authoring.md")
AGREEMENT = 1e-12


def _examples() -> dict[str, NetworkExample]:
    found = {}
    for page in PAGES:
        for fence in find_example_fences((DOCS / page).read_text(encoding="utf-8")):
            example = compute(parse_spec(fence.name, fence.body))
            if isinstance(example, NetworkExample) and (fence.name.startswith(("p8", "p9")) or "choices" in fence.name):
                found[fence.name] = example
    return found


EXAMPLES = _examples()


def test_the_new_examples_are_all_here() -> None:
    """Assert the parts' examples are found, with every activation and loss among them."""
    assert len(EXAMPLES) >= 9
    assert {a for e in EXAMPLES.values() for a in e.network.activations} == {"sigmoid", "tanh", "relu", "softmax"}
    assert {e.network.loss for e in EXAMPLES.values()} == {"half_squared_error", "binary_cross_entropy",
                                                           "cross_entropy"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_loss_and_gradients_agree_with_the_exact_reference(name: str) -> None:
    """Assert the loss and every weight gradient agree with mpmath (50 digits) to 1e-12 relative."""
    example = EXAMPLES[name]
    X, y = example.X.tolist(), example.y.tolist()
    with mpmath.workdps(50):
        loss = float(mp_loss(example.network, mp_weights(example.network), X, y))
        reference = weight_gradients(example.network, X, y)
    assert example.loss == pytest.approx(loss, rel=AGREEMENT, abs=0)
    for got, want in zip(example.gradients.weights, reference, strict=True):
        np.testing.assert_allclose(got, want, rtol=AGREEMENT, atol=0)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_json_records_the_activations_and_the_loss(name: str) -> None:
    """Assert the example's JSON names each layer's activation and the loss it was computed with."""
    example = EXAMPLES[name]
    functions = entry(name, "docs/x.md", example)["functions"]
    assert functions == {"activations": list(example.network.activations), "loss": example.network.loss}
    assert functions["activations"] == list(example.spec.values["activations"])
