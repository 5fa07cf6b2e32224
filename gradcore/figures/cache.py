"""Figures in gradcore's disk cache: a drawn SVG is kept under the key of everything that shapes it.

The key (`gradcore.cache.key`) covers the figure kind, its options, the
example's inputs (its fingerprint) and the numbers computed from them
(`numbers_digest`), besides the code version every entry carries. A rebuild
with unchanged inputs reads the SVG back instead of drawing it, so a figure
never shows older numbers than the text beside it. On top of the cache's own
verification, a figure is used only when its SVG holds nothing that could run
in a browser (`unsafe_svg`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import numpy as np

from gradcore import cache as disk
from gradcore.examples.worked import NetworkExample, SigmoidExample

SECTION = "figures"


def _numbers(example: NetworkExample | SigmoidExample) -> Iterator[np.ndarray]:
    if isinstance(example, SigmoidExample):
        yield from (example.u, example.s, example.ds)
        return
    net, grads = example.network, example.gradients
    yield from (example.X, example.y, *net.weights, *(net.biases or ()), *example.forward.pre_activations,
                *example.forward.activations, *grads.deltas, *grads.weights, np.asarray(example.training.losses))
    for term in example.terms:
        yield from (*term.deltas, *term.weights)


def numbers_digest(example: NetworkExample | SigmoidExample) -> str:
    """A digest of every number of the example that a figure can show."""
    digest = hashlib.sha256()
    for array in _numbers(example):
        array = np.ascontiguousarray(array, dtype=np.float64)
        digest.update(repr(array.shape).encode() + array.tobytes())
    return digest.hexdigest()


def figure_key(kind: str, options: dict[str, str], example: NetworkExample | SigmoidExample) -> str:
    """The cache key of one figure: equal kinds, options, inputs and numbers give the same key."""
    return disk.key(SECTION, [kind, sorted(options.items()), example.spec.fingerprint, numbers_digest(example)])


# What a drawing of ours never holds, and what could run or fetch something when the file is opened.
_UNSAFE = re.compile(rb"<script|<foreignObject|<iframe|<object|<embed|<!ENTITY|javascript:|\son[a-z]+\s*="
                     rb"|(?:xlink:)?href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)", re.IGNORECASE)


def unsafe_svg(svg: bytes) -> bool:
    """True when an SVG holds a script, an event handler, an embedded document or an outside reference."""
    return _UNSAFE.search(svg) is not None


def read(key: str, project: str = "") -> bytes | None:
    """The cached SVG for `key`, or None if it was never drawn, cannot be read or fails verification."""
    svg = disk.read(SECTION, key, project)
    return None if svg is None or unsafe_svg(svg) else svg


def write(key: str, svg: bytes, project: str = "") -> None:
    """Store an SVG under `key` (a cache that cannot be written is skipped: the next build draws it again)."""
    disk.write(SECTION, key, svg, project)
