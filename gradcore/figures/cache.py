"""The figure cache on disk: a drawn SVG is kept under a key of everything that shapes it.

The key hashes the figure kind, its options, the example's inputs (its
fingerprint) and the numbers computed from them (`numbers_digest`), the code
that draws (`drawing_digest`), `FIGURES_VERSION` and matplotlib's version.
A rebuild with unchanged inputs reads the SVG back instead of drawing it; a
change to gradcore that changes an example's numbers, or to the drawing
code, draws the figure afresh, so a figure never shows older numbers than
the text beside it. Edits elsewhere in gradcore keep the cache.

The entries live in the `figures` section of gradcore's disk cache
(`gradcore.cache`: where it is, how an entry is verified on reading and
written atomically, when an unused one is deleted). On top of that check,
a figure is used only when its SVG holds nothing that could run in a
browser (`unsafe_svg`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from gradcore import cache as disk
from gradcore.cache import CACHE_ENV as CACHE_ENV  # re-exported: where the figures module always had it
from gradcore.examples.worked import NetworkExample, SigmoidExample

# Raise this to redraw every figure for a reason the key cannot see.
FIGURES_VERSION = 1
SECTION = "figures"
# Modules outside this package whose code shapes a drawing: number formatting and the sigmoid curve.
DRAWING_MODULES = ("markup/latex.py", "core/activations.py")


def cache_dir(project: str | os.PathLike[str] = "") -> Path:
    """The folder that holds cached figures for the project in `project` ("" for the working folder)."""
    return disk.cache_root(project) / SECTION


def drawing_files() -> list[Path]:
    """The code that draws: every module of this package and `DRAWING_MODULES`."""
    here = Path(__file__).resolve().parent
    return sorted([*here.glob("*.py"), *(here.parent / name for name in DRAWING_MODULES)])


@functools.cache
def drawing_digest() -> str:
    """A digest of `drawing_files()`, read once per process."""
    return disk.files_digest((path.name, path) for path in drawing_files())


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
    """A hex digest naming one figure: equal inputs, numbers and drawing code give the same key.

    Args:
        kind: The figure kind, e.g. `diagram`.
        options: The figure's options after defaults are filled in.
        example: The worked example the figure shows.

    Returns:
        The SHA-256 of all of these, `FIGURES_VERSION`, the drawing code and matplotlib's version.
    """
    return disk.digest([FIGURES_VERSION, disk.installed_version("matplotlib"), drawing_digest(), kind,
                        sorted(options.items()), example.spec.fingerprint, numbers_digest(example)])


# What a drawing of ours never holds, and what could run or fetch something when the file is opened.
_UNSAFE = re.compile(rb"<script|<foreignObject|<iframe|<object|<embed|<!ENTITY|javascript:|\son[a-z]+\s*="
                     rb"|(?:xlink:)?href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)", re.IGNORECASE)


def unsafe_svg(svg: bytes) -> bool:
    """True when an SVG holds a script, an event handler, an embedded document or an outside reference."""
    return _UNSAFE.search(svg) is not None


def read(key: str, project: str = "") -> bytes | None:
    """The cached SVG for `key`, or None if it was never drawn, cannot be read or fails verification."""
    svg = disk.read(SECTION, key, "svg", project)
    return None if svg is None or unsafe_svg(svg) else svg


def write(key: str, svg: bytes, project: str = "") -> None:
    """Store an SVG under `key` (a cache that cannot be written is skipped: the next build draws it again)."""
    disk.write(SECTION, key, "svg", svg, project)
