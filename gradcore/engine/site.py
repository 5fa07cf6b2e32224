"""One build of the site, and all of its state: the pages' results, names checked across pages, outputs written.

The Markdown extension (`gradcore.engine.mdext`) renders each page and hands its
`PageResult` to a `SiteBuild`. Under MkDocs and ProperDocs the hook makes
the build, gives it to the extension once, names each page before it is
converted (`page`), turns the build's errors into build errors, draws the
math with the build's `MathJax`, and has it write `examples.json`, one JSON
per example and the figures. Where no hook runs (Zensical), the extension
keeps one build of its own for the process. This module knows files and
folders, not MkDocs.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gradcore import cache
from gradcore.engine.guard import metadata_problems
from gradcore.engine.mathjax_v8 import mathjax_root
from gradcore.examples.json_text import to_json_list
from gradcore.markup.markers import (
    FENCE_PREFIX,
    LITERAL_MARKER,
    MARKER_PREFIX,
    MarkerError,
    declared_names,
    find_example_fences,
)
from gradcore.pages.page import Definition, PageResult, UnknownExampleError, error_lines, same_name

MATHJAX_FILES = ("es5/tex-svg.js", "es5/ui/lazy.js")
COUNTS_SECTION = "counts"  # the cache section that remembers each page's check counts between builds
Counts = tuple[tuple[str, int], ...]
MATHJAX_TARGET = "assets/mathjax"


def has_markers(markdown: str) -> bool:
    """A quick test that lets pages without markers skip the renderer."""
    return MARKER_PREFIX in markdown or FENCE_PREFIX in markdown or LITERAL_MARKER in markdown


def prefix_for(url: str) -> str:
    """The relative path from a page URL (as the engines write it) to the site root."""
    return "../" * url.count("/")


def static_files() -> list[tuple[str, str]]:
    """(path in the site, path on disk) of every MathJax file the pages load."""
    root = mathjax_root().parent
    return [(f"{MATHJAX_TARGET}/{name.split('/', 1)[1]}", str(root / name)) for name in MATHJAX_FILES]


def declared_examples(pages: dict[str, str]) -> dict[str, str]:
    """Example name -> page for every definition in `pages` (page name -> Markdown), first page first."""
    owners: dict[str, str] = {}
    for page, text in pages.items():
        for name in declared_names(text) if FENCE_PREFIX in text else ():
            owners.setdefault(name, page)
    return owners


def stored_counts(stored: bytes | None) -> dict[str, Counts]:
    """The counts `SiteBuild.site_counts` left in the cache; empty for nothing stored or anything not of that shape."""
    try:
        data = json.loads(stored or b"{}")
        return {name: tuple((str(heading), int(number)) for heading, number in counts)
                for name, counts in data.items() if isinstance(name, str) and isinstance(counts, list)}
    except (ValueError, TypeError, AttributeError):
        return {}


def title_problems(config: Any, config_file: str | None) -> list[str]:
    """Marker syntax in the site's name, description, copyright or navigation titles (never filled in).

    Args:
        config: The engine's configuration: MkDocs' config or Zensical's dict (read by key), or an object.
        config_file: The file it was read from, to find the line; None when unknown.
    """
    read = config.get if isinstance(config, Mapping) else lambda key: getattr(config, key, None)
    titles = {key: read(key) for key in ("site_name", "site_description", "copyright", "nav")}
    try:
        source = Path(config_file).read_text(encoding="utf-8") if config_file else ""
    except OSError:
        source = ""
    return metadata_problems(titles, source, Path(config_file or "mkdocs.yml").name, "the site's names or navigation")


@dataclass(frozen=True)
class Owner:
    """The page that defines an example, and its source file (to notice a page renamed or edited since)."""

    page: str
    source: Path | None


@dataclass(frozen=True)
class PageSource:
    """Which page is being converted, as the engine tells it.

    Attributes:
        name: How errors name the page: the docs folder's name and the page's path in it, e.g. `docs/part-2.md`.
        url: The page's URL relative to the site root, e.g. `sub/page.html`.
        path: The source file, when the engine names one.
        project: The project's folder ("" when unknown: the working folder).
        meta: The front matter, when the engine parsed it off the page.
    """

    name: str
    url: str
    path: Path | None
    project: str = ""
    meta: Any = None




@dataclass
class SiteBuild:
    """The state of one build: its pages' results, which page owns each example name, the errors to report.

    What outlives a build (MathJax's V8, the math it drew) belongs to the process: `mathjax_v8.MATHJAX`.
    """

    project: str = ""  # the project's folder (its config file's), which holds the cache
    results: dict[str, PageResult] = field(default_factory=dict)  # by page name
    owners: dict[str, Owner] = field(default_factory=dict)  # example name -> its page
    errors: list[str] = field(default_factory=list)  # messages not yet reported
    declared: dict[str, str] = field(default_factory=dict)  # example name -> page, for pages not yet rendered
    page: PageSource | None = None  # the page being converted, as the hook names it
    math_left: bool = False  # this build left math for the browser (V8 could not start), and said so
    count_pages: list[str] = field(default_factory=list)  # output files that ask for the table of check counts
    pages: list[str] = field(default_factory=list)  # every page of the site, by name, converted or not
    raised: list[str] = field(default_factory=list)  # Zensical: the author's errors raised so far
    zensical_config: int | None = None  # Zensical: the configuration whose titles were checked
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def start(self) -> None:
        """Forget every page: a new build begins (MkDocs' pre-build)."""
        with self.lock:
            self.results.clear()
            self.owners.clear()
            self.errors.clear()
            self.page = None
            self.math_left = False
            self.count_pages.clear()
            self.pages.clear()

    def add(self, result: PageResult, source: Path | None = None) -> list[MarkerError]:
        """Take one page's result; return its errors, the page's own and those across pages.

        A name another page defines is a duplicate, unless that page's source
        file no longer defines it (the page was renamed or edited since).
        """
        name = result.page.name
        with self.lock:
            for example in [n for n, owner in self.owners.items() if owner.page == name]:
                del self.owners[example]
            errors = [_foreign(e, self.owners, self.declared, name) for e in result.errors]
            for definition in result.definitions:
                taken = same_name(definition.name, list(self.owners))
                owner = self.owners.get(taken) if taken is not None else None
                if owner is not None and _still_defines(owner, taken or ""):
                    errors.append(_duplicate(definition, owner.page, taken or ""))
                else:
                    self.owners[definition.name] = Owner(name, source)
            self.results[name] = result
            errors.sort(key=lambda e: e.line)
        if errors:
            self.report(error_lines(name, errors))
        return errors

    def report(self, message: str) -> None:
        """Keep an error message for the hook to report."""
        with self.lock:
            self.errors.append(message)

    def take_errors(self) -> list[str]:
        """The error messages not yet reported, one per page; they are then forgotten."""
        with self.lock:
            taken, self.errors[:] = list(self.errors), []
        return taken

    def site_counts(self) -> list[tuple[str, Counts]]:
        """Every page's check counts: this build's, or the last build's for a page this one did not convert.

        `mkdocs serve --dirty` converts only the pages that changed, so the
        counts of the others come from the cache, where each build leaves them.
        """
        entry = cache.key(COUNTS_SECTION, ["site"])
        stored = stored_counts(cache.read(COUNTS_SECTION, entry, self.project))
        with self.lock:
            names = self.pages or list(self.results)
            counts = {name: self.results[name].counts if name in self.results else stored.get(name, ())
                      for name in names}
        if counts != {name: stored.get(name, ()) for name in names} or set(stored) - set(names):
            cache.write(COUNTS_SECTION, entry, json.dumps(counts).encode("utf-8"), self.project)
        return list(counts.items())

    def write_outputs(self, site_dir: str | os.PathLike[str]) -> None:
        """Write every example's numbers, and every figure the pages show, into the built site."""
        out = Path(site_dir)
        (out / "examples").mkdir(parents=True, exist_ok=True)
        kept = sorted((d.name, d) for page, result in self.results.items() for d in result.definitions
                      if self.owners.get(d.name, Owner("", None)).page == page)
        (out / "examples.json").write_text(to_json_list("examples", [d.text for _, d in kept]), encoding="utf-8")
        for name, definition in kept:
            (out / "examples" / f"{name}.json").write_text(definition.text, encoding="utf-8")
        figures = {path: svg for result in self.results.values() for path, svg in result.figures.items()}
        for folder in {(out / path).parent for path in figures}:
            folder.mkdir(parents=True, exist_ok=True)
        for path, svg in figures.items():  # a figure two pages show is written once
            (out / path).write_bytes(svg)


def _still_defines(owner: Owner, name: str) -> bool:
    """False when the owner's source file is gone or no longer defines `name` (True when unknown)."""
    if owner.source is None:
        return True
    try:
        text = owner.source.read_text(encoding="utf-8")
    except OSError:
        return False
    try:
        return any(fence.name == name for fence in find_example_fences(text))
    except MarkerError:
        return True


def _foreign(error: MarkerError, owners: dict[str, Owner], declared: dict[str, str], page: str) -> MarkerError:
    """An unknown-example error says which page defines the example, when one does (or will, later in the build)."""
    if not isinstance(error, UnknownExampleError):
        return error
    owner = owners[error.name].page if error.name in owners else declared.get(error.name)
    if owner is None or owner == page:
        return error
    return MarkerError(error.line, error.text, f"example {error.name!r} is defined on {owner}",
                       "a page may only use its own examples; link to that page instead")


def _duplicate(definition: Definition, page: str, taken: str) -> MarkerError:
    also = "" if taken == definition.name else f" as {taken!r} (names may not differ only in case)"
    return MarkerError(definition.line, f"gc:example {definition.name}", f"duplicate example name {definition.name!r}",
                       f"it is already defined{also} on {page}; names are unique across the site")
