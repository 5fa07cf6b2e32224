"""Math drawn at build time: every arithmatex element of a page, typeset by MathJax to SVG.

`prerender(html)` finds the math that `pymdownx.arithmatex` (generic mode)
leaves in a page, `<span class="arithmatex">\\(..\\)</span>` and
`<div class="arithmatex">\\[..\\]</div>`, has MathJax typeset all of it in
one document (`gradcore.engine.mathjax_v8`), and puts each drawing in place of its
TeX, with MathJax's assistive MathML for screen readers. The glyphs the
drawings use are defined once per page, in one hidden SVG just before the
first formula. A page whose math is drawn needs no MathJax in the browser.

Drawn math is cached, in memory for the process and on disk in gradcore's
cache (`gradcore.cache`: content-hash verified, atomic writes), under
a key of the page's whole math (equation numbers and `\\eqref` depend on the
page, not one formula), MathJax's version, the settings and this code. A
build whose pages' math is unchanged does not start V8.

`draw_ahead(html)` starts drawing a page's math in a background thread
as soon as the page's content is known; V8 runs outside Python's lock,
so on a second core it draws while MkDocs converts the other pages, and
`prerender` of the same math later takes the result (or its error).
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gradcore import cache
from gradcore.engine import mathjax_v8

# Raise this to draw all math again for a reason the key cannot see.
MATHSVG_VERSION = 1
MEMO_SIZE = 256  # pages whose drawings stay in memory between builds (`mkdocs serve`)
CACHE_SECTION = "math"  # .cache/gradcore/math/
# Exactly what arithmatex writes; its TeX is HTML-escaped, so it holds no tag.
MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>[^<]*)</(?P=tag)>')

Typesetter = Callable[[str], dict[str, Any]]
_memo: OrderedDict[str, dict[str, Any]] = OrderedDict()
_pending: dict[str, Future[dict[str, Any]]] = {}  # math being drawn ahead, by key
_state = threading.Lock()  # guards _memo and _pending, which the drawing thread also writes
_ahead: list[ThreadPoolExecutor] = []  # the one drawing thread, made on first use
_keep = [True]  # whether drawings stay in memory for the next build (not in a one-off `mkdocs build`)


@dataclass
class TexError(ValueError):
    """MathJax could not read one formula of a page."""

    tex: str
    message: str

    def __str__(self) -> str:
        tex = " ".join(self.tex.split())
        shown = tex if len(tex) <= 120 else tex[:117] + "..."
        return f"MathJax cannot typeset {shown!r}: {self.message}"


@functools.cache
def _code_digest() -> str:
    """A digest of this code, of MathJax's package description (its version) and of the files V8 loads."""
    root = mathjax_v8.mathjax_root()
    files = [Path(__file__), Path(mathjax_v8.__file__), root.parent / "package.json",
             *(root / name for name in mathjax_v8.COMPONENTS)]
    return cache.files_digest((path.name, path) for path in files)


def math_key(items: list[tuple[str, str]]) -> str:
    """The cache key of a page's math: its elements, MathJax's version and files, the settings and this code."""
    return _key(tuple(items))


@functools.lru_cache(maxsize=MEMO_SIZE)
def _key(items: tuple[tuple[str, str], ...]) -> str:
    # Asked twice per page (drawn ahead from its content, then taken for its whole HTML): hashed once.
    return cache.digest([MATHSVG_VERSION, mathjax_v8.tex_config(), _code_digest(), items])


def _drawn(items: list[tuple[str, str]], project: str, typeset: Typesetter) -> dict[str, Any]:
    """The drawing of a page's math: from memory, from a drawing started ahead, from disk, or drawn now."""
    key = math_key(items)
    with _state:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]
        ahead = _pending.pop(key, None)
    if ahead is not None:
        return ahead.result()  # its TexError, if any, is raised here, for this page
    return _draw(key, items, project, typeset)


def _draw(key: str, items: list[tuple[str, str]], project: str, typeset: Typesetter) -> dict[str, Any]:
    stored = cache.read(CACHE_SECTION, key, "json", project)
    result = json.loads(stored) if stored is not None else None
    if not (isinstance(result, dict) and len(result.get("math", ())) == len(items)):
        try:
            result = typeset("".join(f'<{tag} class="arithmatex">{tex}</{tag}>' for tag, tex in items))
        except mathjax_v8.TypesetTimeoutError as stopped:
            longest = _bare(max((tex for _, tex in items), key=len))
            formulas = f"{len(items):,} formula" + ("s" if len(items) != 1 else "")
            raise TexError(longest, f"{stopped} drawing the page's {formulas}; the longest, this one, has "
                                    f"{len(longest):,} characters: split it, or show a smaller example") from None
        if result["errors"]:
            error = result["errors"][0]
            raise TexError(str(error["tex"]), str(error["message"]))
        missed = [tex for (_, tex), drawing in zip(items, result["math"], strict=True) if drawing is None]
        if missed:
            raise TexError(_bare(missed[0]), "MathJax found no whole formula in it (a brace or delimiter unclosed?)")
        cache.write(CACHE_SECTION, key, "json", json.dumps(result).encode("utf-8"), project)
    if _keep[0]:
        with _state:
            _memo[key] = result
            if len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
    return result


def keep_in_memory(keep: bool) -> None:
    """Whether drawings stay in memory for a next build of this process (they do unless told otherwise).

    A one-off build (`mkdocs build`) has no next build: keeping every page's drawings would only
    add to its peak memory (about 5 MiB for this site).
    """
    _keep[0] = keep


def _items(found: list[re.Match[str]]) -> list[tuple[str, str]]:
    """Each math element found in a page, as (tag, its TeX as the HTML holds it)."""
    return [(match["tag"], match["tex"]) for match in found]


def draw_ahead(page_html: str, project: str = "", typeset: Typesetter | None = None) -> None:
    """Start drawing the math of `page_html` in the background, for a later `prerender` of a page with that math.

    Pages are drawn one at a time, in the order they come. Nothing is started for a page without
    math, or whose math is in memory, on its way, or on disk (reading it back is quicker than a thread).
    """
    items = _items(list(MATH.finditer(page_html)))
    if not items:
        return
    key = math_key(items)
    with _state:
        if key in _memo or key in _pending or cache.entry_path(CACHE_SECTION, key, "json", project).is_file():
            return
        _pending[key] = _drawing_thread().submit(_draw, key, items, project, typeset or mathjax_v8.typeset)


def start_early() -> Future[None]:
    """Have the drawing thread start V8 and load MathJax now (about 250 ms), before the first page asks for it.

    For a build that will draw math: one whose pages are not all in the page cache. Without it, V8 would
    start only when the first page's content is ready, and every drawing would wait for it.
    """
    with _state:
        return _drawing_thread().submit(mathjax_v8.start)


def _drawing_thread() -> ThreadPoolExecutor:
    """The one thread that draws ahead (call with `_state` held); made on first use."""
    if not _ahead:
        _ahead.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="gradcore-math"))
    return _ahead[0]


def cancel_ahead() -> None:
    """Forget the drawings started ahead (a build that stopped will not ask for them); one already drawing ends."""
    with _state:
        for future in _pending.values():
            future.cancel()
        _pending.clear()


def _bare(tex: str) -> str:
    """TeX as written, without its delimiters: `\\(x\\)` -> `x`."""
    return re.sub(r"^\\[(\[]|\\[)\]]$", "", html_lib.unescape(tex).strip())


def prerender(page_html: str, project: str = "", typeset: Typesetter | None = None) -> str:
    """The page with every arithmatex element's TeX replaced by MathJax's SVG.

    Args:
        page_html: A page's HTML (the whole page, or its content).
        project: The project's folder, which holds the cache ("" for the working folder).
        typeset: What typesets a page's math on a cache miss (tests pass their own); MathJax in V8 by default.

    Raises:
        TexError: When MathJax cannot read a formula (the message names it); nothing is returned then.
    """
    found = list(MATH.finditer(page_html))
    if not found:
        return page_html
    items = _items(found)
    result = _drawn(items, project, typeset or mathjax_v8.typeset)
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
