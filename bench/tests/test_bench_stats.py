"""Medians, spreads and paired ratios of the benchmark (bench.stats)."""

import pytest

from bench.stats import paired_ratios, sample


@pytest.mark.parametrize(("values", "median", "low", "high", "spread"), [
    ([2.0], 2.0, 2.0, 2.0, 0.0),
    ([3.0, 1.0, 2.0], 2.0, 1.0, 3.0, 1.0),
    ([1.0, 2.0, 3.0, 10.0], 2.5, 1.0, 10.0, 3.6),
])
def test_sample_summary(values, median, low, high, spread):
    """Assert median, extremes and relative spread of a few samples."""
    s = sample(values)
    assert (s.median, s.low, s.high) == (median, low, high)
    assert s.spread == pytest.approx(spread)


def test_to_dict_keeps_every_value_in_order():
    """Assert the JSON summary keeps the raw measurements and their count."""
    summary = sample([0.3, 0.1, 0.2]).to_dict()
    assert summary["values"] == [0.3, 0.1, 0.2] and summary["n"] == 3 and summary["median"] == 0.2


def test_empty_sample_is_refused():
    """Assert a sample needs at least one value."""
    with pytest.raises(ValueError, match="at least one"):
        sample([])


def test_paired_ratios_divide_round_by_round():
    """Assert ratio i is numerator i over denominator i, not a ratio of medians."""
    ratios = paired_ratios([1.1, 3.0, 2.2], [1.0, 2.0, 2.0])
    assert ratios.values == pytest.approx((1.1, 1.5, 1.1))
    assert ratios.median == pytest.approx(1.1)


@pytest.mark.parametrize(("numerators", "denominators", "message"), [
    ([1.0], [1.0, 2.0], "cannot pair"),
    ([1.0], [0.0], "positive"),
    ([], [], "at least one"),
])
def test_paired_ratios_refuse_bad_input(numerators, denominators, message):
    """Assert unequal lengths, zero denominators and empty lists are refused."""
    with pytest.raises(ValueError, match=message):
        paired_ratios(numerators, denominators)
