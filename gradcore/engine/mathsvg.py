"""Math drawn at build time: every arithmatex element of a page, typeset by MathJax to SVG.

`prerender(html)` finds the page's math (`gradcore.markup.mathfind.HTML_MATH`),
has MathJax typeset all of it in one document (`gradcore.engine.mathjax_v8`),
so that equation numbers and `\\eqref` work across the page, and puts each
drawing in place of its TeX, with MathJax's assistive MathML for screen
readers. The glyphs are defined once per page, in one hidden SVG before the
first formula. A page whose math is drawn needs no MathJax in the browser.

A page's drawings are kept in gradcore's disk cache under the key of its
whole math and MathJax's settings, so a build whose math is unchanged does
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
from gradcore.engine import mathjax_v8
from gradcore.markup.mathfind import HTML_MATH

SECTION = "math"

Typesetter = Callable[[str], dict[str, Any]]
Drawings = MutableMapping[str, dict[str, Any]]


@dataclass
class TexError(ValueError):
    """MathJax could not read one formula of a page."""

    tex: str
    message: str

    def __str__(self) -> str:
        tex = " ".join(self.tex.split())
        shown = tex if len(tex) <= 120 else tex[:117] + "..."
        return f"MathJax cannot typeset {shown!r}: {self.message}"


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
        cache.write(SECTION, key, json.dumps(result).encode("utf-8"), project)
    if memory is not None:
        memory[key] = result
    return result


def _typeset(items: list[tuple[str, str]], typeset: Typesetter) -> dict[str, Any]:
    """Typeset a page's math elements; TexError for the first formula MathJax refuses or cannot finish."""
    try:
        result = typeset("".join(f'<{tag} class="arithmatex">{tex}</{tag}>' for tag, tex in items))
    except mathjax_v8.TypesetTimeoutError as stopped:
        longest = _bare_tex(max((tex for _, tex in items), key=len))
        formulas = f"{len(items):,} formula" + ("s" if len(items) != 1 else "")
        raise TexError(longest, f"{stopped} drawing the page's {formulas}; the longest, this one, has "
                                f"{len(longest):,} characters: split it, or show a smaller example") from None
    if result["errors"]:
        error = result["errors"][0]
        raise TexError(str(error["tex"]), str(error["message"]))
    missed = [tex for (_, tex), drawing in zip(items, result["math"], strict=True) if drawing is None]
    if missed:
        raise TexError(_bare_tex(missed[0]), "MathJax found no whole formula in it (a brace or delimiter unclosed?)")
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
        parts += [page_html[start:match.start("tex")], drawing]
        start = match.end("tex")
    parts.append(page_html[start:])
    return "".join(parts)


def source_line(markdown: str, tex: str) -> int | None:
    """The line of `markdown` (1-based) where the first line of `tex` is written, if it is written there."""
    first = tex.strip().splitlines()[0].strip() if tex.strip() else ""
    for number, line in enumerate(markdown.splitlines(), start=1):
        if first and first in line:
            return number
    return None
