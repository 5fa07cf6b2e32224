"""Warm builds: several MkDocs builds in one process, as `mkdocs serve` makes them.

Run as `python -m bench.worker --rounds R --site-root DIR CONFIG...`;
it prints JSON on stdout (see `bench.builds.warm_builds`). Each
build loads its config afresh, like every rebuild of `mkdocs serve`; the
Python modules, gradcore's example cache and any figure cache stay warm.
The start-up event says `serve` (so drawn math stays in memory, as there),
and it and the shutdown event each come once, around all the builds.
The configs take turns round by round, so load from elsewhere on the
machine falls on all of them alike.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

from bench.counters import counters, difference


def _build(config: str, site_dir: Path) -> tuple[float, float]:
    """One build through MkDocs' Python API, from loading the config to the last file.

    Returns:
        Wall-clock seconds and CPU seconds of this process.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start, cpu = time.perf_counter(), time.process_time()
    build(load_config(config, site_dir=str(site_dir)))
    return time.perf_counter() - start, time.process_time() - cpu


def _plugins(config: str) -> Any:
    """The plugins and hooks of `config` (a hook module is loaded once per process, whichever config loads it)."""
    from mkdocs.config import load_config

    return load_config(config).plugins


def run(configs: list[str], rounds: int, site_root: Path) -> dict[str, dict]:
    """Warm each config once, then build all of them `rounds` times, taking turns."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    results = {c: {"first": 0.0, "warm": [], "warm_cpu": [], "cache": []} for c in configs}
    # As `mkdocs serve` does: the start-up event once, then build after build, the shutdown event at the end.
    for config in configs:
        _plugins(config).on_startup(command="serve", dirty=False)
    for index, config in enumerate(configs):
        results[config]["first"] = _build(config, site_root / f"site-{index}")[0]
    for round_ in range(rounds):
        order = list(enumerate(configs))
        for index, config in order if round_ % 2 == 0 else order[::-1]:
            before = counters()
            seconds, cpu = _build(config, site_root / f"site-{index}")
            results[config]["warm"].append(seconds)
            results[config]["warm_cpu"].append(cpu)
            results[config]["cache"].append(difference(before, counters()))
    for config in configs:
        _plugins(config).on_shutdown()
    return results


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, build, print the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="warm builds of each config after the first")
    parser.add_argument("--site-root", type=Path, required=True, help="folder for the built sites")
    parser.add_argument("configs", nargs="+", help="mkdocs.yml files to build")
    options = parser.parse_args(argv)
    print(json.dumps(run(options.configs, options.rounds, options.site_root)))


if __name__ == "__main__":
    main()
