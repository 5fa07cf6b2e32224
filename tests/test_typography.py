"""Inline math keeps the punctuation that follows it on its line."""

from gradcore.markup.typography import keep_punctuation_with_math


def test_punctuation_after_inline_math_is_joined_to_it():
    """Assert a comma or colon right after inline math is wrapped with it, and nothing else changes."""
    html = ('<p>the target <span class="arithmatex">\\(y\\)</span>: and '
            '<span class="arithmatex">\\(w\\)</span> alone</p>')
    out = keep_punctuation_with_math(html)
    assert out == ('<p>the target <span class="gc-nobreak"><span class="arithmatex">\\(y\\)</span>:</span> and '
                   '<span class="arithmatex">\\(w\\)</span> alone</p>')


def test_display_math_and_plain_text_are_left_alone():
    """Assert display math (a div) and text without math are unchanged."""
    html = '<div class="arithmatex">\\[x\\]</div>, <p>a, b.</p>'
    assert keep_punctuation_with_math(html) == html
