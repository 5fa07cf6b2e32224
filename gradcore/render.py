"""The page transform: Markdown with markers in, Markdown with numbers out.

`SiteRenderer.render_page` is the only substitution logic; the MkDocs hook
and the Python-Markdown extension both call it. It never leaves a marker
in its output: every problem on a page is collected and raised together as
a `PageError` naming the file, the line, the marker and what would be valid.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from gradcore.blocks import render_block
from gradcore.errors import InputError
from gradcore.limits import MAX_PAGE_RENDER_COST, block_cost, check_page, figure_cost
from gradcore.latex import DEFAULT_DIGITS, MAX_DIGITS, format_matrix, format_number
from gradcore.markers import (MarkerError, Marker, alone_on_line, find_example_fences, find_markers, hide_literals,
                              in_spans, math_spans, stray_keywords, tag_spans)
from gradcore.quantities import QuantityError, quantity
from gradcore.spec import SpecError, parse_spec
from gradcore.worked import NetworkExample, SigmoidExample, compute

_TARGET = re.compile(r"(?P<example>[A-Za-z][\w-]*)\.(?P<name>[A-Za-z][\w.]*?)(?:\[(?P<index>[^\]]*)\])?\Z")
VALUE_FLAGS = ("paren", "matrix", "noshape", "T")
Example = NetworkExample | SigmoidExample


class PageError(ValueError):
    """Every problem found on one page, each with file and line."""

    def __init__(self, page: str, errors: list[MarkerError]) -> None:
        self.page, self.errors = page, errors
        lines = [f"{page}:{e.line}: {e.problem} in {e.text!r}" + (f"; {e.valid}" if e.valid else "")
                 for e in errors]
        super().__init__("\n".join(lines))


@dataclass
class PageContext:
    """What one page defines and uses while it is rendered."""

    page: str
    prefix: str  # relative path from the page to the site root, e.g. "../"
    examples: dict[str, Example] = field(default_factory=dict)
    errors: list[MarkerError] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # definitions that failed: their uses say nothing more


@dataclass
class SiteRenderer:
    """Renders the pages of one build and remembers which page owns each example."""

    owners: dict[str, str] = field(default_factory=dict)  # example name -> page
    declared: dict[str, str] = field(default_factory=dict)  # name -> page, for every page of the site (optional)
    examples: dict[str, Example] = field(default_factory=dict)
    figure_markup: object = None  # callable(example, marker, prefix) -> str; set by figures

    def render_page(self, text: str, page: str, prefix: str = "") -> str:
        """Replace every definition and marker on `page`; raise PageError on any problem."""
        self._forget_page(page)
        try:
            check_page(text)
        except InputError as error:
            raise PageError(page, [MarkerError(1, text[:40].split("\n")[0], str(error))]) from None
        context = PageContext(page, prefix)
        text = hide_literals(text.removeprefix("\ufeff"))
        fences = self._define_examples(text, context)
        for error, name in stray_keywords(text, fences):
            context.errors.append(error)
            context.failed.add(name or "")
        taken = [(f.start, f.end) for f in fences]
        replacements = [(f.start, f.end, "") for f in fences]
        spans, tags = math_spans(text), tag_spans(text)
        try:
            markers = [m for m in find_markers(text) if not in_spans(m.start, taken)]
        except MarkerError as error:
            context.errors.append(error)
            markers = []
        spent = 0.0
        for marker in markers:
            if not _placed_well(marker, text, tags, context):
                continue
            new = self._render_marker(marker, context, in_spans(marker.start, spans))
            replacements.append((marker.start, marker.end, new if new is not None else ""))
            spent += _render_cost(marker, context)
            if spent > MAX_PAGE_RENDER_COST:
                context.errors.append(MarkerError(marker.line, marker.text, "the page's blocks and figures would take "
                                                  f"more than about {MAX_PAGE_RENDER_COST / 1e6:.2g} s to render",
                                                  "split the page, or show fewer blocks and figures of large examples"))
                break
        if context.errors:
            raise PageError(page, sorted(context.errors, key=lambda e: e.line))
        return _apply(text, replacements) + _data_links(context)

    def _forget_page(self, page: str) -> None:
        for name in [n for n, owner in self.owners.items() if owner == page]:
            del self.owners[name], self.examples[name]

    def _define_examples(self, text: str, context: PageContext) -> list:
        try:
            fences = find_example_fences(text)
        except MarkerError as error:
            context.errors.append(error)
            context.failed.add("*")  # no definition could be read: every use would only repeat that
            return []
        for fence in fences:
            first_line = fence.line
            heading = f"gc:example {fence.name}"
            taken_as = _same_name(fence.name, [*context.examples, *context.failed, *self.owners])
            if taken_as is not None:
                where = self.owners.get(taken_as, "this page")
                also = "" if taken_as == fence.name else f" as {taken_as!r} (names may not differ only in case)"
                context.errors.append(MarkerError(first_line, heading, f"duplicate example name {fence.name!r}",
                                                  f"it is already defined{also} on {where}; "
                                                  "names are unique across the site"))
                continue
            context.failed.add(fence.name)
            try:
                example = compute(parse_spec(fence.name, fence.body))
            except SpecError as error:
                line = first_line + (error.line if error.line else _key_line(fence.body, error.key))
                context.errors.append(MarkerError(line, heading, str(error)))
                continue
            except ValueError as error:  # GradcoreError, ExampleCheckError, a formula that does not fit
                context.errors.append(MarkerError(first_line, heading, str(error)))
                continue
            context.failed.discard(fence.name)
            context.examples[fence.name] = example
            self.owners[fence.name], self.examples[fence.name] = context.page, example
        return fences

    def _example(self, name: str, marker: Marker, context: PageContext) -> Example:
        if name in context.examples:
            return context.examples[name]
        if name in context.failed or "*" in context.failed:
            raise _AlreadyReported
        owner = self.owners.get(name) or self.declared.get(name)
        if owner is not None and owner != context.page:
            raise MarkerError(marker.line, marker.text, f"example {name!r} is defined on {owner}",
                              "a page may only use its own examples; link to that page instead")
        known = ", ".join(sorted(context.examples)) or "none"
        raise MarkerError(marker.line, marker.text, f"unknown example {name!r}",
                          f"examples defined on this page: {known}")

    def _render_marker(self, marker: Marker, context: PageContext, in_math: bool) -> str | None:
        try:
            digits = _digits(marker)
            if marker.kind == "value":
                return self._value(marker, context, digits, in_math)
            example = self._example(marker.target, marker, context)
            if marker.kind == "figure":
                if self.figure_markup is None:
                    raise ValueError("figures are not available in this renderer")
                return self.figure_markup(example, marker, context.prefix)
            return render_block(marker, example, digits)
        except _AlreadyReported:
            pass
        except MarkerError as error:
            context.errors.append(error)
        except QuantityError as error:
            context.errors.append(MarkerError(marker.line, marker.text, error.problem, error.valid))
        except ValueError as error:
            context.errors.append(MarkerError(marker.line, marker.text, str(error)))
        return None

    def _value(self, marker: Marker, context: PageContext, digits: int, in_math: bool) -> str:
        target = _TARGET.match(marker.target)
        if not target:
            raise MarkerError(marker.line, marker.text, f"malformed reference {marker.target!r}",
                              "write EXAMPLE.QUANTITY, optionally with an index such as [2] or [1,3]")
        unknown = [f for f in marker.flags if f not in VALUE_FLAGS] + [k for k in marker.options if k != "digits"]
        if unknown:
            raise MarkerError(marker.line, marker.text, f"unknown option {unknown[0]!r}",
                              f"valid options: digits=N, {', '.join(VALUE_FLAGS)}")
        value = quantity(self._example(target["example"], marker, context), target["name"])
        if "T" in marker.flags:
            value = value.T
        if target["index"] is not None:
            value = value[_index(target["index"], value.shape)].reshape(1, 1)
        if value.size == 1 and "matrix" not in marker.flags:
            return format_number(value[0, 0], digits, math_mode=in_math, paren="paren" in marker.flags)
        latex = format_matrix(value, digits, shape="noshape" not in marker.flags)
        return latex if in_math else rf"\({latex}\)"


class _AlreadyReported(Exception):
    """A marker using a definition that failed: the definition's own error says it all."""


def _render_cost(marker: Marker, context: PageContext) -> float:
    """Estimated microseconds a block or figure marker costs (values cost next to nothing)."""
    example = context.examples.get(marker.target)
    if marker.kind == "value" or not isinstance(example, NetworkExample):
        return 0.0
    layers, rows = list(example.network.layers), example.X.shape[0]
    return figure_cost(layers, rows) if marker.kind == "figure" else block_cost(layers, rows)


def _same_name(name: str, names: list[str]) -> str | None:
    """The name among `names` equal to `name` ignoring case (case-insensitive file systems), or None."""
    folded = name.casefold()
    return next((other for other in names if other.casefold() == folded), None)


def _placed_well(marker: Marker, text: str, tags: list[tuple[int, int]], context: PageContext) -> bool:
    """Refuse a marker inside an HTML tag, and a block marker that shares its line; else True."""
    if in_spans(marker.start, tags):
        context.errors.append(MarkerError(marker.line, marker.text, "a marker inside an HTML tag",
                                          "markers become markup, which cannot sit in an attribute; "
                                          "put the marker in the text of the element instead"))
        return False
    if marker.kind != "value" and not alone_on_line(text, marker.start, marker.end):
        context.errors.append(MarkerError(marker.line, marker.text, f"the block marker [[gc:{marker.kind} ...]] "
                                          "shares its line with text",
                                          "a block marker stands alone on its line, with blank lines around it; "
                                          "for one number in a sentence use [[gc EXAMPLE.QUANTITY]]"))
        return False
    return True


def _digits(marker: Marker) -> int:
    text = marker.options.get("digits", str(DEFAULT_DIGITS))
    if not (text.isascii() and text.isdigit()) or len(text) > 3 or not 1 <= int(text) <= MAX_DIGITS:
        raise MarkerError(marker.line, marker.text, f"bad digits={text!r}",
                          f"digits is a whole number from 1 to {MAX_DIGITS}")
    return int(text)


def _index(text: str, shape: tuple[int, int]) -> tuple[int, int]:
    """A 1-based index `i,j` (or `i` for a row or column vector) as a 0-based pair."""
    parts = [p.strip() for p in text.split(",")]
    if not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts) or len(parts) not in (1, 2):
        raise ValueError(f"bad index [{text}]: write [i] or [i,j] with whole numbers starting at 1")
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        if 1 not in shape:
            raise ValueError(f"[{text}] has one index but the quantity is {shape[0]} x {shape[1]}; write [i,j]")
        numbers = [1, numbers[0]] if shape[0] == 1 else [numbers[0], 1]
    if not all(1 <= n <= size for n, size in zip(numbers, shape)):
        raise ValueError(f"index [{text}] is out of range for a {shape[0]} x {shape[1]} quantity; "
                         "indices start at 1")
    return numbers[0] - 1, numbers[1] - 1


def _key_line(body: str, key: str | None) -> int:
    """Line offset (from the fence) of `key:` inside a definition body, 0 if unknown."""
    if key:
        base = key.split("[")[0]
        for number, line in enumerate(body.split("\n"), start=1):
            if line.startswith(f"{base}:"):
                return number
    return 0


def _apply(text: str, replacements: list[tuple[int, int, str]]) -> str:
    pieces, cursor = [], 0
    for start, end, new in sorted(replacements):
        pieces += [text[cursor:start], new]
        cursor = end
    return "".join(pieces) + text[cursor:]


def _data_links(context: PageContext) -> str:
    """A closing line linking the JSON of every example the page defines."""
    if not context.examples:
        return ""
    links = ", ".join(f'<a href="{html.escape(context.prefix)}examples/{html.escape(n)}.json">'
                      f"{html.escape(n)}</a>" for n in context.examples)
    return (f'\n\n<p class="gc-data">The numbers on this page are computed when the site is built; '
            f'get them as JSON: {links} (or all of them in <a href="{html.escape(context.prefix)}examples.json">'
            f"examples.json</a>).</p>\n")
