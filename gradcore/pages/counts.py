"""The table of what the formula check did on every page, for the page about the checks.

`[[gc:check-counts site]]` stands where the table goes. A page cannot know
the other pages' counts while it is converted, so the block is a short
sentence in a marked `<div>`; once every page is built, the MkDocs hook puts
the table in its place (`fill_check_counts`), made from each page's counts.
Under an engine without the hook (Zensical) the sentence stays, and it says
so: the reader never meets a placeholder.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from gradcore.markup.markers import Marker, MarkerError
from gradcore.markup.tables import wrap_tables

__all__ = ["CHECK_COUNTS", "CHECK_COUNTS_MARKER", "check_counts_block", "check_counts_table", "fill_check_counts"]

CHECK_COUNTS = "check-counts"
CHECK_COUNTS_MARKER = f"[[gc:{CHECK_COUNTS}"
"""How a page's Markdown asks for the table."""
_TARGET = "site"
_OPEN = '<div class="gc-check-counts">'
_BLOCK = re.compile(re.escape(_OPEN) + r".*?</div>", re.DOTALL)


def check_counts_block(marker: Marker) -> str:
    """What the marker becomes in the page: the sentence a build without the hook leaves."""
    if marker.target != _TARGET or marker.flags or marker.options:
        raise MarkerError(marker.line, marker.text, "the table of check counts is for the whole site",
                          f"write [[gc:{CHECK_COUNTS} {_TARGET}]]")
    return (f"\n\n{_OPEN}<p>The counts for every page are put here when the site is built with MkDocs or "
            "ProperDocs, which run gradcore's hook.</p></div>\n\n")


def check_counts_table(pages: Iterable[tuple[str, tuple[tuple[str, int], ...]]]) -> str:
    """An HTML table: one row per page (name, counts), one column per count, and a row of totals."""
    rows = [(name, counts) for name, counts in pages if counts]
    if not rows:
        return f"{_OPEN}<p>No page of this site has a worked example to check equations on.</p></div>"
    headings = [heading for heading, _ in rows[0][1]]
    totals = [sum(counts[i][1] for _, counts in rows) for i in range(len(headings))]
    head = "".join(f'<th align="right">{html.escape(h)}</th>' for h in headings)
    body = "".join(f"<tr><td>{html.escape(_label(name))}</td>"
                   + "".join(f'<td align="right">{n}</td>' for _, n in counts) + "</tr>" for name, counts in rows)
    total = "".join(f'<td align="right"><strong>{n}</strong></td>' for n in totals)
    return _OPEN + wrap_tables(f"<table><thead><tr><th>page</th>{head}</tr></thead><tbody>{body}"
                               f"<tr><td><strong>all pages</strong></td>{total}</tr></tbody></table>") + "</div>"


def _label(name: str) -> str:
    """A page's short name in the table: `docs/part-4-one-hidden-node.md` -> `Part 4`, `docs/index.md` -> `index`."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".md")
    part = re.match(r"part-(\d+)\b", stem)
    return f"Part {part[1]}" if part else stem


def fill_check_counts(page_html: str, table: str) -> str:
    """The page with its check-counts block replaced by `table` (unchanged when it has none)."""
    return _BLOCK.sub(lambda _: table, page_html, count=1)
