"""What gradcore's caches report, so a warm build can show what it did not redo.

The example cache (`gradcore.examples.worked.cache_info`), the pages kept
in memory (`gradcore.engine.page_cache.rendered.cache_info()`) and the figure
counter (`gradcore.figures.figures_drawn`) show that a warm build computed no
example, rendered no unchanged page and drew no figure.
"""

from __future__ import annotations

from gradcore.engine import page_cache
from gradcore.examples import worked
from gradcore.figures import figures_drawn

# Counters that only grow; a difference of two readings is what happened in between.
CUMULATIVE = ("hits", "misses", "drawn")


def counters() -> dict[str, float]:
    """Every counter the caches offer now, as "examples.size", "pages.hits", "figures.drawn", ..."""
    values: dict[str, float] = {f"examples.{key}": value for key, value in worked.cache_info().items()}
    pages = page_cache.rendered.cache_info()
    values.update({"pages.hits": pages.hits, "pages.misses": pages.misses, "pages.size": pages.currsize})
    values["figures.drawn"] = figures_drawn()
    return values


def difference(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """What happened between two readings: growth of the counters, the latest size of the rest."""
    changed = {}
    for key, value in after.items():
        cumulative = key.rsplit(".", 1)[-1] in CUMULATIVE
        changed[key] = value - before.get(key, 0) if cumulative else value
    return changed
