"""Builds in fresh processes (cold) and repeated builds in one process (warm).

Cold: `python -m mkdocs build` in a new process, as CI and a first
`mkdocs build` run it: interpreter start, imports, every example computed.
Its peak memory is its maximum resident set size, read from the kernel's
resource usage by the small process that starts it (`rss.py`).

Warm: `bench.worker` builds with MkDocs' Python API several times
in one process, as `mkdocs serve` does after an edit, so only the first of
its builds pays for imports and for computing the examples.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.project import BenchError
from gradcore.cache import CACHE_ENV

REPOSITORY = Path(__file__).resolve().parent.parent


def bench_env(cache_dir: Path) -> dict[str, str]:
    """The environment of every child: MkDocs' 2.0 notice off, gradcore's disk cache in `cache_dir`,
    and the repository on the path, so that `python -m bench.worker` is found from any folder."""
    path = os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", CACHE_ENV: str(cache_dir), "PYTHONPATH": path}


@dataclass(frozen=True)
class ColdBuild:
    """One build in a fresh process: wall-clock and CPU seconds, peak memory."""

    seconds: float
    cpu_seconds: float
    max_rss_bytes: int


def cold_build(config: Path, site_dir: Path, cache_dir: Path) -> ColdBuild:
    """Run `python -m mkdocs build` in a new process; time it and read its peak memory.

    The build runs under `rss.py`, a small process that measures it (see there why).

    Args:
        config: The mkdocs.yml to build.
        site_dir: Where to build it.
        cache_dir: gradcore's disk cache for this build (a new folder: an empty cache).

    Raises:
        BenchError: If the build fails (with MkDocs' own message).
    """
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryFile() as errors:
        result = Path(folder) / "result.json"
        command = [sys.executable, str(Path(__file__).with_name("rss.py")), str(result), *build]
        if subprocess.run(command, stdout=subprocess.DEVNULL, stderr=errors, env=bench_env(cache_dir)).returncode:
            errors.seek(0)
            raise BenchError(f"`{' '.join(build)}` failed:\n{errors.read().decode(errors='replace')[-2000:]}")
        return ColdBuild(**json.loads(result.read_text(encoding="utf-8")))


def warm_builds(configs: Sequence[Path], rounds: int, site_root: Path, cache_dir: Path) -> dict[str, dict]:
    """Build every config `1 + rounds` times in one process, alternating between them.

    Returns:
        For each config (by path): "first" (seconds of the build that warmed the
        process), "warm" and "warm_cpu" (wall-clock and CPU seconds of each later
        build) and "cache" (for each
        warm build, what the example and figure caches did during it).

    Raises:
        BenchError: If the worker fails.
    """
    command = [sys.executable, "-m", "bench.worker", "--rounds", str(rounds),
               "--site-root", str(site_root), *map(str, configs)]
    done = subprocess.run(command, capture_output=True, text=True, env=bench_env(cache_dir))
    if done.returncode != 0:
        raise BenchError(f"the warm-build worker failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def cold_breakdown(docs: Path, cache_dir: Path) -> dict[str, float]:
    """CPU seconds of each phase of the hook's work, in a fresh process (see `breakdown`).

    Raises:
        BenchError: If the breakdown fails.
    """
    script = Path(__file__).with_name("breakdown.py")
    done = subprocess.run([sys.executable, str(script), str(docs)], capture_output=True, text=True,
                          env=bench_env(cache_dir))
    if done.returncode != 0:
        raise BenchError(f"the cold breakdown failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)
