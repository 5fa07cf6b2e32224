"""MkDocs glue: hand every page to gradcore and write what it computed into the site.

All parsing, computing and rendering lives in `gradcore`; this file only
connects MkDocs events to it and turns gradcore's errors into build errors.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from gradcore import site

_renderer = site.SiteBuild()


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _renderer
    _renderer = site.SiteBuild()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for src_uri, abs_path in site.static_files():
        files.append(File.generated(config, src_uri, abs_src_path=abs_path))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not site.has_markers(markdown):
        return None
    try:
        rendered = _renderer.render_page(markdown, "docs/" + page.file.src_uri, site.prefix_for(page.url))
    except ValueError as error:
        raise PluginError(f"gradcore could not render {page.file.src_uri}:\n{error}") from None
    return site.mark_rendered(rendered)  # tells gradcore.mdext that this page is done


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return site.finish_html(html)


def on_post_build(*, config: MkDocsConfig) -> None:
    _renderer.write_outputs(config.site_dir)

