"""Where the hook's time goes in a cold build that renders every page, phase by phase, in a fresh process.

(A cold build whose pages are all in gradcore's page cache renders none and
imports none of this: see `gradcore.engine.page_cache`. This measures the work such
a build is spared, as a first build or one after a change to gradcore does it.)

Run as `python bench/breakdown.py DOCS_DIR` (as a script: `-m` would load
gradcore, and numpy with it, before the first phase); it prints JSON. MkDocs,
Material and the Markdown extensions are imported first, untimed, since a
build without gradcore loads them too. Then each phase of the hook's work
is timed on its own, as CPU seconds of the main thread (numpy's BLAS
threads, which may spin on other cores, are left out): importing numpy,
importing the rest of gradcore, reading the example definitions, computing
the examples, rendering the pages, writing the JSON and figure files.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

PRELOADED = ("mkdocs.commands.build", "mkdocs.config", "material", "markdown", "pymdownx.arithmatex",
             "pymdownx.superfences", "pymdownx.highlight", "yaml", "jinja2", "importlib.metadata")


class Phases:
    """A stopwatch of main-thread CPU time, one lap per phase."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._last = time.thread_time()

    def lap(self, name: str) -> None:
        now = time.thread_time()
        self.times[name] = now - self._last
        self._last = now


def measure(docs: Path) -> dict[str, float]:
    """CPU seconds of each phase of the hook's work on the pages of `docs`."""
    import importlib

    for module in PRELOADED:
        importlib.import_module(module)
    phases = Phases()
    import numpy  # noqa: F401
    phases.lap("import numpy")
    from gradcore.engine import site
    from gradcore.examples import worked
    from gradcore.examples.spec import parse_spec
    from gradcore.markup.markers import find_example_fences, hide_literals
    from gradcore.pages.render import Page, render_page
    phases.lap("import gradcore")
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    specs = [parse_spec(f.name, f.body) for text in pages.values() for f in find_example_fences(hide_literals(text))]
    phases.lap("read definitions")
    for spec in specs:
        worked.compute(spec)
    phases.lap("compute examples")
    build = site.SiteBuild()
    for name, text in pages.items():
        if site.has_markers(text):
            build.add(render_page(text, Page(f"{docs.name}/{name}", site.prefix_for(name))))
    phases.lap("render pages")
    with tempfile.TemporaryDirectory() as out:
        build.write_outputs(out)
        phases.lap("write JSON and figures")
    return phases.times


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
