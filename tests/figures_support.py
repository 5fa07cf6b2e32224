"""Helpers for the figure tests: small worked examples, a private figure cache, reading SVG back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from gradcore.cache import CACHE_ENV
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import NetworkExample, SigmoidExample, compute
from gradcore.markup.markers import find_markers

# A page that defines a network example `net` (3-2-1) and a sigmoid example `sig`.
DEFINITIONS = """# Figures

```gc:example net
X: [[1.0, 0.5, -1.5]]
y: [[1.0]]
W1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]
W2: [[0.6], [-0.3]]
steps: 20
```

```gc:example sig
kind: sigmoid
points: [-2, 0, 1.5]
```
"""
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def network(layers: tuple[int, ...], *, m: int = 1, seed: int = 0, steps: int = 12) -> NetworkExample:
    """A worked example of the given widths with reproducible random inputs and weights."""
    rng = np.random.default_rng(seed)
    lines = [f"X: {rng.uniform(-1, 1, (m, layers[0])).round(3).tolist()}",
             f"y: {rng.uniform(0.1, 0.9, (m, layers[-1])).round(3).tolist()}", f"steps: {steps}", "lr: 2.0"]
    lines += [f"W{k}: {rng.uniform(-1, 1, (layers[k - 1], layers[k])).round(3).tolist()}"
              for k in range(1, len(layers))]
    return compute(parse_spec("net" + "x".join(map(str, layers)), "\n".join(lines)))


def sigmoid(points: list[float]) -> SigmoidExample:
    """A sigmoid example at `points`."""
    return compute(parse_spec("sig", f"kind: sigmoid\npoints: {points}"))


def marker(text: str):
    """The one marker in `text`."""
    (found,) = find_markers(text)
    return found


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A figure cache of the test's own, so nothing is read from an earlier run."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder / "figures"


def parse_svg(svg: bytes) -> ET.Element:
    """The root of an SVG document; fails the test if it is not SVG."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg", root.tag
    return root


def ids(root: ET.Element, pattern: str) -> list[str]:
    """Every element id that matches `pattern` in full."""
    return [e.get("id") for e in root.iter() if e.get("id") and re.fullmatch(pattern, e.get("id"))]


def element(root: ET.Element, gid: str) -> ET.Element:
    """The element with id `gid`."""
    (found,) = [e for e in root.iter() if e.get("id") == gid]
    return found


def path_points(group: ET.Element) -> np.ndarray:
    """The vertices (x, y) of the first path inside `group`, in SVG coordinates."""
    path = next(group.iter(f"{SVG}path"))
    numbers = [float(n) for n in _NUMBER.findall(path.get("d"))]
    return np.asarray(numbers).reshape(-1, 2)


def marker_points(group: ET.Element) -> np.ndarray:
    """The (x, y) of every marker (an SVG <use>) inside `group`."""
    return np.asarray([[float(u.get("x")), float(u.get("y"))] for u in group.iter(f"{SVG}use")])


def affine_residual(values: np.ndarray, coordinates: np.ndarray) -> tuple[float, float]:
    """Fit coordinates = a * values + b; return (a, the largest miss relative to the coordinates' span)."""
    a, b = np.polyfit(values, coordinates, 1)
    span = float(np.ptp(coordinates)) or 1.0
    return float(a), float(np.max(np.abs(a * values + b - coordinates)) / span)
