"""The exceptions gradcore raises, and the bounded preview that every message uses for a value.

All of them derive from `ValueError`, so code that already catches bad values
keeps working. Their messages are written for the person who made the call:
what was given, and what was expected instead.
"""

from __future__ import annotations

import math
import reprlib
from typing import Any

__all__ = ["GradcoreError", "InputError", "PREVIEW_CHARS", "ShapeError", "SpecError", "shown"]

PREVIEW_CHARS = 80
"""Longest preview of an untrusted value in a message."""

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxtuple, _REPR.maxset = 3, 6, 4, 6, 6
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = PREVIEW_CHARS


def shown(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """A repr of `value` of at most `limit` characters, computed without walking all of it.

    A page may hand gradcore a list of millions of entries or a 5,000-digit
    integer (which `repr` refuses to print); neither is expanded here.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(math.log10(abs(value))) + 1:,} digits"
    try:
        text = _REPR.repr(value)
    except (ValueError, RecursionError):
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[:limit - 3] + "..."


class GradcoreError(ValueError):
    """Base class for every error raised by gradcore."""


class ShapeError(GradcoreError):
    """Arrays whose shapes do not fit together (a product or a comparison is undefined)."""


class InputError(GradcoreError):
    """A value that is not acceptable: not numeric, not finite, out of range, too large."""


class SpecError(GradcoreError):
    """A problem in an example definition.

    Attributes:
        key: The offending entry (e.g. `W1`), used to find its line, or None.
        line: The 1-based line inside the definition, when the reader knows it; else None.
    """

    def __init__(self, message: str, key: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.key, self.line = key, line
