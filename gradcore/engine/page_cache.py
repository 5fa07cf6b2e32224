"""Rendered pages and JSON texts kept between builds, so a build only redoes what changed.

`render_page` is a pure function of the page's text and its `Page` (name,
prefix, inline) and of gradcore's code and the libraries it uses, so its
result can be reused as long as all of these are unchanged. `rendered`
keeps it at two levels:

* in memory, for the process: `mkdocs serve` rebuilds the whole site after
  every save, and an unchanged page costs a dictionary lookup;
* on disk, in the `pages` section of gradcore's cache (`gradcore.cache`),
  for later processes: a `mkdocs build` whose pages are all unchanged
  renders none of them, and so imports neither numpy nor the code that
  computes, checks and draws (`render_page` is imported on the first miss).

A page has one entry on disk (its `slot`, named by the project, the page's
name, prefix and output mode), which each render of the page replaces, so
saving a page a hundred times under `mkdocs serve` leaves one entry, not a
hundred. The entry is used only when the key it holds (`disk_key`) is the
digest of the page's text, name, prefix and output mode, of every gradcore
source file (`code_version`), of the versions of Python and of the
LIBRARIES that shape what a page shows, and of `PAGES_VERSION`: a change to
any of them renders the page again, so a page never shows older numbers or
figures than its code and text give. A page with an error is never stored:
it is rendered, and fails, on every build until it is fixed. The names
across pages are checked afresh on every build (`gradcore.engine.site.SiteBuild`),
whichever way a page came.

The JSON files written at the end of a build are kept in memory too
(`cached_json`), keyed by the very example data they describe.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from gradcore import cache as disk
from gradcore.examples.json_text import to_json
from gradcore.markup.markers import NAME_MAX, NAME_RE
from gradcore.pages.page import Definition, Page, PageResult

CACHE_SIZE = 4096  # pages

# Raise this to render every page again for a reason the key cannot see.
PAGES_VERSION = 1
SECTION = "pages"
# Libraries whose version can change what a page shows: numbers, equation checks, definitions, figures, notebooks.
LIBRARIES = ("numpy", "lark", "PyYAML", "matplotlib", "nbformat")

Source = tuple[str, str, dict[str, Any]]  # example name, page, the example's JSON data
_PAGES: OrderedDict[tuple[str, Page, str], PageResult] = OrderedDict()
_JSON: dict[str, tuple[list[Source], str]] = {}
_COUNTS = {"hits": 0, "disk_hits": 0, "misses": 0}
_LOCK = threading.Lock()  # an engine may convert pages from several threads
# One page at a time: the example and figure caches underneath are not built for threads.
_RENDER_LOCK = threading.Lock()


@functools.cache
def code_version() -> str:
    """A digest of gradcore's source files, read once per process: part of every page's key."""
    return source_digest(Path(__file__).resolve().parent.parent)


def source_digest(folder: Path) -> str:
    """A digest of the names and bytes of every Python file under `folder`."""
    return disk.files_digest((path.relative_to(folder).as_posix(), path) for path in sorted(folder.rglob("*.py")))


@functools.cache
def library_versions() -> list[str]:
    """Python's version and each of the LIBRARIES' ("missing" for one not installed), read once per process."""
    return [sys.version, *(f"{name} {disk.installed_version(name)}" for name in LIBRARIES)]


def disk_key(text: str, page: Page) -> str:
    """The hex digest a page's stored result must carry to be used (see the module docstring for what it covers)."""
    return disk.digest([PAGES_VERSION, code_version(), library_versions(), page.name, page.prefix, page.inline, text])


def slot(page: Page) -> str:
    """The name of the one entry a page has on disk: each render of an edited page replaces the last."""
    return disk.digest([page.project, page.name, page.prefix, page.inline])


def rendered(text: str, page: Page) -> PageResult:
    """`render_page(text, page)`, from the memo or the disk cache when nothing it depends on has changed."""
    key = (text, page, code_version())
    with _LOCK:
        hit = _PAGES.get(key)
        if hit is not None:
            _PAGES.move_to_end(key)
            _COUNTS["hits"] += 1
            return hit
    wanted = disk_key(text, page)
    result = _decode(disk.read_slot(SECTION, slot(page), wanted, "json", page.project), page)
    counted = "disk_hits"
    if result is None:
        with _RENDER_LOCK:
            result = _render(text, page)
        if not result.errors:  # a page with an error is rendered (and fails) on every build
            disk.write_slot(SECTION, slot(page), wanted, "json", _encode(result), page.project)
        counted = "misses"
    _remember(key, result, counted)
    return result


def _remember(key: tuple[str, Page, str], result: PageResult, counted: str) -> None:
    """Keep `result` in the memo and count where it came from."""
    with _LOCK:
        _COUNTS[counted] += 1
        _PAGES[key] = result
        if len(_PAGES) > CACHE_SIZE:
            _PAGES.popitem(last=False)


def is_cached(text: str, page: Page) -> bool:
    """True when `rendered(text, page)` would come from the memo or the disk without rendering.

    A result read from the disk is put into the memo, so that `rendered` does not read it again.
    """
    key = (text, page, code_version())
    with _LOCK:
        if key in _PAGES:
            return True
    result = _decode(disk.read_slot(SECTION, slot(page), disk_key(text, page), "json", page.project), page)
    if result is not None:
        _remember(key, result, "disk_hits")
    return result is not None


def _render(text: str, page: Page) -> PageResult:
    from gradcore.pages.render import render_page  # here, not at the top: a build served from disk never imports it

    return render_page(text, page)


def _encode(result: PageResult) -> bytes:
    """An error-free result as JSON: its Markdown, its definitions' names, lines and data, its files."""
    definitions = [[d.name, d.line, d.data] for d in result.definitions]
    files = {path: base64.b64encode(data).decode("ascii") for path, data in result.figures.items()}
    return json.dumps({"markdown": result.markdown, "definitions": definitions, "files": files}).encode("ascii")


def _decode(stored: bytes | None, page: Page) -> PageResult | None:
    """The result `_encode` stored, for `page`; None for nothing stored or anything not of that shape.

    The cache's own checks (digest, owner) come first; names and paths are checked again here all the
    same, since they become file names in the site.
    """
    if stored is None:
        return None
    try:
        value = json.loads(stored)
        markdown, definitions, files = value["markdown"], value["definitions"], value["files"]
        if not (isinstance(markdown, str) and isinstance(definitions, list) and isinstance(files, dict)):
            return None
        kept = tuple(Definition(name, line, data) for name, line, data in definitions
                     if isinstance(name, str) and _valid_name(name) and isinstance(line, int)
                     and isinstance(data, dict))
        figures = {path: base64.b64decode(data, validate=True) for path, data in files.items()
                   if isinstance(path, str) and _inside_site(path) and isinstance(data, str)}
    except (ValueError, TypeError, KeyError, binascii.Error):
        return None
    if len(kept) != len(definitions) or len(figures) != len(files):
        return None
    return PageResult(page, markdown, kept, figures, ())


def cached_json(path: str, sources: list[Source], make: Callable[[], Any]) -> str:
    """`to_json(make())`, reused while `sources` are the same names, pages and example data.

    Args:
        path: The file's path in the site, e.g. "examples.json".
        sources: What the file describes.
        make: Builds the value to serialise (called only when something changed).
    """
    old = _JSON.get(path)
    if old is not None and old[0] == sources:
        return old[1]
    text = to_json(make())
    _JSON[path] = (list(sources), text)
    return text


def _valid_name(name: str) -> bool:
    """An example name as a definition may give it (it becomes the file name examples/NAME.json)."""
    return bool(NAME_RE.match(name)) and len(name) <= NAME_MAX


def _inside_site(path: str) -> bool:
    """A relative path that stays inside the site: no root, no `..`, no backslash."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and "\\" not in path and ".." not in parts


def cache_info() -> dict[str, int]:
    """Pages in the memo, and how many pages came from it, from the disk cache, or were rendered."""
    return {"size": len(_PAGES), **_COUNTS}


def clear_cache() -> None:
    """Forget every rendered page and JSON text kept in memory (the counts and the disk cache stay)."""
    with _LOCK:
        _PAGES.clear()
        _JSON.clear()
