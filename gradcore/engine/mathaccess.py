"""Drawn math made for every reader: equation references as named HTML links, numbers that a phone shows.

MathJax's SVG puts an `\\eqref` link inside a drawing that is hidden from
assistive technology, so the link has no name, and it draws an equation's
number inside the equation's own SVG, at the far right of its minimum width,
where a phone's narrow column leaves it past the edge. Both are rewritten
here, per drawing, after MathJax:

- a formula that is a lone `\\eqref{label}` or `\\ref{label}` becomes an
  HTML link named "equation N", which the keyboard reaches and a screen
  reader names;
- a numbered display's numbers move out of the equation's SVG into an SVG of
  their own beside it, so that the page's CSS can wrap them under an
  equation too wide for the column (once per drawing, before it is cached).

A reference inside a larger formula stays an unnamed link in the drawing; the
build refuses it (`embedded_reference`), and the author writes the
reference as a formula of its own.
"""

from __future__ import annotations

import html as html_lib
import re

__all__ = ["EX_UNITS", "TAG_SPACING", "embedded_reference", "in_control", "reference_link", "split_numbers"]

EX_UNITS = 442.0
"""MathJax's SVG units (thousandths of an em) in one ex of its TeX font (the font's x-height, 0.442 em)."""
TAG_SPACING = 800.0
"""The room MathJax keeps between an equation and its number (the TeX input's tag indent, 0.8 em), in its units."""

# A drawing that is nothing but one reference: its assistive MathML is one linked row holding the number.
_LONE_REFERENCE = re.compile(
    r'<math xmlns="http://www\.w3\.org/1998/Math/MathML"><mrow href="(?P<href>#[^"]*)" class="MathJax_ref">'
    r"<mtext>(?P<text>[^<]*)</mtext></mrow></math></mjx-assistive-mml></mjx-container>$")
_LINK = re.compile(r'<a xlink:href="#')
# The numbers of a display, right of the equation: MathJax's nested SVG, its viewBox "width top 1 height".
_NUMBERS = re.compile(
    r'<svg data-labels="true" preserveAspectRatio="xMaxYMid" viewBox="(?P<w>[\d.]+) (?P<top>-?[\d.]+) 1 '
    r'(?P<h>[\d.]+)">(?P<numbers><g data-labels="true".*?)</svg>', re.DOTALL)
_MIN_WIDTH = re.compile(r"min-width: (?P<ex>[\d.]+)ex;")
_NUMBER_TEXT = re.compile(r'data-c="(?P<code>[0-9A-F]+)"')
# One number's cell, raised to its line's top (MathJax's units, upwards; no transform where it is 0): the line
# is LINE units tall.
_CELL = re.compile(r'<g data-mml-node="mtd" id="[^"]*"(?: transform="translate\(0,(-?[\d.]+)\)")?>')
LINE = 1000.0


def reference_link(drawing: str, *, linked: bool = True) -> str | None:
    """The HTML link for a drawing that is a lone `\\eqref` or `\\ref`; None for any other drawing.

    With `linked` false (the reference sits in a control, such as a collapsible block's summary, where a
    link inside would be a control within a control) it is the number as plain text.
    """
    if "MathJax_ref" not in drawing:  # most drawings: no reference at all
        return None
    found = _LONE_REFERENCE.search(drawing)
    if found is None or len(_LINK.findall(drawing)) != 1:
        return None
    shown = html_lib.unescape(found["text"])
    if not linked:
        return f'<span class="gc-eqref">{html_lib.escape(shown)}</span>'
    name = "equation " + shown.strip().strip("()")
    return (f'<a class="gc-eqref" href="{html_lib.escape(found["href"])}" '
            f'aria-label="{html_lib.escape(name)}">{html_lib.escape(shown)}</a>')


def embedded_reference(drawing: str) -> bool:
    """Whether a drawing holds an equation reference that is not the whole formula (it would stay unnamed)."""
    return bool(_LINK.search(drawing)) and reference_link(drawing) is None


def _ex(units: float) -> str:
    return f"{units / EX_UNITS:.3f}ex"


def split_numbers(drawing: str) -> str:
    """A numbered display with its numbers in an SVG of their own after the equation's; others unchanged.

    The equation's minimum width loses the room MathJax kept for the numbers on both sides; the
    container carries the numbers' width (`--gc-tag`), with which the CSS keeps the equation centred.
    A single number's SVG is cut to its own line of text and shifted (`top`) to where MathJax put it,
    beside the middle of the equation's box.
    """
    found = _NUMBERS.search(drawing)
    if found is None:
        return drawing
    width, top, height = float(found["w"]), float(found["top"]), float(found["h"])
    shown = "".join(chr(int(code, 16)) for code in _NUMBER_TEXT.findall(found["numbers"]))
    cells = _CELL.findall(found["numbers"])
    shift = ""
    if len(cells) == 1:  # one number: only its own line of text, so that, wrapped, it leaves no gap
        line_top = -float(cells[0] or 0)
        shift = f' style="top: {_ex(line_top + LINE / 2 - (top + height / 2))}"'
        top, height = line_top, LINE
    numbers = (f'<svg class="gc-tag" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
               f'width="{_ex(width)}" height="{_ex(height)}" viewBox="0 {top:g} {found["w"]} {height:g}"{shift} '
               f'role="img" focusable="false" aria-hidden="true" data-tag="{html_lib.escape(shown)}">'
               f'<g stroke="currentColor" fill="currentColor" stroke-width="0">{found["numbers"]}</g></svg>')
    drawing = drawing[:found.start()] + drawing[found.end():]
    reserved = 2 * (width + TAG_SPACING) / EX_UNITS

    def narrower(minimum: re.Match[str]) -> str:
        return f"min-width: {max(float(minimum['ex']) - reserved, 0):.3f}ex;"

    # The container loses its minimum width (its number then wraps at the column's edge, not past it) and is
    # marked gc-numbered for the CSS (a class, not :has(), which costs a restyle whenever the page's tree
    # changes); the equation's SVG keeps its own minimum width, narrower by the room kept for the numbers.
    container = '<mjx-container class="MathJax" jax="SVG" display="true" width="full" style="'
    drawing = re.sub(re.escape(container) + r"min-width: [\d.]+ex; ?",
                     container.replace('class="MathJax"', 'class="MathJax gc-numbered"')
                     .replace('style="', f'style="--gc-tag: {_ex(width)}; '), drawing, count=1)
    drawing = _MIN_WIDTH.sub(narrower, drawing)
    return drawing.replace("</svg><mjx-assistive-mml", "</svg>" + numbers + "<mjx-assistive-mml", 1)


def in_control(page_html: str, position: int) -> bool:
    """Whether `position` of a page's HTML is inside a `<summary>`, where a link would nest in a control."""
    return page_html.rfind("<summary", 0, position) > page_html.rfind("</summary>", 0, position)
