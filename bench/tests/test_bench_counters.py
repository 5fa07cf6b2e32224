"""Reading gradcore's cache counters (bench.counters)."""

from bench.counters import counters, difference
from gradcore.examples import worked


def test_counters_include_the_example_cache():
    """Assert the example cache's size is read under "examples.size"."""
    assert counters()["examples.size"] == worked.cache_info()["size"]


def test_difference_subtracts_growing_counters_and_keeps_sizes():
    """Assert hits and drawn figures are differences, a size is the latest reading."""
    before = {"examples.hits": 3, "examples.size": 10, "figures.drawn": 2}
    after = {"examples.hits": 8, "examples.size": 12, "figures.drawn": 2, "examples.misses": 1}
    assert difference(before, after) == {"examples.hits": 5, "examples.size": 12, "figures.drawn": 0,
                                         "examples.misses": 1}
