"""Tables wrapped when the page is built, not by the theme's script in the reader's browser.

Material wraps each class-less `<table>` in a sideways-scrolling box as the
page loads. Moving a table into its box makes the browser restyle most of
the page after it (hundreds of milliseconds of a phone's main thread on the
long pages). `wrap_tables` writes the same box around each class-less table
and gives the table the class `gc-table`, which the theme's script leaves
alone; `docs/assets/site.css` gives `table.gc-table` the theme's table style.
"""

from __future__ import annotations

import re

__all__ = ["TABLE_CLASS", "wrap_tables"]

TABLE_CLASS = "gc-table"
_OPEN, _CLOSE = "<table>", "</table>"
_BOX = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def wrap_tables(html: str) -> str:
    """Every class-less `<table>` of a page's HTML in the theme's scroll box, classed `gc-table`.

    Pages whose tables nest, or whose `<table>` and `</table>` do not pair up, are returned unchanged
    (the theme then wraps their tables as before).
    """
    opens = [found.start() for found in re.finditer(re.escape(_OPEN), html)]
    if not opens:
        return html
    closes = [found.start() for found in re.finditer(re.escape(_CLOSE), html)]
    if len(opens) != len(closes) or any(close < open_ for open_, close in zip(opens, closes, strict=True)) \
            or any(following < close for close, following in zip(closes, opens[1:], strict=False)):
        return html
    html = html.replace(_OPEN, f'{_BOX}<table class="{TABLE_CLASS}">')
    return html.replace(_CLOSE, _CLOSE + "</div></div>")
