"""Example definitions: the YAML body of a `gc:example` fence, checked and normalised.

An example names its inputs once; everything else on the page is computed
from them. Two kinds exist:

* `network` (default): `X`, `y`, `W1`..`WL`, optional `b1`..`bL`, optional
  `lr` (learning rate), `steps` (length of the training run) and `formula`
  (the closed form of one part, checked against the general backward pass).
* `sigmoid`: `points`, a list of u values where sigma and sigma' are shown.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from gradcore.closed_forms import FORMULAS
from gradcore.errors import GradcoreError

DEFAULT_LEARNING_RATE = 0.5
DEFAULT_STEPS = 0  # a training run only where a page plots or quotes one
MAX_TRAINING_STEPS = 2000  # a page's training run; gradcore.limits caps sizes
MAX_POINTS = 200
KINDS = ("network", "sigmoid")
_WEIGHT_KEY = re.compile(r"[Wb][1-9][0-9]*\Z")
_NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
NETWORK_KEYS = ("kind", "X", "y", "lr", "steps", "formula")
# libyaml's safe loader when PyYAML has it: the same safe subset, about 8x faster to read.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SIGMOID_KEYS = ("kind", "points")


class SpecError(GradcoreError):
    """A problem in an example definition; `key` names the offending entry."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class ExampleSpec:
    """A checked example definition, as plain nested lists of floats."""

    name: str
    kind: str
    values: dict[str, Any]

    def fingerprint(self) -> str:
        """A canonical text of the inputs: equal inputs give equal text."""
        return json.dumps({"kind": self.kind, "values": self.values}, sort_keys=True)


def _number(value: Any, where: str) -> float:
    """One finite float from YAML (which reads `1e-3` as text, so accept that)."""
    if isinstance(value, bool) or value is None:
        raise SpecError(f"{where} is {value!r}: expected a number", where)
    if isinstance(value, str) and _NUMBER_TEXT.match(value.strip()):
        value = float(value)
    if not isinstance(value, (int, float)):
        raise SpecError(f"{where} is {value!r}: expected a number", where)
    if not math.isfinite(value):
        raise SpecError(f"{where} is {value!r}: expected a finite number (no NaN or inf)", where)
    return float(value)


def _matrix(value: Any, key: str, *, row_ok: bool) -> list[list[float]]:
    """A rectangular list of rows of floats; a scalar is 1 x 1, a flat list one row."""
    if not isinstance(value, list):
        value = [[value]]
    elif value and not any(isinstance(item, list) for item in value):
        if not row_ok:
            raise SpecError(f"{key} must be a list of rows, e.g. [[0.1], [0.2]] for 2 x 1", key)
        value = [value]
    if not value or not all(isinstance(row, list) and row for row in value):
        raise SpecError(f"{key} must be a non-empty list of non-empty rows", key)
    widths = {len(row) for row in value}
    if len(widths) != 1:
        raise SpecError(f"{key} has rows of different lengths {sorted(widths)}: expected a rectangle", key)
    return [[_number(v, f"{key}[{i + 1},{j + 1}]") for j, v in enumerate(row)]
            for i, row in enumerate(value)]


def _layer_keys(data: dict[str, Any], letter: str) -> list[str]:
    keys = sorted((k for k in data if k[0] == letter and _WEIGHT_KEY.match(k)), key=lambda k: int(k[1:]))
    expected = [f"{letter}{k}" for k in range(1, len(keys) + 1)]
    if keys != expected:
        raise SpecError(f"layer numbers must run {', '.join(expected) or letter + '1'} without gaps; "
                        f"got {', '.join(keys)}",
                        keys[-1] if keys else None)
    return keys


def _network_values(data: dict[str, Any]) -> dict[str, Any]:
    unknown = [k for k in data if k not in NETWORK_KEYS and not _WEIGHT_KEY.match(k)]
    if unknown:
        raise SpecError(f"unknown key {unknown[0]!r}; valid keys: X, y, W1.., b1.., lr, steps, formula, kind",
                        unknown[0])
    for key in ("X", "y"):
        if key not in data:
            raise SpecError(f"missing {key!r}: a network example needs X, y and W1..WL", None)
    weights = _layer_keys(data, "W")
    if not weights:
        raise SpecError("an empty network: give at least W1 (n_in x n_out)", None)
    biases = _layer_keys(data, "b")
    if biases and len(biases) != len(weights):
        raise SpecError(f"give a bias for every layer or for none: {len(weights)} weight matrices, "
                        f"{len(biases)} biases", biases[-1])
    values: dict[str, Any] = {"X": _matrix(data["X"], "X", row_ok=True), "y": _matrix(data["y"], "y", row_ok=True)}
    values.update({k: _matrix(data[k], k, row_ok=False) for k in weights})
    values.update({k: _matrix(data[k], k, row_ok=True) for k in biases})
    values["lr"] = _number(data.get("lr", DEFAULT_LEARNING_RATE), "lr")
    if values["lr"] <= 0:
        raise SpecError(f"lr (the learning rate) must be a positive number, got {values['lr']}", "lr")
    values["steps"] = _count(data.get("steps", DEFAULT_STEPS), "steps", MAX_TRAINING_STEPS)
    values["formula"] = data.get("formula")
    if values["formula"] is not None and values["formula"] not in FORMULAS:
        raise SpecError(f"unknown formula {values['formula']!r}; valid: {', '.join(FORMULAS)}", "formula")
    return values


def _count(value: Any, key: str, largest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= largest:
        raise SpecError(f"{key} must be a whole number from 0 to {largest}, got {value!r}", key)
    return value


def _sigmoid_values(data: dict[str, Any]) -> dict[str, Any]:
    unknown = [k for k in data if k not in SIGMOID_KEYS]
    if unknown:
        raise SpecError(f"unknown key {unknown[0]!r}; a sigmoid example takes: points", unknown[0])
    points = data.get("points")
    if not isinstance(points, list) or not 1 <= len(points) <= MAX_POINTS:
        raise SpecError(f"points must be a list of 1 to {MAX_POINTS} numbers, e.g. [-2, 0, 1.5]", "points")
    return {"points": [_number(p, f"points[{i + 1}]") for i, p in enumerate(points)]}


def _load_yaml(body: str) -> Any:
    """The fence body read by the fast safe loader; on an error, read again for the clearer message."""
    try:
        return yaml.load(body, Loader=_FAST_SAFE_LOADER)  # a safe loader: no Python objects
    except yaml.YAMLError:
        return yaml.safe_load(body)  # the pure-Python loader names the problem more precisely


def parse_spec(name: str, body: str) -> ExampleSpec:
    """Read a fence body with YAML's safe loader and check every entry."""
    try:
        data = _load_yaml(body)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1} of the definition)" if mark else ""
        raise SpecError(f"the definition is not valid YAML{where}: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict):
        raise SpecError("the definition must be YAML keys and values, e.g. `X: [[1.0, 2.0]]`")
    kind = data.get("kind", "network")
    if kind not in KINDS:
        raise SpecError(f"unknown kind {kind!r}; valid kinds: {', '.join(KINDS)}", "kind")
    values = _network_values(data) if kind == "network" else _sigmoid_values(data)
    return ExampleSpec(name, kind, values)
