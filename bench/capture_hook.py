"""A hook for the benchmark only: save each page's Markdown as gradcore turns it into numbers.

Listed after the project's hook (and run last), it writes every page, with
its markers replaced by numbers as `gradcore.pages.render.render_page` does for
the Markdown extension, below the folder named in the config's
`extra.gradcore_bench_capture`. Those files are the pages of the no-gradcore
baseline: MkDocs then processes the same text without gradcore.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from gradcore.engine import site
from gradcore.markup.markers import LITERAL_TOKENS
from gradcore.pages import render

CAPTURE_KEY = "gradcore_bench_capture"


@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    folder = config.extra.get(CAPTURE_KEY)
    if not folder:
        return
    if site.has_markers(markdown):
        markdown = render.render_page(markdown, render.Page(page.file.src_uri, site.prefix_for(page.url))).markdown
    for token, entity in LITERAL_TOKENS.values():
        markdown = markdown.replace(token, html.unescape(entity))  # as readers see it; inert without the hook
    front = f"---\n{yaml.safe_dump(page.meta, sort_keys=False)}---\n\n" if page.meta else ""
    target = Path(folder) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + markdown, encoding="utf-8")
