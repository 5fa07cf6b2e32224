"""Generalising the activation and the loss changes no number of the existing pages.

`data/examples_before_choices.json` is the site's examples.json as built
before activations and losses became choices. Every example still defined in
docs/ must give exactly the same values (float for float); the entries may
only gain the `functions` field, which must name the series' defaults.
"""

from __future__ import annotations

import json
from pathlib import Path

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
    assert now == before
    if now["kind"] == "network":
        assert functions == {"activations": ["sigmoid"] * (len(now["layers"]) - 1), "loss": "half_squared_error"}
