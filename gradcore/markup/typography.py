"""Typographic characters shared by the number formats, and small fixes to a page's HTML for narrow screens."""

from __future__ import annotations

import re

from gradcore.markup.mathfind import HTML_MATH

SUPERSCRIPT_CHARACTERS = "0123456789-+T"
# Exponents in prose (gradcore.markup.latex), and the search index's x², Xᵀ (gradcore.markup.search_text).
SUPERSCRIPTS = str.maketrans(SUPERSCRIPT_CHARACTERS, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ᵀ")

# A math element, then closing punctuation; only inline math (a span) is kept with it.
_MATH_THEN_PUNCTUATION = re.compile(f"(?P<math>{HTML_MATH.pattern})(?P<punctuation>[.,;:!?)\\]]+)")


def keep_punctuation_with_math(html: str) -> str:
    """Join inline math and the punctuation right after it, so a line never starts with a lone comma.

    A browser may break a line between a typeset formula and the character after
    it; inside a `gc-nobreak` span (white-space: nowrap) it cannot.
    """
    return _MATH_THEN_PUNCTUATION.sub(lambda m: m[0] if m["tag"] != "span" else
                                      f'<span class="gc-nobreak">{m["math"]}{m["punctuation"]}</span>', html)
