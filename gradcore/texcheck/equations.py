"""Find the labelled display equations of a page and cut them into chains of members.

A display equation is a $$ ... $$ block with a \\label. An author who
cannot state it in the checked notation writes `\\notchecked{reason}` in it:
the equation is then not checked, and the reason is shown beside it. A
planted mistake (a "find the mistake" exercise, a quoted error) carries
the TeX comment `% expected wrong`, which no renderer shows: it must fail the
check, and the reader sees no mark. TeX comments are left out. The body is cut
into statements at line breaks (\\\\), at \\qquad and at ", \\quad"; each
statement is a chain a = b = c of members. Shape lines such as
[X]_{1 \\times 3} \\cdot [W_1]_{3 \\times 1} = [u_1]_{1 \\times 1} are
statements too: their members carry a shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gradcore.markup.mathfind import markdown_math
from gradcore.texcheck.symbols import is_transpose

__all__ = ["Equation", "Statement", "expected_wrong", "find_equations", "free_indices", "not_checked_reason",
           "on_example",
           "split_top_level", "statements_of"]

_LABEL = re.compile(r"\\label\{(?P<label>[^}]*)\}")
_TAG = re.compile(r"\\tag\{(?P<tag>[^}]*)\}")
_NOT_CHECKED = re.compile(r"\\notchecked\{(?P<reason>(?:[^{}]|\{[^{}]*\})*)\}")
NOT_CHECKED_WITH_SPACE = re.compile(r"\s*" + _NOT_CHECKED.pattern)
"""An author's `\\notchecked{reason}` and the space before it: what the page drops (no renderer knows it)."""
_EXPECTED_WRONG = re.compile(r"%[ \t]*expected wrong[^\n]*")
_STEP_NAME = re.compile(r"\A\s*\\text\{[^{}]*:\}\s*(\\q?quad)?")  # "\\text{step 2:} \\quad" before a formula
_ON = re.compile(r"%[ \t]*on[ \t]+(?P<name>[A-Za-z][\w-]*)[ \t]*$", re.M)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_CONTINUED = re.compile(r"\s*&?\s*(\\q?quad\s*)?(\{\}\s*)?(?=[+-])")
_ENVIRONMENT = re.compile(r"\\(begin|end)\{(aligned|gathered)\}")
_BREAK = re.compile(r"\\\\(\[[^\]]*\])?")
_SEPARATOR = re.compile(r"\\qquad|,\s*\\quad")


@dataclass(frozen=True)
class Statement:
    """One chain a = b = c of an equation, and its members' text."""

    members: tuple[str, ...]


@dataclass(frozen=True)
class Equation:
    """A labelled display equation: where it is, its label and tag, its statements."""

    line: int
    label: str
    tag: str
    statements: tuple[Statement, ...]
    not_checked: str | None = None  # the author's reason, from \\notchecked{reason}
    expected_wrong: bool = False  # `% expected wrong`: a planted mistake, which must fail the check
    on: str | None = None  # `% on NAME`: the page's example to check it on, instead of its first one


def split_top_level(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split at `separator`, but not inside braces, parentheses or a matrix environment."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(text):
        if text.startswith("\\begin{bmatrix}", i):
            depth += 1
        elif text.startswith("\\end{bmatrix}", i):
            depth -= 1
        elif text[i] in "{([" and not text.startswith("\\", i - 1 if i else 0):
            depth += 1
        elif text[i] in "})]" and not text.startswith("\\", i - 1 if i else 0):
            depth -= 1
        if depth == 0:
            match = separator.match(text, i)
            if match and match.end() > i:
                pieces.append(text[start:i])
                start = i = match.end()
                continue
        i += 1
    pieces.append(text[start:])
    return pieces


def label_of(body: str) -> str | None:
    """The `\\label` of a display's TeX, or None."""
    label = _LABEL.search(body)
    return label["label"] if label else None


def not_checked_reason(body: str) -> str | None:
    """The reason of a `\\notchecked{reason}` in a region's TeX, or None."""
    mark = _NOT_CHECKED.search(body)
    return mark["reason"].strip() if mark else None


def on_example(body: str) -> str | None:
    """The example a region's TeX names with `% on NAME`, or None."""
    mark = _ON.search(body)
    return mark["name"] if mark else None


def expected_wrong(body: str) -> bool:
    """Whether a region's TeX carries `% expected wrong`."""
    return bool(_EXPECTED_WRONG.search(body))


def statements_of(body: str) -> tuple[Statement, ...]:
    """The chains a = b = c of a display's or an inline region's TeX."""
    return _statements(body)


def _statements(body: str) -> tuple[Statement, ...]:
    body = _ENVIRONMENT.sub(" ", _TAG.sub(" ", _LABEL.sub(" ", _NOT_CHECKED.sub(" ", _COMMENT.sub(" ", body)))))
    body = body.replace("&=", "=").replace("\\;\\;", "&")
    statements: list[Statement] = []
    for line in split_top_level(body, _BREAK):
        continued = _CONTINUED.match(line)
        if continued and statements:  # a sum continued on the next line: "&\\quad {} + ..."
            more = [m.strip() for m in split_top_level(line[continued.end():].strip().rstrip(",."), re.compile("="))]
            last = statements[-1].members
            statements[-1] = Statement((*last[:-1], f"{last[-1]} {more[0]}", *more[1:]))
            continue
        for piece in split_top_level(line, _SEPARATOR):
            piece = _STEP_NAME.sub("", piece).strip().rstrip(",.").strip()
            if not piece:
                continue
            members = tuple(m.strip() for m in split_top_level(piece, re.compile("=")))
            if members[0] == "" and statements:  # a chain continued on the next line: "&= ..."
                statements[-1] = Statement(statements[-1].members + members[1:])
            else:
                statements.append(Statement(members))
    return tuple(statements)


def find_equations(text: str) -> list[Equation]:
    """Every labelled display equation of a page, in order."""
    equations = []
    for math in markdown_math(text):
        label = _LABEL.search(math.body) if math.display else None
        if not label:
            continue
        tag, mark = _TAG.search(math.body), _NOT_CHECKED.search(math.body)
        equations.append(Equation(math.line, label["label"], tag["tag"] if tag else "", _statements(math.body),
                                  mark["reason"].strip() if mark else None,
                                  bool(_EXPECTED_WRONG.search(math.body)), on_example(math.body)))
    return equations


def free_indices(text: str) -> list[str]:
    """Index letters used in sub- and superscripts of a member, minus those bound by a sum."""
    letters: set[str] = set()
    bound = set()
    for match in re.finditer(r"[_^](\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])", text):
        body = match.group(1).strip("{}")
        if "\\times" in body:
            continue
        if "=" in body:
            bound.add(body.split("=")[0].strip())
            continue
        if is_transpose(body):
            continue
        letters.update(c for c in re.sub(r"n_\{?[^,}]*\}?", "", body) if c in "ijkopq")
    return sorted(letters - bound)
