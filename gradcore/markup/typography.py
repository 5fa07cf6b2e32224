"""Typographic characters shared by the number formats, and small fixes to a page's HTML for narrow screens."""

from __future__ import annotations

import re

SUPERSCRIPT_CHARACTERS = "0123456789-+T"
# Exponents in prose (gradcore.markup.latex), and the search index's x², Xᵀ (gradcore.markup.search_text).
SUPERSCRIPTS = str.maketrans(SUPERSCRIPT_CHARACTERS, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ᵀ")

# Inline math as arithmatex writes it (its TeX HTML-escaped, so without a tag), then closing punctuation.
_MATH_THEN_PUNCTUATION = re.compile(r'(<span class="arithmatex">[^<]*</span>)([.,;:!?)\]]+)')


def keep_punctuation_with_math(html: str) -> str:
    """Join inline math and the punctuation right after it, so a line never starts with a lone comma.

    A browser may break a line between a typeset formula and the character after
    it; inside a `gc-nobreak` span (white-space: nowrap) it cannot.
    """
    return _MATH_THEN_PUNCTUATION.sub(r'<span class="gc-nobreak">\1\2</span>', html)
