"""The page transform: text in, text out, without MkDocs."""

import re

import pytest

from gradcore.latex import format_number
from gradcore.markers import MARKER_PREFIX
from gradcore.render import PageError, SiteRenderer

DEFINITION = """```gc:example ex
X: [[1.0, 0.5, -1.5]]
y: [[1.0]]
W1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]
W2: [[0.6], [-0.3]]
formula: part5
```
"""


def render(body: str, page: str = "docs/p.md", renderer: SiteRenderer | None = None) -> str:
    return (renderer or SiteRenderer()).render_page(DEFINITION + body, page, prefix="../")


def errors_of(body: str, **kwargs) -> str:
    with pytest.raises(PageError) as caught:
        render(body, **kwargs)
    return str(caught.value)


def test_values_in_prose_and_math():
    """Assert a scalar, an element and a matrix in prose and in math."""
    out = render("Loss [[gc ex.loss]]; \\(w = [[gc ex.W1[1,2]]]\\); [[gc ex.W1[1,2]]]; [[gc ex.W2]]\n")
    assert MARKER_PREFIX not in out and "gc:example" not in out
    assert "\\(w = -0.4\\)" in out  # a given weight is shown as defined
    assert "; \u22120.4;" in out
    assert "\\(\\begin{bmatrix} \\phantom{-}0.6 \\\\ -0.3 \\end{bmatrix}_{2 \\times 1}\\)" in out


def test_value_options():
    """Assert digits (on a computed value), paren, T and noshape."""
    out = render("\\([[gc ex.dW1[1,2] paren digits=2]] [[gc ex.W1[1,2] paren]] [[gc ex.W2 T noshape]]\\)\n")
    assert "(-0.4) \\begin{bmatrix} 0.6 & -0.3 \\end{bmatrix}\\)" in out
    full = float(render("[[gc ex.dW1[1,2] digits=15]]\n").split("[[")[0].split()[0].replace("\u2212", "-"))
    assert f"\\({format_number(full, 2, paren=True)} " in out


def test_digits_on_a_given_number_is_refused():
    """Assert digits= on an input says that given numbers are shown as defined."""
    with pytest.raises(PageError, match="shown exactly as defined"):
        render("\\([[gc ex.W1[1,2] digits=2]]\\)\n")


def test_blocks_render_math_without_markers():
    """Assert every network block renders and leaves no marker behind."""
    body = "\n".join(f"[[gc:{kind} ex]]\n" for kind in ("inputs", "forward", "deltas", "gradients", "check", "step"))
    out = render(body + "[[gc:terms ex layer=1]]\n")
    assert MARKER_PREFIX not in out
    assert "\\Delta l_{2}" in out and "| parameter |" in out and "the loss goes down" in out


def test_data_links_use_the_prefix():
    """Assert the page links the JSON of its examples relative to the site root."""
    out = render("")
    assert '<a href="../examples/ex.json">ex</a>' in out and 'href="../examples.json"' in out


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[[gc nope.loss]]", "unknown example 'nope' in '[[gc nope.loss]]'; examples defined on this page: ex"),
        ("[[gc ex.dW3]]", "unknown quantity 'dW3'"),
        ("[[gc ex.W1[4,1]]]", "out of range for a 3 x 2 quantity"),
        ("[[gc ex.W1[0,1]]]", "indices start at 1"),
        ("[[gc ex.W1[a]]]", "bad index [a]"),
        ("[[gc ex.loss digits=99]]", "digits is a whole number from 1 to 15"),
        ("[[gc ex.loss bold]]", "unknown option 'bold'"),
        ("[[gc ex]]", "malformed reference 'ex'"),
        ("[[gc:dance ex]]", "unknown block 'dance'; valid blocks:"),
        ("[[gc:terms ex layer=5]]", "terms needs layer=K with K from 1 to 2"),
        ("broken [[gc ex.loss", "unterminated or malformed marker"),
    ],
)
def test_bad_markers_fail_with_line_and_valid_choices(body, words):
    """Assert each bad marker raises PageError with the file, the line and the words."""
    message = errors_of("\n" + body + "\n")
    assert words in message
    assert message.startswith("docs/p.md:9:")


def test_all_errors_of_a_page_are_reported_together():
    """Assert two bad markers give two lines, in page order."""
    message = errors_of("[[gc ex.nope]]\n[[gc other.loss]]\n")
    assert re.findall(r"docs/p\.md:(\d+):", message) == ["8", "9"]


def test_bad_definition_points_at_its_key_line():
    """Assert a NaN weight names the line of W1 in the page."""
    with pytest.raises(PageError) as caught:
        SiteRenderer().render_page("text\n```gc:example e\nX: [[1.0]]\ny: 1\nW1: [[.nan]]\n```\n", "docs/q.md")
    assert "docs/q.md:5: W1[1,1] is nan: expected a finite number" in str(caught.value)


def test_shapes_that_do_not_chain_fail_the_page():
    """Assert W2 with the wrong number of rows is reported from gradcore's check."""
    body = "```gc:example e\nX: [[1.0, 2.0]]\ny: 1\nW1: [[1, 2], [3, 4]]\nW2: [[1], [2], [3]]\n```\n"
    with pytest.raises(PageError) as caught:
        SiteRenderer().render_page(body, "docs/q.md")
    assert "docs/q.md:1:" in str(caught.value) and "W_2" in str(caught.value)


def test_duplicate_names_across_pages_and_foreign_examples():
    """Assert a name is owned by one page, and another page may not use it."""
    renderer = SiteRenderer()
    render("", page="docs/a.md", renderer=renderer)
    with pytest.raises(PageError, match="duplicate example name 'ex'.*docs/a.md"):
        render("", page="docs/b.md", renderer=renderer)
    with pytest.raises(PageError, match="example 'ex' is defined on docs/a.md in .*; a page may only use its own"):
        renderer.render_page("[[gc ex.loss]]\n", "docs/c.md")


def test_rerendering_a_page_replaces_its_examples():
    """Assert rendering the same page twice (as mkdocs serve does) is not a duplicate."""
    renderer = SiteRenderer()
    render("", page="docs/a.md", renderer=renderer)
    render("", page="docs/a.md", renderer=renderer)
    assert renderer.owners == {"ex": "docs/a.md"}


def test_html_in_names_is_not_possible_and_text_is_escaped():
    """Assert a name with HTML is refused, so no markup can come from a name."""
    with pytest.raises(PageError, match="bad example name"):
        SiteRenderer().render_page("```gc:example <b>x</b>\nX: 1\n```\n", "docs/q.md")


def test_literal_markers_survive_as_tokens():
    """Assert [[!gc ...]] is left for the HTML pass and not evaluated."""
    out = render("[[!gc ex.nothing]]\n")
    assert MARKER_PREFIX not in out and "GRADCORELITERALMARKER ex.nothing]]" in out
