"""The closed-form gradient of every part of the series, by name.

The formulas live in `gradcore.core.one_layer` (parts 1-3) and `gradcore.core.two_layers`
(parts 4-6); this module re-exports them and adds `closed_form_gradients`,
which applies the formula of one part to a `Network`, so that its result can be
compared with `backward` and with finite differences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from gradcore.core.errors import InputError
from gradcore.core.network import Network
from gradcore.core.one_layer import part1_scalar, part2_vector, part3_batch, part3_batch_terms
from gradcore.core.two_layers import part4_one_hidden, part5_hidden_layer, part6_batch, part6_batch_terms
from gradcore.core.validation import Matrix, plural

__all__ = ["FORMULAS", "closed_form_gradients", "part1_scalar", "part2_vector", "part3_batch",
           "part3_batch_terms", "part4_one_hidden", "part5_hidden_layer", "part6_batch", "part6_batch_terms"]

_Formula = Callable[[Any, Any, tuple[Matrix, ...]], tuple[Matrix, ...]]

_FORMULAS: dict[str, tuple[int, _Formula]] = {
    "part1": (1, lambda X, y, W: (np.array([[part1_scalar(X, y, W[0])]]),)),
    "part2": (1, lambda X, y, W: (part2_vector(X, y, W[0]),)),
    "part3": (1, lambda X, y, W: (part3_batch(X, y, W[0]),)),
    "part4": (2, lambda X, y, W: part4_one_hidden(X, y, W[0], W[1])),
    "part5": (2, lambda X, y, W: part5_hidden_layer(X, y, W[0], W[1])),
    "part6": (2, lambda X, y, W: part6_batch(X, y, W[0], W[1])),
}

FORMULAS: tuple[str, ...] = tuple(_FORMULAS)
"""The names accepted by `closed_form_gradients`: "part1" .. "part6"."""


def closed_form_gradients(name: str, net: Network, X: Any, y: Any) -> tuple[Matrix, ...]:
    """dL/dW_1..dL/dW_L of `net` computed with the closed form of one part.

    Args:
        name: Which part's formula: "part1" .. "part6".
        net: A network without biases, of the depth that part covers (1 or 2 layers).
        X: The input the part expects (a single example for parts 1, 2, 4, 5).
        y: The targets, one per example.

    Returns:
        The weight gradients, one per layer, shaped like the weights.

    Raises:
        InputError: For an unknown name, a network with biases or of the wrong depth.
        ShapeError: If X, y or the weights do not have the shapes the part assumes.
    """
    if name not in _FORMULAS:
        raise InputError(f"unknown formula {name!r}; known: {', '.join(FORMULAS)}")
    depth, formula = _FORMULAS[name]
    if net.biases is not None:
        raise InputError(f"{name} is derived without biases, but the network has biases")
    if net.depth != depth:
        raise InputError(f"{name} is a formula for {depth}-layer networks, "
                         f"but the network has {plural(net.depth, 'layer')}")
    return tuple(np.asarray(g, dtype=np.float64) for g in formula(X, y, net.weights))
