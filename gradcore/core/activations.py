"""The activations, sigmoid (the series' own), tanh, ReLU and softmax, and their derivatives.

sigma(u) = 1 / (1 + e^(-u)) and sigma'(u) = sigma(u) (1 - sigma(u)).

Written naively, e^(-u) overflows for u below about -710. Both functions here
only ever take the exponential of a number whose real part is at most zero,
e^(-|u|), which lies in (0, 1]: nothing overflows and nothing becomes NaN.

Complex input is accepted as well, so the complex-step derivative of
`gradcore.core.gradcheck` can push u + ih (with a tiny h) through the same code.
The split is then made on the sign of the real part.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["exp_minus_abs", "relu", "relu_prime", "sigmoid", "sigmoid_prime", "softmax", "tanh", "tanh_prime"]


def _as_array(u: npt.ArrayLike) -> np.ndarray:
    """`u` as float64, or as complex128 when it is complex."""
    array = np.asarray(u)
    return array.astype(np.complex128 if np.iscomplexobj(array) else np.float64)


def exp_minus_abs(u: np.ndarray) -> np.ndarray:
    """e^(-|u|) for real u; for complex u, e^(-u) or e^(u), whichever has real part <= 0."""
    return np.exp(np.where(u.real >= 0, -u, u))


def sigmoid(u: npt.ArrayLike) -> np.ndarray:
    """The logistic sigmoid sigma(u) = 1 / (1 + e^(-u)), element by element.

    For u >= 0 it computes 1 / (1 + e^(-u)); for u < 0 the equal form
    e^u / (1 + e^u). Either way the exponential is at most 1.

    Args:
        u: A number or an array of numbers (real, or complex for the complex step).

    Returns:
        An array of the same shape, float64 (complex128 for complex input).
    """
    u = _as_array(u)
    e = exp_minus_abs(u)
    return np.where(u.real >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(u: npt.ArrayLike) -> np.ndarray:
    """The derivative sigma'(u) = sigma(u) (1 - sigma(u)), element by element.

    Computed as e / (1 + e)^2 with e = e^(-|u|), which equals sigma(u) sigma(-u)
    = sigma (1 - sigma) (sigma' is an even function) but keeps its accuracy where
    sigma is within rounding of 0 or 1: for u = 40 it returns about 4.2e-18, not 0.
    Backpropagation and the closed forms use it for every yhat (1 - yhat) and
    l_k (1 - l_k); written literally, 1 - yhat has lost three digits by u = 30.

    Args:
        u: A number or an array of numbers (real, or complex for the complex step).

    Returns:
        An array of the same shape, float64 (complex128 for complex input).
    """
    e = exp_minus_abs(_as_array(u))
    return e / (1.0 + e) ** 2


def tanh(u: npt.ArrayLike) -> np.ndarray:
    """The hyperbolic tangent, element by element (complex input allowed, for the complex step)."""
    return np.tanh(_as_array(u))


def tanh_prime(u: npt.ArrayLike) -> np.ndarray:
    """tanh'(u) = 1 - tanh(u)^2, computed as 4 sigma'(2u) so that it keeps its digits where tanh saturates."""
    return 4.0 * sigmoid_prime(2.0 * _as_array(u))


def relu(u: npt.ArrayLike) -> np.ndarray:
    """max(0, u), written as where(Re u > 0, u, 0) so that a complex step u + ih passes through unchanged."""
    u = _as_array(u)
    return np.where(u.real > 0, u, 0.0)


def relu_prime(u: npt.ArrayLike) -> np.ndarray:
    """The indicator 1[u > 0] (0 at the kink u = 0 itself, where ReLU has no derivative)."""
    return np.where(_as_array(u).real > 0, 1.0, 0.0)


def softmax(u: npt.ArrayLike) -> np.ndarray:
    """Each row's e^(u_i) / sum_j e^(u_j), after subtracting the row's largest real part.

    Subtracting a real constant changes nothing mathematically and keeps every
    exponential at most 1 in size; it also keeps the function analytic, so a
    complex step carries through.
    """
    u = np.atleast_2d(_as_array(u))
    e = np.exp(u - u.real.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
