"""gradcore's one disk cache: rendered pages, drawn figures and drawn math, kept between builds.

One key rule for every entry: `key(section, inputs)` is a digest of what
the entry is made from and of the code version (every gradcore source file,
Python's version and the versions of the LIBRARIES that shape an output).
So a change to any input, to gradcore or to a library makes a new entry, and
an entry is never stale in what it shows.

The cache lives in `.cache/gradcore/SECTION/` under the project's folder
(`GRADCORE_CACHE_DIR` replaces `.cache/gradcore`). It does not trust that
folder, which may be shared: each file starts with the SHA-256 of the bytes
after it, and a read returns them only when the digest matches, the file is
no symlink and this user alone may write it. Anything else is a miss, and the
entry is made again. Writes are atomic (`mkstemp` in the section's folder,
then `os.replace`). Entries no build has read for `STALE_DAYS` are deleted by
`remove_stale`, which the MkDocs hook calls when MkDocs shuts down.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["CACHE_ENV", "STALE_DAYS", "cache_root", "code_version", "entry_path", "key", "read", "remove_stale", "tidy",
           "write"]

CACHE_ENV = "GRADCORE_CACHE_DIR"
CACHE_VERSION = 2  # raise to make every entry again for a reason the key cannot see
STALE_DAYS = 30
MAX_ENTRY_BYTES = 50_000_000
# Libraries whose version can change a page, a figure or a drawing.
LIBRARIES = ("numpy", "lark", "PyYAML", "matplotlib", "nbformat", "django-static-mathjax", "mini-racer")
_HEADER = re.compile(rb"<!-- gradcore sha256=(?P<digest>[0-9a-f]{64}) -->\n")
_KEY = re.compile(r"[0-9a-f]{64}\Z")
_SECTION = re.compile(r"[a-z]+\Z")
_ENTRY_FILE = re.compile(r"[0-9a-f]{64}\Z|\.[0-9a-f]{64}\..+\.tmp\Z")  # an entry or a temporary of one
_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_version() -> str:
    """A digest of every gradcore source file (names and bytes), Python's version and the LIBRARIES' versions."""
    digest = hashlib.sha256(f"{CACHE_VERSION} {sys.version}".encode())
    for name in LIBRARIES:
        digest.update(f"\0{name} {_installed_version(name)}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(b"\0" + path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _installed_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def key(section: str, inputs: object) -> str:
    """The key of an entry of `section` made from `inputs` (anything JSON can hold) by this code version."""
    return hashlib.sha256(json.dumps([section, code_version(), inputs]).encode("utf-8")).hexdigest()


def cache_root(project: str | os.PathLike[str] = "") -> Path:
    """The folder that holds every section of the cache for the project in `project` ("" for the working folder)."""
    root = os.environ.get(CACHE_ENV)
    return Path(root) if root else Path(project or Path.cwd()) / ".cache" / "gradcore"


def entry_path(section: str, entry: str, project: str | os.PathLike[str] = "") -> Path:
    """Where an entry is kept; ValueError for a key that is not one of `key`'s digests."""
    if not _KEY.match(entry) or not _SECTION.match(section):
        raise ValueError(f"a cache entry is a lowercase section and a SHA-256 digest, got {section!r}, {entry[:80]!r}")
    return cache_root(project) / section / entry


def read(section: str, entry: str, project: str | os.PathLike[str] = "") -> bytes | None:
    """The bytes stored under `entry`, or None if never stored, unreadable or failing verification."""
    path = entry_path(section, entry, project)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not _ours(os.fstat(file.fileno())):
                return None
            data = file.read(MAX_ENTRY_BYTES + 100)
    except OSError:
        return None
    header = _HEADER.match(data)
    body = data[header.end():] if header else b""
    if header is None or hashlib.sha256(body).hexdigest() != header["digest"].decode():
        return None
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - 86_400:  # at most once a day, so a warm build writes nothing
            os.utime(path)
    return body


def _ours(status: os.stat_result) -> bool:
    """A regular file of this user that no one else may write to (always true where there are no owners)."""
    if not stat.S_ISREG(status.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write(section: str, entry: str, body: bytes, project: str | os.PathLike[str] = "") -> None:
    """Store `body` under `entry`, after its digest, atomically; a cache that cannot be written is skipped."""
    temporary = None
    header = b"<!-- gradcore sha256=" + hashlib.sha256(body).hexdigest().encode() + b" -->\n"
    try:
        target = entry_path(section, entry, project)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{entry}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(descriptor, "wb") as file:
            file.write(header + body)
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


TIDIED = ".tidied"  # in the cache's folder: touched each time the stale entries are removed


def tidy(project: str | os.PathLike[str] = "") -> int:
    """`remove_stale`, at most once a day: a build that ends minutes after the last one has nothing to remove."""
    stamp = cache_root(project) / TIDIED
    with contextlib.suppress(OSError):
        if stamp.stat().st_mtime > time.time() - 86_400:
            return 0
    removed = remove_stale(project)
    with contextlib.suppress(OSError):
        stamp.touch()
    return removed


def remove_stale(project: str | os.PathLike[str] = "", days: float = STALE_DAYS) -> int:
    """Delete the entries of every section that no build has read for `days`; return how many.

    Only files named as entries (or their temporaries) are deleted, whatever else the folder holds.
    """
    removed, oldest = 0, time.time() - days * 86_400
    with contextlib.suppress(OSError):
        for folder in cache_root(project).iterdir():
            with contextlib.suppress(OSError):
                for entry in folder.iterdir() if folder.is_dir() and not folder.is_symlink() else ():
                    with contextlib.suppress(OSError):
                        if _ENTRY_FILE.match(entry.name) and entry.lstat().st_mtime < oldest:
                            entry.unlink()
                            removed += 1
    return removed
