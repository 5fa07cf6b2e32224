"""Render pages in a second process while the build renders them in the first, to use a second core.

A first build on a machine (as in CI) renders every page and draws every
figure; in one process that is one core's work. The MkDocs hook hands the
pages the disk cache does not hold (`missing`) to `start`, which runs
`python -m gradcore.engine.prefetch` in the background: it renders them, last
page first, through `gradcore.engine.page_cache.rendered`, which stores each
result (and its figures) on disk. The build renders the pages first page
first, and takes from the disk whatever the helper has finished, so the
two meet in the middle.

Measured on the site's own pages with an empty cache, on two idle cores:
the build takes about a fifth less time, for about half as much CPU time
again (both processes import numpy, matplotlib and the rest). With one
core there is nothing to gain, and no helper is started.

Since the math is drawn at build time, such a build has a third stream of
work: V8, drawing each page's math on its own thread, and it is the one the
build waits for last. So the helper runs at the lowest priority (nice 19):
it takes only the time the build and V8 leave. Measured on this site,
empty cache, builds taking turns: about 3.8 s with the helper at the lowest
priority, 4.0 s without a helper, and slower still with it at the normal one.

The helper changes nothing but the cache, whose entries are verified and
keyed by everything that shapes a page, so a page is the same whoever
rendered it; the build never waits for it, and a page with an error is not
stored (the build renders it, and reports it, itself). It is stopped at the
end of the build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from gradcore.engine import page_cache
from gradcore.pages.page import Page

MIN_PAGES = 2  # with fewer missing pages there is nothing to share


def missing(pages: list[tuple[str, Page]]) -> list[tuple[str, Page]]:
    """The (text, page) pairs that neither the memo nor the disk cache holds."""
    return [(text, page) for text, page in pages if not page_cache.is_cached(text, page)]


def start(pages: list[tuple[str, Page]]) -> subprocess.Popen[bytes] | None:
    """Start rendering `pages` in the background, last first; None with too few pages or a single core."""
    if len(pages) < MIN_PAGES or _cores() < 2:
        return None
    work = [[text, page.name, page.prefix, page.project] for text, page in reversed(pages)]
    try:
        helper = subprocess.Popen([sys.executable, "-m", "gradcore.engine.prefetch"], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    assert helper.stdin is not None
    try:
        helper.stdin.write(json.dumps(work).encode("utf-8"))
        helper.stdin.close()
    except OSError:
        stop(helper)
        return None
    return helper


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def stop(helper: subprocess.Popen[bytes] | None) -> None:
    """End the helper if it is still running."""
    if helper is not None and helper.poll() is None:
        helper.kill()
        helper.wait()


def main() -> None:
    """Render every page read from stdin ([[text, name, prefix, project], ...]); the disk cache keeps them."""
    os.nice(19)  # spare time only: the build itself, and V8 drawing its math, come first
    for text, name, prefix, project in json.load(sys.stdin):
        page_cache.rendered(text, Page(name, prefix, inline=False, project=project))


if __name__ == "__main__":
    main()
