"""What rendering a page produces: the page, the examples it defines, its Markdown, files and errors.

These are plain data, apart from `render_page` (`gradcore.pages.render`) that
makes them, so that a build whose pages all come from the disk cache
(`gradcore.engine.page_cache`) reads and uses them without importing numpy or
any of the code that computes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gradcore.examples.json_text import to_json
from gradcore.markup.markers import Marker, MarkerError

if TYPE_CHECKING:
    from typing import TypeAlias

    from gradcore.examples.worked import NetworkExample, SigmoidExample

    Example: TypeAlias = NetworkExample | SigmoidExample


@dataclass(frozen=True)
class Page:
    """Which page is rendered, and where its outputs go.

    Attributes:
        name: How errors and the JSON name the page, e.g. `docs/part-2-vector.md`.
        prefix: The relative path from the page to the site root, e.g. `../`.
        inline: True when no build writes files beside the page (Zensical, plain
            Python-Markdown): the JSON and the figures then travel inside the page as `data:` URIs.
        project: The project's folder (its config file's), which holds the figure cache; "" for
            the working folder.
    """

    name: str
    prefix: str = ""
    inline: bool = False
    project: str = ""


@dataclass(frozen=True)
class Definition:
    """One example the page defines.

    Attributes:
        name: The example's name.
        line: The line of its fence.
        data: Its numbers as the site's JSON gives them (`gradcore.examples.export.entry`).
        example: The computed example; None when the page's result was read back from the disk cache.
    """

    name: str
    line: int
    data: dict[str, Any]
    example: Example | None = None

    @functools.cached_property
    def text(self) -> str:
        """The example's JSON file as the site writes it, encoded once for as long as the page is kept."""
        return to_json(self.data)


class UnknownExampleError(MarkerError):
    """A marker names an example this page does not define (the build may know where it is)."""

    def __init__(self, marker: Marker, name: str, known: str) -> None:
        super().__init__(marker.line, marker.text, f"unknown example {name!r}",
                         f"examples defined on this page: {known}")
        self.name = name


@dataclass(frozen=True)
class PageResult:
    """Everything one page produced.

    Attributes:
        page: The page rendered.
        markdown: The page with every marker replaced (a failed one by nothing).
        definitions: The examples the page defines, in page order.
        figures: The files the page adds to the site, by their path in it: the SVG of every
            figure it shows, and the learner's script and notebook (`gradcore.learner`).
        errors: Every problem found, in line order; empty when the page is good.
        checked: What the formula check did with the page's equations, as one line for the build log
            ("" for a page without an example).
        counts: The same as (heading, number) pairs, for the table of the checks page (empty without an example).
    """

    page: Page
    markdown: str
    definitions: tuple[Definition, ...]
    figures: dict[str, bytes]
    errors: tuple[MarkerError, ...]
    checked: str = ""
    counts: tuple[tuple[str, int], ...] = ()

    def message(self) -> str:
        """The errors, one `file:line: problem in 'marker'; what is valid` per line."""
        return error_lines(self.page.name, self.errors)


def error_lines(page: str, errors: tuple[MarkerError, ...] | list[MarkerError]) -> str:
    """`page:line: problem in 'marker'; what is valid`, one line per error."""
    return "\n".join(f"{page}:{e.line}: {e.problem} in {e.text!r}" + (f"; {e.valid}" if e.valid else "")
                     for e in errors)


def same_name(name: str, names: list[str]) -> str | None:
    """The name among `names` equal to `name` ignoring case (case-insensitive file systems), or None."""
    folded = name.casefold()
    return next((other for other in names if other.casefold() == folded), None)
