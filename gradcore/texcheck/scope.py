"""Whether the words just before an equation present it as general, when it was checked on the page's shapes only.

A formula written with scalars, or with numbers in a shape, is checked on the
page's example alone: on a wider network it has no meaning. Its mark says so
to the reader, and the text that introduces it must not claim more. This
looks in the paragraph that leads into the display for phrases that say a
formula holds for any network; finding one is an error for the author.
"""

from __future__ import annotations

import re

__all__ = ["GENERAL_PHRASES", "general_claim"]

GENERAL_PHRASES = ("in general", "for any network", "for every network", "for any shape", "for all shapes",
                   "for any depth", "for any width", "for any number of", "whatever the shape",
                   "whatever the network", "holds generally", "the general formula", "the general rule")
_PHRASE = re.compile("|".join(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"\b" for p in GENERAL_PHRASES),
                     re.IGNORECASE)


def general_claim(text: str, line: int) -> str | None:
    """The phrase claiming generality in the paragraph that ends just before line `line` (1-based), if any."""
    lines = text.split("\n")[:max(line - 1, 0)]
    while lines and lines[-1].strip() in ("$$", r"\[", ""):
        lines.pop()
    paragraph: list[str] = []
    while lines and lines[-1].strip():
        paragraph.insert(0, lines.pop())
    found = _PHRASE.search(" ".join(paragraph))
    return " ".join(found.group(0).split()) if found else None
