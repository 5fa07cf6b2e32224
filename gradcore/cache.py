"""gradcore's disk cache: entries kept between builds, each in a section (`figures`, `pages`, ...).

The cache lives in `.cache/gradcore/SECTION/` under the project's folder
(the folder of its config file; the working folder when no engine names
one); `GRADCORE_CACHE_DIR` replaces `.cache/gradcore`. An entry is named by
its key, a hex digest of everything that shapes it, which its owner
computes (`gradcore.figures.cache.figure_key`), or by a slot, which stands
for one thing that changes (a page, the search index) and holds the key it
was made from (`read_slot`, `write_slot`, `remembered`): one entry per
thing, however often it changes.
Reading an entry marks it as used (at most once a day); after a build,
`remove_stale` deletes the entries no build has used for `STALE_DAYS`.

The cache does not trust its folder, which may be shared. Each file starts
with the SHA-256 of the bytes after it, and a read returns them only when
the digest matches, the file is no symlink, and this user wrote it (it is
ours and no one else may write to it). Anything else counts as a miss: the
entry is made again and the file replaced. Temporary files are created
exclusively (`mkstemp`: O_EXCL, a random name, mode 0600) in the section's
folder itself, so a planted file or symlink is never written through.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_ENV = "GRADCORE_CACHE_DIR"
STALE_DAYS = 30  # an entry no build has read or written for this long is deleted
MAX_ENTRY_BYTES = 50_000_000
_HEADER = re.compile(rb"<!-- gradcore sha256=(?P<digest>[0-9a-f]{64}) -->\n")
_KEY = re.compile(r"[0-9a-f]{1,128}\Z")
_NAME = re.compile(r"[a-z]+\Z")
_ENTRY_FILE = re.compile(r"[0-9a-f]{1,128}\.[a-z]+\Z|\.[0-9a-f]{1,128}\..+\.tmp\Z")  # an entry or a temporary


def cache_root(project: str | os.PathLike[str] = "") -> Path:
    """The folder that holds every section of the cache for the project in `project` ("" for the working folder)."""
    root = os.environ.get(CACHE_ENV)
    return Path(root) if root else Path(project or Path.cwd()) / ".cache" / "gradcore"


def entry_path(section: str, key: str, suffix: str, project: str | os.PathLike[str] = "") -> Path:
    """Where the entry `key` of `section` is kept; ValueError for a key that is not a hex digest."""
    if not _KEY.match(key):
        raise ValueError(f"a cache key is a hex digest, got {key[:80]!r}")
    if not _NAME.match(section) or not _NAME.match(suffix):
        raise ValueError(f"a cache section and suffix are lowercase words, got {section!r}, {suffix!r}")
    return cache_root(project) / section / f"{key}.{suffix}"


def read(section: str, key: str, suffix: str, project: str | os.PathLike[str] = "") -> bytes | None:
    """The bytes stored under `key`, or None if they were never stored, cannot be read or fail verification.

    Reading a verified entry marks it as used.
    """
    path = entry_path(section, key, suffix, project)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not _ours(os.fstat(file.fileno())):
                return None
            data = file.read(MAX_ENTRY_BYTES + 100)
    except OSError:
        return None
    header = _HEADER.match(data)
    if header is None:
        return None
    body = data[header.end():]
    if hashlib.sha256(body).hexdigest() != header["digest"].decode():
        return None
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - 86_400:  # at most once a day, so a warm build writes nothing
            os.utime(path)  # used now: not stale
    return body


def _ours(status: os.stat_result) -> bool:
    """A regular file of this user that no one else may write to (always true where there are no owners)."""
    if not stat.S_ISREG(status.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write(section: str, key: str, suffix: str, body: bytes, project: str | os.PathLike[str] = "") -> None:
    """Store `body` under `key`, after its digest; atomic, so builds running side by side never see half a file.

    A cache that cannot be written (read-only folder, full disk) is skipped:
    only the next build makes the entry again.
    """
    temporary = None
    header = b"<!-- gradcore sha256=" + hashlib.sha256(body).hexdigest().encode() + b" -->\n"
    try:
        target = entry_path(section, key, suffix, project)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(descriptor, "wb") as file:
            file.write(header + body)
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@functools.cache
def installed_version(name: str) -> str:
    """The installed version of the distribution `name` ("missing" when it is not installed), part of keys."""
    import importlib.metadata  # here, not at the top: it costs more to import than this module

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def digest(parts: list[object]) -> str:
    """A key made of `parts` (anything JSON can hold): the hex SHA-256 of their JSON."""
    return hashlib.sha256(json.dumps(parts).encode("ascii")).hexdigest()


def files_digest(files: Iterable[tuple[str, Path]]) -> str:
    """A digest of code that shapes cached results: each (name, file) as its name and bytes, in order.

    A file that is not there counts as the word "missing", so that its appearing changes the digest.
    """
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"missing"))
    return digest.hexdigest()


def read_slot(section: str, slot: str, key: str, suffix: str, project: str | os.PathLike[str] = "") -> bytes | None:
    """What `write_slot` stored in `slot` under `key`; None if the slot holds nothing valid, or another key."""
    stored = read(section, slot, suffix, project)
    head = key.encode("ascii") + b"\n"
    return stored[len(head):] if stored is not None and stored.startswith(head) else None


def write_slot(section: str, slot: str, key: str, suffix: str, body: bytes,
               project: str | os.PathLike[str] = "") -> None:
    """Store `body` in `slot`, marked with `key`, replacing what the slot held.

    A slot stands for one thing that changes (a page, a search index): naming
    the entry by the thing, not by its content, keeps one entry per thing
    however often it changes.
    """
    write(section, slot, suffix, key.encode("ascii") + b"\n" + body, project)


def remembered(section: str, slot: str, parts: list[object], make: Callable[[], bytes],
               project: str | os.PathLike[str] = "") -> bytes:
    """`make()`, read back from `slot` when it was last made from the same `parts`.

    `parts` must hold everything the result depends on (as JSON), the code that makes it included.
    """
    key = digest(parts)
    stored = read_slot(section, slot, key, "txt", project)
    if stored is None:
        stored = make()
        write_slot(section, slot, key, "txt", stored, project)
    return stored


def remove_stale(project: str | os.PathLike[str] = "", days: float = STALE_DAYS) -> int:
    """Delete the entries of every section that no build has used for `days`; return how many were deleted.

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
