"""Bad input through a real MkDocs build: each case stops the build with file, line, problem and remedy.

The builds run in-process through MkDocs' Python API (about 0.2 s each,
against about 1 s for a new `mkdocs` process), with the project's own
mkdocs.yml, hook and extension, on a one- or two-page temp docs folder.
Every failing case also proves that the build wrote nothing into docs/.
"""

from __future__ import annotations

import re

import pytest

from site_project import build_in_process, failed_build, make_project

# Line 3 opens the definition, line 9 holds the marker under test.
PAGE = """# Bad input

```gc:example e
X: [[1.0, 2.0]]
y: [[0.0]]
W1: [[0.5], [-0.5]]
```

Value: [[gc e.loss]]
"""


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
]


@pytest.mark.parametrize(("replace", "line", "wrong", "valid"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_bad_input_fails_the_build_with_file_line_problem_and_remedy(tmp_path, caplog, replace, line, wrong, valid):
    """Assert the build fails naming docs/index.md, the line, what was wrong and what is valid."""
    message = failed_build(tmp_path, page_with(*replace), caplog)
    located = [text for text in message.splitlines() if text.startswith(f"docs/index.md:{line}: ")]
    assert located, f"no error at docs/index.md:{line} in:\n{message}"
    assert wrong in located[0] and valid in located[0], located[0]


def test_a_huge_network_is_refused_before_any_work(tmp_path, caplog):
    """Assert a 101 x 100 W1 (10,100 parameters) stops the build, naming the size and the limit."""
    rows = ", ".join("[" + ", ".join(["0.01"] * 100) + "]" for _ in range(101))
    page = PAGE.replace("X: [[1.0, 2.0]]", f"X: [[{', '.join(['1.0'] * 101)}]]").replace(
        "y: [[0.0]]", f"y: [[{', '.join(['0.5'] * 100)}]]").replace("W1: [[0.5], [-0.5]]", f"W1: [{rows}]")
    message = failed_build(tmp_path, {"index.md": page}, caplog)
    assert re.search(r"docs/index\.md:6: the example is too costly to check on every build: 1 layer "
                     r"\(101 -> 100, 10,100 parameters\), 1 example and 0 training steps cost about 12 s; "
                     r"the limit is about 1 s", message), message


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
