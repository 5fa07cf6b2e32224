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
from gradcore.learner.answers import ANSWER_FLAGS, answer_text
from gradcore.latex import DEFAULT_DIGITS, MAX_DIGITS, format_matrix, format_number
from gradcore.markers import (MarkerError, Marker, find_example_fences, find_markers, hide_literals,
                              in_spans, math_spans)
from gradcore.quantities import QuantityError, is_given, quantity
from gradcore.spec import SpecError, parse_spec
from gradcore.worked import NetworkExample, SigmoidExample, compute

_TARGET = re.compile(r"(?P<example>[A-Za-z][\w-]*)\.(?P<name>[A-Za-z][\w.]*?)(?:\[(?P<index>[^\]]*)\])?\Z")
VALUE_FLAGS = ("paren", "matrix", "noshape", "T", *ANSWER_FLAGS)
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


@dataclass
class SiteRenderer:
    """Renders the pages of one build and remembers which page owns each example."""

    owners: dict[str, str] = field(default_factory=dict)  # example name -> page
    examples: dict[str, Example] = field(default_factory=dict)
    figure_markup: object = None  # callable(example, marker, prefix) -> str; set by figures

    def render_page(self, text: str, page: str, prefix: str = "") -> str:
        """Replace every definition and marker on `page`; raise PageError on any problem."""
        self._forget_page(page)
        context = PageContext(page, prefix)
        text = hide_literals(text)
        fences = self._define_examples(text, context)
        taken = [(f.start, f.end) for f in fences]
        replacements = [(f.start, f.end, "") for f in fences]
        spans = math_spans(text)
        try:
            markers = [m for m in find_markers(text) if not in_spans(m.start, taken)]
        except MarkerError as error:
            context.errors.append(error)
            markers = []
        for marker in markers:
            new = self._render_marker(marker, context, in_spans(marker.start, spans))
            replacements.append((marker.start, marker.end, new if new is not None else ""))
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
            return []
        for fence in fences:
            first_line = fence.line
            heading = f"gc:example {fence.name}"
            if fence.name in context.examples or fence.name in self.owners:
                where = "this page" if fence.name in context.examples else self.owners[fence.name]
                context.errors.append(MarkerError(first_line, heading, f"duplicate example name {fence.name!r}",
                                                  f"it is already defined on {where}; names are unique across the site"))
                continue
            try:
                example = compute(parse_spec(fence.name, fence.body))
            except SpecError as error:
                line = first_line + _key_line(fence.body, error.key)
                context.errors.append(MarkerError(line, heading, str(error)))
                continue
            except ValueError as error:  # GradcoreError, ExampleCheckError, a formula that does not fit
                context.errors.append(MarkerError(first_line, heading, str(error)))
                continue
            context.examples[fence.name] = example
            self.owners[fence.name], self.examples[fence.name] = context.page, example
        return fences

    def _example(self, name: str, marker: Marker, context: PageContext) -> Example:
        if name in context.examples:
            return context.examples[name]
        if name in self.owners:
            raise MarkerError(marker.line, marker.text, f"example {name!r} is defined on {self.owners[name]}",
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
        example = self._example(target["example"], marker, context)
        value, given = quantity(example, target["name"]), is_given(example, target["name"])
        if given and "digits" in marker.options:
            raise MarkerError(marker.line, marker.text, f"digits= on {target['name']!r}, which the definition gives",
                              "a given number is shown exactly as defined; digits= applies to computed quantities")
        if "T" in marker.flags:
            value = value.T
        if target["index"] is not None:
            value = value[_index(target["index"], value.shape)].reshape(1, 1)
        for flag in (f for f in ANSWER_FLAGS if f in marker.flags):
            return answer_text(flag, value, in_math)
        if value.size == 1 and "matrix" not in marker.flags:
            return format_number(value[0, 0], digits, exact=given, math_mode=in_math,
                                 paren="paren" in marker.flags)
        latex = format_matrix(value, digits, exact=given, shape="noshape" not in marker.flags)
        return latex if in_math else rf"\({latex}\)"


def _digits(marker: Marker) -> int:
    text = marker.options.get("digits", str(DEFAULT_DIGITS))
    if not text.isdigit() or not 1 <= int(text) <= MAX_DIGITS:
        raise MarkerError(marker.line, marker.text, f"bad digits={text!r}",
                          f"digits is a whole number from 1 to {MAX_DIGITS}")
    return int(text)


def _index(text: str, shape: tuple[int, int]) -> tuple[int, int]:
    """A 1-based index `i,j` (or `i` for a row or column vector) as a 0-based pair."""
    parts = [p.strip() for p in text.split(",")]
    if not all(p.isdigit() for p in parts) or len(parts) not in (1, 2):
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
