"""An author's error, printed alone when the engine lets it escape uncaught (Zensical).

MkDocs and ProperDocs print a `PluginError` raised by an extension as one
line and exit 1. Zensical (0.0.x) calls Python-Markdown from its Rust core:
an exception raised while a page converts comes back from `zensical build`
as a `RuntimeError` whose text is "Python error: TYPE: MESSAGE" followed by
the formatted traceback, and its command line does not catch it, so Python
prints a second traceback around it. Zensical offers extensions no error
type or exit path of their own, and its issue report covers only links.

So before raising, the extension remembers its message here, and
`sys.excepthook` (Python's documented hook for an uncaught exception) prints
only that message when the exception that ends the process carries it; any
other exception goes to the hook that was there before. The process still
exits with status 1, as after any uncaught exception.
"""

from __future__ import annotations

import sys
from types import TracebackType

__all__ = ["raised", "remember"]

_messages: list[str] = []  # the author's errors raised so far, newest last
_previous = sys.excepthook


def remember(message: str) -> None:
    """Keep `message`, and make sure an uncaught exception carrying it is printed as the message alone."""
    global _previous
    _messages.append(message)
    if sys.excepthook is not _print_message:
        _previous, sys.excepthook = sys.excepthook, _print_message


def raised() -> bool:
    """True once an author's error has been raised in this process."""
    return bool(_messages)


def _print_message(kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
    text = str(error)
    ours = next((message for message in reversed(_messages) if message in text), None)
    if ours is None:
        _previous(kind, error, traceback)
    else:
        print(f"Error: {ours}", file=sys.stderr)
