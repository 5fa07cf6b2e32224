"""Math drawn at build time: every arithmatex element of a page, typeset by MathJax to SVG.

`prerender(html)` finds the page's math (`gradcore.markup.mathfind.HTML_MATH`),
has MathJax typeset all of it in one document (`gradcore.engine.mathjax_v8`),
so that equation numbers and `\\eqref` work across the page, and puts each
drawing in place of its TeX, with MathJax's assistive MathML for screen
readers. Each drawing is then finished once, before it is cached:
`gradcore.engine.mathaccess` sets a display's numbers beside its equation and
`gradcore.engine.svgtrim` folds away MathJax's bookkeeping groups. When the
page is put together, each lone equation reference becomes a named HTML link.
The glyphs are defined once per page, in one hidden SVG before the first
formula. A page whose math is drawn needs no MathJax in the browser.

A page's finished drawings are kept in gradcore's disk cache under the key of
its whole math and MathJax's settings, so a build whose math is unchanged does
not start V8.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from gradcore import cache
from gradcore.engine import mathaccess, mathjax_v8, svgtrim
from gradcore.markup.markers import MARKER_RE
from gradcore.markup.mathfind import HTML_MATH, markdown_math

SECTION = "math"
MARKER_GROUPS = MARKER_RE.groups  # re.split puts each group of a marker between the literal pieces

Typesetter = Callable[[str], dict[str, Any]]
Drawings = MutableMapping[str, dict[str, Any]]


# An \\eqref or \\ref whose label no equation of the page has: MathJax links it nowhere and shows "(???)".
_UNRESOLVED_REFERENCE = 'href="#" class="MathJax_ref"'
READ_TEX = "write TeX that MathJax can read"
# An error MathJax draws in place of a formula it could not process (in the assistive MathML).
_DRAWN_ERROR = re.compile(r'<merror data-mjx-error="(?P<why>[^"]*)"')


@dataclass
class TexError(ValueError):
    """MathJax could not read one formula of a page; `remedy` says what to do."""

    tex: str
    message: str
    remedy: str = READ_TEX

    def __str__(self) -> str:
        return f"MathJax cannot typeset '{shorten(self.tex)}': {self.message}"


def shorten(tex: str) -> str:
    """TeX on one line, cut at 120 characters, for a message."""
    tex = " ".join(tex.split())
    return tex if len(tex) <= 120 else tex[:117] + "..."


def _remedy(message: str) -> str:
    if message.startswith("Undefined control sequence"):
        return "check the macro's spelling (MathJax has no such macro), or define it with \\newcommand on the page"
    if "multiply defined" in message:
        return "give each \\label a name of its own on the page"
    return READ_TEX


def math_key(items: list[tuple[str, str]]) -> str:
    """The cache key of a page's math: its elements and MathJax's settings (the key rule adds the versions)."""
    return cache.key(SECTION, [mathjax_v8.tex_config(), items])


def _drawn(items: list[tuple[str, str]], project: str, typeset: Typesetter, memory: Drawings | None) -> dict[str, Any]:
    """The drawing of a page's math: from `memory`, from the disk cache, or drawn now (and then kept)."""
    key = math_key(items)
    if memory is not None and key in memory:
        return memory[key]
    stored = cache.read(SECTION, key, project)
    result = json.loads(stored) if stored is not None else None
    if not (isinstance(result, dict) and len(result.get("math", ())) == len(items)):
        result = _typeset(items, typeset)
        result["math"] = [_sized(svgtrim.trim(mathaccess.split_numbers(drawing))) for drawing in result["math"]]
        cache.write(SECTION, key, json.dumps(result).encode("utf-8"), project)
    if memory is not None:
        memory[key] = result
    return result


# A display's opening up to its equation's drawing: the drawing's style, then its size attributes.
_DISPLAY_DRAWING = re.compile(r'^<mjx-container [^>]*display="true"[^>]*><svg style="(?P<style>[^"]*)"'
                              r'[^>]*? width="(?P<width>[^"]+)" height="(?P<height>[^"]+)"')


def _sized(drawing: str) -> str:
    """A display drawing whose size is also in its style, so that it keeps that size while the browser skips it.

    The site's CSS lets the browser skip a display's drawing until it comes near the view
    (`content-visibility: auto`), and a skipped SVG ignores its width and height attributes: its line
    then had another height than once drawn, and the page moved under the reader. Inline and
    other drawings are returned unchanged; a width in percent (a numbered display) stays the CSS's.
    """
    found = _DISPLAY_DRAWING.match(drawing)
    if found is None:
        return drawing
    size = f" height: {found['height']};"
    if found["width"].endswith("ex"):
        size = f" width: {found['width']};" + size
    style = found["style"].rstrip()
    separator = ";" if style and not style.endswith(";") else ""
    return drawing[:found.start("style") + len(style)] + separator + size + drawing[found.end("style"):]


def _typeset(items: list[tuple[str, str]], typeset: Typesetter) -> dict[str, Any]:
    """Typeset a page's math elements; TexError for the first formula MathJax refuses or cannot finish."""
    try:
        result = typeset("".join(f'<{tag} class="arithmatex">{tex}</{tag}>' for tag, tex in items))
    except mathjax_v8.TypesetTimeoutError as stopped:
        longest = _bare_tex(max((tex for _, tex in items), key=len))
        formulas = f"{len(items):,} formula" + ("s" if len(items) != 1 else "")
        raise TexError(longest, f"{stopped} drawing the page's {formulas}; the longest, this one, has "
                                f"{len(longest):,} characters", "split it, or show a smaller example") from None
    if result["errors"]:
        error = result["errors"][0]
        raise TexError(str(error["tex"]), str(error["message"]), _remedy(str(error["message"])))
    missed = [tex for (_, tex), drawing in zip(items, result["math"], strict=True) if drawing is None]
    if missed:
        raise TexError(_bare_tex(missed[0]), "MathJax found no whole formula in it (a brace or delimiter unclosed?)")
    for (_, tex), drawing in zip(items, result["math"], strict=True):
        failed = _DRAWN_ERROR.search(drawing)
        if failed:  # an error MathJax drew instead of the formula, such as a package it could not load
            raise TexError(_bare_tex(tex), f"MathJax drew an error box instead ({html_lib.unescape(failed['why'])})",
                           "use only the TeX packages the site loads (base, ams, newcommand, configmacros): "
                           "\\require, \\color and other packages loaded on demand cannot load when the math is "
                           "drawn at build time")
    unresolved = [tex for (_, tex), drawing in zip(items, result["math"], strict=True)
                  if _UNRESOLVED_REFERENCE in drawing]
    if unresolved:
        raise TexError(_bare_tex(unresolved[0]), "it refers (\\eqref or \\ref) to a label no equation of the page has, "
                       "and would show (???)", "label the equation with \\label{...} or correct the name")
    embedded = [tex for (_, tex), drawing in zip(items, result["math"], strict=True)
                if mathaccess.embedded_reference(drawing)]
    if embedded:
        raise TexError(_bare_tex(embedded[0]), "an equation reference (\\eqref or \\ref) inside a larger formula "
                       "has no name a screen reader can read", "write the reference as a formula of its own, "
                       "\\(\\eqref{...}\\), next to the rest of the math")
    return result


def _bare_tex(tex: str) -> str:
    """TeX as an arithmatex element holds it, without its escaping and delimiters: `\\(x\\)` -> `x`."""
    return re.sub(r"^\\[(\[]|\\[)\]]$", "", html_lib.unescape(tex).strip())


def prerender(page_html: str, typeset: Typesetter, project: str = "", memory: Drawings | None = None) -> str:
    """The page with every arithmatex element's TeX replaced by MathJax's SVG.

    Args:
        page_html: A page's HTML (the whole page, or its content).
        typeset: What typesets a page's math on a cache miss: `MathJax.typeset` (tests pass their own).
        project: The project's folder, which holds the cache ("" for the working folder).
        memory: Drawings kept between builds of one process (`mkdocs serve`), by key; None keeps none.

    Raises:
        TexError: When MathJax cannot read a formula (the message names it); nothing is returned then.
    """
    found = list(HTML_MATH.finditer(page_html))
    if not found:
        return page_html
    items = [(match["tag"], match["tex"]) for match in found]
    result = _drawn(items, project, typeset, memory)
    # The glyphs come before the first formula, so that each formula is drawn as soon as it arrives.
    first = found[0].start()
    parts, start = [page_html[:first], result["defs"]], first
    for match, drawing in zip(found, result["math"], strict=True):
        # A lone equation reference takes the place of its whole element: it is a link now, not math.
        link = mathaccess.reference_link(drawing)
        if link is not None and mathaccess.in_control(page_html, match.start()):
            link = mathaccess.reference_link(drawing, linked=False)
        if link is not None:
            parts += [page_html[start:match.start()], link]
            start = match.end()
            continue
        parts += [page_html[start:match.start("tex")], drawing]
        start = match.end("tex")
    parts.append(page_html[start:])
    return "".join(parts)


def where_written(markdown: str, tex: str) -> tuple[int, str] | None:
    """Where in a page's Markdown `tex` was written: the line its TeX starts on, and the TeX as written.

    A marker in a math region stands for whatever it was replaced by, so the author is shown the TeX
    they wrote, markers and all. None when no region became `tex` (math a block marker wrote).
    """
    wanted = re.sub(r"\s+", "", tex)
    for span in markdown_math(markdown):
        pieces = MARKER_RE.split(span.body) if "[[gc" in span.body else [span.body]
        literal = [re.escape(re.sub(r"\s+", "", piece)) for piece in pieces[::MARKER_GROUPS + 1]]
        if re.fullmatch(".*?".join(literal), wanted, re.DOTALL):
            before = span.body[:len(span.body) - len(span.body.lstrip())]
            return span.line + before.count("\n"), span.body.strip()
    return None
