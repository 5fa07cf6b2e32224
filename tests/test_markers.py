"""The marker grammar: finding, parsing and rejecting markers."""

import pytest

from gradcore.markup.markers import (
    MarkerError,
    find_example_fences,
    find_markers,
    hide_literals,
    in_spans,
    restore_literals,
)
from gradcore.markup.mathfind import markdown_math_spans


def test_inline_value_with_index_and_options():
    """Assert an index ends the marker at the right bracket and options are split."""
    (marker,) = find_markers("a [[gc ex.W1[1,2] digits=3 paren]] b")
    assert (marker.kind, marker.target, marker.flags, marker.options) == ("value", "ex.W1[1,2]", ("paren",),
                                                                         {"digits": "3"})
    assert marker.text == "[[gc ex.W1[1,2] digits=3 paren]]"


def test_block_marker_and_line_numbers():
    """Assert a block marker's kind and its 1-based line."""
    (marker,) = find_markers("one\ntwo\n[[gc:forward ex]]\n")
    assert (marker.kind, marker.target, marker.line) == ("forward", "ex", 3)


def test_unterminated_marker_is_an_error():
    """Assert a marker that never closes names its line."""
    with pytest.raises(MarkerError, match="line 2: unterminated") as caught:
        find_markers("fine\nbroken [[gc ex.loss\n")
    assert "[[gc ex.loss" in str(caught.value)


def test_empty_marker_and_malformed_option():
    """Assert an empty marker and an option with two '=' are refused."""
    with pytest.raises(MarkerError, match="empty marker"):
        find_markers("[[gc ]]")
    with pytest.raises(MarkerError, match="malformed option"):
        find_markers("[[gc ex.loss digits=2=3]]")
    with pytest.raises(MarkerError, match="given twice"):
        find_markers("[[gc ex.loss digits=2 digits=3]]")


def test_latex_double_braces_and_brackets_are_not_markers():
    """Assert LaTeX such as {{x}} and [[a, b]] never looks like a marker."""
    assert find_markers(r"\(\frac{{x}}{2}\) and [[0.1, 0.2]] and [[ gc]]") == []


def test_example_fence_is_found_with_its_name_and_line():
    """Assert a gc:example fence, its name, body and line."""
    text = "intro\n\n```gc:example part2\nX: [[1.0]]\n```\n"
    (fence,) = find_example_fences(text)
    assert (fence.name, fence.body, fence.line) == ("part2", "X: [[1.0]]\n", 3)


def test_unclosed_fence_and_bad_name():
    """Assert an unclosed definition and an invalid name are refused."""
    with pytest.raises(MarkerError, match="never closed"):
        find_example_fences("```gc:example a\nX: 1\n")
    with pytest.raises(MarkerError, match="bad example name"):
        find_example_fences("```gc:example 2bad\nX: 1\n```\n")


def test_literals_are_hidden_then_shown_as_entities():
    """Assert [[!gc ...]] is not a marker and comes back as [[gc in the browser only."""
    hidden = hide_literals("see [[!gc ex.loss]] and ```!gc:example x")
    assert find_markers(hidden) == []
    html = restore_literals(hidden)
    assert "[[gc" not in html and "&#91;&#91;gc ex.loss]]" in html
    assert "gc&#58;example x" in html


def test_math_spans_skip_code():
    """Assert markers in math are seen as math, and a \\[ in code does not open math."""
    text = "`grep '\\[x'` then \\(a = [[gc e.q]]\\) and prose [[gc e.r]] $$b$$"
    spans = markdown_math_spans(text)
    assert in_spans(text.index("[[gc e.q"), spans)
    assert not in_spans(text.index("[[gc e.r"), spans)
