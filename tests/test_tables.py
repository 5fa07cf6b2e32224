"""Tables boxed at build time: the theme's script then has nothing to move while a page loads."""

import re

import pytest

from built_site import built_site
from gradcore.markup.tables import TABLE_CLASS, wrap_tables

BOX = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def test_a_plain_table_gets_the_box_and_the_class():
    """Assert each class-less table sits in the theme's two wrappers and carries gc-table."""
    html = "<p>a</p><table><tr><td>1</td></tr></table><p>b</p><table><tr><td>2</td></tr></table>"
    assert wrap_tables(html) == (f'<p>a</p>{BOX}<table class="{TABLE_CLASS}"><tr><td>1</td></tr></table></div></div>'
                                 f'<p>b</p>{BOX}<table class="{TABLE_CLASS}"><tr><td>2</td></tr></table></div></div>')


@pytest.mark.parametrize("html", [
    '<table class="gc-explore-table"><tr><td>1</td></tr></table>',  # has a class: the theme leaves it alone too
    "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>",  # nested
    "<table><tr><td>1</td></tr>",  # not closed
    "<p>no table</p>",
    "<pre><code>&lt;table&gt;</code></pre>",
])
def test_anything_else_is_left_as_it_was(html):
    """Assert classed, nested or unpaired tables and escaped text are not rewritten."""
    assert wrap_tables(html) == html


def test_no_built_page_has_a_table_the_theme_would_move():
    """Assert every table of the built site is boxed already: none is class-less, each gc-table is in a box."""
    for page in sorted(built_site().rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "<table>" not in html, page.name
        assert html.count(f'<table class="{TABLE_CLASS}">') == len(re.findall(re.escape(BOX + "<table"), html)), page
