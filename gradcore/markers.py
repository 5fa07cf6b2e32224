"""The marker grammar: finding `[[gc ...]]` markers and example fences in page text.

Inline value:  [[gc EXAMPLE.QUANTITY[i,j] option option=value]]
Block:         [[gc:KIND EXAMPLE option=value]]     (alone on its line)
Literal:       [[!gc ...]]                          (shown as written, not evaluated)
Definition:    a fenced block whose info string is `gc:example NAME`, body in YAML.

This module only parses; `render.py` decides what each marker becomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gradcore.errors import GradcoreError

# A marker may contain one level of square brackets (for indices), so
# `[[gc ex.W1[1,2]]]` ends after the index.
MARKER_RE = re.compile(r"\[\[gc(?P<kind>:[A-Za-z][\w-]*)?(?P<body>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\]")
# Literal forms, shown as written: `[[!gc ...]]` and a fence `!gc:example`.
MARKER_PREFIX = "[[gc"
FENCE_PREFIX = "gc:example"
LITERAL_MARKER = "[[!gc"
LITERAL_FENCE = "!gc:example"
CODE_RE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,}).*?^[ ]{0,3}(?P=fence)[ \t]*$|(?P<ticks>`+)[^`\n].*?(?P=ticks)",
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
OPTION_RE = re.compile(r"(?P<key>[A-Za-z][\w-]*)(?:=(?P<value>[^\s=]+))?\Z")
# Math regions as arithmatex (generic mode) sees them.
MATH_RE = re.compile(
    r"\$\$.*?\$\$|\\\[.*?\\\]|\\\(.*?\\\)|\\begin\{(?P<env>[a-z]+\*?)\}.*?\\end\{(?P=env)\}"
    r"|(?<![\\$])\$(?![\s$]).*?(?<![\s\\])\$",
    re.DOTALL,
)


class MarkerError(GradcoreError):
    """A marker or example definition that cannot be used, with its line."""

    def __init__(self, line: int, text: str, problem: str, valid: str = "") -> None:
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
        if not NAME_RE.match(name):
            raise MarkerError(line, match.group(0).split("\n", 1)[0],
                              f"bad example name {name!r}",
                              "a name starts with a letter and uses letters, digits, '-' and '_'")
        fences.append(ExampleFence(name, match.group("body"), line, match.start(), match.end()))
    starts = {fence.start for fence in fences}
    for opening in UNCLOSED_FENCE_RE.finditer(text):
        if opening.start() not in starts:
            raise MarkerError(line_of(text, opening.start()), opening.group(0).strip(),
                              "example definition is never closed",
                              "end it with the same fence (```) on a line of its own")
    return fences


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def math_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every math region, so values inside math get LaTeX.

    Code blocks and code spans are blanked first: a `\\[` in a shell command
    is not the start of display math.
    """
    masked = CODE_RE.sub(_blank, text)
    return [(m.start(), m.end()) for m in MATH_RE.finditer(masked)]


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when `position` falls inside one of `spans`."""
    return any(start <= position < end for start, end in spans)


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
