"""The page transform: text in, a PageResult out, without MkDocs and without state."""

import base64
import json
import re

import pytest

from gradcore.engine.site import SiteBuild
from gradcore.markup.latex import format_number
from gradcore.markup.markers import MARKER_PREFIX
from gradcore.pages.render import Page, render_page
from render_support import PageFailedError
from render_support import render as render_text

DEFINITION = """```gc:example ex
X: [[1.0, 0.5, -1.5]]
y: [[1.0]]
W1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]
W2: [[0.6], [-0.3]]
formula: part5
```
"""


def render(body: str, page: str = "docs/p.md", build: SiteBuild | None = None) -> str:
    return render_text(DEFINITION + body, page, prefix="../", build=build)


def errors_of(body: str, **kwargs) -> str:
    with pytest.raises(PageFailedError) as caught:
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
    with pytest.raises(PageFailedError, match="shown exactly as defined"):
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
        ("[[gc:dance ex]]", "unknown block 'dance' in '[[gc:dance ex]]'; valid blocks:"),
        ("[[gc:terms ex layer=5]]", "terms needs layer=K with K from 1 to 2"),
        ("broken [[gc ex.loss", "unterminated or malformed marker"),
    ],
)
def test_bad_markers_fail_with_line_and_valid_choices(body, words):
    """Assert each bad marker is an error with the file, the line and the words."""
    message = errors_of("\n" + body + "\n")
    assert words in message
    assert message.startswith("docs/p.md:9:")


def test_all_errors_of_a_page_are_reported_together():
    """Assert two bad markers give two lines, in page order."""
    message = errors_of("[[gc ex.nope]]\n[[gc other.loss]]\n")
    assert re.findall(r"docs/p\.md:(\d+):", message) == ["8", "9"]


def test_bad_definition_points_at_its_key_line():
    """Assert a NaN weight names the line of W1 in the page."""
    with pytest.raises(PageFailedError) as caught:
        render_text("text\n```gc:example e\nX: [[1.0]]\ny: 1\nW1: [[.nan]]\n```\n", "docs/q.md")
    assert "docs/q.md:5: W1[1,1] is nan: expected a finite number" in str(caught.value)


def test_shapes_that_do_not_chain_fail_the_page():
    """Assert W2 with the wrong number of rows is reported from gradcore's check."""
    body = "```gc:example e\nX: [[1.0, 2.0]]\ny: 1\nW1: [[1, 2], [3, 4]]\nW2: [[1], [2], [3]]\n```\n"
    with pytest.raises(PageFailedError) as caught:
        render_text(body, "docs/q.md")
    assert "docs/q.md:1:" in str(caught.value) and "W_2" in str(caught.value)


def test_the_transform_keeps_no_state():
    """Assert equal input gives equal results, and a page's examples do not exist for the next page."""
    page = Page("docs/a.md", "../")
    text = DEFINITION + "[[gc ex.loss]]\n"
    first, second = render_page(text, page), render_page(text, page)
    assert first == second and first.errors == ()
    assert [(d.name, d.line) for d in first.definitions] == [("ex", 1)]
    other = render_page("[[gc ex.loss]]\n", Page("docs/b.md"))
    assert other.definitions == () and "unknown example 'ex'" in other.message()
    assert other.markdown == "\n"  # the failed marker is gone, not left in the output


def test_inline_pages_carry_their_json():
    """Assert an inline page links its JSON as a data: URI naming the page, and no file."""
    result = render_page(DEFINITION, Page("docs/a.md", "../", inline=True))
    data = re.search(r'href="data:application/json;base64,([^"]+)" download="ex.json"', result.markdown)
    assert data and json.loads(base64.b64decode(data[1]))["page"] == "docs/a.md"
    assert "examples/ex.json" not in result.markdown


def test_duplicate_names_across_pages_and_foreign_examples():
    """Assert a name is owned by one page, and another page may not use it."""
    build = SiteBuild()
    render("", page="docs/a.md", build=build)
    with pytest.raises(PageFailedError, match="duplicate example name 'ex'.*docs/a.md"):
        render("", page="docs/b.md", build=build)
    foreign = "example 'ex' is defined on docs/a.md in .*; a page may only use its own"
    with pytest.raises(PageFailedError, match=foreign):
        render_text("[[gc ex.loss]]\n", "docs/c.md", build=build)


def test_rerendering_a_page_replaces_its_examples():
    """Assert rendering the same page twice (as mkdocs serve does) is not a duplicate."""
    build = SiteBuild()
    render("", page="docs/a.md", build=build)
    render("", page="docs/a.md", build=build)
    assert {name: owner.page for name, owner in build.owners.items()} == {"ex": "docs/a.md"}


def test_a_renamed_page_gives_up_its_names(tmp_path):
    """Assert a page whose source file is gone no longer owns its examples (a rename under a live server)."""
    old = tmp_path / "old-name.md"
    old.write_text(DEFINITION, encoding="utf-8")
    build = SiteBuild()
    assert build.add(render_page(DEFINITION, Page("docs/old-name.md")), old) == []
    assert build.add(render_page(DEFINITION, Page("docs/new-name.md")), tmp_path / "new-name.md")  # both exist
    old.unlink()
    assert build.add(render_page(DEFINITION, Page("docs/new-name.md")), tmp_path / "new-name.md") == []
    assert build.owners["ex"].page == "docs/new-name.md"


def test_html_in_names_is_not_possible_and_text_is_escaped():
    """Assert a name with HTML is refused, so no markup can come from a name."""
    with pytest.raises(PageFailedError, match="bad example name"):
        render_text("```gc:example <b>x</b>\nX: 1\n```\n", "docs/q.md")


def test_literal_markers_survive_as_tokens():
    """Assert [[!gc ...]] is left for the HTML pass and not evaluated."""
    out = render("[[!gc ex.nothing]]\n")
    assert MARKER_PREFIX not in out and "GRADCORELITERALMARKER ex.nothing]]" in out


def test_a_bug_is_not_dressed_up_as_an_author_error(monkeypatch):
    """Assert a plain ValueError inside gradcore (a bug, not bad input) propagates, not as a marker error."""
    def broken(example, name):
        raise ValueError("operands could not be broadcast together")

    monkeypatch.setattr("gradcore.pages.values.quantity", broken)
    with pytest.raises(ValueError, match="broadcast"):
        render_page(DEFINITION + "[[gc ex.loss]]\n", Page("docs/p.md"))


def test_the_check_counts_block_is_a_sentence_until_the_hook_fills_in_the_table():
    """Assert the block stands as a sentence, refuses any target but the site, and the table sums the pages."""
    from gradcore.pages.counts import check_counts_table, fill_check_counts

    result = render_page("# C\n\n[[gc:check-counts site]]\n", Page("docs/c.md"))
    assert result.errors == () and "built with MkDocs or ProperDocs" in result.markdown
    wrong = render_page("# C\n\n[[gc:check-counts page]]\n", Page("docs/c.md"))
    assert "the table of check counts is for the whole site" in wrong.message()
    table = check_counts_table([("docs/a.md", (("checked", 2), ("not read", 1))), ("docs/b.md", ()),
                                ("docs/part-3-batch.md", (("checked", 3), ("not read", 0)))])
    assert "<td>b</td>" not in table and "<td>Part 3</td>" in table and "<td>a</td>" in table
    assert "<strong>5</strong>" in table and "<strong>1</strong>" in table
    filled = fill_check_counts("<p>x</p>" + result.markdown, table)
    assert '<table class="gc-table">' in filled and "built with MkDocs" not in filled and filled.startswith("<p>x</p>")
