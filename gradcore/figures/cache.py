"""The figure cache on disk: a drawn SVG is kept under a key of everything that shapes it.

The key hashes the figure kind, its options, the example's inputs (its
fingerprint) and the numbers computed from them (`numbers_digest`), the code
that draws (`drawing_digest`), `FIGURES_VERSION` and matplotlib's version.
A rebuild with unchanged inputs reads the SVG back instead of drawing it; a
change to gradcore that changes an example's numbers, or to the drawing
code, draws the figure afresh, so a figure never shows older numbers than
the text beside it. Edits elsewhere in gradcore keep the cache.

The cache lives in `.cache/gradcore/figures/` under the project's folder
(the folder of its config file; the working folder when no engine names
one); `GRADCORE_CACHE_DIR` replaces `.cache/gradcore`. Reading an entry
marks it as used (at most once a day); after a build, `remove_stale` deletes the entries no
build has used for `STALE_DAYS` (old drawing code, old examples).

The cache does not trust its folder, which may be shared: each file starts
with the SHA-256 of the SVG after it, and a read returns the SVG only when
the digest matches, the file is no symlink, and the SVG holds nothing that
could run in a browser (`unsafe_svg`). Anything else counts as a miss: the
figure is drawn again and the file replaced. Temporary files are created
exclusively, under unpredictable names, in the cache folder itself.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from gradcore.worked import NetworkExample, SigmoidExample

# Raise this to redraw every figure for a reason the key cannot see.
FIGURES_VERSION = 1
CACHE_ENV = "GRADCORE_CACHE_DIR"
STALE_DAYS = 30  # an entry no build has read or written for this long is deleted
# Modules outside this package whose code shapes a drawing: number formatting and the sigmoid curve.
DRAWING_MODULES = ("latex.py", "activations.py")


def cache_dir(project: str | os.PathLike[str] = "") -> Path:
    """The folder that holds cached figures for the project in `project` ("" for the working folder)."""
    root = os.environ.get(CACHE_ENV)
    base = Path(root) if root else Path(project or Path.cwd()) / ".cache" / "gradcore"
    return base / "figures"


def drawing_files() -> list[Path]:
    """The code that draws: every module of this package and `DRAWING_MODULES`."""
    here = Path(__file__).resolve().parent
    return sorted([*here.glob("*.py"), *(here.parent / name for name in DRAWING_MODULES)])


@functools.cache
def drawing_digest() -> str:
    """A digest of `drawing_files()`, read once per process."""
    digest = hashlib.sha256()
    for path in drawing_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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


@functools.cache
def _matplotlib_version() -> str:
    import importlib.metadata  # here, not at the top: it costs more to import than the rest of this package

    try:
        return importlib.metadata.version("matplotlib")
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def figure_key(kind: str, options: dict[str, str], example: NetworkExample | SigmoidExample) -> str:
    """A hex digest naming one figure: equal inputs, numbers and drawing code give the same key.

    Args:
        kind: The figure kind, e.g. `diagram`.
        options: The figure's options after defaults are filled in.
        example: The worked example the figure shows.

    Returns:
        The SHA-256 of all of these, `FIGURES_VERSION`, the drawing code and matplotlib's version.
    """
    parts = [FIGURES_VERSION, _matplotlib_version(), drawing_digest(), kind, sorted(options.items()),
             example.spec.fingerprint, numbers_digest(example)]
    return hashlib.sha256(json.dumps(parts, allow_nan=False).encode("utf-8")).hexdigest()


_HEADER = re.compile(rb"<!-- gradcore sha256=(?P<digest>[0-9a-f]{64}) -->\n")
# What a drawing of ours never holds, and what could run or fetch something when the file is opened.
_UNSAFE = re.compile(rb"<script|<foreignObject|<iframe|<object|<embed|<!ENTITY|javascript:|\son[a-z]+\s*="
                     rb"|(?:xlink:)?href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)", re.IGNORECASE)
_MAX_SVG_BYTES = 20_000_000
_KEY = re.compile(r"[0-9a-f]{1,128}\Z")


def unsafe_svg(svg: bytes) -> bool:
    """True when an SVG holds a script, an event handler, an embedded document or an outside reference."""
    return _UNSAFE.search(svg) is not None


def _path(key: str, project: str | os.PathLike[str] = "") -> Path:
    if not _KEY.match(key):
        raise ValueError(f"a figure key is a hex digest, got {key[:80]!r}")
    return cache_dir(project) / f"{key}.svg"


def read(key: str, project: str = "") -> bytes | None:
    """The cached SVG for `key`, or None if it was never drawn, cannot be read or fails verification.

    Reading a verified entry marks it as used.
    """
    path = _path(key, project)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as file:
            data = file.read(_MAX_SVG_BYTES + 100)
    except OSError:
        return None
    header = _HEADER.match(data)
    if header is None:
        return None
    svg = data[header.end():]
    if hashlib.sha256(svg).hexdigest() != header["digest"].decode() or unsafe_svg(svg):
        return None
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - 86_400:  # at most once a day, so a warm build writes nothing
            os.utime(path)  # used now: not stale
    return svg


def remove_stale(project: str = "", days: float = STALE_DAYS) -> int:
    """Delete the entries no build has used for `days`; return how many were deleted."""
    folder, removed = cache_dir(project), 0
    oldest = time.time() - days * 86_400
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            with contextlib.suppress(OSError):
                if entry.suffix in (".svg", ".tmp") and entry.lstat().st_mtime < oldest:
                    entry.unlink()
                    removed += 1
    return removed


def write(key: str, svg: bytes, project: str = "") -> None:
    """Store an SVG under `key`, after its digest; atomic, so builds running side by side never see half a file.

    The temporary file is created exclusively (`mkstemp`: O_EXCL, a random
    name) in the cache folder, so a planted file or symlink is never written
    through. A cache that cannot be written (read-only folder, full disk) is
    skipped: the figure is still in the site, only the next build draws it again.
    """
    folder, temporary = cache_dir(project), None
    header = b"<!-- gradcore sha256=" + hashlib.sha256(svg).hexdigest().encode() + b" -->\n"
    try:
        target = _path(key, project)
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
        with os.fdopen(descriptor, "wb") as file:
            file.write(header + svg)
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
