"""The last line of defence: no unresolved marker may reach a built page.

A page that no gradcore code has seen still contains its marker syntax. An
engine that skips the MkDocs hook (Zensical ignores `hooks:`) would ship it
without a word, so every path checks the finished HTML:

* the Markdown extension (`gradcore.engine.mdext`) checks each page it finishes and
  fails the build if syntax is left;
* `python -m gradcore.engine.guard SITE_DIR` scans a whole built site. It is the only
  check that still works when neither the hook nor the extension is
  configured, since then no gradcore code runs during the build at all; CI
  runs it after every engine build.

* the MkDocs hook scans the whole built site at the end of every build
  (`scan_site`: every page, 404.html, the sitemap, the example JSON and the
  titles of the search index) and refuses marker syntax in front matter and
  in the site's titles (`metadata_problems`), which no page transform sees;
  the extension does the same for the front matter an engine hands it;
* under Zensical, which runs no hook, the extension refuses marker syntax
  in the site's titles on the first page and, at the exit of `zensical
  build`, scans the whole built site the same way (`gradcore.engine.zensical`).

Literal markers (`[[!gc ...]]`) never trigger it: they reach the HTML as
character entities (`&#91;&#91;gc`), which a browser shows as `[[gc`. A
search index holds each page's text with the entities decoded, so only its
titles and paths are scanned there; the text itself comes from the HTML.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["UNRESOLVED_RE", "Unresolved", "find_unresolved", "main", "metadata_problems", "scan_site"]

_TEXT_FILES = (".html", ".htm", ".xml", ".json", ".svg", ".txt")
_MAX_WALK = 10_000  # values looked at in one page's front matter

UNRESOLVED_RE = re.compile(r"\[\[!?gc|gc:example|GRADCORELITERAL")
"""Raw marker openings, definition fences and literal tokens that were never restored."""
# The strings UNRESOLVED_RE can match begin with; looking for them first is several times faster on a clean page.
_OPENINGS = ("[[gc", "[[!gc", "gc:example", "GRADCORELITERAL")
_OPENING_BYTES = tuple(opening.encode("ascii") for opening in _OPENINGS)


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
    found: list[Unresolved] = []
    if not any(opening in html for opening in _OPENINGS):
        return found
    for match in UNRESOLVED_RE.finditer(html):
        line = html.count("\n", 0, match.start()) + 1
        snippet = re.split(r"[\n<]", html[match.start():match.start() + 40], maxsplit=1)[0]
        found.append(Unresolved(path, line, snippet))
    return found


def scan_site(site_dir: str | Path) -> list[Unresolved]:
    """Every unresolved marker in the output files of a built site, sorted by file.

    Pages, XML (the sitemap, also gzipped), JSON and SVG are read whole; a
    search index (`search*.json`, `search*.js`) only in its titles and paths.
    """
    root = Path(site_dir)
    found: list[Unresolved] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and _scanned(path):
            found += _scan_file(path, path.read_bytes(), str(path.relative_to(root)))
    return found


def _scanned(path: Path) -> bool:
    """Whether `scan_site` reads this output file (text, a search index, a gzipped sitemap)."""
    return path.suffix in _TEXT_FILES or path.name.endswith(".xml.gz") or _is_search_index(path)


def _is_search_index(path: Path) -> bool:
    return path.name.startswith("search") and path.suffix in (".json", ".js")


def _scan_file(path: Path, data: bytes, name: str) -> list[Unresolved]:
    """The unresolved markers in one output file's bytes."""
    if _is_search_index(path):
        return _scan_search_index(data.decode("utf-8", errors="replace"), name)
    if path.name.endswith(".xml.gz"):
        return find_unresolved(gzip.decompress(data).decode("utf-8", "replace"), name)
    # The openings are ASCII, so they are in the UTF-8 bytes exactly when in the text: decode only a hit.
    if any(opening in data for opening in _OPENING_BYTES):
        return find_unresolved(data.decode("utf-8", errors="replace"), name)
    return []


def _scan_search_index(text: str, name: str) -> list[Unresolved]:
    """Marker syntax in the titles and paths of a search index (JSON, or JSON inside a script)."""
    try:
        data = json.loads(text[text.index("{"):text.rindex("}") + 1])
    except ValueError:
        return find_unresolved(text, name)  # not an index we can read: scan it all
    return [item for _key, value in _strings(data, skip=("text",)) for item in find_unresolved(value, name)]


def _strings(value: Any, skip: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(key, text) of every string in nested dicts and lists, iteratively, skipping the keys in `skip`."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, str):
            yield key, item
        elif isinstance(item, dict):
            stack += [(str(k), v) for k, v in item.items() if k not in skip]
            stack += [(k, k) for k in item if isinstance(k, str) and k not in skip]  # nav titles are keys
        elif isinstance(item, (list, tuple)):
            stack += [(key, v) for v in item]


def metadata_problems(meta: Any, source: str, page: str, where: str = "the front matter") -> list[str]:
    """Marker syntax in a page's front matter (or the site's titles), which no page transform resolves.

    Args:
        meta: The front matter as the engine parsed it (or the site's names and navigation).
        source: The file as written, to find the line.
        page: How to name the file, e.g. `docs/part-1-scalar.md`.
        where: What `meta` is, for the message.

    Returns:
        One "file:line: ..." message per string holding marker syntax.
    """
    problems = []
    for count, (key, text) in enumerate(_strings(meta)):
        match = UNRESOLVED_RE.search(text)
        if count >= _MAX_WALK or not match:
            continue
        snippet = text if len(text) <= 60 else text[:57] + "..."
        line = next((n for n, row in enumerate(source.split("\n")[:500], start=1) if match.group(0) in row
                     and (key in row or text in row or not key)), 1)
        problems.append(f"{page}:{line}: marker syntax in {where} ({key or 'value'}: {snippet!r}); "
                        "markers are filled in only in a page's text, so this would reach the titles, the navigation "
                        "and the search index raw: write the words without the marker")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: exit 1 and list every unresolved marker under SITE_DIR, else exit 0."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m gradcore.engine.guard SITE_DIR  (a folder holding a built site)", file=sys.stderr)
        return 2
    found = scan_site(args[0])
    for item in found:
        print(item, file=sys.stderr)
    if found:
        print(f"{len(found)} unresolved marker(s): the site was built without gradcore "
              "(neither the MkDocs hook nor the gradcore.engine.mdext extension ran on these pages)", file=sys.stderr)
        return 1
    print(f"gradcore guard: no unresolved markers in {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
