"""Shared fixtures: a seeded random generator, a tiny network and the random suite."""

from __future__ import annotations

import itertools
import os

import numpy as np
import pytest

from gradcore.core.network import Network, make_network, random_network

# The tests build the site for its local address (the browser tests serve it there); SITE_URL, the
# published address that mkdocs.yml reads, is for the deployed build only (tests/test_site_url.py).
os.environ.pop("SITE_URL", None)

# The browser tests' session fixtures (one Playwright for every browser test module).
pytest_plugins = ["browser_fixtures"]

SHAPES = [(1, 1), (3, 1), (3, 1, 1), (3, 2, 1), (3, 4, 3, 1), (2, 2, 2)]
SEEDS = range(5)
BATCH_SIZES = (1, 4)

Case = tuple[Network, np.ndarray, np.ndarray]


def make_case(layers: tuple[int, ...], seed: int, *, biases: bool = False, m: int = 1) -> Case:
    """A random network of the given widths with a random batch of m examples and targets in (0, 1)."""
    net = random_network(layers, seed, biases=biases)
    rng = np.random.default_rng(10_000 + seed)
    X = rng.standard_normal((m, layers[0]))
    y = rng.uniform(size=(m, layers[-1]))
    return net, X, y


SUITE = [
    (layers, seed, biases, m)
    for layers, biases, m, seed in itertools.product(SHAPES, (False, True), BATCH_SIZES, SEEDS)
]


def _suite_id(params: tuple[tuple[int, ...], int, bool, int]) -> str:
    layers, seed, biases, m = params
    return "-".join(map(str, layers)) + ("-bias" if biases else "") + f"-m{m}-seed{seed}"


@pytest.fixture
def rng() -> np.random.Generator:
    """A generator with a fixed seed, so every run draws the same numbers."""
    return np.random.default_rng(2016)


@pytest.fixture
def tiny_net() -> Network:
    """A 1-1-1 network: one input, one hidden node, one output."""
    return make_network([[[0.8]], [[-1.2]]])


@pytest.fixture(params=SUITE, ids=_suite_id)
def random_case(request: pytest.FixtureRequest) -> Case:
    """One case of the random suite: every shape, with and without biases, 1 or 4 examples, 5 seeds."""
    layers, seed, biases, m = request.param
    return make_case(layers, seed, biases=biases, m=m)


@pytest.fixture(scope="session")
def random_suite() -> list[Case]:
    """Every case of the random suite at once."""
    return [make_case(layers, seed, biases=biases, m=m) for layers, seed, biases, m in SUITE]


# The slow kinds, left out of the quick loop (`python -m pytest -m "not slow"`): the browser tests, builds with
# the other engines, full builds of the real site, and notebook execution. README's test command runs them all.
SLOW_MODULES = {"test_browser", "test_browser_widths", "test_browser_access", "test_browser_assets",
                "test_explore_gradcore", "test_explore_numbers", "test_explore_panel", "test_engines",
                "test_reproducible", "test_learner_site", "test_learner_notebook", "test_bench_main"}
OTHER_ENGINES = {"properdocs", "zensical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow kinds of test `slow`, by module, or by an engine parameter other than MkDocs."""
    for item in items:
        values = getattr(getattr(item, "callspec", None), "params", {}).values()
        module = item.module.__name__ if isinstance(item, pytest.Function) and item.module else ""
        if module in SLOW_MODULES or any(isinstance(v, str) and v in OTHER_ENGINES for v in values):
            item.add_marker(pytest.mark.slow)
