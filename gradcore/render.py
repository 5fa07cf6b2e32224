"""The page transform: Markdown with markers in, a `PageResult` out.

`render_page(text, page)` is the only substitution logic, and a pure
function: it keeps no state between pages and takes no callbacks. Every
engine reaches it through the Markdown extension (`gradcore.mdext`). One
call reads as one pipeline:

    find markers -> define examples -> compute -> look up -> format -> splice

It never leaves a marker in its output: a marker that cannot be used is
replaced by nothing and reported in `PageResult.errors` with its line, what
was wrong and what would be valid. Names across pages (an example defined
twice, or used on a page that does not define it) are checked by the build
that collects the results (`gradcore.site.SiteBuild`).
"""

from __future__ import annotations

from dataclasses import dataclass

from gradcore.blocks import render_block
from gradcore.errors import GradcoreError
from gradcore.export import data_paragraph
from gradcore.figures.markup import figure_markup
from gradcore.learner.files import LEARNER_BLOCKS, learner_block
from gradcore.markers import (
    ExampleFence,
    Marker,
    MarkerError,
    find_example_fences,
    find_markers,
    hide_literals,
    in_spans,
    math_spans,
)
from gradcore.quantities import QuantityError
from gradcore.spec import SpecError, parse_spec
from gradcore.texcheck import page_problems
from gradcore.values import digits_of, value_target, value_text
from gradcore.worked import NetworkExample, SigmoidExample, compute

Example = NetworkExample | SigmoidExample


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
    """One example the page defines: its name, the line of its fence, its numbers."""

    name: str
    line: int
    example: Example


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
    """

    page: Page
    markdown: str
    definitions: tuple[Definition, ...]
    figures: dict[str, bytes]
    errors: tuple[MarkerError, ...]

    def message(self) -> str:
        """The errors, one `file:line: problem in 'marker'; what is valid` per line."""
        return error_lines(self.page.name, self.errors)


def error_lines(page: str, errors: tuple[MarkerError, ...] | list[MarkerError]) -> str:
    """`page:line: problem in 'marker'; what is valid`, one line per error."""
    return "\n".join(f"{page}:{e.line}: {e.problem} in {e.text!r}" + (f"; {e.valid}" if e.valid else "")
                     for e in errors)


def render_page(text: str, page: Page) -> PageResult:
    """Replace every definition and marker of one page; collect what it defines, draws and gets wrong."""
    text = hide_literals(text)
    errors: list[MarkerError] = []
    fences, markers = _find(text, errors)
    definitions = _define(fences, errors)
    examples = {d.name: d.example for d in definitions}
    math = math_spans(text)
    figures: dict[str, bytes] = {}
    replacements = [(fence.start, fence.end, "") for fence in fences]
    for marker in markers:
        try:
            new = _render_marker(marker, examples, page, in_spans(marker.start, math), figures)
        except MarkerError as error:
            errors.append(error)
            new = ""
        replacements.append((marker.start, marker.end, new))
    errors += page_problems(text, examples)  # result equations, checked as shown (gradcore.texcheck)
    markdown = _splice(text, replacements) + data_paragraph([(d.name, d.example) for d in definitions],
                                                            page.name, page.prefix, page.inline)
    return PageResult(page, markdown, tuple(definitions), figures, tuple(sorted(errors, key=lambda e: e.line)))


def _find(text: str, errors: list[MarkerError]) -> tuple[list[ExampleFence], list[Marker]]:
    """The definition fences and the markers outside them."""
    try:
        fences = find_example_fences(text)
    except MarkerError as error:
        errors.append(error)
        fences = []
    taken = [(f.start, f.end) for f in fences]
    try:
        return fences, [m for m in find_markers(text) if not in_spans(m.start, taken)]
    except MarkerError as error:
        errors.append(error)
        return fences, []


def _define(fences: list[ExampleFence], errors: list[MarkerError]) -> list[Definition]:
    """Read and compute each definition; a bad one is an error at its line (its key's line if known)."""
    definitions: list[Definition] = []
    for fence in fences:
        heading = f"gc:example {fence.name}"
        if any(d.name == fence.name for d in definitions):
            errors.append(MarkerError(fence.line, heading, f"duplicate example name {fence.name!r}",
                                      "it is already defined on this page; names are unique across the site"))
            continue
        try:
            definitions.append(Definition(fence.name, fence.line, compute(parse_spec(fence.name, fence.body))))
        except SpecError as error:
            errors.append(MarkerError(fence.line + _key_line(fence.body, error.key), heading, str(error)))
        except GradcoreError as error:  # a failed gradient check, a formula that does not fit, a limit
            errors.append(MarkerError(fence.line, heading, str(error)))
    return definitions


def _render_marker(marker: Marker, examples: dict[str, Example], page: Page, in_math: bool,
                   figures: dict[str, bytes]) -> str:
    """Look up, format and return what one marker becomes; MarkerError for anything an author can fix."""
    digits = digits_of(marker)
    name = value_target(marker)["example"] if marker.kind == "value" else marker.target
    if name not in examples:
        raise UnknownExampleError(marker, name, ", ".join(sorted(examples)) or "none")
    example = examples[name]
    try:
        if marker.kind == "value":
            return value_text(marker, example, in_math)
        if marker.kind == "figure":
            markup, path, svg = figure_markup(example, marker, page.prefix, page.inline, page.project)
            figures[path] = svg
            return markup
        if marker.kind in LEARNER_BLOCKS:
            markup, files = learner_block(marker, example, page.name, page.inline)
            figures.update(files)
            return markup
        return render_block(marker, example, digits)
    except QuantityError as error:
        raise MarkerError(marker.line, marker.text, error.problem, error.valid) from None
    except MarkerError:
        raise
    except GradcoreError as error:
        raise MarkerError(marker.line, marker.text, str(error)) from None


def _key_line(body: str, key: str | None) -> int:
    """Line offset (from the fence) of `key:` inside a definition body, 0 if unknown."""
    if key:
        base = key.split("[")[0]
        for number, line in enumerate(body.split("\n"), start=1):
            if line.startswith(f"{base}:"):
                return number
    return 0


def _splice(text: str, replacements: list[tuple[int, int, str]]) -> str:
    pieces, cursor = [], 0
    for start, end, new in sorted(replacements):
        pieces += [text[cursor:start], new]
        cursor = end
    return "".join(pieces) + text[cursor:]
