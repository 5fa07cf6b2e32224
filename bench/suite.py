"""The whole benchmark: which sites it builds, in what order, into one results dict."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.baseline import Pair, make_pair
from bench.browser import largest_page, mathjax_loads
from bench.builds import cold_breakdown
from bench.measure import measure_pair
from bench.phone import CPU_SLOWDOWN, PHONE, phone_loads
from bench.project import BenchError, Project, snapshot_docs
from bench.serve import edit_latency
from bench.stats import sample
from bench.synthetic import write_site
from tests.local_web import find_browser

SECTIONS = ("real", "serve", "scale", "browser")
FIGURE_MARKER = "[[gc:figure {name} diagram]]"


@dataclass(frozen=True)
class Options:
    """What to measure and how often (see `python -m bench --help`)."""

    repeats: int = 7
    warm_repeats: int = 15
    sizes: tuple[int, ...] = (10, 100, 500)
    examples: int = 2
    scale_repeats: int = 3
    serve_repeats: int = 5
    browser_repeats: int = 3
    skip: frozenset[str] = field(default_factory=frozenset)


def environment() -> dict[str, object]:
    """The machine and the versions, so a table can be read in context."""
    versions = {name: importlib.metadata.version(name) for name in ("mkdocs", "mkdocs-material", "numpy")}
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "load_average": list(os.getloadavg()), **versions}


def measure_real(pair: Pair, docs: Path, work: Path, cache: Path, options: Options) -> dict:
    """The real site: hook overhead cold and warm, memory, and the cold work phase by phase."""
    real = measure_pair(pair, work / "real", cache, options.repeats, options.warm_repeats)
    runs = [cold_breakdown(docs, cache) for _ in range(options.repeats)]
    real["breakdown"] = {phase: sample([run[phase] for run in runs]).to_dict() for phase in runs[0]}
    return real


def measure_serve(pair: Pair, docs: Path, cache: Path, repeats: int) -> dict:
    """Edit-to-rebuilt under `mkdocs serve` on the page with the most markers, with and without gradcore."""
    page = max(docs.rglob("*.md"), key=lambda p: p.read_text(encoding="utf-8").count("[[gc"))
    url = page.relative_to(docs).with_suffix(".html").as_posix()
    runs = {"full": edit_latency(pair.hook, page, url, repeats, cache),
            "dirty": edit_latency(pair.hook, page, url, repeats, cache, dirty=True),
            "base": edit_latency(pair.base, pair.base_docs / page.relative_to(docs), url, repeats, cache)}
    return {"page": url, **{name: sample(v).to_dict() for name, v in runs.items()}}


def measure_browser(site_dir: Path, repeats: int) -> dict:
    """MathJax's typesetting time on the largest page, what that page downloads, and its first screen on a phone."""
    chromium, reason = find_browser()
    if chromium is None:
        return {"skipped": reason}
    page = largest_page(site_dir)
    loads = mathjax_loads(site_dir, page, repeats, chromium)
    own = [load.mathjax_seconds for load in loads if load.mathjax_seconds is not None]
    return {"page": page, "typeset": sample([load.typeset_seconds for load in loads]).to_dict(),
            "mathjax_own": sample(own).to_dict() if own else None,
            "transfer_bytes": loads[-1].transfer_bytes, "gzip_bytes": loads[-1].gzip_bytes,
            "requests": loads[-1].requests, "phone": measure_phone(site_dir, page, repeats, chromium)}


def measure_phone(site_dir: Path, page: str, repeats: int, chromium: str) -> dict:
    """Seconds until the first screen's math is drawn on an emulated phone with a 4x slower CPU."""
    loads = phone_loads(site_dir, page, repeats, chromium)
    return {"viewport": PHONE["viewport"], "cpu_slowdown": CPU_SLOWDOWN,
            "first_screen": sample([load.first_screen_seconds for load in loads]).to_dict(),
            "equations": loads[-1].equations,
            "all_typeset": sample([load.all_typeset_seconds for load in loads]).to_dict(),
            "longest_task": sample([load.longest_task_seconds for load in loads]).to_dict()}


def measure_scale(project: Project, work: Path, cache: Path, options: Options) -> list[dict]:
    """Synthetic sites of each size: cold and warm builds with and without the hook."""
    figure = FIGURE_MARKER if importlib.util.find_spec("gradcore.figures") else None
    rows = []
    for pages in options.sizes:
        folder = work / f"scale-{pages}"
        nav = write_site(folder / "docs", project, pages, options.examples, figure=figure)
        row = guarded(lambda folder=folder, nav=nav: measure_pair(
            make_pair(project, folder / "docs", folder, cache, nav=nav), folder,
            cache, options.scale_repeats, options.scale_repeats, empty_cache=False))
        row["markdown_files"] = row.pop("pages", None)  # the generated pages and the home page
        rows.append({"pages": pages, "examples_per_page": options.examples, "figures": bool(figure), **row})
    return rows


def guarded(measure: Callable[[], Any]) -> Any:
    """The result of `measure`, or {"error": why} when it could not measure.

    One failing section (say, a build broken by an edit made meanwhile to the
    code) does not lose the others.
    """
    try:
        return measure()
    except BenchError as error:
        return {"error": str(error)[-3000:]}


def run(project: Project, work: Path, options: Options) -> dict:
    """Measure every section not skipped; the results dict is what the JSON file holds."""
    cache = work / "cache"
    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "environment": environment(),
                     "options": {**options.__dict__, "skip": sorted(options.skip)}}
    start = time.perf_counter()
    wanted = [name for name in SECTIONS if name not in options.skip]
    if {"real", "serve", "browser"} & set(wanted):
        docs = snapshot_docs(project, work / "docs")
        pair = guarded(lambda: make_pair(project, docs, work / "real", cache))
        measures = {"real": lambda: measure_real(pair, docs, work, cache, options),
                    "serve": lambda: measure_serve(pair, docs, cache, options.serve_repeats),
                    "browser": lambda: measure_browser(work / "real" / "site-hook", options.browser_repeats)}
        for name in [n for n in wanted if n in measures]:
            results[name] = pair if isinstance(pair, dict) else guarded(measures[name])
    if "scale" in wanted:
        results["scale"] = measure_scale(project, work, cache, options)
    results["seconds"] = time.perf_counter() - start
    results["load_average_after"] = list(os.getloadavg())
    return results
