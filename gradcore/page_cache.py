"""Rendered pages kept between builds, so a rebuild only renders the pages that changed.

`mkdocs serve` rebuilds the whole site after every save. The example cache
(`gradcore.worked`) already spares the numbers; this cache spares the rest
of the hook's work on an unchanged page: reading the definitions, finding
the markers and writing every value and block again.

A page's output depends only on its own text (a page may use only the
examples it defines), its path and its URL prefix, so those are the key.
Errors are never cached: a page that fails is rendered, and fails, every
time. On a hit the renderer still registers the page's examples (a name
taken meanwhile by another page sends the page through a full render, which
reports the duplicate) and asks again for the page's figures, so that the
build writes them; a figure comes from the figure cache, so nothing is drawn.
The JSON files written at the end of a build are kept the same way
(`cached_json`), keyed by the very example objects they describe.
Like the example cache, both live as long as the process: restart
`mkdocs serve` after changing gradcore itself.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gradcore.export import to_json
from gradcore.markers import Marker
from gradcore.render import Example, SiteRenderer

CACHE_SIZE = 4096  # pages; one entry per page and figure renderer


@dataclass(frozen=True)
class RenderedPage:
    """One page as rendered: its key, output, examples and figure requests."""

    prefix: str
    text: str
    output: str
    examples: dict[str, Example]
    figures: tuple[tuple[Example, Marker], ...]


Source = tuple[str, str, Example]  # example name, page, example
_PAGES: OrderedDict[tuple[str, str], RenderedPage] = OrderedDict()
_JSON: dict[str, tuple[list[Source], str]] = {}
_COUNTS = {"hits": 0, "misses": 0}


class CachedRenderer(SiteRenderer):
    """A SiteRenderer whose `render_page` reuses the last output of an unchanged page."""

    def render_page(self, text: str, page: str, prefix: str = "") -> str:
        """Like `SiteRenderer.render_page`, from the cache when page, prefix and text are unchanged."""
        key = (_renderer_name(self.figure_markup), page)
        hit = _PAGES.get(key)
        if hit is not None and hit.text == text and hit.prefix == prefix and self._replay(hit, page):
            _PAGES.move_to_end(key)
            _COUNTS["hits"] += 1
            return hit.output
        _COUNTS["misses"] += 1
        requests: list[tuple[Example, Marker]] = []
        markup = self.figure_markup
        if markup is not None:
            def recording(example: Example, marker: Marker, pre: str) -> str:
                requests.append((example, marker))
                return markup(example, marker, pre)
            self.figure_markup = recording
        try:
            output = super().render_page(text, page, prefix)
        finally:
            self.figure_markup = markup
        examples = {name: self.examples[name] for name, owner in self.owners.items() if owner == page}
        _PAGES[key] = RenderedPage(prefix, text, output, examples, tuple(requests))
        _PAGES.move_to_end(key)
        if len(_PAGES) > CACHE_SIZE:
            _PAGES.popitem(last=False)
        return output

    def _replay(self, hit: RenderedPage, page: str) -> bool:
        """Register the page's examples and figures as a render would; False on a name clash."""
        if any(self.owners.get(name, page) != page for name in hit.examples):
            return False
        self._forget_page(page)
        for name, example in hit.examples.items():
            self.owners[name], self.examples[name] = page, example
        for example, marker in hit.figures:
            if self.figure_markup is not None:
                self.figure_markup(example, marker, hit.prefix)
        return True


def _renderer_name(markup: object) -> str:
    """Which figure renderer made a page (figures as files or inline differ in output)."""
    return getattr(markup, "__qualname__", type(markup).__qualname__)


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
    _PAGES.clear()
    _JSON.clear()
