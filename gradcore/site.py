"""One build of the site: pages rendered, then JSON, figures and MathJax written out.

This is what the MkDocs hook and the Markdown extension share besides the
page transform itself. It knows files and folders, not MkDocs.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

from gradcore.export import entry
from gradcore.figures import FigureSet
from gradcore.markers import FENCE_PREFIX, MARKER_PREFIX, restore_literals
from gradcore.page_cache import CachedRenderer, cached_json

MATHJAX_FILES = ("es5/tex-svg.js",)
MATHJAX_TARGET = "assets/mathjax"
# The hook ends every page it rendered with this line; the Markdown extension
# (gradcore.mdext) sees it, removes it and leaves the page alone, so no page is
# rendered twice. finish_html removes it when the extension is not configured.
RENDERED_MARK = "<!-- gradcore:rendered-by-hook -->"


def has_markers(markdown: str) -> bool:
    """A quick test that lets pages without markers skip the renderer."""
    return MARKER_PREFIX in markdown or FENCE_PREFIX in markdown or "[[!gc" in markdown


def prefix_for(url: str) -> str:
    """The relative path from a page URL (as MkDocs writes it) to the site root."""
    return "../" * url.count("/")


def mark_rendered(markdown: str) -> str:
    """The hook's output for a page: the rendered Markdown, then `RENDERED_MARK` on a line of its own."""
    return f"{markdown.rstrip()}\n\n{RENDERED_MARK}\n"


def finish_html(html: str) -> str:
    """Last pass over a page's HTML: show literal markers as written, drop the hook's mark."""
    return restore_literals(html).replace(RENDERED_MARK, "")


def static_files() -> list[tuple[str, str]]:
    """(path in the site, path on disk) of every MathJax file the pages load."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("MathJax is not installed: run `pip install -e .` (it brings django-static-mathjax)")
    root = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"
    return [(f"{MATHJAX_TARGET}/{name.split('/', 1)[1]}", str(root / name)) for name in MATHJAX_FILES]


@dataclass
class SiteBuild(CachedRenderer):
    """A SiteRenderer that also writes `examples.json`, one JSON per example and the figures.

    Unchanged pages come from `gradcore.page_cache`, so a rebuild renders only what changed.
    """

    figures: FigureSet = field(default_factory=FigureSet)

    def __post_init__(self) -> None:
        self.figure_markup = self.figures.markup

    def write_outputs(self, site_dir: str | os.PathLike) -> None:
        """Write the numbers of every example, and every figure the pages asked for, into the built site."""
        out = Path(site_dir)
        (out / "examples").mkdir(parents=True, exist_ok=True)
        sources = [(name, self.owners[name], self.examples[name]) for name in sorted(self.examples)]
        text = cached_json("examples.json", sources, lambda: {"examples": [entry(*s) for s in sources]})
        (out / "examples.json").write_text(text, encoding="utf-8")
        for source in sources:  # the JSON texts are reused while the examples are unchanged
            text = cached_json(f"examples/{source[0]}.json", [source], functools.partial(entry, *source))
            (out / "examples" / f"{source[0]}.json").write_text(text, encoding="utf-8")
        self.figures.write(out)
