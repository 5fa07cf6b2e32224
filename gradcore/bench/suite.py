"""The whole benchmark: which sites it builds, in what order, into one results dict."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path

from gradcore.bench.baseline import make_pair
from gradcore.bench.browser import find_browser, largest_page, mathjax_loads
from gradcore.bench.builds import cold_breakdown
from gradcore.bench.measure import measure_pair
from gradcore.bench.project import Project, snapshot_docs
from gradcore.bench.serve import edit_latency
from gradcore.bench.stats import sample
from gradcore.bench.synthetic import write_site

SECTIONS = ("real", "serve", "scale", "browser")
FIGURE_MARKER = "[[gc:figure {name} diagram]]"


@dataclass(frozen=True)
class Options:
    """What to measure and how often (see `python -m gradcore.bench --help`)."""

    repeats: int = 5
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


def measure_real(project: Project, work: Path, cache: Path, options: Options, results: dict) -> None:
    """The real site: hook overhead cold and warm, memory, and edit-to-rebuilt under serve."""
    docs = snapshot_docs(project, work / "docs")
    pair = make_pair(project, docs, work / "real", cache)
    if "real" not in options.skip:
        results["real"] = measure_pair(pair, work / "real", cache, options.repeats)
        runs = [cold_breakdown(docs, cache) for _ in range(options.repeats)]
        results["real"]["breakdown"] = {phase: sample([run[phase] for run in runs]).to_dict() for phase in runs[0]}
    if "serve" not in options.skip:
        page = max(docs.rglob("*.md"), key=lambda p: p.read_text(encoding="utf-8").count("[[gc"))
        url = page.relative_to(docs).with_suffix(".html").as_posix()
        runs = {"full": edit_latency(pair.hook, page, url, options.serve_repeats, cache),
                "dirty": edit_latency(pair.hook, page, url, options.serve_repeats, cache, dirty=True),
                "base": edit_latency(pair.base, pair.base_docs / page.relative_to(docs), url,
                                     options.serve_repeats, cache)}
        results["serve"] = {"page": url, **{name: sample(v).to_dict() for name, v in runs.items()}}
    if "browser" not in options.skip:
        results["browser"] = measure_browser(work / "real" / "site-hook", options.browser_repeats)


def measure_browser(site_dir: Path, repeats: int) -> dict:
    """MathJax's typesetting time on the largest page, and what that page downloads."""
    chromium, reason = find_browser()
    if chromium is None:
        return {"skipped": reason}
    page = largest_page(site_dir)
    loads = mathjax_loads(site_dir, page, repeats, chromium)
    own = [load.mathjax_seconds for load in loads if load.mathjax_seconds is not None]
    return {"page": page, "typeset": sample([load.typeset_seconds for load in loads]).to_dict(),
            "mathjax_own": sample(own).to_dict() if own else None,
            "transfer_bytes": loads[-1].transfer_bytes, "gzip_bytes": loads[-1].gzip_bytes,
            "requests": loads[-1].requests}


def measure_scale(project: Project, work: Path, cache: Path, options: Options) -> list[dict]:
    """Synthetic sites of each size: cold and warm builds with and without the hook."""
    figure = FIGURE_MARKER if importlib.util.find_spec("gradcore.figures") else None
    rows = []
    for pages in options.sizes:
        folder = work / f"scale-{pages}"
        nav = write_site(folder / "docs", project, pages, options.examples, figure=figure)
        pair = make_pair(project, folder / "docs", folder, cache, nav=nav)
        row = measure_pair(pair, folder, cache, options.scale_repeats, empty_cache=False)
        row["markdown_files"] = row.pop("pages")  # the generated pages and the home page
        rows.append({"pages": pages, "examples_per_page": options.examples, "figures": bool(figure), **row})
    return rows


def run(project: Project, work: Path, options: Options) -> dict:
    """Measure every section not skipped; the results dict is what the JSON file holds."""
    cache = work / "cache"
    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "environment": environment(),
                     "options": {**options.__dict__, "skip": sorted(options.skip)}}
    start = time.perf_counter()
    if {"real", "serve", "browser"} - options.skip:
        measure_real(project, work, cache, options, results)
    if "scale" not in options.skip:
        results["scale"] = measure_scale(project, work, cache, options)
    results["seconds"] = time.perf_counter() - start
    results["load_average_after"] = list(os.getloadavg())
    return results
