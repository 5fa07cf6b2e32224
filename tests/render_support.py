"""Rendering a page in a test: the Markdown out, or the page's errors raised as one `PageFailedError`."""

from __future__ import annotations

from gradcore.engine.site import SiteBuild
from gradcore.pages.page import Page, error_lines
from gradcore.pages.render import render_page


class PageFailedError(Exception):
    """A page with errors; the message is one `file:line: ...` line per error."""


def render(text: str, page: str = "docs/p.md", prefix: str = "", *, inline: bool = False,
           build: SiteBuild | None = None) -> str:
    """`render_page(text, Page(page, prefix, inline))`, given to `build` if any; PageFailedError on errors."""
    result = render_page(text, Page(page, prefix, inline))
    errors = build.add(result) if build is not None else list(result.errors)
    if errors:
        raise PageFailedError(error_lines(page, errors))
    return result.markdown
