"""Guard rails for the pages in docs/ (issue 4).

* No decimal number is typed by hand: every derived number must come from
  gradcore at build time. The only decimals a page may contain are the declared
  inputs of its examples, inside `gc:example` fences. Fenced code blocks in
  general are also allowed to hold decimals: they show syntax (the YAML of an
  example on the Authoring page, commands), never a computed result. Everything
  else, prose, math, tables, admonitions and inline code, is scanned after the
  marker texts (`[[gc ...]]`, whose options may hold integers) are removed.
  Integers are fine: indices, sizes, equation tags, exponents such as 10^{-5}.
  A dotted run of three or more numbers (a version such as 3.2.2) is not a
  decimal and is not reported.
* Every content page (the introduction and parts 1 to 7) has a worked example
  in the built site's examples.json.
* Equation tags and labels are unique on each page, every \\eqref names a
  \\label on the same page, and every \\eqref sits inside math (outside math
  MathJax never sees it and the reader gets the raw text).
* No "???" (MathJax's mark for an unknown reference) in the built pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from built_site import ROOT, built_site
from gradcore.markup.markers import math_spans

DOCS = ROOT / "docs"
ALL_PAGES = sorted(DOCS.glob("*.md"))
CONTENT_PAGES = [DOCS / "index.md", *sorted(DOCS.glob("part-*.md"))]
SERIES_PARTS = 7

FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
MARKER_RE = re.compile(r"\[\[!?gc(?::[A-Za-z][\w-]*)?(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\]")
NUMBER_RE = re.compile(r"(?<![A-Za-z0-9.])(?P<mantissa>\d+(?:\.\d+)*|\.\d+(?:\.\d+)*)"
                       r"(?P<exponent>[eE][+-]?\d+)?(?![A-Za-z0-9])")
TAG_RE = re.compile(r"\\tag\*?\{(?P<name>[^}]*)\}")
LABEL_RE = re.compile(r"\\label\{(?P<name>[^}]*)\}")
EQREF_RE = re.compile(r"\\(?:eq)?ref\{(?P<name>[^}]*)\}")


def _relative(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def blank_fenced_code(text: str) -> list[str]:
    """The lines of `text` with every fenced code block (fences included) made empty.

    A fence closes on a line of the same character, at least as long, and
    nothing else (CommonMark), so a ```` fence may show a ``` fence inside it.
    """
    lines, fence = text.split("\n"), None
    for number, line in enumerate(lines):
        match = FENCE_RE.match(line)
        if fence is None and match:
            fence = match["fence"]
            lines[number] = ""
        elif fence is not None:
            closing = match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence)
            if closing and not line.strip().strip(fence[0]):
                fence = None
            lines[number] = ""
    return lines


# Between these comments a page shows measurements pasted from the benchmark's report, not worked numbers.
MEASURED_START, MEASURED_END = "<!-- benchmark report -->", "<!-- end of benchmark report -->"


def blank_measurements(lines: list[str]) -> list[str]:
    """The lines with every pasted benchmark report (between the two comments) made empty."""
    inside = False
    for number, line in enumerate(lines):
        if line.strip() in (MEASURED_START, MEASURED_END):
            inside = line.strip() == MEASURED_START
        if inside:
            lines[number] = ""
    return lines


def hand_typed_decimals(text: str) -> list[tuple[int, str]]:
    """(line, literal) of every decimal number in `text` outside code fences, markers and pasted reports."""
    found = []
    for number, line in enumerate(blank_measurements(blank_fenced_code(text)), start=1):
        for match in NUMBER_RE.finditer(MARKER_RE.sub(" ", line)):
            dots = match["mantissa"].count(".")
            if dots == 1 or (dots == 0 and match["exponent"]):
                found.append((number, match.group(0)))
    return found


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def equation_problems(text: str) -> list[tuple[int, str]]:
    """(line, problem) for every duplicated tag or label and every bad reference in one page."""
    source = "\n".join(blank_fenced_code(text))
    spans = math_spans(source)
    problems: list[tuple[int, str]] = []
    first_line: dict[str, dict[str, int]] = {"tag": {}, "label": {}}
    for regex, kind in ((TAG_RE, "tag"), (LABEL_RE, "label")):
        for match in regex.finditer(source):
            line, name = _line(source, match.start()), match["name"].strip()
            if name in first_line[kind]:
                problems.append((line, f"{kind} {{{name}}} already used on line {first_line[kind][name]}"))
            first_line[kind].setdefault(name, line)
    labels = first_line["label"]
    for match in EQREF_RE.finditer(source):
        line, reference = _line(source, match.start()), match.group(0)
        if match["name"].strip() not in labels:
            known = ", ".join(sorted(labels)) or "none"
            problems.append((line, f"{reference} names no \\label on this page (labels here: {known}); "
                                   "link to another page instead of citing its equations"))
        if not any(start <= match.start() < end for start, end in spans):
            problems.append((line, f"{reference} is outside math, so MathJax never sees it; write \\({reference}\\)"))
    return sorted(problems)


def built_page(page: Path) -> Path:
    return built_site() / page.relative_to(DOCS).with_suffix(".html")


@pytest.mark.parametrize(("text", "expected"), [
    ("The loss is 0.5744 here.", ["0.5744"]),
    ("Inside math: $$ L = .5 \\times 2.0 $$", [".5", "2.0"]),
    ("A step of 1e-3 and 2.5E+4.", ["1e-3", "2.5E+4"]),
    ("| \\(w\\) | 0.25 |", ["0.25"]),
    ("    Inside an admonition, 0.5744.", ["0.5744"]),
    ("In code, `0.5744`.", ["0.5744"]),
    ("Indices 1, 2 and 3, a 3 x 1 matrix, tag (12), 10^{-5}, x^{1}.", []),
    ("Part 2. Then 1. a list item, and the end of a sentence 2000.", []),
    ("A value [[gc p1.dW1[1,1] digits=2]] and a literal [[!gc demo.loss digits=3]].", []),
    ("Names p1.yhat, W1.json and version 3.2.2.", []),
    ("```gc:example p1\nX: [[1.5]]\nlr: 0.5\n```\nthen 0.5 in prose", [(5, "0.5")]),
    ("````markdown\n```gc:example d\nW1: [[0.2]]\n```\nlr: 0.5\n````\nafter", []),
    ("~~~yaml\nlr: 0.5\n~~~\n", []),
])
def test_hand_typed_decimals_finds_decimals_outside_fences_and_markers(text, expected):
    """Assert the scanner reports exactly the decimals a reader would see typed by hand."""
    found = hand_typed_decimals(text)
    if expected and isinstance(expected[0], tuple):
        assert found == expected
    else:
        assert [literal for _, literal in found] == expected


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_no_decimal_is_typed_by_hand(page):
    """Assert a page holds no decimal outside its example definitions, code fences and markers."""
    found = hand_typed_decimals(page.read_text(encoding="utf-8"))
    where = "\n".join(f"{_relative(page)}:{line}: hand-typed decimal {literal!r}; use a [[gc ...]] marker"
                      for line, literal in found)
    assert not found, where


def test_the_series_has_its_seven_parts():
    """Assert the content pages are the introduction and seven parts."""
    assert [p.name for p in CONTENT_PAGES[1:]] == sorted(p.name for p in CONTENT_PAGES[1:])
    assert len(CONTENT_PAGES) == 1 + SERIES_PARTS, [p.name for p in CONTENT_PAGES]


@pytest.mark.parametrize("page", CONTENT_PAGES, ids=lambda p: p.name)
def test_every_content_page_has_a_worked_example(page):
    """Assert examples.json holds at least one example defined on this page."""
    entries = json.loads((built_site() / "examples.json").read_text(encoding="utf-8"))["examples"]
    names = [entry["id"] for entry in entries if entry["page"] == f"docs/{page.name}"]
    assert names, f"{_relative(page)} defines no worked example (no gc:example fence)"


@pytest.mark.parametrize(("text", "problem"), [
    ("$$ a \\tag{1} \\label{x} $$\n\n$$ b \\tag{1} \\label{y} $$", "tag {1} already used on line 1"),
    ("$$ a \\tag{1} \\label{x} $$\n\n$$ b \\tag{2} \\label{x} $$", "label {x} already used on line 1"),
    ("$$ a \\tag{1} \\label{x} $$\n\nSee \\(\\eqref{ref0}\\).", "\\eqref{ref0} names no \\label"),
    ("$$ a \\tag{1} \\label{x} $$\n\nSee \\eqref{x}.", "\\eqref{x} is outside math"),
])
def test_equation_problems_are_found(text, problem):
    """Assert duplicated tags or labels, unknown references and references outside math are reported."""
    found = [message for _, message in equation_problems(text)]
    assert any(problem in message for message in found), found


def test_sound_equations_pass():
    """Assert a page with unique tags and local references has no problem, also with a code sample."""
    text = ("$$ a \\tag{1} \\label{x} $$\n\n$$\n\\begin{aligned} b \\end{aligned}\n\\tag{2} \\label{y}\n$$\n\n"
            "By \\(\\eqref{x}\\) and \\(\\eqref{y}\\).\n\n```latex\n\\tag{1} \\eqref{nowhere}\n```\n")
    assert equation_problems(text) == []


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_equation_tags_and_references_are_sound(page):
    """Assert unique tags and labels per page, and every \\eqref names a label on the same page, in math."""
    problems = equation_problems(page.read_text(encoding="utf-8"))
    assert not problems, "\n".join(f"{_relative(page)}:{line}: {message}" for line, message in problems)


@pytest.mark.parametrize("page", CONTENT_PAGES, ids=lambda p: p.name)
def test_no_unresolved_reference_in_the_built_page(page):
    """Assert the built HTML of a series page never shows MathJax's '???'."""
    assert "???" not in built_page(page).read_text(encoding="utf-8")


def test_nav_labels_are_the_page_titles():
    """Assert mkdocs.yml's nav names files only, so each entry shows its page's own title (one source)."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        nav = yaml_load(config)["nav"]

    def pages(entries):
        for entry in entries:
            if isinstance(entry, dict):
                for section in entry.values():
                    assert isinstance(section, list), f"a labelled page in the nav: {entry}; list its file only"
                    yield from pages(section)
            else:
                yield entry

    listed = list(pages(nav))
    assert listed and all(isinstance(p, str) and p.endswith(".md") for p in listed), listed
