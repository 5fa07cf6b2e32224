"""The performance budget, checked against a results dict.

Every target is a ratio or a bound measured in the same run; a target
whose section was skipped is reported as not measured, never as passed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One line of the budget: `value <= limit` (or `<` when `strict`)."""

    name: str
    limit: float
    unit: str
    path: tuple[str | int, ...]  # where the value sits in the results
    strict: bool = False


TARGETS = (
    Target("warm build, with hook / without", 1.05, "x", ("real", "warm", "ratio", "median")),
    Target("cold build, with hook / without (figure cache warm)", 1.15, "x", ("real", "cold", "ratio", "median")),
    # The first build on an empty cache draws every formula and figure: reported, with a ceiling, not a budget.
    Target("cold build, with hook / without (cache empty; ceiling)", 6.0, "x",
           ("real", "cold", "ratio_empty", "median")),
    Target("edit-to-rebuilt under mkdocs serve", 1.5, "s", ("serve", "full", "median"), strict=True),
    Target("per-page cost, largest / smallest synthetic site (cold)", 1.2, "x", ("derived", "per_page_cold")),
    Target("per-page cost, largest / smallest synthetic site (warm)", 1.2, "x", ("derived", "per_page_warm")),
    Target("memory the hook adds, cold, figure cache warm", 10.0, "MiB", ("real", "added_mib", "warm_cache")),
    Target("first-screen math on a phone (390x844, CPU 4x slower)", 1.0, "s",
           ("browser", "phone", "first_screen", "median")),
)


def per_page_growth(scale: list[dict], mode: str) -> float | None:
    """Seconds per page of the largest synthetic site over that of the smallest."""
    scale = [row for row in scale if "error" not in row]
    if len(scale) < 2:
        return None
    small, large = min(scale, key=lambda r: r["pages"]), max(scale, key=lambda r: r["pages"])
    return (large[mode]["hook"]["median"] / large["pages"]) / (small[mode]["hook"]["median"] / small["pages"])


def _lookup(results: dict, path: tuple[str | int, ...]) -> float | None:
    value: object = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, (int, float)) else None


def check(results: dict) -> list[dict]:
    """Each target with its measured value and verdict ("pass", "FAIL" or "not measured")."""
    scale = results.get("scale") or []
    derived = {"derived": {"per_page_cold": per_page_growth(scale, "cold"),
                           "per_page_warm": per_page_growth(scale, "warm")}}
    lines = []
    for target in TARGETS:
        value = _lookup({**results, **derived}, target.path)
        if value is None:
            verdict = "not measured"
        else:
            verdict = "pass" if (value < target.limit if target.strict else value <= target.limit) else "FAIL"
        lines.append({"target": target.name, "limit": target.limit, "unit": target.unit,
                      "strict": target.strict, "value": value, "verdict": verdict})
    return lines
