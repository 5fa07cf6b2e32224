"""MkDocs glue: one build object for the Markdown extension, the files it cannot add, errors as build errors.

The page work is done by the Markdown extension `gradcore.engine.mdext`,
under every engine. This hook gives it the build (`SiteBuild`) once, names
each page in it before MkDocs converts the page, adds MathJax to the site,
stops the build on any page with an error, draws each page's math as SVG
after the search plugin has read its TeX, writes the examples' JSON and the
figures, and scans the built site for marker syntax. When MkDocs shuts down
it drops the cache entries no build has used for a month.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from gradcore import cache
from gradcore.engine import guard, mathjax_v8, mathsvg, site
from gradcore.pages import counts

EXTENSION = "gradcore.engine.mdext"
log = logging.getLogger("mkdocs.plugins.gradcore")
BROWSER_MATH = "GRADCORE_BROWSER_MATH"  # 1: math the build cannot draw is left for the browser, without a warning
build = site.SiteBuild()


def on_startup(*, command: str, dirty: bool) -> None:
    mathjax_v8.MATHJAX.keep_drawings = command == "serve"  # a one-off `mkdocs build` has no next build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/gradcore_hook.py needs `{EXTENSION}` under markdown_extensions in mkdocs.yml: "
                          "the extension fills the markers, the hook writes the files")
    build.project = os.path.dirname(os.path.abspath(config.config_file_path))
    config.mdx_configs.setdefault(EXTENSION, {})["build"] = build
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    build.start()
    _refuse(site.title_problems(config, config.config_file_path))  # titles are never filled in


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for src_uri, abs_path in site.static_files():
        files.append(File.generated(config, src_uri, abs_src_path=abs_path))
    # Where every example is defined, so that a page using another page's example is told where it is.
    docs = os.path.basename(config.docs_dir)
    sources = {f"{docs}/{f.src_uri}": f for f in files.documentation_pages()}
    build.declared = site.declared_examples({name: f.content_string for name, f in sources.items()})
    # Known here, not as each page is converted: `mkdocs serve --dirty` converts only the pages that changed.
    build.pages[:] = list(sources)
    build.count_pages[:] = [f.dest_uri for f in sources.values() if counts.CHECK_COUNTS_MARKER in f.content_string]
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs makes the page's Markdown instance after this event: the extension reads the page from the build.
    build.page = site.PageSource(f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}", page.file.url,
                                 Path(page.file.abs_src_path) if page.file.abs_src_path else None, build.project,
                                 page.meta)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    errors = build.take_errors()
    if errors:
        raise PluginError(f"gradcore could not render {page.file.src_uri}:\n" + "\n".join(errors))
    result = build.results.get(build.page.name) if build.page is not None else None
    if result is not None and result.checked:
        log.info("gradcore: %s: %s", page.file.src_uri, result.checked)
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # Here, not in the Markdown extension: the search plugin has read the page's TeX already, so the
    # search index keeps its readable text (hooks/readable_search.py), not the drawings' MathML.
    try:
        mathjax = mathjax_v8.MATHJAX
        return mathsvg.prerender(output, mathjax.typeset, build.project, mathjax.memory())
    except mathsvg.TexError as error:
        written = mathsvg.where_written(page.markdown or "", error.tex)
        where = f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}" + (f":{written[0]}" if written else "")
        tex = mathsvg.shorten(written[1] if written else error.tex)
        raise PluginError(f"{where}: MathJax cannot typeset '{tex}': {error.message}\n  {error.remedy}") from None
    except mathjax_v8.EngineUnavailableError as error:
        _leave_math_to_the_browser(str(error))
        return output


def _leave_math_to_the_browser(problem: str) -> None:
    """Say once per build that the math is left as TeX for the browser's MathJax, and how to get it drawn."""
    if build.math_left:
        return
    build.math_left = True
    if os.environ.get(BROWSER_MATH) == "1":
        log.info("gradcore: %s; the math is left for the browser's MathJax (%s=1), and its TeX is not checked by "
                 "MathJax at build time", problem, BROWSER_MATH)
        return
    log.warning("gradcore: %s. The pages keep their TeX for the browser's MathJax, which the site ships, so readers "
                "still see the math, drawn on their side, and the TeX was not checked by MathJax in this build. "
                "To get drawn math back, build where V8 can reserve its memory (for example without `ulimit -v`). "
                "To build and preview with the browser's math on purpose, set %s=1.", problem, BROWSER_MATH)


def on_post_build(*, config: MkDocsConfig) -> None:
    build.write_outputs(config.site_dir)
    _fill_check_counts(config.site_dir)
    # Whatever the path, no output file may hold marker syntax: fail the build, not only the guard step.
    _refuse([str(item) for item in guard.scan_site(config.site_dir)])


def on_build_error(*, error: Exception) -> None:
    mathjax_v8.MATHJAX.close()


def on_shutdown() -> None:
    mathjax_v8.MATHJAX.close()
    if build.project:  # once per process, not per rebuild of `mkdocs serve`
        cache.tidy(build.project)


def _fill_check_counts(site_dir: str) -> None:
    """Put the table of every page's check counts where a page asks for it, now that every page is built."""
    table = counts.check_counts_table(build.site_counts())
    for path in build.count_pages:
        output = Path(site_dir) / path
        if output.is_file():
            output.write_text(counts.fill_check_counts(output.read_text(encoding="utf-8"), table), encoding="utf-8")


def _refuse(problems: list[str]) -> None:
    if problems:
        raise PluginError("gradcore found marker syntax where it cannot be filled in:\n" + "\n".join(problems[:10]))
