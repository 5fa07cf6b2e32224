"""MathJax in an embedded V8 (the `mini-racer` wheel): typeset one page's math to SVG.

The context loads MathJax's own es5 components from the installed
`django-static-mathjax` package, the same files the site ships: the loader
and startup, the core, the liteDOM adaptor (a DOM in plain JavaScript),
the TeX input (the same `input/tex` component as in `tex-svg.js`: base, ams,
newcommand, noundefined, require, autoload, configmacros), the SVG output
with its TeX font, and the assistive MathML. A `MathJax` starts V8 on its
first call, when a page's math is not cached, and reuses it.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

# Loaded in this order: the loader first, so that the other components register with it.
COMPONENTS = ("startup.js", "core.js", "adaptors/liteDOM.js", "input/tex.js", "output/svg.js",
              "output/svg/fonts/tex.js", "a11y/assistive-mml.js")
PRELOADED = "'core', 'adaptors/liteDOM', 'input/tex', 'output/svg', 'output/svg/fonts/tex', 'a11y/assistive-mml'"
# V8's settings, for the whole process (ignored if another library started V8 first): one thread; no
# optimizing compiler, which earns nothing in runs this short; a small young generation, for a lower peak.
V8_FLAGS = ("--single-threaded", "--no-opt", "--max-semi-space-size=1")


def tex_config() -> dict[str, Any]:
    """The TeX and SVG settings of docs/assets/mathjax-config.js (tests/test_mathsvg.py compares them)."""
    return {
        # Without noundefined, a macro MathJax does not know is an error (the build fails on it), not red text.
        "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]], "processEscapes": True,
                "processEnvironments": True, "tags": "ams", "packages": {"[-]": ["noundefined"]}},
        "options": {"ignoreHtmlClass": ".*|", "processHtmlClass": "arithmatex"},
        "svg": {"fontCache": "global"},
    }


# Typesets every math element of one page in one MathJax document, so that equation numbers
# count across the page and \eqref finds a label anywhere on it; then forgets the page.
# A TeX error is collected (with the TeX) instead of being drawn in red.
_TYPESET = """
function gcTypeset(markup) {
  gcErrors = [];
  var doc = MathJax.startup.getDocument('<html><head></head><body>' + markup + '</body></html>');
  doc.render();
  var adaptor = MathJax.startup.adaptor, body = adaptor.body(doc.document);
  // The elements are the body's children, in page order; null where MathJax found no formula.
  var math = adaptor.childNodes(body).filter(function (node) {
    return adaptor.kind(node) !== 'svg';
  }).map(function (node) {
    var drawn = adaptor.tags(node, 'mjx-container');
    // An equation reference links with xlink:href: the theme rewrites every a[href] of a page, and an SVG
    // link's href property cannot be set (the browser stops that script with an error).
    return drawn.length === 1 ? adaptor.outerHTML(drawn[0]).replace(/<a href="/g, '<a xlink:href="') : null;
  });
  var cache = adaptor.tags(body, 'svg').filter(function (node) {
    return adaptor.getAttribute(node, 'id') === 'MJX-SVG-global-cache';
  });
  var result = {math: math, defs: cache.length ? adaptor.outerHTML(cache[0]) : '', errors: gcErrors};
  gcReset();
  return JSON.stringify(result);
}
function gcReset() {
  MathJax.startup.input[0].reset();
  MathJax.startup.output.fontCache.clearCache();
}
function gcStyleSheet() {
  var doc = MathJax.startup.getDocument('<html><head></head><body></body></html>');
  return MathJax.startup.adaptor.textContent(MathJax.startup.output.styleSheet(doc));
}
"""

_RESET = "gcReset()"
MEMORY_DRAWINGS = 256  # pages whose drawn math stays in memory between builds
MAX_MATH_SECONDS = 5.0
"""Longest time MathJax may take to draw one page's math: a runaway formula is stopped, and its page refused."""


def mathjax_root() -> Path:
    """The folder of MathJax's es5 components in the installed package."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("MathJax is not installed: run `pip install -e .` (it brings django-static-mathjax)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"


class TypesetTimeoutError(RuntimeError):
    """MathJax did not finish within its time limit (V8 stopped it, and its page's state was reset)."""


class EngineUnavailableError(RuntimeError):
    """V8 cannot start in this process (an address-space limit, a library that does not load)."""


# Started in a child process first: where V8 cannot reserve its memory it ends the process with a native
# trap that Python cannot catch, so the build learns it from the child's exit instead of dying itself.
_PROBE = "from py_mini_racer import MiniRacer\nprint(MiniRacer().eval('6 * 7'))"


def engine_problem() -> str | None:
    """Why V8 cannot start here, found by starting it in a short-lived child process; None when it starts."""
    try:
        done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"V8 could not be started in a child process ({error})"
    if done.returncode == 0 and done.stdout.strip() == "42":
        return None
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    said = next((line for line in reversed(lines) if "fatal" in line.lower() or "error" in line.lower()),
                lines[-1] if lines else "no message")
    return f"V8 (the mini-racer package) could not start: exit status {done.returncode}, {said[:200]}"


class MathJax:
    """MathJax in one V8 context, started on the first call and closed by `close` (or at exit).

    Args:
        seconds: How long one call may take before V8 stops it.
    """

    def __init__(self, seconds: float = MAX_MATH_SECONDS) -> None:
        self.seconds = seconds
        self.keep_drawings = True  # off for a one-off `mkdocs build`, which has no next build
        self.drawings: dict[str, dict[str, Any]] = {}  # the pages' drawn math, by key, for the next build
        self._lock = threading.Lock()
        self._context: Any = None
        self._problem: str | None = None  # why V8 cannot start, once a probe found it out
        self._probed = False
        self.starts = 0  # how many V8 contexts this instance started

    def _start(self) -> Any:
        from py_mini_racer import MiniRacer, init_mini_racer  # here: a build whose math is all cached never loads V8

        init_mini_racer(flags=V8_FLAGS, ignore_duplicate_init=True)
        # Made in a thread of its own: a MiniRacer made where an asyncio loop is running (an async program,
        # or a test driving a browser) adopts that loop and then refuses a time limit on calls from it.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gradcore-v8-start") as maker:
            context = maker.submit(MiniRacer).result()
        config = dict(tex_config(), startup={"typeset": False, "adaptor": "liteAdaptor"},
                      loader={"load": [], "ready": None})
        context.eval("var window = globalThis, gcErrors = []; var MathJax = " + json.dumps(config) + ";"
                     "MathJax.loader.ready = function () {};"
                     "MathJax.tex.formatError = function (jax, error) {"
                     "  gcErrors.push({tex: jax.latex, message: error.message}); return jax.formatError(error); };")
        root = mathjax_root()
        for name in COMPONENTS:
            context.eval((root / name).read_text(encoding="utf-8"))
        context.eval(f"MathJax.loader.preLoad({PRELOADED}); MathJax.config.startup.ready();" + _TYPESET)
        self.starts += 1
        atexit.register(self.close)
        return context

    def memory(self) -> dict[str, dict[str, Any]] | None:
        """Where drawn math is kept for the next build of this process (None when nothing is kept)."""
        if not self.keep_drawings:
            return None
        if len(self.drawings) > MEMORY_DRAWINGS:  # a server whose pages keep changing: start afresh
            self.drawings.clear()
        return self.drawings

    @property
    def running(self) -> bool:
        """Whether V8 is started."""
        return self._context is not None

    def close(self) -> None:
        """Close V8, if started; the next call starts it again.

        Also runs at exit, before the interpreter's teardown: left to the garbage collector then, V8's
        threads can no longer take Python's lock to answer, and a failed build could hang.
        """
        with self._lock:
            if self._context is not None:
                self._context.close()
                self._context = None
                atexit.unregister(self.close)

    def _call(self, function: str, *arguments: str) -> str:
        with self._lock:
            if self._context is None:
                if not self._probed:  # once per process: a limit set in one shell need not hold in the next
                    self._problem, self._probed = engine_problem(), True
                if self._problem:
                    raise EngineUnavailableError(self._problem)
                self._context = self._start()
            from py_mini_racer import JSTimeoutException  # here: only once V8 is known to start

            try:
                return str(self._context.eval(f"{function}({', '.join(json.dumps(a) for a in arguments)})",
                                              timeout_sec=self.seconds))
            except JSTimeoutException:
                # Stopped halfway: forget the page's labels and glyphs, as a finished call does; V8 lets the
                # context run again.
                self._context.eval(_RESET)
                raise TypesetTimeoutError(f"MathJax did not finish within {self.seconds:g} s") from None

    def typeset(self, markup: str) -> dict[str, Any]:
        """Typeset the math elements in `markup` (HTML elements side by side).

        Returns:
            {math: [each element's drawing (HTML), or None where MathJax found no formula], defs: the page's
            glyphs (an SVG), errors: [{tex, message} of each formula MathJax could not read]}.
        """
        result: dict[str, Any] = json.loads(self._call("gcTypeset", markup))
        return result

    def style_sheet(self) -> str:
        """MathJax's CSS for its SVG output (what the browser build would insert into each page)."""
        return self._call("gcStyleSheet")


MATHJAX = MathJax()
"""The process's MathJax. V8 is set up once per process, and `mkdocs serve` loads the hook afresh for
every rebuild, so the engine and the math it drew belong to the process, not to one build."""
