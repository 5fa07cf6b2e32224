"""Running the learner's generated files and comparing what they print with an example's JSON."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

DIGITS = 4  # the page's rounding (gradcore.markup.latex.DEFAULT_DIGITS), written out so the test is independent
LINE_RE = re.compile(r"(?P<name>\w+) \((?P<rows>\d+) x (?P<cols>\d+)\) = (?P<value>\[.*\])\Z")
NUMBER_RE = re.compile(r"(?P<name>\w+) = (?P<value>[-+0-9.e]+)\Z")
SCALARS = ("L", "L_new")


def printed_values(output: str) -> dict[str, np.ndarray]:
    """`NAME (m x n) = [[...]]` and, for the loss, `NAME = number` lines as arrays; any other line is an error."""
    values: dict[str, np.ndarray] = {}
    for line in output.strip().split("\n"):
        match = LINE_RE.match(line) or NUMBER_RE.match(line)
        assert match, f"unexpected output line {line!r}"
        value = np.atleast_2d(np.array(ast.literal_eval(match["value"]), dtype=np.float64))
        assert (match["name"] in SCALARS) == ("rows" not in match.groupdict()), f"{line!r}: the loss is one number"
        assert "rows" not in match.groupdict() or value.shape == (int(match["rows"]), int(match["cols"])), line
        assert match["name"] not in values, f"{match['name']} printed twice"
        values[match["name"]] = value
    return values


def expected_values(entry: dict) -> dict[str, np.ndarray]:
    """Every value the script must print, by its name in the script, from an `examples.json` entry."""
    expected: dict[str, np.ndarray] = {"yhat": entry["activations"][-1], "L": [[entry["loss"]]],
                                       "L_new": [[entry["step"]["loss"]]]}
    for k in range(1, len(entry["weights"]) + 1):
        expected.update({f"u{k}": entry["pre_activations"][k - 1], f"l{k}": entry["activations"][k - 1],
                         f"delta{k}": entry["deltas"][k - 1], f"dW{k}": entry["grad_weights"][k - 1],
                         f"W{k}_new": entry["step"]["weights"][k - 1]})
        if entry["biases"] is not None:
            expected.update({f"db{k}": entry["grad_biases"][k - 1], f"b{k}_new": entry["step"]["biases"][k - 1]})
    return {name: np.array(value, dtype=np.float64) for name, value in expected.items()}


def mismatches(printed: dict[str, np.ndarray], entry: dict) -> list[str]:
    """What differs between the printed values and the entry: missing, extra, or not the page's rounding of it."""
    expected = expected_values(entry)
    problems = [f"{name} not printed" for name in expected if name not in printed]
    problems += [f"{name} printed but not expected" for name in printed if name not in expected]
    for name in set(expected) & set(printed):
        want, got = expected[name], printed[name]
        rounded = np.vectorize(lambda v: float(f"{v:.{DIGITS}g}"))(want)
        if want.shape != got.shape or not np.array_equal(got, rounded):
            problems.append(f"{name}: printed {got.tolist()}, expected {want.tolist()}")
    return problems


def run_script(path: Path) -> str:
    """Run a generated script with this Python, in its own folder; return what it printed."""
    done = subprocess.run([sys.executable, path.name], cwd=path.parent, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, f"{path.name} failed:\n{done.stderr}"
    return done.stdout


def run_notebook(path: Path) -> str:
    """Execute a notebook on the python3 kernel (as Jupyter's Run All); return its printed output."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(path.parent)}}
                   ).execute()
    return "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for output in cell.outputs if output.output_type == "stream" and output.name == "stdout")
