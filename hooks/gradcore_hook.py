"""MkDocs glue: hand every page to gradcore and write what it computed into the site.

All parsing, computing and rendering lives in `gradcore`; this file only
connects MkDocs events to it and turns gradcore's errors into build errors.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from gradcore import guard, site

_renderer: site.SiteBuild | None = None


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _renderer
    _renderer = site.SiteBuild()
    _refuse(site.title_problems(config, config.config_file_path))


def _refuse(problems: list[str]) -> None:
    if problems:
        raise PluginError("gradcore found marker syntax where it cannot be filled in:\n" + "\n".join(problems[:10]))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for src_uri, abs_path in site.static_files():
        files.append(File.generated(config, src_uri, abs_src_path=abs_path))
    # Where every example is defined, so that a page using another page's example is told where it is.
    _renderer.declared = site.declared_examples(
        {"docs/" + f.src_uri: f.content_string for f in files.documentation_pages()})
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.meta:  # front matter is never filled in: refuse marker syntax there
        _refuse(guard.metadata_problems(page.meta, page.file.content_string, "docs/" + page.file.src_uri))
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
    # Whatever the path, no output file may hold marker syntax: fail the build, not only the guard step.
    _refuse([str(item) for item in guard.scan_site(config.site_dir)])

