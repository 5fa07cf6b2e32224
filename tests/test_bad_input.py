"""Bad input through a real MkDocs build: each case stops the build with file, line, problem and remedy.

The builds run in-process through MkDocs' Python API (about 0.2 s each,
against about 1 s for a new `mkdocs` process), with the project's own
mkdocs.yml, hook and extension, on a one- or two-page temp docs folder.
Every failing case also proves that the build wrote nothing into docs/.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest
from mkdocs.exceptions import MkDocsException

from site_project import build_in_process, docs_snapshot, failed_build, make_project, require_engine, run_engine

# Line 3 opens the definition, line 9 holds the marker under test.
PAGE = """# Bad input

```gc:example e
X: [[1.0, 2.0]]
y: [[0.0]]
W1: [[0.5], [-0.5]]
```

Value: [[gc e.loss]]
"""


BOMB = ('b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        + "".join(f"b{k}: &b{k} [{', '.join([f'*b{k - 1}'] * 9)}]\n" for k in range(1, 9)))
LARGE = "9" * 400


def page_with(old: str, new: str) -> dict[str, str]:
    assert old in PAGE
    return {"index.md": PAGE.replace(old, new)}


CASES = [  # id, (old, new) in PAGE, line, what was wrong, what is valid
    ("unknown-example", ("[[gc e.loss]]", "[[gc nope.loss]]"), 9,
     "unknown example 'nope'", "examples defined on this page: e"),
    ("unknown-quantity", ("[[gc e.loss]]", "[[gc e.dW7]]"), 9,
     "unknown quantity 'dW7' for example 'e'", "valid: X, y, lr, W{k}"),
    ("index-out-of-range", ("[[gc e.loss]]", "[[gc e.W1[3,1]]]"), 9,
     "index [3,1] is out of range for a 2 x 1 quantity", "indices start at 1"),
    ("malformed-reference", ("[[gc e.loss]]", "[[gc e..loss]]"), 9,
     "malformed reference 'e..loss'", "write EXAMPLE.QUANTITY"),
    ("malformed-option", ("[[gc e.loss]]", "[[gc e.loss =3]]"), 9,
     "malformed option '=3'", "options look like `name` or `name=value`"),
    ("unterminated-marker", ("[[gc e.loss]]", "[[gc e.loss"), 9,
     "unterminated or malformed marker", "a marker is [[gc ...]] on one line"),
    ("unterminated-definition", ("W1: [[0.5], [-0.5]]\n```\n", "W1: [[0.5], [-0.5]]\n"), 3,
     "example definition is never closed", "end it with the same fence"),
    ("invalid-yaml", ("y: [[0.0]]", "y: [[0.0]"), 6,
     "the definition is not valid YAML", "expected ',' or ']'"),
    ("duplicate-name", ("Value:", "```gc:example e\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\nValue:"), 9,
     "duplicate example name 'e'", "names are unique across the site"),
    ("shapes-do-not-chain", ("W1: [[0.5], [-0.5]]", "W1: [[0.5, 0.1], [-0.5, 0.2]]\nW2: [[0.5], [0.1], [0.3]]"), 3,
     "W_2 has shape 3 x 1 but W_1 outputs 2 values", "W_2 must have 2 rows"),
    ("wrong-y-shape", ("y: [[0.0]]", "y: [[0.0, 1.0]]"), 3,
     "y has shape 1 x 2 but yhat is 1 x 1", "y must be 1 x 1"),
    ("nan-input", ("X: [[1.0, 2.0]]", "X: [[.nan, 2.0]]"), 4,
     "X[1,1] is nan", "expected a finite number (no NaN or inf)"),
    ("inf-input", ("X: [[1.0, 2.0]]", "X: [[1.0, -.inf]]"), 4,
     "X[1,2] is -inf", "expected a finite number (no NaN or inf)"),
    ("non-numeric-input", ("X: [[1.0, 2.0]]", "X: [[1.0, two]]"), 4,
     "X[1,2] is 'two'", "expected a number"),
    ("zero-learning-rate", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\nlr: 0"), 7,
     "lr (the learning rate) must be a positive number", "got 0.0"),
    ("negative-learning-rate", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\nlr: -0.1"), 7,
     "lr (the learning rate) must be a positive number", "got -0.1"),
    ("html-in-example-name", ("gc:example e", "gc:example <b>e</b>"), 3,
     "bad example name '<b>e</b>'", "a name starts with a letter and uses letters, digits"),
    ("html-in-marker", ("[[gc e.loss]]", "[[gc <i>e</i>.loss]]"), 9,
     "malformed reference '<i>e</i>.loss'", "write EXAMPLE.QUANTITY"),
    # Hostile definitions: refused at once, with the line of the offending entry.
    ("alias-bomb-as-kind", ("X: [[1.0, 2.0]]", BOMB + "kind: *b8\nX: [[1.0, 2.0]]"), 5,
     "a YAML alias (*name) reuses a value", "aliases and merge keys are not allowed"),
    ("alias-bomb-in-X", ("X: [[1.0, 2.0]]", BOMB.replace("b8:", "X:") + "q: 1"), 5,
     "a YAML alias (*name) reuses a value", "write the numbers out"),
    ("alias-as-steps", ("W1: [[0.5], [-0.5]]", "W1: &w [[0.5], [-0.5]]\nsteps: *w"), 7,
     "a YAML alias (*name) reuses a value", "write the numbers out"),
    ("merge-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\nlr: &m {a: 1}\nsteps: {<<: *m}"), 8,
     "the key '<<' is read by YAML as a merge key", "keys are names such as X, y, W1"),
    ("duplicate-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\nW1: [[0.1], [0.2]]"), 7,
     "the key 'W1' is given a second time (first 1 line(s) above)", "give each key once"),
    ("number-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\n1: 2"), 7,
     "the key '1' is read by YAML as a whole number", "keys are names such as X, y, W1"),
    ("null-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\nnull: 2"), 7,
     "the key 'null' is read by YAML as null", "keys are names such as X, y, W1"),
    ("yes-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\nyes: 2"), 7,
     "the key 'yes' is read by YAML as true/false", "keys are names such as X, y, W1"),
    ("on-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\non: 2"), 7,
     "the key 'on' is read by YAML as true/false", "keys are names such as X, y, W1"),
    ("list-key", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\n? [1, 2]\n: 3"), 7,
     "the key a list or a mapping is read by YAML as not a name", "keys are names such as X, y, W1"),
    ("deep-nesting", ("X: [[1.0, 2.0]]", "X: " + "[" * 50_000 + "]" * 50_000), 4,
     "the definition is not valid YAML", "exceeded maximum nesting depth"),
    ("moderate-nesting", ("X: [[1.0, 2.0]]", "X: [[" + "[" * 900 + "1" + "]" * 900 + "]]"), 4,
     "X[1,1] is [[[[...]]]]: expected a number", ""),
    ("huge-int-in-X", ("X: [[1.0, 2.0]]", f"X: [[{LARGE}, 2.0]]"), 4,
     "a whole number of 400 digits", "at most about 1.8e308"),
    ("huge-int-as-lr", ("W1: [[0.5], [-0.5]]", f"W1: [[0.5], [-0.5]]\nlr: {LARGE}"), 7,
     "a whole number of 400 digits", "at most about 1.8e308"),
    ("int-past-str-limit", ("W1: [[0.5], [-0.5]]", f"W1: [[0.5], [-0.5]]\nlr: {'9' * 5000}"), 7,
     "a whole number of 5,000 digits", "at most about 1.8e308"),
    ("int-above-float", ("X: [[1.0, 2.0]]", f"X: [[2{'0' * 308}, 2.0]]"), 4,
     "X[1,1] is an integer of about 309 digits", "at most about 1.8e308"),
    ("long-unknown-key", ("W1: [[0.5], [-0.5]]", f"W1: [[0.5], [-0.5]]\n{'k' * 1000}: 1"), 7,
     "unknown key 'kkkkkkk", "valid keys: X, y, W1"),
    ("overflowing-result", ("X: [[1.0, 2.0]]\ny: [[0.0]]\nW1: [[0.5], [-0.5]]",
                            "X: [[1e300, 1e300]]\ny: [[0.0]]\nW1: [[1e10], [1e10]]"), 3,
     "u_1 overflows (NaN or infinite)", "keep |X W| and the weights small"),
    ("deep-network", ("W1: [[0.5], [-0.5]]", "W1: [[0.5], [-0.5]]\n" + "".join(
        f"W{k}: [[0.5]]\n" for k in range(2, 2001))), 2005,
     "the example has 2,000 layers (2 -> 1 -> 1 -> ... -> 1); a page's example has at most 10",
     "show a smaller example"),
    ("figure-too-costly", ("W1: [[0.5], [-0.5]]\n```\n\nValue: [[gc e.loss]]", "W1: [[0.5], [-0.5]]\n"
                           + "".join(f"W{k}: [[0.5]]\n" for k in range(2, 9)) + "```\n\n[[gc:figure e graph]]"), 16,
     "the graph of a network with 8 layers (2 -> 1 -> 1 -> ... -> 1) cannot be drawn: a graph shows at most 4",
     "draw a smaller example, or show this one with blocks"),
    # Names become file names.
    ("name-too-long", ("gc:example e", "gc:example " + "e" * 65), 3,
     "bad example name 'eeeeeeee", "(at most 64 characters)"),
    ("names-differ-in-case", ("Value:", "```gc:example E\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\nValue:"), 9,
     "duplicate example name 'E'", "already defined as 'e' (names may not differ only in case)"),
    # Markers written in the wrong place.
    ("unicode-digits", ("[[gc e.loss]]", "[[gc e.loss digits=\u00b2]]"), 9,
     "bad digits='\u00b2'", "digits is a whole number from 1 to 15"),
    ("unicode-index", ("[[gc e.loss]]", "[[gc e.W1[\u0662]]]"), 9,
     "bad index [\u0662]", "write [i] or [i,j] with whole numbers starting at 1"),
    ("block-marker-inline", ("Value: [[gc e.loss]]", "The forward pass [[gc:forward e]] gives *this*."), 9,
     "the block marker [[gc:forward ...]] shares its line with text", "a block marker stands alone on its line"),
    ("marker-in-attribute", ("Value: [[gc e.loss]]", '<abbr title="[[gc e.W1]]">W</abbr>'), 9,
     "a marker inside an HTML tag", "put the marker in the text of the element instead"),
    ("keyword-in-prose", ("Value: [[gc e.loss]]", "Value: [[gc e.loss]], defined by gc:example above."), 9,
     "the word gc:example outside a definition fence", "write !gc:example to show it as text"),
    ("keyword-in-indented-code",
     ("Value: [[gc e.loss]]", "Value: [[gc e.loss]]\n\n    ```gc:example f\n    X: 1\n    ```"), 11,
     "an example definition indented by 4 space(s) is not read as a definition", "start the fence at the left margin"),
    ("fence-in-admonition", ("```gc:example e\nX: [[1.0, 2.0]]\ny: [[0.0]]\nW1: [[0.5], [-0.5]]\n```",
                             '!!! note\n    ```gc:example e\n    X: [[1.0, 2.0]]\n    y: [[0.0]]\n'
                             '    W1: [[0.5], [-0.5]]\n    ```'), 4,
     "an example definition indented by 4 space(s) is not read as a definition", "outside admonitions, lists"),
    ("fence-in-quote", ("```gc:example e", "> ```gc:example e"), 3,
     "an example definition indented by a block quote (>)", "start the fence at the left margin"),
]


@pytest.mark.parametrize(("replace", "line", "wrong", "valid"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_bad_input_fails_the_build_with_file_line_problem_and_remedy(tmp_path, caplog, replace, line, wrong, valid):
    """Assert the build fails naming docs/index.md, the line, what was wrong and what is valid."""
    message = failed_build(tmp_path, page_with(*replace), caplog)
    located = [text for text in message.splitlines() if text.startswith(f"docs/index.md:{line}: ")]
    assert located, f"no error at docs/index.md:{line} in:\n{message}"
    assert wrong in located[0] and valid in located[0], located[0]


def test_one_message_per_failed_definition(tmp_path, caplog):
    """Assert markers using a definition that failed add nothing: the definition's error is the only one."""
    page = PAGE.replace("y: [[0.0]]", "y: [[zero]]").replace("Value: [[gc e.loss]]",
                                                              "A [[gc e.loss]], B [[gc e.dW1]].\n\n[[gc:forward e]]")
    message = failed_build(tmp_path, {"index.md": page}, caplog)
    located = [line for line in message.splitlines() if line.startswith("docs/")]
    assert located == ["docs/index.md:5: y[1,1] is 'zero': expected a number in 'gc:example e'"], message


def test_an_unreadable_fence_does_not_cascade(tmp_path, caplog):
    """Assert a definition with a bad name is reported once, without 'unknown example' for each use."""
    message = failed_build(tmp_path, page_with("gc:example e", "gc:example 9e"), caplog)
    located = [line for line in message.splitlines() if line.startswith("docs/")]
    assert len(located) == 1 and located[0].startswith("docs/index.md:3: bad example name '9e'"), message


def test_an_indented_fence_is_reported_once(tmp_path, caplog):
    """Assert an example defined in an admonition is reported at its fence, not again at every use."""
    page = PAGE.replace("```gc:example e", "!!! note\n    ```gc:example e").replace("W1: [[0.5], [-0.5]]\n```",
                                                                                   "W1: [[0.5], [-0.5]]\n    ```")
    message = failed_build(tmp_path, {"index.md": page}, caplog)
    located = [line for line in message.splitlines() if line.startswith("docs/")]
    assert len(located) == 1 and "indented by 4 space(s)" in located[0], message


def test_a_page_with_a_byte_order_mark_builds(tmp_path):
    """Assert a page saved with a UTF-8 byte order mark still defines its example."""
    site = build_in_process(make_project(tmp_path, {"index.md": "\ufeff" + PAGE[PAGE.index("```"):]}))
    assert "Value: 0.07127" in (site / "index.html").read_text(encoding="utf-8")


def test_an_error_message_shows_at_most_80_characters_of_a_value():
    """Assert a huge or deep value is previewed in 80 characters without being expanded."""
    from gradcore.core.errors import shown

    assert len(shown(["x" * 10_000] * 10_000)) <= 80
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert shown(deep) == "[[[[...]]]]"
    assert shown(10 ** 5000) == "an integer of about 5,001 digits"


def test_an_oversize_definition_is_refused_before_it_is_read(tmp_path, caplog):
    """Assert a 1.5 MB literal matrix is refused by its length, naming the limit, before YAML reads it."""
    from gradcore.examples.budgets import MAX_DEFINITION_CHARS

    row = "[" + ", ".join(["0.123456789"] * 1000) + "]"
    huge = "X: [" + ", ".join([row] * 115) + "]"
    message = failed_build(tmp_path, page_with("X: [[1.0, 2.0]]", huge), caplog)
    assert re.search(rf"docs/index\.md:4: the definition is 1,49\d,\d\d\d characters long; "
                     rf"the limit is {MAX_DEFINITION_CHARS:,}", message), message


@pytest.mark.parametrize(("filler", "repeat", "found"), [
    ("[" + ", ".join(["0.123456789"] * 100) + "],\n", 1700, "characters; gradcore reads pages of at most 2,000,000"),
    ("[[gc e.loss]]\n", 1000, "1,001 markers ([[gc ...]]); gradcore reads pages of at most 1,000"),
    ("[[gc:figure e diagram digits=3]]\n\n", 31, "31 figure markers; gradcore reads pages of at most 30"),
    ("!!! note\n    ```gc:example f\n    ```\n", 50, "51 mentions of gc:example; gradcore reads pages of at most 50"),
], ids=["characters", "markers", "figures", "definitions"])
def test_an_oversize_page_is_refused_before_it_is_scanned(tmp_path, caplog, filler, repeat, found):
    """Assert a page too long, or with too many markers, figures or definitions, is refused where it passes the cap."""
    message = failed_build(tmp_path, page_with("Value: [[gc e.loss]]", "Value: [[gc e.loss]]\n" + filler * repeat),
                           caplog)
    assert re.search(r"docs/index\.md:\d+: the page has ", message) and found in message, message


def test_a_large_allowed_matrix_is_refused_by_its_shape_before_conversion(monkeypatch):
    """Assert the size caps see the shapes before a single number is converted."""
    from gradcore.examples import spec

    converted = []
    monkeypatch.setattr(spec, "_number", lambda value, where: converted.append(where) or 0.0)
    rows = "[" + ", ".join(["[" + ", ".join(["1"] * 200) + "]"] * 200) + "]"
    with pytest.raises(spec.SpecError, match="200 units in its widest layer"):
        spec.parse_spec("e", f"X: {rows}\ny: [[0.0]]\nW1: {rows}\nW2: [{', '.join(['[1]'] * 200)}]")
    assert converted == []


def test_many_dollar_signs_do_not_slow_the_math_scan():
    """Assert math_spans is linear: a page of 40,000 lines with a lone $ is scanned like a short one."""
    from gradcore.markup.mathfind import markdown_math_spans as math_spans

    text = "Value: [[gc e.loss]]\n" + "it costs $5 and more\n" * 40_000
    assert math_spans(text) == []
    text = "\\[ x\n" * 40_000 + "\\begin{aligned}\n" * 40_000
    assert math_spans(text) == []
    assert math_spans("a $x$ b $ c $y$") == [(2, 5), (12, 15)]


def test_a_page_of_lone_dollars_with_a_marker_builds(tmp_path):
    """Assert a marker plus 40,000 lines holding $ builds (the scan used to be quadratic)."""
    site = build_in_process(make_project(tmp_path, page_with("Value: [[gc e.loss]]",
                                                             "Value: [[gc e.loss]]\n" + "cost $5 more\n" * 40_000)))
    assert "Value: 0.07127" in (site / "index.html").read_text(encoding="utf-8")


def test_an_example_of_a_later_page_names_that_page(tmp_path, caplog):
    """Assert a.md using an example that b.md (built later) defines says where it is defined."""
    message = failed_build(tmp_path, {"a.md": "# A\n\nThe loss: [[gc e.loss]]\n", "b.md": PAGE}, caplog)
    assert "docs/a.md:3: example 'e' is defined on docs/b.md" in message, message


FRONT_MATTER_PAGE = "---\ntitle: 'Loss [[gc e.loss]]'\n---\n\n" + PAGE


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_marker_in_front_matter_fails_the_build_under_every_engine(tmp_path, engine):
    """Assert a title marker (which would reach <title>, the nav, 404.html and the search index) stops the build."""
    require_engine(engine)
    project = make_project(tmp_path, {"index.md": FRONT_MATTER_PAGE, "other.md": "# Other\n\nText.\n"})
    before = docs_snapshot(project)
    done = run_engine(engine, project)
    assert done.returncode != 0, f"{engine} shipped a front-matter marker"
    assert ("docs/index.md:2: marker syntax in the front matter (title: 'Loss [[gc e.loss]]')"
            in done.stdout + done.stderr), done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert docs_snapshot(project) == before


def test_mkdocs_without_the_hook_leaves_front_matter_to_the_guard_step(tmp_path):
    """Assert the limit of MkDocs with the hook taken out: the front matter is gone before the extension runs.

    MkDocs tells an extension nothing of the page through a public route (the hook does, through
    `mdx_configs`), so a title marker builds, and only `python -m gradcore.engine.guard` (run by CI) refuses the site.
    """
    project = make_project(tmp_path, {"index.md": FRONT_MATTER_PAGE}, hook=False)
    assert run_engine("mkdocs", project).returncode == 0
    guard = subprocess.run([sys.executable, "-m", "gradcore.engine.guard", str(project / "site")],
                           capture_output=True, text=True, timeout=60)
    assert guard.returncode == 1 and "unresolved gradcore syntax '[[gc e.loss]]" in guard.stderr


def test_a_marker_in_a_navigation_title_fails_the_build(tmp_path, caplog):
    """Assert a marker in mkdocs.yml's nav (never filled in) stops the build, naming mkdocs.yml and its line."""
    project = make_project(tmp_path, {"index.md": PAGE})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - 'Loss [[gc e.loss]]': index.md\n",
                      encoding="utf-8")
    with caplog.at_level("ERROR", logger="mkdocs"), pytest.raises(MkDocsException):
        build_in_process(project)
    line = config.read_text(encoding="utf-8").splitlines().index("  - 'Loss [[gc e.loss]]': index.md") + 1
    assert f"mkdocs.yml:{line}: marker syntax in the site's names or navigation" in caplog.text, caplog.text


def test_marker_syntax_in_any_output_file_fails_the_build(tmp_path, caplog, monkeypatch):
    """Assert the end-of-build scan refuses marker syntax that reached 404.html and the pages' titles and nav.

    The front-matter check is switched off, so that the title reaches the outputs as it would on a path
    that no check foresaw; the scan at the end of the build must still fail it.
    """
    from gradcore.engine import guard, mdext

    for module in (guard, mdext):
        monkeypatch.setattr(module, "metadata_problems", lambda *args, **kwargs: [])
    project = make_project(tmp_path, {"index.md": FRONT_MATTER_PAGE})
    with caplog.at_level("ERROR", logger="mkdocs"), pytest.raises(MkDocsException):
        build_in_process(project)
    assert "404.html:" in caplog.text and "index.html:" in caplog.text, caplog.text
    assert "unresolved gradcore syntax '[[gc e.loss]] - Gradients by hand'" in caplog.text  # the <title>


def test_literal_markers_in_the_search_index_are_not_refused(tmp_path):
    """Assert [[!gc ...]] (shown as written, and decoded in the search index's text) does not fail the build."""
    site = build_in_process(make_project(tmp_path, page_with("Value: [[gc e.loss]]", "Value: [[!gc e.loss]]")))
    assert "[[gc e.loss]]" in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_a_damaged_or_planted_figure_cache_never_reaches_the_site(tmp_path, monkeypatch):
    """Assert a rebuild over a cache with a damaged file and a planted script SVG ships the figures it draws."""
    from gradcore.cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    figures = "[[gc:figure e diagram]]\n\n[[gc:figure e graph]]"
    pages = page_with("Value: [[gc e.loss]]", "Value: [[gc e.loss]]\n\n" + figures)
    first = build_in_process(make_project(tmp_path / "one", pages))
    drawn = {path.name: path.read_bytes() for path in (first / "figures").glob("*.svg")}
    cached = sorted((tmp_path / "cache" / "figures").iterdir())
    assert len(drawn) == len(cached) == 2
    damaged = bytearray(cached[0].read_bytes())
    damaged[len(damaged) // 2] ^= 0x20
    cached[0].write_bytes(bytes(damaged))
    header = cached[1].read_bytes().split(b"\n", 1)[0]
    planted = b'<svg width="10pt" height="10pt"><script>alert(1)</script></svg>'
    cached[1].write_bytes(header.replace(header[21:85], hashlib.sha256(planted).hexdigest().encode()) + b"\n" + planted)
    second = build_in_process(make_project(tmp_path / "two", pages))
    assert {path.name: path.read_bytes() for path in (second / "figures").glob("*.svg")} == drawn


def test_a_page_repeating_blocks_is_refused_at_the_first_block_over_the_cap(tmp_path, caplog):
    """Assert 999 forward blocks of a 64-example batch stop at once, at the line of the first block too many."""
    batch = "X: [" + ", ".join(["[1.0, 2.0]"] * 64) + "]\ny: [" + ", ".join(["[0.5]"] * 64) + "]"
    page = PAGE.replace("X: [[1.0, 2.0]]\ny: [[0.0]]", batch).replace("Value: [[gc e.loss]]",
                                                                      "[[gc:forward e]]\n\n" * 999)
    message = failed_build(tmp_path, {"index.md": page}, caplog)
    located = [line for line in message.splitlines() if line.startswith("docs/")]
    first_over = page.splitlines().index("[[gc:forward e]]") + 1 + 2 * 40
    assert located == [f"docs/index.md:{first_over}: the page has 999 block markers ([[gc:KIND ...]]); gradcore "
                       "reads pages of at most 40 block markers ([[gc:KIND ...]]): split the page in "
                       "'[[gc:forward e]]'"], message


def test_a_huge_network_is_refused_before_any_work(tmp_path, caplog):
    """Assert a 101 x 100 W1 (10,100 parameters) stops the build, naming the size and the cap."""
    rows = ", ".join("[" + ", ".join(["0.01"] * 100) + "]" for _ in range(101))
    page = PAGE.replace("X: [[1.0, 2.0]]", f"X: [[{', '.join(['1.0'] * 101)}]]").replace(
        "y: [[0.0]]", f"y: [[{', '.join(['0.5'] * 100)}]]").replace("W1: [[0.5], [-0.5]]", f"W1: [{rows}]")
    message = failed_build(tmp_path, {"index.md": page}, caplog)
    assert ("docs/index.md:6: the example has 101 units in its widest layer (101 -> 100); a page's example has at "
            "most 16: show a smaller example") in message, message


def test_an_example_of_another_page_is_an_error_naming_that_page(tmp_path, caplog):
    """Assert b.md using a.md's example fails, naming a.md and what to do instead."""
    message = failed_build(tmp_path, {"a.md": PAGE, "b.md": "# B\n\nThe loss: [[gc e.loss]]\n"}, caplog)
    assert ("docs/b.md:3: example 'e' is defined on docs/a.md in '[[gc e.loss]]'; "
            "a page may only use its own examples; link to that page instead") in message


def test_the_same_name_on_two_pages_is_an_error_naming_the_first(tmp_path, caplog):
    """Assert a name defined on a.md and again on b.md fails at b.md's definition."""
    message = failed_build(tmp_path, {"a.md": PAGE, "b.md": PAGE.replace("Bad input", "Again")}, caplog)
    assert "docs/b.md:3: duplicate example name 'e'" in message and "already defined on docs/a.md" in message


def test_an_escaped_placeholder_is_shown_literally(tmp_path):
    """Assert [[!gc e.loss]] builds and reaches the HTML as entities that display [[gc e.loss]]."""
    site = build_in_process(make_project(tmp_path, page_with("Value: [[gc e.loss]]", "Value: [[!gc e.loss]]")))
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Value: &#91;&#91;gc e.loss]]" in html
    assert "[[gc" not in html and "[[!gc" not in html and "GRADCORE" not in html


# TeX MathJax refuses, as a careless author writes it: (the page's body, the line, the TeX as written, what MathJax
# says, what to do). The build draws the math itself, so it stops on each, naming the file and the line.
PLAIN = "# T\n\nSome text.\n\n"
BAD_TEX = [
    ("undefined-macro", PLAIN + "$$\n\\frobnicate{x}\n$$\n", 6, "\\frobnicate{x}",
     "Undefined control sequence \\frobnicate", "check the macro's spelling"),
    ("missing-eqref", PLAIN + "See $\\eqref{nowhere}$.\n", 5, "\\eqref{nowhere}",
     "to a label no equation of the page has, and would show (???)", "label the equation with \\label"),
    ("missing-ref", PLAIN + "$$\na = 1 \\tag{1}\n$$\n\nSee \\(\\ref{gone}\\).\n", 9, "\\ref{gone}",
     "to a label no equation of the page has", "correct the name"),
    ("duplicate-label", PLAIN + "$$\na = 1 \\tag{1} \\label{d}\n$$\n\n$$\nb = 2 \\tag{2} \\label{d}\n$$\n", 10,
     "b = 2 \\tag{2} \\label{d}", "Label 'd' multiply defined", "give each \\label a name of its own"),
    ("unbalanced-left", PLAIN + "Inline $\\left( x$ math.\n", 5, "\\left( x", "Extra \\left or missing \\right",
     "write TeX that MathJax can read"),
    ("unknown-environment", PLAIN + "$$\n\\begin{foo} x \\end{foo}\n$$\n", 6, "\\begin{foo} x \\end{foo}",
     "Unknown environment 'foo'", "write TeX that MathJax can read"),
    ("package-loaded-on-demand", PLAIN + "$$\n\\require{cancel}\\cancel{x}\n$$\n", 6, "\\require{cancel}\\cancel{x}",
     "MathJax drew an error box instead (document is not defined)", "use only the TeX packages the site loads"),
    # (no `=`: a formula with one would be refused first by the formula check, as a display it cannot read)
    ("marker-in-bad-formula", PAGE.replace("Value: [[gc e.loss]]", "$$\nL \\approx [[gc e.loss]] \\left( x\n$$"),
     10, "L \\approx [[gc e.loss]] \\left( x", "Extra \\left or missing \\right", "write TeX that MathJax can read"),
]


@pytest.mark.parametrize(("page", "line", "tex", "problem", "remedy"), [case[1:] for case in BAD_TEX],
                         ids=[case[0] for case in BAD_TEX])
def test_tex_mathjax_refuses_fails_the_build_at_its_line_as_written(tmp_path, caplog, page, line, tex, problem, remedy):
    """Assert the build stops naming docs/index.md, the line, the TeX with its markers as written, and a remedy."""
    from gradcore.cache import CACHE_ENV

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(tmp_path / "cache"))
        message = failed_build(tmp_path / "project", {"index.md": page}, caplog)
    assert f"docs/index.md:{line}: MathJax cannot typeset '{tex}': " in message, message
    assert problem in message and remedy in message, message
    assert not (tmp_path / "project" / "site" / "index.html").exists()


@pytest.mark.parametrize("case", ["missing-eqref", "marker-in-bad-formula"])
def test_bad_tex_fails_the_properdocs_build_cleanly(tmp_path, case):
    """Assert ProperDocs, which runs the hook too, stops on bad TeX the same way, without a traceback."""
    require_engine("properdocs")
    _name, page, line, tex, _problem, _remedy = next(c for c in BAD_TEX if c[0] == case)
    done = run_engine("properdocs", make_project(tmp_path, {"index.md": page}),
                      {"GRADCORE_CACHE_DIR": str(tmp_path / "cache")})
    output = done.stdout + done.stderr
    assert done.returncode != 0 and f"docs/index.md:{line}: MathJax cannot typeset '{tex}'" in output, output
    assert "Traceback" not in output


MATH_PAGE = PLAIN + "$$\nx^2 \\tag{1} \\label{sq}\n$$\n\nSee $\\eqref{sq}$.\n"
# A py_mini_racer that cannot be loaded, as when its library is missing: first on the path of the build.
BROKEN_V8 = 'raise ImportError("libmini_racer.so: cannot open shared object file (a test\'s stand-in)")\n'


def _build_without_v8(tmp_path, how: str, strict: bool, browser_math: bool) -> tuple[subprocess.CompletedProcess[str],
                                                                                    str]:
    """Build MATH_PAGE where V8 cannot start: under `ulimit -v`, or with a py_mini_racer that fails to import."""
    import os

    project = make_project(tmp_path / "project", {"index.md": MATH_PAGE})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GRADCORE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GRADCORE_BROWSER_MATH", None)
    if browser_math:
        env["GRADCORE_BROWSER_MATH"] = "1"
    if how == "import":
        (tmp_path / "fake" / "py_mini_racer").mkdir(parents=True)
        (tmp_path / "fake" / "py_mini_racer" / "__init__.py").write_text(BROKEN_V8, encoding="utf-8")
        env["PYTHONPATH"] = str(tmp_path / "fake")
    build = f"{sys.executable} -m mkdocs build" + (" --strict" if strict else "")
    limit = "ulimit -v 4000000; " if how == "ulimit" else ""
    done = subprocess.run(["bash", "-c", limit + build], cwd=project, env=env, capture_output=True, text=True,
                          timeout=180)
    page = project / "site" / "index.html"
    return done, page.read_text(encoding="utf-8") if page.is_file() else ""


@pytest.mark.parametrize("how", ["ulimit", "import"])
def test_a_build_whose_math_engine_cannot_start_leaves_the_math_to_the_browser(tmp_path, how):
    """Assert no native crash: the build ends, warns once what failed and what readers get, and keeps the TeX."""
    done, page = _build_without_v8(tmp_path, how, strict=False, browser_math=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert output.count("WARNING -  gradcore: V8 (the mini-racer package) could not start") == 1, output
    assert "The pages keep their TeX for the browser's MathJax" in output and "GRADCORE_BROWSER_MATH=1" in output
    assert "Fatal process" not in output and "Traceback" not in output, output
    assert '<div class="arithmatex">\\[' in page and "mjx-container" not in page  # TeX for the browser
    assert "[[gc" not in page


@pytest.mark.parametrize("how", ["ulimit", "import"])
def test_a_strict_build_fails_without_the_engine_unless_browser_math_is_chosen(tmp_path, how):
    """Assert CI's strict build fails when the math cannot be drawn, and GRADCORE_BROWSER_MATH=1 lets it pass."""
    done, _page = _build_without_v8(tmp_path / "strict", how, strict=True, browser_math=False)
    assert done.returncode != 0 and "GRADCORE_BROWSER_MATH=1" in done.stdout + done.stderr
    done, page = _build_without_v8(tmp_path / "chosen", how, strict=True, browser_math=True)
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "WARNING" not in output, output
    assert "the math is left for the browser's MathJax (GRADCORE_BROWSER_MATH=1)" in output
    assert '<div class="arithmatex">\\[' in page
