"""MkDocs glue: add the files a Markdown extension cannot, and turn gradcore's errors into build errors.

The page work is done by the Markdown extension `gradcore.engine.mdext`, under
every engine. This hook gives it a `SiteBuild` to collect the pages into,
tells it which page it converts (public `mdx_configs`, before each page),
adds MathJax to the site, stops the build on any page with an error, and
writes the examples' JSON and the figures once every page is built. When
MkDocs is done (after `mkdocs build`, or when `mkdocs serve` stops) it drops
the disk-cache entries no build has used for a month. When pages are
missing from gradcore's disk cache, it has a second process render them
meanwhile (`gradcore.engine.prefetch`), and stops that process when the build ends.
After the search plugin has read a page, it draws the page's math as SVG
(`gradcore.engine.mathsvg`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from gradcore import cache
from gradcore.core import limits
from gradcore.engine import guard, mathsvg, mdext, prefetch, site
from gradcore.pages.page import Page as GradcorePage

EXTENSION = "gradcore.engine.mdext"
_build = site.SiteBuild()
_helper: list[subprocess.Popen[bytes] | None] = []  # this build's second process, if one runs
# Output files found clean (path -> digest of their bytes), kept between rebuilds under `mkdocs serve` (else None).
_clean_outputs: list[dict[str, bytes] | None] = [None]


def on_startup(*, command: str, dirty: bool) -> None:
    # Only a server builds again in this process; a one-off build need not keep drawn math in memory.
    mathsvg.keep_in_memory(command == "serve")
    _clean_outputs[0] = {} if command == "serve" else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/gradcore_hook.py needs `{EXTENSION}` under markdown_extensions in mkdocs.yml: "
                          "the extension fills the markers, the hook writes the files")
    _build.project = os.path.dirname(os.path.abspath(config.config_file_path))
    config.mdx_configs.setdefault(EXTENSION, {})["build"] = _build
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    _build.start()
    _refuse(site.title_problems(config, config.config_file_path))  # titles are never filled in


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for src_uri, abs_path in site.static_files():
        files.append(File.generated(config, src_uri, abs_src_path=abs_path))
    # Where every example is defined, so that a page using another page's example is told where it is.
    pages = {f"{os.path.basename(config.docs_dir)}/{f.src_uri}": f for f in files.documentation_pages()}
    sources = {name: f.content_string for name, f in pages.items()}
    _build.declared = site.declared_examples(sources)
    # Pages not in the cache are also rendered in a second process, last first (gradcore.engine.prefetch),
    # from the text MkDocs will hand the extension: without front matter, with plain line ends.
    texts = [(get_data(source)[0].replace("\r\n", "\n"),
              GradcorePage(name, site.prefix_for(pages[name].url), project=_build.project))
             for name, source in sources.items() if site.has_markers(source)]
    missing = prefetch.missing(texts)
    if missing:  # their numbers are new, so is some of their math: V8 and MathJax load meanwhile, on a second core
        mathsvg.start_early()
    _stop_helper()
    _helper.append(prefetch.start(missing))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Which page the extension converts next: MkDocs makes each page's Markdown instance from mdx_configs.
    config.mdx_configs[EXTENSION]["page"] = mdext.PageSource(
        f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}", page.file.url,
        Path(page.file.abs_src_path) if page.file.abs_src_path else None, _build.project, page.meta)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    errors = _build.take_errors()
    if errors:
        raise PluginError(f"gradcore could not render {page.file.src_uri}:\n" + "\n".join(errors))
    # The page's math is drawn in the background while MkDocs converts the next pages; on_post_page takes it.
    mathsvg.draw_ahead(html, _build.project)
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # Here, not in the Markdown extension: the search plugin has read the page's TeX already, so the
    # search index keeps its readable text (hooks/readable_search.py), not the drawings' MathML.
    try:
        return mathsvg.prerender(output, _build.project)
    except mathsvg.TexError as error:
        line = mathsvg.source_line(page.markdown or "", error.tex)
        where = f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}" + (f":{line}" if line else "")
        raise PluginError(f"{where}: {error}\n  write TeX that MathJax can read, in formulas it can draw within "
                          f"{limits.MAX_MATH_SECONDS:g} s") from None


def on_post_build(*, config: MkDocsConfig) -> None:
    _stop_helper()
    mathsvg.cancel_ahead()  # nothing should be left; under `mkdocs serve` nothing may linger into the next build
    _build.write_outputs(config.site_dir)
    # Whatever the path, no output file may hold marker syntax: fail the build, not only the guard step.
    _refuse([str(item) for item in guard.scan_site(config.site_dir, _clean_outputs[0])])


def on_shutdown() -> None:
    # Once per process, not per rebuild of `mkdocs serve`: entries unused for a month go.
    if _build.project:
        cache.remove_stale(_build.project)


def on_build_error(*, error: Exception) -> None:
    _stop_helper()
    mathsvg.cancel_ahead()


def _stop_helper() -> None:
    while _helper:
        prefetch.stop(_helper.pop())


def _refuse(problems: list[str]) -> None:
    if problems:
        raise PluginError("gradcore found marker syntax where it cannot be filled in:\n" + "\n".join(problems[:10]))
