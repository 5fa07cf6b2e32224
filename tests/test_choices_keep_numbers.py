"""Generalising the activation and the loss changes no number of the existing pages.

`data/examples_before_choices.json` is the site's examples.json as built
before activations and losses became choices. Every example still defined in
docs/ must give the same values; the entries may only gain the `functions`
field, which must name the series' defaults.

"The same" allows rounding, not arithmetic: the baseline was written on another
CPU, where OpenBLAS picks other kernels, so a dot product may differ in its last
bits (we saw up to 9 units in the last place after cancellation). Values must
agree to a relative 1e-13; the gradient check's measured errors (rounding noise
by nature) must both stay under the check's tolerance.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from gradcore.examples.export import entry
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.markup.markers import find_example_fences

ROOT = Path(__file__).resolve().parent.parent
BEFORE = {e["id"]: e for e in json.loads((ROOT / "tests/data/examples_before_choices.json").read_text())["examples"]}


def _defined() -> dict[str, tuple[str, str]]:
    """Every example the docs define: name -> (page, fence body)."""
    found = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for fence in find_example_fences(page.read_text(encoding="utf-8")):
            found[fence.name] = (page.relative_to(ROOT).as_posix(), fence.body)
    return found


DEFINED = _defined()
RELATIVE_TOLERANCE = 1e-13
MEASURED_ERRORS = ("max_rel_error", "max_rel_error_complex_step", "closed_form_max_rel_error", "central_resolution")


def _differences(now: Any, before: Any, path: str = "") -> list[str]:
    """Where two JSON values differ beyond rounding: exact structure, floats to RELATIVE_TOLERANCE."""
    if isinstance(now, dict) and isinstance(before, dict):
        if set(now) != set(before):
            return [f"{path}: keys {sorted(set(now) ^ set(before))} differ"]
        return [d for key in now for d in _differences(now[key], before[key], f"{path}/{key}")]
    if isinstance(now, list) and isinstance(before, list):
        if len(now) != len(before):
            return [f"{path}: {len(now)} items, baseline {len(before)}"]
        return [d for i, (a, b) in enumerate(zip(now, before)) for d in _differences(a, b, f"{path}[{i}]")]
    if isinstance(now, float) and isinstance(before, float):
        close = math.isclose(now, before, rel_tol=RELATIVE_TOLERANCE, abs_tol=0.0)
        return [] if close else [f"{path}: {now!r} != {before!r}"]
    return [] if now == before and type(now) is type(before) else [f"{path}: {now!r} != {before!r}"]


def _split_measured(check: dict[str, Any] | None) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The check without its measured errors, and those errors apart."""
    if check is None:
        return None, {}
    kept = {key: value for key, value in check.items() if key not in MEASURED_ERRORS}
    return kept, {key: value for key, value in check.items() if key in MEASURED_ERRORS}


def test_rounding_is_allowed_but_arithmetic_is_not() -> None:
    """Assert the comparison accepts a last-bit difference and refuses a changed digit or a changed type."""
    assert _differences({"a": [0.65]}, {"a": [0.6500000000000001]}) == []
    assert _differences({"a": [0.65]}, {"a": [0.6500000001]}) != []
    assert _differences({"a": 1}, {"a": 1.0}) != []
    assert _differences({"a": 1.0}, {"b": 1.0}) != []


def test_the_baseline_covers_the_site() -> None:
    """Assert the baseline holds a good share of today's examples (so the test below compares something)."""
    assert len(set(BEFORE) & set(DEFINED)) >= 15


@pytest.mark.parametrize("name", sorted(set(BEFORE) & set(DEFINED)))
def test_every_value_is_unchanged(name: str) -> None:
    """Assert each example's JSON equals the baseline, except for the added `functions` field."""
    page, body = DEFINED[name]
    now = entry(name, page, compute(parse_spec(name, body)))
    functions = now.pop("functions", None)
    before = dict(BEFORE[name])
    now.pop("page"), before.pop("page")
    inputs = ("X", "y", "weights", "biases", "learning_rate", "u")
    if any(now.get(key) != before.get(key) for key in inputs):
        pytest.skip(f"{name}'s inputs were edited since the baseline")
    check_now, measured_now = _split_measured(now.pop("check", None))
    check_before, measured_before = _split_measured(before.pop("check", None))
    assert check_now == check_before
    assert {key: value is None for key, value in measured_now.items()} == {
        key: value is None for key, value in measured_before.items()
    }
    if check_now is not None:
        for key in ("max_rel_error", "max_rel_error_complex_step", "closed_form_max_rel_error"):
            measured = measured_now.get(key)
            assert measured is None or measured <= check_now["tolerance"], key
    assert _differences(now, before) == []
    if now["kind"] == "network":
        assert functions == {"activations": ["sigmoid"] * (len(now["layers"]) - 1), "loss": "half_squared_error"}
