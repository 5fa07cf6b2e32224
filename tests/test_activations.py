"""Tests for gradcore.core.activations: values, limits, stability, derivative, complex input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from gradcore.core.activations import sigmoid, sigmoid_prime

MODERATE = [-30.0, -5.0, -1.0, -0.25, 0.0, 0.25, 1.0, 5.0, 30.0]
EXTREME = [-1e300, -1e4, -1000.0, 1000.0, 1e4, 1e300]


def _reference(u: float) -> float:
    return 1 / (1 + math.exp(-u))


@pytest.mark.parametrize("u", MODERATE)
def test_sigmoid_matches_the_definition(u: float) -> None:
    """Assert sigma(u) = 1 / (1 + e^-u) where that formula is safe."""
    assert float(sigmoid(u)) == pytest.approx(_reference(u), rel=1e-15, abs=0)


def test_sigmoid_keeps_shape_and_dtype() -> None:
    """Assert an integer matrix comes back as a float64 matrix of the same shape."""
    s = sigmoid([[0, 1, 2], [3, 4, 5]])
    assert s.shape == (2, 3)
    assert s.dtype == np.float64
    assert s[0, 0] == 0.5


@pytest.mark.parametrize("u", MODERATE)
def test_sigmoid_is_symmetric(u: float) -> None:
    """Assert sigma(-u) = 1 - sigma(u)."""
    assert float(sigmoid(-u)) == pytest.approx(1 - float(sigmoid(u)), abs=2.3e-16)  # one rounding step near 1


def test_sigmoid_extremes_are_finite_limits_without_warnings() -> None:
    """Assert sigma(+/-1000), sigma(+/-1e4), sigma(+/-1e300) are exactly 0 or 1, with no warning."""
    u = np.array(EXTREME)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        s, ds = sigmoid(u), sigmoid_prime(u)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(ds))
    np.testing.assert_array_equal(s, np.where(u > 0, 1.0, 0.0))
    np.testing.assert_array_equal(ds, 0.0)


def test_sigmoid_near_saturation_is_still_accurate() -> None:
    """Assert sigma(-40) and sigma'(40) keep their tiny values (about 4.2e-18), not 0."""
    expected = math.exp(-40) / (1 + math.exp(-40))
    assert float(sigmoid(-40.0)) == pytest.approx(expected, rel=1e-14)
    assert float(sigmoid_prime(40.0)) == pytest.approx(math.exp(-40) / (1 + math.exp(-40)) ** 2, rel=1e-14)


@pytest.mark.parametrize("u", MODERATE)
def test_sigmoid_prime_is_s_times_one_minus_s(u: float) -> None:
    """Assert sigma'(u) = sigma(u) (1 - sigma(u))."""
    s = float(sigmoid(u))
    assert float(sigmoid_prime(u)) == pytest.approx(s * (1 - s), rel=1e-12)


@pytest.mark.parametrize("u", MODERATE)
def test_sigmoid_prime_matches_a_central_difference(u: float) -> None:
    """Assert sigma' agrees with (sigma(u + h) - sigma(u - h)) / 2h."""
    h = 1e-6
    fd = (float(sigmoid(u + h)) - float(sigmoid(u - h))) / (2 * h)
    assert float(sigmoid_prime(u)) == pytest.approx(fd, rel=1e-7, abs=1e-12)


@pytest.mark.parametrize("u", [*MODERATE, -700.0, 700.0, 1e4])
def test_complex_step_of_sigmoid_gives_sigmoid_prime(u: float) -> None:
    """Assert Im sigma(u + ih) / h = sigma'(u) for a tiny h, including far out in the tails."""
    h = 1e-30
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = sigmoid(np.array([u + 1j * h]))
    assert value.dtype == np.complex128
    assert value.real[0] == pytest.approx(float(sigmoid(u)), rel=1e-15)
    assert value.imag[0] / h == pytest.approx(float(sigmoid_prime(u)), rel=1e-13, abs=1e-300)


def test_sigmoid_is_deterministic() -> None:
    """Assert the same input gives bit-identical output."""
    u = np.linspace(-50, 50, 101)
    assert sigmoid(u).tobytes() == sigmoid(u.copy()).tobytes()
    assert sigmoid_prime(u).tobytes() == sigmoid_prime(u.copy()).tobytes()
