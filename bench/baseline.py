"""The same site with and without the hook, so that the difference is the hook.

The baseline is built from pre-expanded Markdown: each page as gradcore
hands it on to Markdown (numbers in place of markers), plus every file
gradcore adds to the site (MathJax, examples.json, figures) as an ordinary file in
the docs folder. Both builds then read, convert and write the same text
and the same files; what only the hooked build does is parse the markers,
compute the examples, render them, and draw and write the outputs.

Leaving the markers as text would be cheaper to set up but unfair: the
baseline pages would be shorter (no matrices, no tables), so Markdown and
the theme would do less work and the hook would look dearer than it is.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.builds import cold_build
from bench.capture_hook import CAPTURE_KEY
from bench.project import BenchError, Project, files_under, write_config

CAPTURE_HOOK = Path(__file__).with_name("capture_hook.py")


@dataclass(frozen=True)
class Pair:
    """Configs of one site with the hook and without it.

    Attributes:
        hook: Config of the site as the project builds it.
        base: Config of the pre-expanded site, without gradcore (no hook, no gradcore extension).
        base_docs: The docs folder of the baseline (pre-expanded pages and generated files).
        pages: How many Markdown pages the site has.
        site_bytes: Total size of the built site, with and without the hook.
    """

    hook: Path
    base: Path
    base_docs: Path
    pages: int
    site_bytes: tuple[int, int]


def make_pair(project: Project, docs: Path, work: Path, cache_dir: Path, **overrides: object) -> Pair:
    """Write the hooked config for `docs` and derive its pre-expanded baseline.

    Args:
        project: The project (its mkdocs.yml and hooks).
        docs: The docs folder to build (a snapshot or a synthetic site).
        work: A scratch folder for this pair.
        cache_dir: gradcore's disk cache (the capture build fills it).
        **overrides: Extra config keys for both variants, e.g. `nav`.

    Raises:
        BenchError: If a build fails or the baseline site lacks a file the hooked one has.
    """
    hook = write_config(work / "hook.yml", project, docs, hooks=list(project.hooks), **overrides)
    expanded = work / "expanded"
    capture = write_config(work / "capture.yml", project, docs, hooks=[*project.hooks, CAPTURE_HOOK],
                           extra={CAPTURE_KEY: str(expanded)}, **overrides)
    cold_build(capture, work / "site-hook", cache_dir)
    base_docs = work / "docs-base"
    if base_docs.exists():
        shutil.rmtree(base_docs)
    shutil.copytree(docs, base_docs, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(expanded, base_docs, dirs_exist_ok=True)
    base = write_config(work / "base.yml", project, base_docs, **project.without_gradcore(), **overrides)
    cold_build(base, work / "site-base", cache_dir)
    hooked, plain = files_under(work / "site-hook"), files_under(work / "site-base")
    for relative in sorted(set(hooked) - set(plain)):  # files the hook generated
        target = base_docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(work / "site-hook" / relative, target)
    cold_build(base, work / "site-base", cache_dir)
    missing = sorted(set(hooked) - set(files_under(work / "site-base")))
    if missing:
        raise BenchError(f"the baseline site lacks {len(missing)} file(s) the hooked site has, e.g. {missing[0]}")
    pages = sum(1 for _ in expanded.rglob("*.md"))
    return Pair(hook, base, base_docs, pages, (sum(hooked.values()), sum(files_under(work / "site-base").values())))
