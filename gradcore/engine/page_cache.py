"""Rendered pages kept between builds: a page is rendered again only when something it depends on changed.

`render_page` is a pure function of the page's text and its `Page`, and of
gradcore's code and the libraries it uses. So its result is kept in memory
for the process (`mkdocs serve` rebuilds the whole site after each save) and,
when the page has no error, on disk in the `pages` section of gradcore's
cache, under the key of the page's text and `Page` (the cache's key rule adds
the code version). A build whose pages are all unchanged renders none of
them, and so imports neither numpy nor the code that computes, checks and
draws. A page with an error is rendered, and fails, on every build until it
is fixed.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from pathlib import PurePosixPath

from gradcore import cache
from gradcore.markup.markers import NAME_MAX, NAME_RE
from gradcore.pages.page import Definition, Page, PageResult

SECTION = "pages"
MEMORY_PAGES = 1024


def page_key(text: str, page: Page) -> str:
    """The cache key of a page's result: its text, name, prefix and output mode (and the code version)."""
    return cache.key(SECTION, [page.name, page.prefix, page.inline, text])


@functools.lru_cache(maxsize=MEMORY_PAGES)
def rendered(text: str, page: Page) -> PageResult:
    """`render_page(text, page)`, read back from the disk cache when it holds the page's result."""
    key = page_key(text, page)
    result = _decode(cache.read(SECTION, key, page.project), page)
    if result is None:
        from gradcore.pages.render import render_page  # here: a build served from the cache never imports it

        result = render_page(text, page)
        if not result.errors:
            cache.write(SECTION, key, _encode(result), page.project)
    return result


def _encode(result: PageResult) -> bytes:
    """An error-free result as JSON: its Markdown, its definitions' names, lines and data, its files, its check line."""
    definitions = [[d.name, d.line, d.data] for d in result.definitions]
    files = {path: base64.b64encode(data).decode("ascii") for path, data in result.figures.items()}
    return json.dumps({"markdown": result.markdown, "definitions": definitions, "files": files,
                       "checked": result.checked, "counts": result.counts}).encode("ascii")


def _decode(stored: bytes | None, page: Page) -> PageResult | None:
    """The result `_encode` stored, for `page`; None for nothing stored or anything not of that shape.

    The cache's own checks (digest, owner) come first; names and paths are checked again here all the
    same, since they become file names in the site.
    """
    if stored is None:
        return None
    try:
        value = json.loads(stored)
        markdown, definitions, files, checked = (value[key] for key in ("markdown", "definitions", "files", "checked"))
        if not (isinstance(markdown, str) and isinstance(definitions, list) and isinstance(files, dict)
                and isinstance(checked, str)):
            return None
        counts = tuple((str(heading), int(number)) for heading, number in value["counts"])
        kept = tuple(Definition(name, line, data) for name, line, data in definitions
                     if isinstance(name, str) and _valid_name(name) and isinstance(line, int)
                     and isinstance(data, dict))
        figures = {path: base64.b64decode(data, validate=True) for path, data in files.items()
                   if isinstance(path, str) and _inside_site(path) and isinstance(data, str)}
    except (ValueError, TypeError, KeyError, binascii.Error):
        return None
    if len(kept) != len(definitions) or len(figures) != len(files):
        return None
    return PageResult(page, markdown, kept, figures, (), checked, counts)


def _valid_name(name: str) -> bool:
    """An example name as a definition may give it (it becomes the file name examples/NAME.json)."""
    return bool(NAME_RE.match(name)) and len(name) <= NAME_MAX


def _inside_site(path: str) -> bool:
    """A relative path that stays inside the site: no root, no `..`, no backslash."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and "\\" not in path and ".." not in parts
