"""The figure cache on disk: a drawn SVG is kept under a key of everything that shapes it.

The key hashes the figure kind, its options, the example's inputs (its
fingerprint), `FIGURES_VERSION`, the installed matplotlib version and a
digest of gradcore's own source (`source_digest`), so a rebuild with unchanged inputs reads
the SVG back instead of drawing it, and any change to the code that computes
or draws the numbers draws every figure afresh (a figure never shows numbers
from an older gradcore than the text beside it).
The cache lives in `.cache/gradcore/figures/` under the directory the build
runs in (the project root); `GRADCORE_CACHE_DIR` replaces `.cache/gradcore`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path

# Raise this to redraw every figure for a reason the key cannot see (the source digest sees code).
FIGURES_VERSION = 1
CACHE_ENV = "GRADCORE_CACHE_DIR"


def cache_dir() -> Path:
    """The folder that holds cached figures (it may not exist yet)."""
    root = os.environ.get(CACHE_ENV)
    base = Path(root) if root else Path.cwd() / ".cache" / "gradcore"
    return base / "figures"


@functools.cache
def source_digest() -> str:
    """A digest of gradcore's modules and of this package (not of tools such as the benchmark), read once."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *Path(__file__).parent.glob("*.py")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _matplotlib_version() -> str:
    import importlib.metadata  # here, not at the top: it costs more to import than the rest of this package

    try:
        return importlib.metadata.version("matplotlib")
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def figure_key(kind: str, options: dict[str, str], fingerprint: str) -> str:
    """A hex digest naming one figure: equal inputs give the same key.

    Args:
        kind: The figure kind, e.g. `diagram`.
        options: The figure's options after defaults are filled in.
        fingerprint: The example's canonical inputs (`ExampleSpec.fingerprint()`).

    Returns:
        The SHA-256 of all of these, the code version, gradcore's source and matplotlib's version.
    """
    parts = [FIGURES_VERSION, _matplotlib_version(), source_digest(), kind, sorted(options.items()), fingerprint]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def read(key: str) -> bytes | None:
    """The cached SVG for `key`, or None if it was never drawn (or cannot be read)."""
    try:
        return (cache_dir() / f"{key}.svg").read_bytes()
    except OSError:
        return None


def write(key: str, svg: bytes) -> None:
    """Store an SVG under `key`; atomic, so builds running side by side never see half a file.

    A cache that cannot be written (read-only folder, full disk) is skipped:
    the figure is still in the site, only the next build draws it again.
    """
    folder = cache_dir()
    temporary = folder / f".{key}.{os.getpid()}.tmp"  # one writer per process and key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(svg)
        os.replace(temporary, folder / f"{key}.svg")
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
