"""The page transform: Markdown with markers in, a `PageResult` out.

`render_page(text, page)` is the only substitution logic, and a pure
function: it keeps no state between pages and takes no callbacks. Every
engine reaches it through the Markdown extension (`gradcore.engine.mdext`). One
call reads as one pipeline:

    find markers -> define examples -> compute -> look up -> format -> splice

It never leaves a marker in its output: a marker that cannot be used is
replaced by nothing and reported in `PageResult.errors` with its line, what
was wrong and what would be valid. Names across pages (an example defined
twice, or used on a page that does not define it) are checked by the build
that collects the results (`gradcore.engine.site.SiteBuild`).
"""

from __future__ import annotations

from gradcore.core.errors import GradcoreError
from gradcore.examples.budgets import PageTooLargeError, check_page
from gradcore.examples.export import data_paragraph, entry
from gradcore.examples.quantities import QuantityError
from gradcore.examples.spec import SpecError, parse_spec
from gradcore.examples.worked import NetworkExample, SigmoidExample, compute
from gradcore.figures.markup import figure_markup
from gradcore.learner.files import LEARNER_BLOCKS, learner_block
from gradcore.markup.markers import (
    ExampleFence,
    Marker,
    MarkerError,
    alone_on_line,
    find_example_fences,
    find_markers,
    hide_literals,
    in_spans,
    stray_keywords,
    tag_spans,
)
from gradcore.markup.mathfind import markdown_math_spans
from gradcore.pages.blocks import render_block
from gradcore.pages.counts import CHECK_COUNTS, check_counts_block
from gradcore.pages.explore import EXPLORE, explore_block
from gradcore.pages.page import Definition, Page, PageResult, UnknownExampleError, same_name
from gradcore.pages.values import digits_of, value_target, value_text
from gradcore.texcheck import mark_equations, page_check

Example = NetworkExample | SigmoidExample


def render_page(text: str, page: Page) -> PageResult:
    """Replace every definition and marker of one page; collect what it defines, draws and gets wrong."""
    try:
        check_page(text)  # before any scan: a page too long or too full is refused at once
    except PageTooLargeError as error:
        start = text.rfind("\n", 0, error.offset) + 1
        shown = text[start:start + 40].split("\n")[0]
        return PageResult(page, "", (), {}, (MarkerError(text.count("\n", 0, start) + 1, shown, str(error)),))
    text = hide_literals(text.removeprefix("\ufeff"))
    errors: list[MarkerError] = []
    fences, markers = _find(text, errors)
    strays = stray_keywords(text, fences)
    placed = _place(markers, text)  # every scan of the text is done before any example is read
    failed = {"*"} if errors and not fences else set()  # unreadable fences: uses would only repeat that
    defined = _define(fences, errors, failed)  # name -> (line of its fence, computed example)
    for stray, name in strays:
        errors.append(stray)
        failed.add(name or "")
    examples = {name: example for name, (_line, example) in defined.items()}
    figures: dict[str, bytes] = {}
    replacements = [(fence.start, fence.end, "") for fence in fences]
    for marker, misplaced, in_math in placed:
        try:
            if misplaced is not None:
                raise misplaced
            new = _render_marker(marker, examples, page, in_math, figures, text)
        except MarkerError as error:
            if not (isinstance(error, UnknownExampleError) and (error.name in failed or "*" in failed)):
                errors.append(error)  # (a use of a failed definition adds nothing: its own error says it all)
            new = ""
        replacements.append((marker.start, marker.end, new))
    check = page_check(text, examples)  # every formula, labelled or not, checked as shown (gradcore.texcheck)
    errors += check.problems
    replacements += mark_equations(text, check.reports, check.unlabelled)  # the reader sees what was checked
    checked, counts = (check.counts.line(), check.counts.columns()) if examples else ("", ())
    definitions = tuple(Definition(name, line, entry(name, page.name, example), example)
                        for name, (line, example) in defined.items())  # the JSON of each example
    data = data_paragraph([(d.name, d.data) for d in definitions], page.prefix, page.inline)
    markdown = _splice(text, replacements) + data
    return PageResult(page, markdown, definitions, figures, tuple(sorted(errors, key=lambda e: e.line)),
                      checked, counts)


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


def _define(fences: list[ExampleFence], errors: list[MarkerError], failed: set[str]) -> dict[str, tuple[int, Example]]:
    """Read and compute each definition; a bad one is an error at its line (its key's line if known).

    The name of every definition that fails goes into `failed`, so that its uses add nothing.
    """
    defined: dict[str, tuple[int, Example]] = {}
    for fence in fences:
        heading = f"gc:example {fence.name}"
        taken = same_name(fence.name, [*defined, *failed])
        if taken is not None:
            also = "" if taken == fence.name else f" as {taken!r} (names may not differ only in case)"
            errors.append(MarkerError(fence.line, heading, f"duplicate example name {fence.name!r}",
                                      f"it is already defined{also} on this page; names are unique across the site"))
            continue
        try:
            defined[fence.name] = (fence.line, compute(parse_spec(fence.name, fence.body)))
            continue
        except SpecError as error:
            line = fence.line + (error.line if error.line else _key_line(fence.body, error.key))
            errors.append(MarkerError(line, heading, str(error)))
        except GradcoreError as error:  # a failed gradient check, a formula that does not fit, a limit
            errors.append(MarkerError(fence.line, heading, str(error)))
        failed.add(fence.name)
    return defined


def _place(markers: list[Marker], text: str) -> list[tuple[Marker, MarkerError | None, bool]]:
    """Each marker, the error of where it stands (None if it may stand there), and whether it is in math."""
    math, tags = markdown_math_spans(text), tag_spans(text)
    return [(marker, _misplaced(marker, text, tags), in_spans(marker.start, math)) for marker in markers]


def _misplaced(marker: Marker, text: str, tags: list[tuple[int, int]]) -> MarkerError | None:
    """A marker inside an HTML tag, or a block marker that shares its line: the error; else None."""
    if in_spans(marker.start, tags):
        return MarkerError(marker.line, marker.text, "a marker inside an HTML tag",
                           "markers become markup, which cannot sit in an attribute; "
                           "put the marker in the text of the element instead")
    if marker.kind != "value" and not alone_on_line(text, marker.start, marker.end):
        return MarkerError(marker.line, marker.text, f"the block marker [[gc:{marker.kind} ...]] shares its line "
                           "with text", "a block marker stands alone on its line, with blank lines around it; "
                           "for one number in a sentence use [[gc EXAMPLE.QUANTITY]]")
    return None


def _render_marker(marker: Marker, examples: dict[str, Example], page: Page, in_math: bool,
                   figures: dict[str, bytes], text: str) -> str:
    """Look up, format and return what one marker becomes; MarkerError for anything an author can fix."""
    if marker.kind == CHECK_COUNTS:
        return check_counts_block(marker)
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
        if marker.kind == EXPLORE and isinstance(example, NetworkExample):  # the panel shows the page's displays
            return explore_block(marker, example, text, page.prefix)
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
