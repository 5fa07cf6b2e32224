"""The exceptions gradcore raises.

All of them derive from `ValueError`, so code that already catches bad values
keeps working. Their messages are written for the person who made the call:
what was given, and what was expected instead.
"""

from __future__ import annotations

__all__ = ["GradcoreError", "InputError", "ShapeError"]


class GradcoreError(ValueError):
    """Base class for every error raised by gradcore."""


class ShapeError(GradcoreError):
    """Arrays whose shapes do not fit together (a product or a comparison is undefined)."""


class InputError(GradcoreError):
    """A value that is not acceptable: not numeric, not finite, out of range, too large."""
