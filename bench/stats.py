"""Repetitions summarised: median and spread, and ratios of paired runs.

The benchmark never judges a single timing. Every quantity is measured
several times, and a comparison (hook against no hook) is made round by
round, so a burst of load from elsewhere on the machine hits both sides of
one ratio and is cancelled by the median.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """Repeated measurements of one quantity.

    Attributes:
        values: Every measurement, in the order taken.
    """

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        """The median, the number the benchmark reports and judges."""
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        """The smallest measurement."""
        return min(self.values)

    @property
    def high(self) -> float:
        """The largest measurement."""
        return max(self.values)

    @property
    def spread(self) -> float:
        """(high - low) / median: how much the repetitions disagree, 0 for one value."""
        return (self.high - self.low) / self.median if self.median else 0.0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary that keeps every value."""
        return {"median": self.median, "min": self.low, "max": self.high, "spread": self.spread,
                "n": len(self.values), "values": list(self.values)}


def sample(values: Sequence[float]) -> Sample:
    """A `Sample` of at least one measurement.

    Raises:
        ValueError: If `values` is empty.
    """
    if not values:
        raise ValueError("a sample needs at least one measurement")
    return Sample(tuple(float(v) for v in values))


def paired_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> Sample:
    """numerators[i] / denominators[i] for runs taken side by side in round i.

    Raises:
        ValueError: If the lengths differ, a list is empty or a denominator is not positive.
    """
    if len(numerators) != len(denominators):
        raise ValueError(f"cannot pair {len(numerators)} runs with {len(denominators)}")
    if any(d <= 0 for d in denominators):
        raise ValueError("a ratio needs positive denominators")
    return sample([n / d for n, d in zip(numerators, denominators)])
