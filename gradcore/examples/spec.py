"""Example definitions: the YAML body of a `gc:example` fence, checked and normalised.

An example names its inputs once; everything else on the page is computed
from them. Two kinds exist:

* `network` (default): `X`, `y`, `W1`..`WL`, optional `b1`..`bL`, optional
  `lr` (learning rate), `steps` (length of the training run), `formula`
  (the closed form of one part, checked against the general backward pass),
  `activations` (one name per layer, e.g. `[tanh, sigmoid]`, or one name for
  every hidden layer; sigmoid by default) and `loss` (half_squared_error by
  default; see `gradcore.core.choices`).
* `sigmoid`: `points`, a list of u values where sigma and sigma' are shown.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradcore.core.choices import ACTIVATIONS, DEFAULT_ACTIVATION, DEFAULT_LOSS, LOSSES, check_choices, target_problem
from gradcore.core.closed_forms import FORMULAS
from gradcore.core.errors import InputError, SpecError, shown
from gradcore.examples.budgets import MAX_TRAINING_STEPS, check_example_size
from gradcore.examples.yaml_input import load_definition

DEFAULT_LEARNING_RATE = 0.5
DEFAULT_STEPS = 0  # a training run only where a page plots or quotes one
MAX_POINTS = 200
KINDS = ("network", "sigmoid")
_WEIGHT_KEY = re.compile(r"[Wb][1-9][0-9]*\Z")
_NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_LARGEST_FLOAT = 1.7976931348623157e308
NETWORK_KEYS = ("kind", "X", "y", "lr", "steps", "formula", "activations", "loss")
SIGMOID_KEYS = ("kind", "points")


@dataclass(frozen=True)
class ExampleSpec:
    """A checked example definition, as plain nested lists of floats."""

    name: str
    kind: str
    values: dict[str, Any]
    fingerprint: str = field(init=False, repr=False)  # a canonical text of the inputs: equal inputs, equal text

    def __post_init__(self) -> None:
        # Made with the definition, so that computing and caching it never come back here.
        text = json.dumps({"kind": self.kind, "values": self.values}, sort_keys=True, allow_nan=False)
        object.__setattr__(self, "fingerprint", text)


def _number(value: Any, where: str) -> float:
    """One finite float from YAML (which reads `1e-3` as text, so accept that)."""
    if isinstance(value, bool) or value is None:
        raise SpecError(f"{where} is {shown(value)}: expected a number", where)
    if isinstance(value, str) and len(value) < 400 and _NUMBER_TEXT.match(value.strip()):
        value = float(value)
    if not isinstance(value, (int, float)):
        raise SpecError(f"{where} is {shown(value)}: expected a number", where)
    if isinstance(value, int) and abs(value) > _LARGEST_FLOAT:
        raise SpecError(f"{where} is {shown(value)}: expected a finite number (at most about 1.8e308)", where)
    if not math.isfinite(value):
        raise SpecError(f"{where} is {shown(value)}: expected a finite number (no NaN or inf)", where)
    return float(value)


def _rows(value: Any, key: str, *, row_ok: bool) -> list[list[Any]]:
    """A rectangular list of rows, not yet converted; a scalar is 1 x 1, a flat list one row."""
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
        raise SpecError(f"{key} has rows of different lengths {shown(sorted(widths))}: expected a rectangle", key)
    return value


def _floats(rows: list[list[Any]], key: str) -> list[list[float]]:
    return [[_number(v, f"{key}[{i + 1},{j + 1}]") for j, v in enumerate(row)] for i, row in enumerate(rows)]


def _check_cost(tables: dict[str, list[list[Any]]], weights: list[str], biases: list[str], steps: int) -> None:
    """Refuse an example too costly for a page, from its shapes alone (before any number is converted)."""
    layers = [len(tables["X"][0])] + [len(tables[k][0]) for k in weights]
    try:
        check_example_size(layers, len(tables["X"]), bool(biases))
    except InputError as error:
        raise SpecError(str(error), weights[-1]) from None


def _layer_keys(data: dict[str, Any], letter: str) -> list[str]:
    keys = sorted((k for k in data if k[0] == letter and _WEIGHT_KEY.match(k)), key=lambda k: int(k[1:]))
    expected = [f"{letter}{k}" for k in range(1, len(keys) + 1)]
    if keys != expected:
        raise SpecError(f"layer numbers must run {_listed(expected) or letter + '1'} without gaps; "
                        f"got {_listed(keys)}",
                        keys[-1] if keys else None)
    return keys


def _listed(keys: list[str]) -> str:
    return ", ".join(keys) if len(keys) <= 8 else f"{', '.join(keys[:6])}, ... ({len(keys):,} in all)"


def _network_values(data: dict[str, Any]) -> dict[str, Any]:
    unknown = [k for k in data if k not in NETWORK_KEYS and not _WEIGHT_KEY.match(k)]
    if unknown:
        raise SpecError(f"unknown key {shown(unknown[0])}; valid keys: X, y, W1.., b1.., lr, steps, formula, "
                        "activations, loss, kind", unknown[0])
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
    tables = {key: _rows(data[key], key, row_ok=not key.startswith("W")) for key in ("X", "y", *weights, *biases)}
    steps = _count(data.get("steps", DEFAULT_STEPS), "steps", MAX_TRAINING_STEPS)
    _check_cost(tables, weights, biases, steps)
    values: dict[str, Any] = {key: _floats(rows, key) for key, rows in tables.items()}
    values["lr"] = _number(data.get("lr", DEFAULT_LEARNING_RATE), "lr")
    if values["lr"] <= 0:
        raise SpecError(f"lr (the learning rate) must be a positive number, got {values['lr']}", "lr")
    values["steps"] = steps
    values["formula"] = data.get("formula")
    if values["formula"] is not None and values["formula"] not in FORMULAS:
        raise SpecError(f"unknown formula {shown(values['formula'])}; valid: {', '.join(FORMULAS)}", "formula")
    values["loss"], values["activations"] = _choices(data, [len(values["X"][0])] + [len(values[k][0]) for k in weights])
    problem = target_problem(values["loss"], np.asarray(values["y"], dtype=np.float64))
    if problem:
        raise SpecError(problem, "y")
    if values["formula"] is not None and (values["loss"] != DEFAULT_LOSS or set(values["activations"]) != {
            DEFAULT_ACTIVATION}):
        raise SpecError(f"the closed form {values['formula']} is the series' sigmoid network with half the squared "
                        "error; leave out formula, or the activations and the loss", "formula")
    return values


def _choices(data: dict[str, Any], widths: list[int]) -> tuple[str, list[str]]:
    """The loss and one activation per layer; one name given for `activations` is every hidden layer's."""
    loss = data.get("loss", DEFAULT_LOSS)
    if not isinstance(loss, str) or loss not in LOSSES:
        raise SpecError(f"unknown loss {shown(loss)}; valid: {', '.join(LOSSES)}", "loss")
    depth = len(widths) - 1
    given = data.get("activations")
    output = LOSSES[loss].output or DEFAULT_ACTIVATION
    if given is None:
        names = [DEFAULT_ACTIVATION] * (depth - 1) + [output]
    elif isinstance(given, str):
        if depth == 1:
            raise SpecError(f"one activation name is for every hidden layer, and this network has none; "
                            f"give a list, one name per layer, e.g. [{given}]", "activations")
        names = [given] * (depth - 1) + [output]
    elif isinstance(given, list) and all(isinstance(name, str) for name in given) and len(given) == depth:
        names = list(given)
    else:
        raise SpecError(f"activations is {shown(given)}: give one name per layer ({depth} here), e.g. "
                        f"[{', '.join(['tanh'] * (depth - 1) + [output])}], or one name for every hidden layer; "
                        f"valid names: {', '.join(ACTIVATIONS)}", "activations")
    try:
        check_choices(names, loss, widths)
    except InputError as error:
        raise SpecError(str(error), "activations" if "activations" in data else "loss") from None
    return loss, names


def _count(value: Any, key: str, largest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= largest:
        raise SpecError(f"{key} must be a whole number from 0 to {largest}, got {shown(value)}", key)
    return value


def _sigmoid_values(data: dict[str, Any]) -> dict[str, Any]:
    unknown = [k for k in data if k not in SIGMOID_KEYS]
    if unknown:
        raise SpecError(f"unknown key {shown(unknown[0])}; a sigmoid example takes: points", unknown[0])
    points = data.get("points")
    if not isinstance(points, list) or not 1 <= len(points) <= MAX_POINTS:
        raise SpecError(f"points must be a list of 1 to {MAX_POINTS} numbers, e.g. [-2, 0, 1.5]", "points")
    return {"points": [_number(p, f"points[{i + 1}]") for i, p in enumerate(points)]}


def parse_spec(name: str, body: str) -> ExampleSpec:
    """Read a fence body with YAML's safe loader and check every entry."""
    data = load_definition(body)
    if not isinstance(data, dict):
        raise SpecError("the definition must be YAML keys and values, e.g. `X: [[1.0, 2.0]]`")
    kind = data.get("kind", "network")
    if kind not in KINDS:
        raise SpecError(f"unknown kind {shown(kind)}; valid kinds: {', '.join(KINDS)}", "kind")
    values = _network_values(data) if kind == "network" else _sigmoid_values(data)
    return ExampleSpec(name, kind, values)
