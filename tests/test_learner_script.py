"""The generated script recomputes every number of an example, as gradcore does, in plain numpy."""

from __future__ import annotations

import ast
import json

import pytest

from gradcore.examples.export import entry
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.learner.script import STEP_BEGIN, STEP_END, script_text, sections, training_step
from learner_support import mismatches, printed_values, run_script

CASES = {
    "scalar": "X: [[1.5]]\ny: [[1.0]]\nW1: [[0.4]]\nlr: 1.0",
    "batch": "X: [[0.5, -1.0], [1.0, 2.0], [0.0, 1.0]]\ny: [[1.0], [0.0], [1.0]]\nW1: [[0.3], [-0.6]]\nlr: 0.5",
    "deep-biases": ("X: [[1.0, -0.5], [0.2, 0.8]]\ny: [[1.0, 0.0], [0.0, 1.0]]\n"
                    "W1: [[0.3, -0.2, 0.5], [0.1, 0.4, -0.3]]\nb1: [[0.1, 0.0, -0.1]]\n"
                    "W2: [[0.2, -0.4], [0.5, 0.1], [-0.3, 0.2]]\nb2: [[0.0, 0.1]]\n"
                    "W3: [[0.6, -0.5], [-0.2, 0.4]]\nb3: [[0.1, -0.1]]\nlr: 2.0"),
    "tanh-relu": ("X: [[0.5, -1.0, 2.0], [1.0, 0.5, -0.5]]\ny: [[0.0], [1.0]]\n"
                  "W1: [[0.1, -0.3], [0.4, 0.2], [-0.2, 0.5]]\nW2: [[0.7, 0.2], [-0.6, 0.3]]\nW3: [[0.5], [-0.4]]\n"
                  "lr: 1.0\nactivations: [tanh, relu, sigmoid]"),
    "tanh-output": "X: [[0.5, -1.0]]\ny: [[0.25]]\nW1: [[0.3], [-0.2]]\nlr: 0.5\nactivations: [tanh]",
    "relu-output": "X: [[0.5, -1.0]]\ny: [[0.25]]\nW1: [[0.3], [-0.2]]\nlr: 0.5\nactivations: [relu]",
    "binary-cross-entropy": ("X: [[1.0, -2.0], [0.5, 1.0]]\ny: [[1.0], [0.0]]\nW1: [[0.3, -0.1], [0.2, 0.4]]\n"
                             "W2: [[0.5], [-0.6]]\nlr: 0.5\nloss: binary_cross_entropy"),
    "softmax-cross-entropy": ("X: [[1.0, -0.5, 2.0]]\ny: [[0.0, 1.0, 0.0]]\n"
                              "W1: [[0.2, -0.3, 0.5], [0.4, 0.1, -0.2], [-0.1, 0.3, 0.6]]\nlr: 0.5\n"
                              "activations: [softmax]\nloss: cross_entropy"),
    "softmax-squared-error": ("X: [[1.0, -0.5]]\ny: [[0.2, 0.8]]\nW1: [[0.2, -0.3], [0.4, 0.1]]\nlr: 0.5\n"
                              "activations: [softmax]"),
}


def _example(body: str, name: str = "ex"):
    return compute(parse_spec(name, body))


@pytest.mark.parametrize("case", sorted(CASES))
def test_script_prints_every_value_of_the_example(tmp_path, case):
    """Assert the script runs without gradcore and prints gradcore's values in the page's rounding, nothing missing."""
    example = _example(CASES[case])
    path = tmp_path / "ex.py"
    path.write_text(script_text(example, "part-x"), encoding="utf-8")
    assert "gradcore" not in path.read_text(encoding="utf-8")
    entry_json = json.loads(json.dumps(entry("ex", "docs/x.md", example)))
    assert mismatches(printed_values(run_script(path)), entry_json) == []


@pytest.mark.parametrize("wrong", [("(yhat - y)", "(y - yhat)"), ("W2.T", "W2"), ("eta * dW1", "eta * dW2")])
def test_a_wrong_line_in_the_script_is_caught(tmp_path, wrong):
    """Assert the comparison fails when one line of the script is wrong (testing the test)."""
    example = _example(CASES["deep-biases"])
    text = script_text(example, "part-x")
    assert wrong[0] in text
    path = tmp_path / "ex.py"
    path.write_text(text.replace(wrong[0], wrong[1], 1), encoding="utf-8")
    done = path.read_text(encoding="utf-8")
    entry_json = json.loads(json.dumps(entry("ex", "docs/x.md", example)))
    try:
        problems = mismatches(printed_values(run_script(path)), entry_json)
    except AssertionError:  # the script no longer runs (shapes that do not fit): caught as well
        return
    assert problems, f"a script with {wrong[1]!r} in it passed:\n{done}"


def test_script_is_valid_python_following_the_page_names():
    """Assert the script parses and uses the page's names in the page's order: forward, deltas, gradients, step."""
    text = script_text(_example(CASES["deep-biases"]), "part-x")
    ast.parse(text)
    order = ["u1 = X @ W1 + b1", "l3 = sigma(u3)", "L = 0.5", "delta3 = (yhat - y)", "delta1 = (delta2 @ W2.T)",
             "dW1 = X.T @ delta1", "db3 = delta3.sum", "W1_new = W1 - eta * dW1", "L_new ="]
    places = [text.index(line) for line in order]
    assert places == sorted(places)


def test_training_step_is_the_lines_between_the_markers():
    """Assert the training step is cut from the script: forward to update, without prints."""
    text = script_text(_example(CASES["deep-biases"]), "part-x")
    step = training_step(text)
    assert step[0].startswith("u1 = X @ W1") and step[-1] == "b3_new = b3 - eta * db3"
    assert not any(line.startswith("show(") for line in step)
    body = text[text.index(STEP_BEGIN):text.index(STEP_END)]
    assert all(line in body for line in step)
    with pytest.raises(ValueError, match="markers"):
        training_step(text.replace(STEP_END, ""))


def test_sections_follow_the_page():
    """Assert the sections come in the page's order, the given numbers written exactly as defined."""
    example = _example("X: [[0.1, 1e-05]]\ny: [[1.0]]\nW1: [[0.3], [-0.2]]\nlr: 0.25")
    titles = [s.title for s in sections(example)]
    assert titles[1:] == ["The example as the page defines it", "Forward pass and loss",
                          "Backward pass: the deltas from the output back, then the gradients",
                          "One step of gradient descent, and the loss after it"]
    given = sections(example)[1].code
    assert "X = np.array([[0.1, 1e-05]])" in given and "eta = 0.25" in given
