"""A Python-Markdown extension that fills gradcore markers, for engines that skip MkDocs hooks.

List it in `mkdocs.yml` under `markdown_extensions` as `gradcore.mdext`. The
MkDocs hook stays the main path; this is the same substitution behind a
second entry point, so that Zensical (which runs Markdown extensions but
ignores `hooks:`) and ProperDocs produce the same numbers from the same pages:

* a preprocessor hands the page to `SiteRenderer.render_page`, the very
  function the hook calls. It runs at priority 31.5: after
  `pymdownx.snippets` (32) has included its files, and before superfences'
  raw fences (31.05), whitespace normalisation (30), the fenced code
  blocks of `pymdownx.superfences` (25, which would hide the `gc:example`
  fences in stashed code) and `html_block` (20), so it sees the page
  much as the hook does;
* a postprocessor (priority 5, after the stashed HTML is back) calls
  `site.finish_html` and then refuses any page whose HTML still holds
  marker syntax (`gradcore.guard`): nothing unresolved ships silently.

Under MkDocs both entry points run. The hook goes first and ends each page
it rendered with `site.RENDERED_MARK`; the preprocessor removes that line and
leaves the page alone, so nothing is rendered twice.

The page's name and URL come from the engine: MkDocs and ProperDocs register
a `relpath` treeprocessor holding the page's file, Zensical a
`rendering_context` preprocessor holding the page. Without either (plain
Python-Markdown) a page is named by its first heading and a hash of its text,
and each conversion gets a fresh renderer (there is no site to share).

What differs from the hook: an extension has no end-of-build step, so it
writes no files. Each example's JSON is linked as a `data:` URI (there is no
site-wide `examples.json`) and figures are inlined as SVG `data:` URIs.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from gradcore import site
from gradcore.guard import find_unresolved
from gradcore.mdext_output import embed_data_links, inline_figure
from gradcore.render import SiteRenderer

__all__ = ["GradcoreExtension", "GradcoreMarkdownError", "PageLocation", "makeExtension", "reset"]

PRE_PRIORITY = 31.5
POST_PRIORITY = 5
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
_LOCK = threading.Lock()  # an engine may convert pages from several threads
_SITE = SiteRenderer(figure_markup=inline_figure)  # shared by every page of an engine's build


class GradcoreMarkdownError(ValueError):
    """A page the extension cannot render, or whose HTML still holds marker syntax."""


@dataclass(frozen=True)
class PageLocation:
    """Which page is being converted.

    Attributes:
        name: How errors name the page, e.g. `docs/part-2-vector.md`.
        prefix: The relative path from the page to the site root, e.g. `../`.
        in_site: True when an engine named the page, so it shares the site's example names.
    """

    name: str
    prefix: str
    in_site: bool

    @classmethod
    def of(cls, md: Markdown, text: str) -> PageLocation:
        """Ask the engine through `md`; fall back to the first heading and a hash of `text`."""
        relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401 - a Registry has no get
        if relpath is not None and hasattr(relpath, "file"):  # MkDocs, ProperDocs
            return cls("docs/" + relpath.file.src_uri, site.prefix_for(relpath.file.url), True)
        context = (md.preprocessors["rendering_context"]  # noqa: SIM401 - a Registry has no get
                   if "rendering_context" in md.preprocessors else None)
        if context is not None and hasattr(context, "page"):  # Zensical
            return cls("docs/" + context.page.path, site.prefix_for(context.page.url), True)
        heading = _HEADING.search(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        title = f"page {heading['title']!r}" if heading else "untitled page"
        return cls(f"{title} (sha256 {digest})", "", False)


def reset() -> None:
    """Forget every example of the shared renderer (a new build in the same process)."""
    with _LOCK:
        _SITE.owners.clear()
        _SITE.examples.clear()


class MarkerPreprocessor(Preprocessor):
    """Replace every marker of the page with numbers, unless the MkDocs hook already did."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if text.rstrip().endswith(site.RENDERED_MARK):
            return text.rstrip()[:-len(site.RENDERED_MARK)].rstrip().split("\n")
        if not site.has_markers(text):
            return lines
        where = PageLocation.of(self.md, text)
        renderer = _SITE if where.in_site else SiteRenderer(figure_markup=inline_figure)
        with _LOCK:
            try:
                rendered = renderer.render_page(text.replace("\r\n", "\n"), where.name, where.prefix)
            except ValueError as error:
                raise GradcoreMarkdownError(f"gradcore could not render {where.name}:\n{error}") from None
            rendered = embed_data_links(rendered, renderer, where.name)
        return rendered.split("\n")


class FinishPostprocessor(Postprocessor):
    """Show literal markers as written; fail if any marker syntax is left in the HTML."""

    def run(self, text: str) -> str:
        html = site.finish_html(text)
        left = find_unresolved(html)
        if left:
            found = "; ".join(f"{item.text!r} (line {item.line} of its HTML)" for item in left[:5])
            page = PageLocation.of(self.md, text).name
            raise GradcoreMarkdownError(f"{page}: unresolved gradcore syntax reached the HTML: {found}. "
                                        "Every [[gc ...]] marker and gc:example fence must be resolved by gradcore; "
                                        "write [[!gc ...]] or !gc:example to show the syntax literally")
        return html


class GradcoreExtension(Extension):
    """Registers the gradcore preprocessor and postprocessor on a Markdown instance."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register both processors at the priorities explained in the module docstring."""
        md.preprocessors.register(MarkerPreprocessor(md), "gradcore", PRE_PRIORITY)
        md.postprocessors.register(FinishPostprocessor(md), "gradcore_finish", POST_PRIORITY)


def makeExtension(**kwargs: Any) -> GradcoreExtension:  # noqa: N802 (Python-Markdown's name)
    """Python-Markdown's entry point for `gradcore.mdext`."""
    return GradcoreExtension(**kwargs)
