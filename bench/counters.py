"""What gradcore's caches report, read in whatever form this version offers.

The example cache (`gradcore.worked.cache_info`), the page cache
(`gradcore.page_cache.cache_info`) and the figure counter (in
`gradcore.figures`) let a warm build show that it computed no example,
rendered no unchanged page and drew no figure. A counter that this version of gradcore does
not have is left out rather than guessed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# (module, function, name): a function returning a number is read as `name`, one returning
# a dict of numbers as `name.key` for each key.
SOURCES = (("gradcore.worked", "cache_info", "examples"),
           ("gradcore.page_cache", "cache_info", "pages"),
           ("gradcore.figures", "figures_drawn", "figures.drawn"))
# Counters that only grow; a difference of two readings is what happened in between.
CUMULATIVE = ("hits", "misses", "drawn", "computed", "reused")


def _reader(module: str, name: str) -> Callable[[], object] | None:
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(found, name, None)


def counters() -> dict[str, float]:
    """Every numeric counter the caches offer now, as "examples.hits", "figures.drawn", ..."""
    values: dict[str, float] = {}
    for module, function, name in SOURCES:
        reader = _reader(module, function)
        info = reader() if reader is not None else None
        if _is_number(info):
            values[name] = info
        elif isinstance(info, dict):
            values.update({f"{name}.{key}": value for key, value in info.items() if _is_number(value)})
    return values


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def difference(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """What happened between two readings: growth of the counters, the latest size of the rest."""
    changed = {}
    for key, value in after.items():
        cumulative = key.rsplit(".", 1)[-1] in CUMULATIVE
        changed[key] = value - before.get(key, 0) if cumulative else value
    return changed
