"""What the reader sees of the check: a quiet mark after each checked equation, the reason after one not checked.

`mark_equations(markdown, reports)` works on a page's Markdown after its
markers are replaced. It leaves the TeX alone but for `\\notchecked{reason}`,
which it takes out (no renderer knows it), and it puts a short HTML paragraph
after each labelled display, so the mark does not depend on how the math is
drawn:

- checked: `<p class="gc-eq-mark" data-search-exclude><span role="img"
  aria-label="...">✓</span></p>`, with a legend in words after the first one
  (tooltips do not work on phones);
- checked on the page's shapes only: the same mark, labelled so;
- not checked: `<p class="gc-eq-unchecked" data-search-exclude>Not checked: reason</p>` (after an
  unlabelled display too; after inline math, a `<span>` of the same class);
- a planted mistake (the TeX comment `% expected wrong`): nothing, so the mark gives no answer away.

`data-search-exclude` keeps the marks out of the search index.
"""

from __future__ import annotations

import html

from gradcore.markup.mathfind import markdown_math
from gradcore.texcheck.check import EquationReport
from gradcore.texcheck.equations import label_of, not_checked_reason, without_not_checked

__all__ = ["CHECKED", "SHAPES_ONLY", "mark_equations"]

CHECKED = "checked against backpropagation on the example of this page and on a wider network"
SHAPES_ONLY = "checked against backpropagation on the example of this page, for its own shapes"
_LEGEND = ('<p class="gc-eq-legend" data-search-exclude>A <span aria-hidden="true">✓</span> after an '
           "equation: it was checked when the site was built, against backpropagation on this page's "
           "example and, where it is written for any shapes, on a wider network.</p>")


def _mark(report: EquationReport) -> str:
    if report.status == "not checked":
        return _unchecked(report.equation.not_checked or "", True)
    label = CHECKED if report.status == "checked" else SHAPES_ONLY
    return (f'<p class="gc-eq-mark" data-search-exclude><span role="img" aria-label="{html.escape(label)}" '
            f'title="{html.escape(label)}">✓</span></p>')


def _unchecked(reason: str, display: bool) -> str:
    tag = "p" if display else "span"
    return f'<{tag} class="gc-eq-unchecked" data-search-exclude>Not checked: {html.escape(reason)}</{tag}>'


def mark_equations(markdown: str, reports: list[EquationReport]) -> str:
    """The Markdown with each labelled display's mark after it (see the module); failed equations get none."""
    by_label = {r.equation.label: r for r in reports if r.status not in ("failed", "expected wrong")}
    pieces, cursor, legend = [], 0, False
    for math in markdown_math(markdown):
        label = label_of(math.body) if math.display else None
        report = by_label.get(label) if label else None
        reason = not_checked_reason(math.body)
        region = markdown[math.start:math.end]
        stripped = without_not_checked(region)
        if report is None and reason is None:
            if stripped != region:
                pieces += [markdown[cursor:math.start], stripped]
                cursor = math.end
            continue
        line_start = markdown.rfind("\n", 0, math.start) + 1
        indent = markdown[line_start:math.start] if not markdown[line_start:math.start].strip() else ""
        if report is None:
            note = ("\n\n" + indent if math.display else " ") + _unchecked(reason or "", math.display)
            pieces += [markdown[cursor:math.start], stripped, note]
            cursor = math.end
            continue
        mark = _mark(report)
        if report.status != "not checked" and not legend:
            mark, legend = mark + "\n\n" + _LEGEND, True
        pieces += [markdown[cursor:math.start], stripped, "\n\n" + indent, mark.replace("\n\n", "\n\n" + indent)]
        cursor = math.end
    pieces.append(markdown[cursor:])
    return "".join(pieces)
