"""The last line of defence: no unresolved marker may reach a built page.

A page that no gradcore code has seen still contains its marker syntax. An
engine that skips the MkDocs hook (Zensical ignores `hooks:`) would ship it
without a word, so every path checks the finished HTML:

* the Markdown extension (`gradcore.mdext`) checks each page it finishes and
  fails the build if syntax is left;
* `python -m gradcore.guard SITE_DIR` scans a whole built site. It is the only
  check that still works when neither the hook nor the extension is
  configured, since then no gradcore code runs during the build at all; CI
  runs it after every engine build.

Literal markers (`[[!gc ...]]`) never trigger it: they reach the HTML as
character entities (`&#91;&#91;gc`), which a browser shows as `[[gc`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["UNRESOLVED_RE", "Unresolved", "find_unresolved", "main", "scan_site"]

UNRESOLVED_RE = re.compile(r"\[\[!?gc|gc:example|GRADCORELITERAL")
"""Raw marker openings, definition fences and literal tokens that were never restored."""


@dataclass(frozen=True)
class Unresolved:
    """One piece of unresolved syntax in a built page."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: unresolved gradcore syntax {self.text!r}"


def find_unresolved(html: str, path: str = "<page>") -> list[Unresolved]:
    """Every unresolved marker in one page's HTML, with its line.

    Args:
        html: The HTML of a page (a fragment or a whole file).
        path: How to name the page in the result.

    Returns:
        One entry per occurrence, in order; empty when the page is clean.
    """
    found = []
    for match in UNRESOLVED_RE.finditer(html):
        line = html.count("\n", 0, match.start()) + 1
        snippet = re.split(r"[\n<]", html[match.start():match.start() + 40], maxsplit=1)[0]
        found.append(Unresolved(path, line, snippet))
    return found


def scan_site(site_dir: str | Path) -> list[Unresolved]:
    """Every unresolved marker in the HTML files of a built site, sorted by file."""
    root = Path(site_dir)
    found: list[Unresolved] = []
    for page in sorted(root.rglob("*.html")):
        found += find_unresolved(page.read_text(encoding="utf-8"), str(page.relative_to(root)))
    return found


def main(argv: list[str] | None = None) -> int:
    """Command line: exit 1 and list every unresolved marker under SITE_DIR, else exit 0."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m gradcore.guard SITE_DIR  (a folder holding a built site)", file=sys.stderr)
        return 2
    found = scan_site(args[0])
    for item in found:
        print(item, file=sys.stderr)
    if found:
        print(f"{len(found)} unresolved marker(s): the site was built without gradcore "
              "(neither the MkDocs hook nor the gradcore.mdext extension ran on these pages)", file=sys.stderr)
        return 1
    print(f"gradcore guard: no unresolved markers in {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
