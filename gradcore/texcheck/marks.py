"""What the reader sees of the check: a quiet mark after each checked equation, the reason after one not checked.

`mark_equations(text, reports)` says what to change in a page's Markdown, as
replacements (start, end, new text) that the page transform splices in with
its markers': it takes every `\\notchecked{reason}` out (no renderer knows it),
and puts a short HTML paragraph after each checked display, labelled or one whose
unlabelled formula was checked, so the mark does not depend on how the math
is drawn:

- checked: `<p class="gc-eq-mark" data-search-exclude><span role="img"
  aria-label="...">✓</span></p>`, with a legend in words after the first one
  (tooltips do not work on phones);
- checked on the page's shapes only: the same mark, labelled so, and the words "these shapes only"
  beside it, so no formula checked on one example's shapes passes for a general one;
- not checked: `<p class="gc-eq-unchecked" data-search-exclude>Not checked: reason</p>` (after an
  unlabelled display too; after inline math, a `<span>` of the same class);
- a planted mistake (the TeX comment `% expected wrong`), and every display of its derivation (the displays
  around it with only blank lines between): nothing, so no mark gives the answer away.

`data-search-exclude` keeps the marks out of the search index.
"""

from __future__ import annotations

import html

from gradcore.markup.mathfind import MathSpan, markdown_math
from gradcore.texcheck.check import EquationReport
from gradcore.texcheck.equations import NOT_CHECKED_WITH_SPACE, expected_wrong, label_of, not_checked_reason

__all__ = ["CHECKED", "SCOPE_NOTE", "SHAPES_ONLY", "mark_equations"]

CHECKED = "checked against backpropagation on the example of this page and on a wider network"
SHAPES_ONLY = "checked against backpropagation on the example of this page, for its own shapes"
_LEGEND = ('<p class="gc-eq-legend" data-search-exclude>A <span aria-hidden="true">✓</span> after an '
           "equation: it was checked when the site was built, against backpropagation on this page's "
           "example and on a wider network.{scope}</p>")
_SCOPE_LEGEND = (" One marked “these shapes only” is written for this example's own shapes (with scalars, or "
                 "numbers in a shape), so it was checked on them alone, not for any network.")
SCOPE_NOTE = "these shapes only"


def _mark(status: str) -> str:
    label = CHECKED if status == "checked" else SHAPES_ONLY
    scope = "" if status == "checked" else f' <span class="gc-eq-scope" aria-hidden="true">{SCOPE_NOTE}</span>'
    return (f'<p class="gc-eq-mark" data-search-exclude><span role="img" aria-label="{html.escape(label)}" '
            f'title="{html.escape(label)}">✓</span>{scope}</p>')


def _unchecked(reason: str, display: bool) -> str:
    tag = "p" if display else "span"
    return f'<{tag} class="gc-eq-unchecked" data-search-exclude>Not checked: {html.escape(reason)}</{tag}>'


def _beside_planted(text: str, regions: list[MathSpan]) -> set[int]:
    """Where each display starts that stands in one run with a planted mistake (displays with only blank lines
    between them: a derivation in steps). None of them is marked, or the one step without a mark gives it away."""
    runs: list[list[MathSpan]] = []
    for math in (m for m in regions if m.display):
        if runs and not text[runs[-1][-1].end:math.start].strip():
            runs[-1].append(math)
        else:
            runs.append([math])
    return {m.start for run in runs if any(expected_wrong(m.body) for m in run) for m in run}


def mark_equations(text: str, reports: list[EquationReport],
                   unlabelled: dict[int, str] | None = None) -> list[tuple[int, int, str]]:
    """The replacements that mark each display of `text` (see the module); a failed equation gets none.

    Args:
        text: The page's Markdown, as the check read it.
        reports: What the check did with each labelled display.
        unlabelled: Where each unlabelled display that states a checked formula starts, and how it was checked.
    """
    by_label = {r.equation.label: r for r in reports if r.status not in ("failed", "expected wrong")}
    scoped = any(r.status == "page shapes only" for r in by_label.values()) or "page shapes only" in (
        unlabelled or {}).values()
    legend_text = _LEGEND.format(scope=_SCOPE_LEGEND if scoped else "")
    replacements: list[tuple[int, int, str]] = []
    legend = False
    regions = markdown_math(text)
    quiet = _beside_planted(text, regions)
    for math in regions:
        if math.start in quiet:
            continue
        label = label_of(math.body) if math.display else None
        report = by_label.get(label) if label else None
        status = report.status if report is not None else (unlabelled or {}).get(math.start)
        reason = not_checked_reason(math.body)
        replacements += [(found.start(), found.end(), "")
                         for found in NOT_CHECKED_WITH_SPACE.finditer(text, math.start, math.end)]
        if status is None and reason is None:
            continue
        line_start = text.rfind("\n", 0, math.start) + 1
        indent = text[line_start:math.start] if not text[line_start:math.start].strip() else ""
        if status is None or status == "not checked":
            note = ("\n\n" + indent if math.display else " ") + _unchecked(reason or "", math.display)
        else:
            mark = _mark(status)
            if not legend:
                mark, legend = mark + "\n\n" + legend_text, True
            note = "\n\n" + indent + mark.replace("\n\n", "\n\n" + indent)
        replacements.append((math.end, math.end, note))
    return replacements
