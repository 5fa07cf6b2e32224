"""The Python-Markdown extension that fills gradcore markers: the one path for every engine.

List it in `mkdocs.yml` under `markdown_extensions` as `gradcore.engine.mdext`.
MkDocs, ProperDocs and Zensical all run it, and it does all of the page
work, as markdown-exec does:

* a preprocessor hands the page to `render_page` (through
  `gradcore.engine.page_cache`) and gives the result to the build, which
  checks example names across pages. It runs at priority 31.5: after
  `pymdownx.snippets` (32) has included its files, and before superfences'
  raw fences (31.05), whitespace normalisation (30), the fenced code blocks
  of `pymdownx.superfences` (25, which would hide the `gc:example` fences in
  stashed code) and `html_block` (20);
* a postprocessor (priority 5, after the stashed HTML is back) shows
  literal markers as written, puts each table in its scroll box
  (`gradcore.markup.tables`), and refuses any page whose HTML still holds
  marker syntax: nothing unresolved ships silently.

Under MkDocs and ProperDocs the hook gives the extension its build (the
`build` option, once) and names each page in it before MkDocs converts the
page; the hook reports the errors and writes the files. Without a hook
(Zensical, plain Python-Markdown) the extension uses a build of its own,
raises errors itself and puts each example's JSON and each figure inside
the page as `data:` URIs; Zensical names the page through its
`rendering_context` preprocessor (`gradcore.engine.zensical`). Otherwise a
page is named by its first heading and a hash of its text.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from gradcore.engine.guard import find_unresolved, metadata_problems
from gradcore.engine.page_cache import rendered
from gradcore.engine.site import PageSource, SiteBuild, has_markers, prefix_for
from gradcore.markup.markers import restore_literals
from gradcore.markup.tables import wrap_tables
from gradcore.markup.typography import keep_punctuation_with_math
from gradcore.pages.page import Page, error_lines

__all__ = ["STANDALONE", "GradcoreExtension", "GradcoreMarkdownError", "makeExtension"]

PRE_PRIORITY = 31.5
POST_PRIORITY = 5
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
STANDALONE = SiteBuild()
"""The extension's own build, for the pages an engine converts without a hook (Zensical)."""


try:  # MkDocs reports a PluginError as a build error, without a traceback
    from mkdocs.exceptions import PluginError as _BuildError
except ImportError:  # pragma: no cover - an engine without MkDocs installed
    _BuildError = Exception  # type: ignore[assignment,misc]


class GradcoreMarkdownError(_BuildError, ValueError):
    """A page the extension cannot render, or whose HTML still holds marker syntax."""


def page_source(md: Markdown, text: str, build: SiteBuild | None) -> PageSource:
    """The page being converted: as the hook named it, else as Zensical does, else by its heading and a hash."""
    if build is not None and build.page is not None:  # MkDocs, ProperDocs
        return build.page
    if "rendering_context" in md.preprocessors and hasattr(md.preprocessors["rendering_context"], "page"):
        context = md.preprocessors["rendering_context"]  # Zensical
        config = getattr(context, "config", None) or {}
        folder = PurePosixPath(config.get("docs_dir") or "docs")
        root = str(config.get("root_dir") or "")
        source = Path(root or ".") / folder / context.page.path
        return PageSource(f"{folder}/{context.page.path}", context.page.url, source, root,
                          getattr(context.page, "meta", None))
    heading = _HEADING.search(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    title = f"page {heading['title']!r}" if heading else "untitled page"
    return PageSource(f"{title} (sha256 {digest})", "", None)


class MarkerPreprocessor(Preprocessor):
    """Replace every marker of the page with numbers; give the result to the build."""

    def __init__(self, md: Markdown, build: SiteBuild | None) -> None:
        super().__init__(md)
        self.hooked = build is not None  # a hook reports the errors and writes the files
        self.build = build or STANDALONE
        self.source = PageSource("untitled page", "", None)
        self.failed = False

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        self.source = source = page_source(self.md, text, self.build if self.hooked else None)
        self.failed = False
        if not self.hooked:
            from gradcore.engine import zensical  # only where no hook runs: the MkDocs path never loads it

            config = zensical.config_of(self.md.preprocessors)
            self._refuse(zensical.site_problems(self.build, config) if config is not None else [])
        self._refuse(_front_matter_problems(source))
        if not has_markers(text):
            return lines
        page = Page(source.name, prefix_for(source.url), inline=not self.hooked,
                    project=self.build.project or source.project)
        result = rendered(text.replace("\r\n", "\n"), page)
        # Pages an engine names share the names of one site; a plain conversion is a site of its own.
        build = self.build if self.hooked or source.path is not None else SiteBuild()
        errors = build.add(result, source.path)
        self.failed = bool(errors)  # the page's own errors are reported; its leftovers need no second message
        if errors and not self.hooked:
            self._fail(f"gradcore could not render {page.name}:\n{error_lines(page.name, errors)}")
        return result.markdown.split("\n")

    def _refuse(self, problems: list[str]) -> None:
        """Report marker syntax found where it cannot be filled in (titles, front matter)."""
        if problems:
            message = "gradcore found marker syntax where it cannot be filled in:\n" + "\n".join(problems[:10])
            if self.hooked:
                self.build.report(message)
            else:
                self._fail(message)

    def _fail(self, message: str) -> NoReturn:
        """Stop the conversion; without a hook to report it, the message must reach the author on its own."""
        from gradcore.engine import zensical

        zensical.print_author_errors(self.build, message)
        raise GradcoreMarkdownError(message)


def _front_matter_problems(source: PageSource) -> list[str]:
    """Marker syntax in the page's front matter (never filled in), when the engine shows the front matter."""
    if not source.meta:
        return []
    try:
        written = source.path.read_text(encoding="utf-8") if source.path is not None else ""
    except (OSError, UnicodeDecodeError):
        written = ""
    return metadata_problems(source.meta, written, source.name)


class FinishPostprocessor(Postprocessor):
    """Show literal markers as written, keep punctuation with inline math, box the tables; fail on markers left."""

    def __init__(self, md: Markdown, pre: MarkerPreprocessor) -> None:
        super().__init__(md)
        self.pre = pre

    def run(self, text: str) -> str:
        html = wrap_tables(keep_punctuation_with_math(restore_literals(text)))
        left = find_unresolved(html)
        if left and not self.pre.failed:
            found = "; ".join(f"{item.text!r} (line {item.line} of its HTML)" for item in left[:5])
            message = (f"{self.pre.source.name}: unresolved gradcore syntax reached the HTML: {found}. "
                       "Every [[gc ...]] marker and gc:example fence must be resolved by gradcore; "
                       "write [[!gc ...]] or !gc:example to show the syntax literally")
            if not self.pre.hooked:
                self.pre._fail(message)
            self.pre.build.report(message)
        return html


class GradcoreExtension(Extension):
    """Registers the gradcore preprocessor and postprocessor on a Markdown instance.

    Args:
        build: The build that collects the pages, given once by the MkDocs hook; without one, the
            extension uses its own (`STANDALONE`) and reports errors by raising.
    """

    def __init__(self, build: SiteBuild | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.build = build

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register both processors at the priorities explained in the module docstring."""
        pre = MarkerPreprocessor(md, self.build)
        md.preprocessors.register(pre, "gradcore", PRE_PRIORITY)
        md.postprocessors.register(FinishPostprocessor(md, pre), "gradcore_finish", POST_PRIORITY)


def makeExtension(**kwargs: Any) -> GradcoreExtension:  # noqa: N802 (Python-Markdown's name)
    """Python-Markdown's entry point for `gradcore.engine.mdext`."""
    return GradcoreExtension(**kwargs)
