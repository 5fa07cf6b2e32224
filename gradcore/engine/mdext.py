"""The Python-Markdown extension that fills gradcore markers: the one path for every engine.

List it in `mkdocs.yml` under `markdown_extensions` as `gradcore.engine.mdext`.
MkDocs, ProperDocs and Zensical all run it, and it does all of the page
work, as markdown-exec does:

* a preprocessor hands the page to `render_page` (through the memo of
  `gradcore.engine.page_cache`) and gives the result to a `SiteBuild`, which checks
  example names across pages. It runs at priority 31.5: after
  `pymdownx.snippets` (32) has included its files, and before superfences'
  raw fences (31.05), whitespace normalisation (30), the fenced code
  blocks of `pymdownx.superfences` (25, which would hide the `gc:example`
  fences in stashed code) and `html_block` (20);
* a postprocessor (priority 5, after the stashed HTML is back) shows
  literal markers as written and refuses any page whose HTML still holds
  marker syntax (`gradcore.engine.guard`): nothing unresolved ships silently.

The MkDocs hook (`hooks/gradcore_hook.py`) only adds what a Markdown
extension cannot: it passes its `SiteBuild` in as the `build` option, then
reports the build's errors as MkDocs build errors and writes the JSON and
figure files. Without a hook (Zensical, plain Python-Markdown) the
extension keeps one build for the process, raises errors itself (printed
without tracebacks if they end the process: `gradcore.engine.uncaught`), and puts
each example's JSON and each figure inside the page as `data:` URIs. Under
Zensical it also makes the hook's whole-site checks (`gradcore.engine.zensical_site`).

The page's name, URL and front matter come from the engine, through public
routes only: the MkDocs hook gives them as the `page` option (a `PageSource`,
set in `config.mdx_configs` for each page before MkDocs makes the page's
Markdown instance), and Zensical through its `rendering_context`
preprocessor, along with its config (and so its `docs_dir`). Without either
(plain Python-Markdown, or MkDocs with the hook taken out) a page is named by
its first heading and a hash of its text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from gradcore.engine import uncaught, zensical_site
from gradcore.engine.guard import find_unresolved, metadata_problems
from gradcore.engine.page_cache import rendered
from gradcore.engine.site import SiteBuild, has_markers, prefix_for
from gradcore.markup.markers import restore_literals
from gradcore.markup.typography import keep_punctuation_with_math
from gradcore.pages.page import Page, error_lines

__all__ = ["GradcoreExtension", "GradcoreMarkdownError", "PageSource", "makeExtension", "reset"]

PRE_PRIORITY = 31.5
POST_PRIORITY = 5
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
_STANDALONE = SiteBuild()  # the build of every page converted without a hook's build


try:  # MkDocs reports a PluginError as a build error, without a traceback
    from mkdocs.exceptions import PluginError as _BuildError
except ImportError:  # pragma: no cover - an engine without MkDocs installed
    _BuildError = Exception  # type: ignore[assignment,misc]


class GradcoreMarkdownError(_BuildError, ValueError):
    """A page the extension cannot render, or whose HTML still holds marker syntax."""


@dataclass(frozen=True)
class PageSource:
    """Which page is being converted, as the engine tells it.

    Attributes:
        name: How errors name the page: the docs folder's name and the page's path in it, e.g. `docs/part-2.md`.
        url: The page's URL relative to the site root, e.g. `sub/page.html`.
        path: The source file, when the engine names one.
        project: The project's folder ("" when unknown: the working folder).
    """

    name: str
    url: str
    path: Path | None
    project: str = ""
    meta: Any = None  # the front matter, when the engine parsed it off the page

    @classmethod
    def of(cls, md: Markdown, text: str, given: PageSource | None = None) -> PageSource:
        """The page `given` by the hook, else Zensical's; else named by the first heading and a hash of `text`."""
        if given is not None:  # MkDocs, ProperDocs
            return given
        if "rendering_context" in md.preprocessors and hasattr(md.preprocessors["rendering_context"], "page"):
            context = md.preprocessors["rendering_context"]  # Zensical
            config = getattr(context, "config", None) or {}
            folder = PurePosixPath(config.get("docs_dir") or "docs")
            root = str(config.get("root_dir") or "")
            source = Path(root or ".") / folder / context.page.path
            meta = getattr(context.page, "meta", None)
            return cls(f"{folder}/{context.page.path}", context.page.url, source, root, meta)
        heading = _HEADING.search(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        title = f"page {heading['title']!r}" if heading else "untitled page"
        return cls(f"{title} (sha256 {digest})", "", None)


def reset() -> None:
    """Forget every page of the build kept without a hook (a new build in the same process)."""
    _STANDALONE.start()


class MarkerPreprocessor(Preprocessor):
    """Replace every marker of the page with numbers; give the result to the build."""

    def __init__(self, md: Markdown, build: SiteBuild | None, page: PageSource | None) -> None:
        super().__init__(md)
        self.build, self.page = build, page
        self.text = ""  # the page's Markdown, kept so that the postprocessor can name the page
        self.failed = False

    def run(self, lines: list[str]) -> list[str]:
        self.text = text = "\n".join(lines)
        self.failed = False
        self._check_site(text)
        self._check_front_matter(text)
        if not has_markers(text):
            return lines
        source = PageSource.of(self.md, text, self.page)
        project = self.build.project if self.build is not None and self.build.project else source.project
        page = Page(source.name, prefix_for(source.url), inline=self.build is None, project=project)
        result = rendered(text.replace("\r\n", "\n"), page)
        # Pages an engine names share the names of one site; a plain conversion is a site of its own.
        build = self.build or (_STANDALONE if source.path is not None else SiteBuild())
        errors = build.add(result, source.path)
        self.failed = bool(errors)  # the page's own errors are reported; its leftovers need no second message
        if errors and self.build is None:
            _fail(f"gradcore could not render {page.name}:\n{error_lines(page.name, errors)}")
        return result.markdown.split("\n")


    def _check_site(self, text: str) -> None:
        """Under Zensical, which runs no hook: the site's titles, and the built site at exit (`zensical_site`)."""
        registered = "rendering_context" in self.md.preprocessors  # a Registry has no .get()
        config = getattr(self.md.preprocessors["rendering_context"], "config", None) if registered else None
        if self.build is None and isinstance(config, dict):
            problems = zensical_site.site_problems(config)
            if problems:
                _fail("gradcore found marker syntax where it cannot be filled in:\n" + "\n".join(problems[:10]))

    def _check_front_matter(self, text: str) -> None:
        """Refuse marker syntax in the page's front matter (never filled in), when the engine shows it."""
        source = PageSource.of(self.md, text, self.page)
        if not source.meta:
            return
        try:
            written = source.path.read_text(encoding="utf-8") if source.path is not None else ""
        except (OSError, UnicodeDecodeError):
            written = ""
        problems = metadata_problems(source.meta, written, source.name)
        if not problems:
            return
        message = "gradcore found marker syntax where it cannot be filled in:\n" + "\n".join(problems[:10])
        if self.build is None:
            _fail(message)
        self.build.report(message)


def _fail(message: str) -> NoReturn:
    """Stop the conversion; without a hook to report it, the message must reach the author on its own."""
    uncaught.remember(message)  # Zensical lets the error escape: print it without tracebacks
    raise GradcoreMarkdownError(message)


class FinishPostprocessor(Postprocessor):
    """Show literal markers as written, keep punctuation with inline math; fail if marker syntax is left."""

    def __init__(self, md: Markdown, build: SiteBuild | None, pre: MarkerPreprocessor) -> None:
        super().__init__(md)
        self.build, self.pre = build, pre

    def run(self, text: str) -> str:
        html = keep_punctuation_with_math(restore_literals(text))
        left = find_unresolved(html)
        if left and not self.pre.failed:
            found = "; ".join(f"{item.text!r} (line {item.line} of its HTML)" for item in left[:5])
            page = PageSource.of(self.md, self.pre.text, self.pre.page).name
            message = (f"{page}: unresolved gradcore syntax reached the HTML: {found}. "
                       "Every [[gc ...]] marker and gc:example fence must be resolved by gradcore; "
                       "write [[!gc ...]] or !gc:example to show the syntax literally")
            if self.build is None:
                _fail(message)
            self.build.report(message)
        return html


class GradcoreExtension(Extension):
    """Registers the gradcore preprocessor and postprocessor on a Markdown instance.

    Args:
        build: The `SiteBuild` that collects the pages (given by the MkDocs hook); without one,
            the extension uses a build of its own and reports errors by raising.
        page: The page being converted (given by the MkDocs hook for each page).
    """

    def __init__(self, build: SiteBuild | None = None, page: PageSource | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.build, self.page = build, page

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register both processors at the priorities explained in the module docstring."""
        pre = MarkerPreprocessor(md, self.build, self.page)
        md.preprocessors.register(pre, "gradcore", PRE_PRIORITY)
        md.postprocessors.register(FinishPostprocessor(md, self.build, pre), "gradcore_finish", POST_PRIORITY)


def makeExtension(**kwargs: Any) -> GradcoreExtension:  # noqa: N802 (Python-Markdown's name)
    """Python-Markdown's entry point for `gradcore.engine.mdext`."""
    return GradcoreExtension(**kwargs)

