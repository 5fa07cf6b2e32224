"""The rounding error each gradient entry may carry: the floor of the gradient check.

A derivative of the loss is a sum of products (the chain rule over every path
from the parameter to the loss). Every float64 evaluation of it
(backpropagation, the complex step, central differences) carries a rounding
error of a few eps_machine times the size of those terms. When the terms
cancel, the entry is much smaller than its terms, and two correct evaluations
may differ in every digit of it. `rounding_floor` measures that error for every
entry by running backpropagation on absolute values:

    S_L = (|yhat| + |y|) * sigma'(u_L)
    S_k = (S_(k+1) . |W_(k+1)|^T) * sigma'(u_k)

(for other activations |f'(u)| in place of sigma'(u), and S_L = |yhat| + |y|
where the output delta is yhat - y: `gradcore.core.choices.Loss.delta_size`)
    size of dL/dW_k = |l_(k-1)|^T . S_k,   size of dL/db_k = column sums of S_k
    floor = ROUNDING_FLOOR_SLACK x eps_machine x size

The floor belongs to each entry: without cancellation it is about
eps_machine x |dL/dp| (times (|yhat| + |y|) / |yhat - y|), however large the
gradients of other parameters are. So a gap below it is rounding, while a
tiny gradient in a saturated layer (3e-10 beside 0.14 elsewhere) is still
held to the full tolerance, and a flipped sign there fails.

Below the smallest normal float (about 2.2e-308) numbers are subnormal: their
spacing is a fixed 2^-1074, so a result there carries an absolute error, not
a relative one. The complex step meets this long before the gradient does:
it carries dL/dp in imaginary parts of size h x dL/dp (h = 1e-30), so with
inputs near 1e-300 those parts are subnormal or flush to zero, and the
complex step returns 0 for a gradient of 1e-301. Each such rounding moves
the complex-step derivative by at most 2^-1074 / h times the sensitivity of
L to the rounded value, which the sizes S_k above bound. So every entry's
floor gets an absolute term:

    UNDERFLOW_SCALE x (m n_L + sum of every S_k)

with UNDERFLOW_SCALE = ROUNDING_FLOOR_SLACK x 2^-1074 / h, about 3e-292.
Gradients above 1e-280 or so never come near it; below it no float64
evaluation can tell one gradient from another, so the check does not blame any.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gradcore.core.choices import ACTIVATIONS, LOSSES, check_loss_targets
from gradcore.core.forward import check_inputs, propagate
from gradcore.core.network import Network
from gradcore.core.numerical import COMPLEX_STEP, ParameterGradients
from gradcore.core.validation import readonly

__all__ = ["ROUNDING_FLOOR_SLACK", "SUBNORMAL_SPACING", "UNDERFLOW_SCALE", "rounding_floor"]

ROUNDING_FLOOR_SLACK = 64.0
"""How many roundings of its terms an entry may carry (sums of a few dozen terms, a few layers)."""

SUBNORMAL_SPACING = float(np.nextafter(0.0, 1.0))
"""2^-1074, the gap between neighbouring floats below the smallest normal one."""

UNDERFLOW_SCALE = ROUNDING_FLOOR_SLACK * SUBNORMAL_SPACING / COMPLEX_STEP
"""The absolute error per unit of sensitivity that underflow leaves in a complex-step derivative."""


def rounding_floor(net: Network, X: Any, y: Any) -> ParameterGradients:
    """The rounding error of every gradient entry, shaped like the parameters (see the module)."""
    X = check_inputs(net, X)
    fwd = propagate(net, X)
    y = check_loss_targets(net.loss, y, fwd.yhat.shape)
    u, f = fwd.pre_activations, [ACTIVATIONS[name] for name in net.activations]
    sizes = [LOSSES[net.loss].delta_size(f[-1], u[-1], fwd.yhat, y)]
    for k in range(net.depth - 1, 0, -1):
        sizes.insert(0, f[k - 1].size(u[k - 1], sizes[0] @ np.abs(net.weights[k]).T))
    scale = ROUNDING_FLOOR_SLACK * float(np.finfo(np.float64).eps)
    underflow = UNDERFLOW_SCALE * (y.size + sum(float(s.sum()) for s in sizes))
    weights = tuple(readonly(scale * (np.abs(fwd.layer(k)).T @ s) + underflow) for k, s in enumerate(sizes))
    biases = None if net.biases is None else tuple(
        readonly(scale * s.sum(axis=0, keepdims=True) + underflow) for s in sizes)
    return ParameterGradients(weights, biases)
