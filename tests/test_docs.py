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
* No fraction is typed by hand either (`\\tfrac{1}{4}`, `¼`, `1/4`), unless it
  is one of the given constants that gradcore declares and computes
  (`gradcore.texcheck.constants`): the ½ of the loss, σ(0) and σ′'s largest value.
* Every content page (the introduction and parts 1 to 7) has a worked example
  in the built site's examples.json.
* Equation tags and labels are unique on each page, every \\eqref names a
  \\label on the same page, and every \\eqref sits inside math (outside math
  MathJax never sees it and the reader gets the raw text).
* No "???" (MathJax's mark for an unknown reference) in the built pages.
* The documents sit where their readers look (issue 23): the site keeps a short
  page on how the numbers are checked, which quotes the code's own tolerances;
  README is for the newcomer (what the project is, then the two commands, how
  it works, writing a page, deploying) and, like CONTRIBUTING.md, lists every
  stage folder of gradcore; every relative link in these documents and in
  bench/README.md names a file that exists.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from pathlib import Path

import pytest

from built_site import ROOT, built_site
from gradcore.markup.mathfind import markdown_math_spans as math_spans
from gradcore.texcheck.constants import DECLARED_CONSTANTS, declared_values

DOCS = ROOT / "docs"
ALL_PAGES = sorted(DOCS.glob("*.md"))
CONTENT_PAGES = [DOCS / "index.md", *sorted(DOCS.glob("part-*.md"))]
SERIES_PARTS = 9

FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
MARKER_RE = re.compile(r"\[\[!?gc(?::[A-Za-z][\w-]*)?(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\]")
NUMBER_RE = re.compile(r"(?<![A-Za-z0-9.])(?P<mantissa>\d+(?:\.\d+)*|\.\d+(?:\.\d+)*)"
                       r"(?P<exponent>[eE][+-]?\d+)?(?![A-Za-z0-9])")
TEX_FRACTION_RE = re.compile(r"\\[dt]?frac\s*(?:\{\s*(?P<a>\d+)\s*\}|(?P<a1>\d))\s*(?:\{\s*(?P<b>\d+)\s*\}|(?P<b1>\d))")
SLASH_FRACTION_RE = re.compile(r"(?<![\w/.\-])(?P<a>\d+)\s*[/⁄]\s*(?P<b>\d+)(?![\w/.])")
VULGAR_FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
                    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅐": (1, 7), "⅛": (1, 8), "⅜": (3, 8),
                    "⅝": (5, 8), "⅞": (7, 8), "⅑": (1, 9), "⅒": (1, 10)}
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


def hand_typed_decimals(text: str) -> list[tuple[int, str]]:
    """(line, literal) of every decimal number in `text` outside code fences and markers.

    No page is exempt: the benchmark's measurements live in bench/README.md, not on the site.
    """
    found = []
    for number, line in enumerate(blank_fenced_code(text), start=1):
        for match in NUMBER_RE.finditer(MARKER_RE.sub(" ", line)):
            dots = match["mantissa"].count(".")
            if dots == 1 or (dots == 0 and match["exponent"]):
                found.append((number, match.group(0)))
    return found


def typed_fractions(text: str) -> list[tuple[int, str, Fraction]]:
    """(line, literal, value) of every fraction written with numbers in `text`, outside code fences and markers."""
    found = []
    for number, line in enumerate(blank_fenced_code(text), start=1):
        line = MARKER_RE.sub(" ", line)
        for match in TEX_FRACTION_RE.finditer(line):
            numerator, denominator = int(match["a"] or match["a1"]), int(match["b"] or match["b1"])
            if denominator:
                found.append((number, match.group(0), Fraction(numerator, denominator)))
        for match in SLASH_FRACTION_RE.finditer(line):
            if int(match["b"]):
                found.append((number, match.group(0), Fraction(int(match["a"]), int(match["b"]))))
        found += [(number, glyph, Fraction(*VULGAR_FRACTIONS[glyph])) for glyph in line if glyph in VULGAR_FRACTIONS]
    return found


def hand_typed_fractions(text: str) -> list[tuple[int, str]]:
    """(line, literal) of every typed fraction that is not a declared constant."""
    allowed = declared_values()
    return [(line, literal) for line, literal, value in typed_fractions(text) if value not in allowed]


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


@pytest.mark.parametrize(("text", "expected"), [
    ("Its largest slope is \\(\\tfrac{1}{4}\\), and \\(L = \\frac{1}{2} e^2\\).", []),
    ("A third: \\(\\tfrac{1}{3}\\), \\(\\dfrac{ 2 }{ 3 }\\) and \\(\\frac12\\).",
     ["\\tfrac{1}{3}", "\\dfrac{ 2 }{ 3 }"]),
    ("At most 1/3 of it, or ⅓, or 3 ⁄ 4, but ½ and ¼ are given.", ["1/3", "3 ⁄ 4", "⅓"]),
    ("Paths and dates are not fractions: docs/part-1.md, https://x.org/2016/05/a, 10/0.", []),
    ("A marker's text is not typed: [[gc p1.loss digits=3]] \\(\\frac{[[gc n.m]]}{2}\\)", []),
    ("```\n\\tfrac{1}{3}\n```\nafter", []),
])
def test_hand_typed_fractions_finds_every_spelling_outside_the_declared_constants(text, expected):
    """Assert the scanner reports every typed fraction that gradcore does not declare, however it is spelt."""
    assert sorted(literal for _, literal in hand_typed_fractions(text)) == sorted(expected)


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_no_fraction_is_typed_by_hand(page):
    """Assert every fraction a page types is a constant gradcore declares (gradcore/texcheck/constants.py)."""
    found = hand_typed_fractions(page.read_text(encoding="utf-8"))
    allowed = ", ".join(sorted({str(c.value) for c in DECLARED_CONSTANTS}))
    where = "\n".join(f"{_relative(page)}:{line}: hand-typed fraction {literal!r}; use a [[gc ...]] marker, or "
                      f"declare it in gradcore/texcheck/constants.py (declared: {allowed})" for line, literal in found)
    assert not found, where


@pytest.mark.parametrize("constant", DECLARED_CONSTANTS, ids=lambda c: c.meaning)
def test_every_declared_constant_is_what_gradcore_computes(constant):
    """Assert each constant a page may type equals gradcore's own value of it, exactly."""
    assert constant.computed() == float(constant.value), constant.meaning


def test_the_series_has_its_nine_parts():
    """Assert the content pages are the introduction and nine parts."""
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


# What MathJax draws for TeX it cannot read: an error node, red text for a macro it does not know, "???"
# for a reference to a missing label. The build refuses each of these; none may reach a page.
MATHJAX_ERROR_OUTPUT = ("???", "<merror", "data-mjx-error", 'mathcolor="red"', 'href="#" class="MathJax_ref"')


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_no_mathjax_error_output_in_the_built_page(page):
    """Assert no built page shows MathJax's error output, red undefined macros or '???'."""
    html = built_page(page).read_text(encoding="utf-8")
    assert [mark for mark in MATHJAX_ERROR_OUTPUT if mark in html] == []


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


# --- The documents in their place (issue 23) ---

README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
CHECKS_PAGE = DOCS / "checks.md"
REPOSITORY_DOCUMENTS = [README, CONTRIBUTING, ROOT / "bench" / "README.md"]
# The readers' page on the checks stays short ("at most about 150 lines"); the internals go to CONTRIBUTING.md.
CHECKS_PAGE_MAX_LINES = 160
README_SECTIONS = ["The two commands", "How it works", "Writing a page", "Deploying", "Licence and credit"]
SERVE_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/mkdocs serve"
TEST_COMMAND = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
# README was 2,030 words before issue 23, test counts and engine notes first; it is for a newcomer now.
README_MAX_WORDS = 1200
LINK_TARGET = re.compile(r"\]\((?P<target>[^)\s]+)\)")
LAYOUT_ROW = re.compile(r"^\| `(?P<path>gradcore/[\w/]+/)` \|", re.MULTILINE)


def _nav_files() -> list[str]:
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        nav = yaml_load(config)["nav"]
    found, stack = [], list(nav)
    while stack:
        entry = stack.pop(0)
        if isinstance(entry, dict):
            stack[:0] = [page for section in entry.values() for page in section]
        else:
            found.append(entry)
    return found


def _power_of_ten(value: float) -> str:
    """`value` as the page writes it, 10^{-7} for 1e-7 (it must be an exact power of ten)."""
    exponent = round(math.log10(value))
    assert math.isclose(value, 10.0 ** exponent, rel_tol=1e-12), value
    return f"10^{{{exponent}}}"


def _sections(text: str) -> dict[str, str]:
    """The text under each second-level heading, by heading; the text before the first is under ''."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {"": parts[0], **dict(zip(parts[1::2], parts[2::2]))}


def test_the_checks_page_replaces_how_it_is_built():
    """Assert the site lists the short page on the checks, and the old internals page is gone."""
    assert "checks.md" in _nav_files()
    assert not (DOCS / "how-it-is-built.md").exists(), "build internals belong in CONTRIBUTING.md"
    lines = CHECKS_PAGE.read_text(encoding="utf-8").count("\n")
    assert lines <= CHECKS_PAGE_MAX_LINES, f"docs/checks.md has {lines} lines; keep the internals in CONTRIBUTING.md"


def test_the_checks_page_quotes_the_code_s_own_tolerances():
    """Assert the steps, tolerances and slacks the checks page states are those the code uses."""
    from gradcore.core.gradcheck import ROUNDING_SLACK, TOLERANCE
    from gradcore.core.numerical import COMPLEX_STEP, EPS
    from gradcore.core.rounding import ROUNDING_FLOOR_SLACK
    from gradcore.texcheck import evaluate
    from gradcore.texcheck.check import AGREEMENT

    text = " ".join(CHECKS_PAGE.read_text(encoding="utf-8").split())
    stated = {
        "central differences' step": rf"\epsilon = {_power_of_ten(EPS)}",
        "complex step": rf"h = {_power_of_ten(COMPLEX_STEP)}",
        "gradient tolerance": f"within \\({_power_of_ten(TOLERANCE)}\\)",
        "equation agreement": f"relative \\({_power_of_ten(AGREEMENT)}\\)",
        "complex step of d/dx": rf"h = {_power_of_ten(evaluate._STEP)}",
        "rounding floor": f"{ROUNDING_FLOOR_SLACK:g} times the machine epsilon",
        "central resolution": f"{ROUNDING_SLACK:g} times the loss's rounding error",
    }
    missing = {what: phrase for what, phrase in stated.items() if phrase not in text}
    assert not missing, f"docs/checks.md does not state the code's values: {missing}"


def test_the_checks_page_says_what_is_not_checked():
    """Assert the page is honest about the limits: prose, math the checker cannot read, other numbers."""
    section = _sections(CHECKS_PAGE.read_text(encoding="utf-8")).get("What is not checked", "")
    for limit in ("prose", "cannot read", "Other numbers than the page's"):
        assert limit in section, f"docs/checks.md's 'What is not checked' does not mention {limit!r}"


def test_readme_is_for_the_newcomer():
    """Assert README's order (what it is, two commands, how it works, writing, deploying) and its length."""
    text = README.read_text(encoding="utf-8")
    sections = _sections(text)
    assert [title for title in sections if title] == README_SECTIONS
    assert "gradcore" in sections[""], "README's opening says what gradcore is"
    assert "[[gc" not in sections[""] + sections["The two commands"], "markers come after the reader meets gradcore"
    words = len(text.split())
    assert words <= README_MAX_WORDS, f"README has {words} words; move internals to CONTRIBUTING.md"


def test_readme_keeps_the_two_commands_and_what_success_looks_like():
    """Assert the two commands are there verbatim, with the address the server prints."""
    section = _sections(README.read_text(encoding="utf-8"))["The two commands"]
    assert f"```bash\n{SERVE_COMMAND}\n```" in section
    assert f"```bash\n{TEST_COMMAND}\n```" in section
    assert "Serving on http://127.0.0.1:8000/" in section


@pytest.mark.parametrize("document", [README, CONTRIBUTING], ids=lambda p: p.name)
def test_layout_table_lists_every_stage_folder(document):
    """Assert the layout table names every package folder of gradcore/, and no folder that is gone."""
    listed = set(LAYOUT_ROW.findall(document.read_text(encoding="utf-8")))
    folders = {f"gradcore/{p.parent.name}/" for p in (ROOT / "gradcore").glob("*/__init__.py")}
    assert listed == folders, f"{document.name}: missing {sorted(folders - listed)}, stale {sorted(listed - folders)}"


@pytest.mark.parametrize("document", REPOSITORY_DOCUMENTS + ALL_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_name_files_that_exist(document):
    """Assert every relative link of a document names an existing file (MkDocs checks docs/ only when it builds)."""
    text = "\n".join(blank_fenced_code(document.read_text(encoding="utf-8")))
    broken = []
    for match in LINK_TARGET.finditer(text):
        target = match["target"].split("#", 1)[0]
        if target and not re.match(r"[a-z][a-z0-9+.-]*:", target) and not (document.parent / target).exists():
            broken.append(match["target"])
    assert not broken, f"{document.relative_to(ROOT)} links to missing files: {broken}"


def test_the_checks_page_shows_every_page_s_check_counts():
    """Assert the built checks page holds the table of counts (the hook filled it in), a row for each series page."""
    html = (built_site() / "checks.html").read_text(encoding="utf-8")
    block = html[html.index('<div class="gc-check-counts">'):]
    assert '<table class="gc-table">' in block[:200] and "built with MkDocs or ProperDocs" not in html
    rows = re.findall(r"<tr><td>([^<]+)</td>", block[:block.index("</table>")])
    assert {"index", *(f"Part {k}" for k in range(1, SERIES_PARTS + 1))} <= set(rows)


@pytest.mark.parametrize("sheet", sorted((DOCS / "assets").glob("*.css")), ids=lambda p: p.name)
def test_stylesheets_close_every_rule(sheet):
    """Assert each of the site's stylesheets closes every block and comment: a brace lost in a merge makes the
    browser drop every rule after it, with no error anywhere (the accessibility rules went that way once)."""
    text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
    assert "/*" not in text and "*/" not in text, f"{sheet.name}: a comment is not closed"
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{sheet.name}: a '}}' without its '{{' by line {number}"
    assert depth == 0, f"{sheet.name}: {depth} block(s) never closed"
