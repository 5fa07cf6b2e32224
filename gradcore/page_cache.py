"""Rendered pages and JSON texts kept between builds, so a rebuild only redoes what changed.

`mkdocs serve` rebuilds the whole site after every save. `render_page` is a
pure function of the page's text and its `Page` (name, prefix, inline), so
its result can be reused as long as those and gradcore's own code are
unchanged: `rendered` is that memo. The example cache (`gradcore.worked`)
spares the numbers of a page that did change; the figure cache spares the
drawing. The JSON files written at the end of a build are kept the same way
(`cached_json`), keyed by the very example objects they describe. Both
caches live as long as the process.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gradcore.export import to_json
from gradcore.render import Example, Page, PageResult, render_page

CACHE_SIZE = 4096  # pages

Source = tuple[str, str, Example]  # example name, page, example
_PAGES: OrderedDict[tuple[str, Page, str], PageResult] = OrderedDict()
_JSON: dict[str, tuple[list[Source], str]] = {}
_COUNTS = {"hits": 0, "misses": 0}
_LOCK = threading.Lock()  # an engine may convert pages from several threads
# One page at a time: the example and figure caches underneath are not built for threads.
_RENDER_LOCK = threading.Lock()


@functools.cache
def code_version() -> str:
    """A digest of gradcore's source files, read once per process: part of every page's key."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def rendered(text: str, page: Page) -> PageResult:
    """`render_page(text, page)`, from the memo when the same text was rendered for the same page."""
    key = (text, page, code_version())
    with _LOCK:
        hit = _PAGES.get(key)
        if hit is not None:
            _PAGES.move_to_end(key)
            _COUNTS["hits"] += 1
            return hit
    with _RENDER_LOCK:
        result = render_page(text, page)
    with _LOCK:
        _COUNTS["misses"] += 1
        _PAGES[key] = result
        if len(_PAGES) > CACHE_SIZE:
            _PAGES.popitem(last=False)
    return result


def cached_json(path: str, sources: list[Source], make: Callable[[], Any]) -> str:
    """`to_json(make())`, reused while `sources` are the same names, pages and example objects.

    Args:
        path: The file's path in the site, e.g. "examples.json".
        sources: What the file describes.
        make: Builds the value to serialise (called only when something changed).
    """
    old = _JSON.get(path)
    if old is not None and len(old[0]) == len(sources) and all(
            a[0] == b[0] and a[1] == b[1] and a[2] is b[2] for a, b in zip(old[0], sources)):
        return old[1]
    text = to_json(make())
    _JSON[path] = (list(sources), text)
    return text


def cache_info() -> dict[str, int]:
    """Pages cached, and how many renders were served from the cache or done afresh."""
    return {"size": len(_PAGES), **_COUNTS}


def clear_cache() -> None:
    """Forget every rendered page and JSON text (the counts stay)."""
    with _LOCK:
        _PAGES.clear()
        _JSON.clear()
