"""Where the math is: the one finder for math in a page's Markdown, and the one for math in its HTML.

In Markdown, math is what arithmatex (generic mode) takes as math: `$$..$$`,
`\\[..\\]` and `\\begin{env}..\\end{env}` for display, `$..$` and `\\(..\\)`
inline, never inside code. In HTML, arithmatex has turned each into an
element, `<span class="arithmatex">\\(..\\)</span>` or
`<div class="arithmatex">\\[..\\]</div>`, whose TeX is HTML-escaped and so
holds no tag; the search index keeps the same delimited TeX without the tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gradcore.markup.markers import without_code

__all__ = ["HTML_MATH", "TEX_DELIMITED", "MathSpan", "markdown_math", "markdown_math_spans"]

# Each region stops at the next opening of its own kind, so a page full of unclosed openings is scanned in
# linear time, not once per opening.
_MARKDOWN_MATH = re.compile(
    r"(?=[$\\])(?:\$\$.*?\$\$|\\\[(?:(?!\\\[).)*?\\\]|\\\((?:(?!\\\().)*?\\\)"
    r"|\\begin\{(?P<env>[a-z]+\*?)\}(?:(?!\\begin\{(?P=env)\}).)*?\\end\{(?P=env)\}"
    r"|(?<![\\$])\$(?![\s$])(?:\\.|[^\\$])*?(?<![\s\\])\$)",
    re.DOTALL,
)
_DELIMITERS = (("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$"))

HTML_MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>[^<]*)</(?P=tag)>')
"""An arithmatex element of a page's HTML: its tag (`div` for display math) and its escaped, delimited TeX."""

TEX_DELIMITED = re.compile(r"\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\]", re.DOTALL)
"""Delimited TeX as arithmatex writes it inside its elements (and as the search index keeps it)."""


@dataclass(frozen=True)
class MathSpan:
    """One math region of a page's Markdown.

    Attributes:
        start: Where it starts in the text (its opening delimiter).
        end: Where it ends (after its closing delimiter).
        line: The 1-based line of its start.
        display: True for display math.
        body: The TeX inside the delimiters (an environment keeps its `\\begin` and `\\end`).
    """

    start: int
    end: int
    line: int
    display: bool
    body: str


def markdown_math_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every math region of `text`, in order: code blocks and spans hold none."""
    return [(m.start(), m.end()) for m in _MARKDOWN_MATH.finditer(without_code(text))]


def markdown_math(text: str) -> list[MathSpan]:
    """Every math region of a page's Markdown, with its line, kind and TeX."""
    spans, line, cursor = [], 1, 0
    for start, end in markdown_math_spans(text):
        line += text.count("\n", cursor, start)
        cursor = start
        spans.append(_span(text, start, end, line))
    return spans


def _span(text: str, start: int, end: int, line: int) -> MathSpan:
    region = text[start:end]
    for opening, closing in _DELIMITERS:
        if region.startswith(opening) and region.endswith(closing) and len(region) >= len(opening) + len(closing):
            return MathSpan(start, end, line, opening in ("$$", "\\["), region[len(opening):len(region) - len(closing)])
    return MathSpan(start, end, line, True, region)  # an environment

