"""The marker grammar: finding `[[gc ...]]` markers and example fences in page text.

Inline value:  [[gc EXAMPLE.QUANTITY[i,j] option option=value]]
Block:         [[gc:KIND EXAMPLE option=value]]     (alone on its line)
Literal:       [[!gc ...]]                          (shown as written, not evaluated)
Definition:    a fenced block whose info string is `gc:example NAME`, body in YAML.

This module only parses; `render.py` decides what each marker becomes.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from gradcore.core.errors import GradcoreError

# A marker may contain one level of square brackets (for indices), so
# `[[gc ex.W1[1,2]]]` ends after the index.
MARKER_RE = re.compile(r"\[\[gc(?P<kind>:[A-Za-z][\w-]*)?(?P<body>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\]")
# Literal forms, shown as written: `[[!gc ...]]` and a fence `!gc:example`.
MARKER_PREFIX = "[[gc"
FENCE_PREFIX = "gc:example"
LITERAL_MARKER = "[[!gc"
LITERAL_FENCE = "!gc:example"
# A fence that is never closed runs to the end of the page, and a code span stays in its paragraph,
# so an unclosed opening is scanned once, not once per opening after it.
CODE_RE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,}).*?(?:^[ ]{0,3}(?P=fence)[ \t]*$|\Z)"
                     r"|(?P<ticks>`+)[^`\n](?:(?!\n[ \t]*\n).)*?(?P=ticks)",
                     re.MULTILINE | re.DOTALL)
LITERAL_TOKENS = {
    LITERAL_MARKER: ("GRADCORELITERALMARKER", "&#91;&#91;gc"),
    LITERAL_FENCE: ("GRADCORELITERALFENCE", "gc&#58;example"),
}
# Anything that starts like a marker; used to report markers that never close.
OPENING_RE = re.compile(r"\[\[gc\b")
FENCE_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*gc:example\b(?P<info>[^\n]*)\n"
    r"(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
UNCLOSED_FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[ \t]*gc:example\b", re.MULTILINE)
NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
NAME_MAX = 64  # names become file names (examples/NAME.json), which must fit every file system
# Every mention of the definition keyword; those that open no definition fence are errors.
KEYWORD_RE = re.compile(r"(?<!!)gc:example")
INDENTED_FENCE_RE = re.compile(r"(?P<indent>[ \t>]*)(?:`{3,}|~{3,})[ \t]*gc:example\b[ \t]*(?P<name>\S*)")
# An HTML tag, in which a marker would become markup inside an attribute.
TAG_RE = re.compile(r"<[A-Za-z][^<>]*>")
OPTION_RE = re.compile(r"(?P<key>[A-Za-z][\w-]*)(?:=(?P<value>[^\s=]+))?\Z")


class MarkerError(GradcoreError):
    """A marker or example definition that cannot be used, with its line."""

    def __init__(self, line: int, text: str, problem: str, valid: str = "") -> None:
        # Page text quoted in a message is cut short: a marker or a name may be thousands of characters.
        text, problem = _clip(text), _clip(problem, 400)
        self.line, self.text, self.problem, self.valid = line, text, problem, valid
        message = f"line {line}: {problem} in {text!r}"
        super().__init__(message + (f"; {valid}" if valid else ""))


@dataclass(frozen=True)
class Marker:
    """One parsed marker: where it is and what it asks for."""

    kind: str  # "value" for inline values, else the block kind
    target: str  # EXAMPLE.QUANTITY[i,j] for values, EXAMPLE for blocks
    flags: tuple[str, ...]  # bare words after the target
    options: dict[str, str] = field(hash=False)
    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class ExampleFence:
    """One `gc:example` fenced block."""

    name: str
    body: str
    line: int  # line of the opening fence
    start: int
    end: int


def line_of(text: str, position: int) -> int:
    """The 1-based line number of a character position."""
    return text.count("\n", 0, position) + 1


def parse_marker(match: re.Match[str], text: str) -> Marker:
    """Split a marker into kind, target, bare words and name=value options."""
    line = line_of(text, match.start())
    kind = (match.group("kind") or ":value")[1:]
    words = match.group("body").split()
    if not words:
        raise MarkerError(line, match.group(0), "empty marker",
                          "write [[gc EXAMPLE.QUANTITY]] or [[gc:KIND EXAMPLE]]")
    flags: list[str] = []
    options: dict[str, str] = {}
    for word in words[1:]:
        option = OPTION_RE.match(word)
        if not option:
            raise MarkerError(line, match.group(0), f"malformed option {word!r}",
                              "options look like `name` or `name=value`")
        if option["value"] is None:
            flags.append(word)
        elif option["key"] in options:
            raise MarkerError(line, match.group(0), f"option {option['key']!r} given twice")
        else:
            options[option["key"]] = option["value"]
    return Marker(kind, words[0], tuple(flags), options, match.group(0), line,
                  match.start(), match.end())


def find_markers(text: str) -> list[Marker]:
    """All markers in `text`, in order; raises MarkerError for broken ones."""
    markers = [parse_marker(m, text) for m in MARKER_RE.finditer(text)]
    closed = {m.start for m in markers}
    for opening in OPENING_RE.finditer(text):
        if opening.start() not in closed:
            line = line_of(text, opening.start())
            snippet = text[opening.start():].split("\n", 1)[0][:60]
            raise MarkerError(line, snippet, "unterminated or malformed marker",
                              "a marker is [[gc ...]] on one line, with at most one level of [ ] inside")
    return markers


def find_example_fences(text: str) -> list[ExampleFence]:
    """All `gc:example` fenced definitions; raises MarkerError if one is malformed."""
    fences = []
    for match in FENCE_RE.finditer(text):
        line = line_of(text, match.start())
        name = match.group("info").strip()
        if not NAME_RE.match(name) or len(name) > NAME_MAX:
            raise MarkerError(line, _clip(match.group(0).split("\n", 1)[0]), f"bad example name {_clip(name)!r}",
                              "a name starts with a letter and uses letters, digits, '-' and '_' "
                              f"(at most {NAME_MAX} characters)")
        fences.append(ExampleFence(name, match.group("body"), line, match.start(), match.end()))
    starts = {fence.start for fence in fences}
    for opening in UNCLOSED_FENCE_RE.finditer(text):
        if opening.start() not in starts:
            raise MarkerError(line_of(text, opening.start()), opening.group(0).strip(),
                              "example definition is never closed",
                              "end it with the same fence (```) on a line of its own")
    return fences


@functools.lru_cache(maxsize=256)
def declared_names(text: str) -> tuple[str, ...]:
    """The names of the definitions of a page, found without checking them (for cross-page messages).

    Cached by the page's text: every build, and every rebuild of `mkdocs serve`, asks for every page.
    """
    return tuple(match.group("info").strip() for match in FENCE_RE.finditer(hide_literals(text)))


def stray_keywords(text: str, fences: list[ExampleFence]) -> list[tuple[MarkerError, str | None]]:
    """Every `gc:example` that opens no definition: in prose, in code, or in an indented fence.

    Such a mention would reach the HTML raw; an indented fence (in an admonition,
    a list or a block quote) would silently define nothing.

    Returns:
        (error, name) pairs, where name is the example an indented fence meant to define, else None.
    """
    openings = {text.rfind("\n", 0, fence.start) + 1 for fence in fences} | {fence.start for fence in fences}
    errors = []
    for match in KEYWORD_RE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if line_start in openings and text.find("\n", line_start) > match.start():
            continue
        line_end = text.find("\n", match.start())
        line_text = text[line_start:line_end if line_end >= 0 else len(text)]
        indented = INDENTED_FENCE_RE.match(line_text)
        if indented and re.fullmatch("[ ]{0,3}", indented["indent"]):
            continue  # a fence at the margin that FENCE_RE did not take: find_example_fences reports it
        if indented:
            errors.append((MarkerError(line_of(text, match.start()), _clip(line_text.strip()),
                                      f"an example definition indented by {_indentation(indented['indent'])} "
                                      "is not read as a definition",
                                      "start the fence at the left margin (at most 3 spaces), outside admonitions, "
                                      "lists, tabs and quotes; its markers may still be used inside them"),
                           indented["name"]))
        else:
            errors.append((MarkerError(line_of(text, match.start()), _clip(line_text.strip()),
                                      "the word gc:example outside a definition fence",
                                      "write !gc:example to show it as text; a definition is a fence "
                                      "```gc:example NAME at the left margin"), None))
        if len(errors) == 10:
            break
    return errors


def _indentation(prefix: str) -> str:
    if ">" in prefix:
        return "a block quote (>)"
    parts = [f"{prefix.count(' ')} space(s)"] if " " in prefix else []
    return " and ".join(parts + ([f"{prefix.count(chr(9))} tab(s)"] if "\t" in prefix else []))


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every HTML tag outside code, where a marker would land inside an attribute."""
    return [(m.start(), m.end()) for m in TAG_RE.finditer(without_code(text))]


def alone_on_line(text: str, start: int, end: int) -> bool:
    """True when text[start:end] has nothing but spaces beside it on its line."""
    before = text[text.rfind("\n", 0, start) + 1:start]
    after_end = text.find("\n", end)
    after = text[end:after_end if after_end >= 0 else len(text)]
    return not before.strip() and not after.strip()


@functools.lru_cache(maxsize=2)
def without_code(text: str) -> str:
    """`text` with code blocks and code spans blanked (same length), computed once per page."""
    return CODE_RE.sub(_blank, text) if "`" in text or "~~~" in text else text


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when `position` falls inside one of `spans` (sorted and not overlapping, as regex matches are)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def hide_literals(text: str) -> str:
    """Swap literal forms for plain tokens that Markdown passes through untouched."""
    for literal, (token, _) in LITERAL_TOKENS.items():
        text = text.replace(literal, token)
    return text


def restore_literals(html: str) -> str:
    """Turn the tokens back into the literal syntax, as HTML entities.

    The entities make the browser show `[[gc` while the HTML source never
    contains an unresolved marker, so a scan for raw markers stays exact.
    """
    for token, entity in LITERAL_TOKENS.values():
        html = html.replace(token, entity)
    return html
