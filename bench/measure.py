"""Cold and warm builds of one site with and without the hook, side by side.

Cold builds take turns (hook, baseline, hook with an empty figure cache;
the order flips every round), so each round's ratio compares builds made
moments apart. Warm builds come from one worker process that alternates
between the two configs (see `bench.worker`).
"""

from __future__ import annotations

from pathlib import Path

from bench.baseline import Pair
from bench.builds import cold_build, warm_builds
from bench.stats import paired_ratios, sample

MB = 1024 * 1024


def cold_rounds(pair: Pair, work: Path, cache_dir: Path, repeats: int, empty_cache: bool) -> dict[str, list]:
    """Wall-clock seconds, CPU seconds and peak memory of `repeats` cold builds of each variant.

    The variants are "hook" (figure cache warm), "base" (no gradcore) and,
    with `empty_cache`, "empty" (hook, every figure drawn afresh).
    """
    variants = [("hook", pair.hook), ("base", pair.base)] + ([("empty", pair.hook)] if empty_cache else [])
    seconds: dict[str, list] = {name: [] for name, _ in variants}
    cpu: dict[str, list] = {name: [] for name, _ in variants}
    memory: dict[str, list] = {name: [] for name, _ in variants}
    for round_ in range(repeats):
        for name, config in variants if round_ % 2 == 0 else variants[::-1]:
            cache = work / f"empty-cache-{round_}" if name == "empty" else cache_dir
            build = cold_build(config, work / f"site-{name}", cache)
            seconds[name].append(build.seconds)
            cpu[name].append(build.cpu_seconds)
            memory[name].append(build.max_rss_bytes / MB)
    return {"seconds": seconds, "cpu": cpu, "memory": memory}


def measure_pair(pair: Pair, work: Path, cache_dir: Path, repeats: int, warm_repeats: int, *,
                 empty_cache: bool = True) -> dict:
    """Everything the benchmark reports about one site: cold, warm, memory and caches.

    Args:
        pair: The site with and without the hook.
        work: A scratch folder.
        cache_dir: gradcore's disk cache, already filled (by `make_pair`).
        repeats: Rounds of cold builds.
        warm_repeats: Warm builds of each variant (after the one that warms the process).
        empty_cache: Also build cold with an empty figure cache.

    Returns:
        A JSON-ready dict; timings are `Sample.to_dict()` summaries in seconds, memory in MiB.
    """
    cold = cold_rounds(pair, work, cache_dir, repeats, empty_cache)
    warm = warm_builds([pair.hook, pair.base], warm_repeats, work / "warm", cache_dir)
    hook_warm, base_warm = warm[str(pair.hook)], warm[str(pair.base)]
    seconds, memory = cold["seconds"], cold["memory"]
    result = {
        "pages": pair.pages,
        "site_bytes": {"hook": pair.site_bytes[0], "base": pair.site_bytes[1]},
        "cold": {name: sample(values).to_dict() for name, values in seconds.items()},
        "warm": {"hook": sample(hook_warm["warm"]).to_dict(), "base": sample(base_warm["warm"]).to_dict(),
                 "ratio": paired_ratios(hook_warm["warm"], base_warm["warm"]).to_dict(),
                 "cpu_ratio": paired_ratios(hook_warm["warm_cpu"], base_warm["warm_cpu"]).to_dict(),
                 "first_in_process": {"hook": hook_warm["first"], "base": base_warm["first"]},
                 "caches_per_build": hook_warm["cache"]},
        "max_rss_mib": {name: sample(values).to_dict() for name, values in memory.items()},
    }
    result["cold"]["ratio"] = paired_ratios(seconds["hook"], seconds["base"]).to_dict()
    result["cold"]["cpu_ratio"] = paired_ratios(cold["cpu"]["hook"], cold["cpu"]["base"]).to_dict()
    result["added_mib"] = {"warm_cache": sample(memory["hook"]).median - sample(memory["base"]).median}
    if empty_cache:
        result["cold"]["ratio_empty"] = paired_ratios(seconds["empty"], seconds["base"]).to_dict()
        result["cold"]["cpu_ratio_empty"] = paired_ratios(cold["cpu"]["empty"], cold["cpu"]["base"]).to_dict()
        result["added_mib"]["empty_cache"] = sample(memory["empty"]).median - sample(memory["base"]).median
    return result
