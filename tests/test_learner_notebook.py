"""The generated notebook: valid, identical on every build, the script's code, and it runs."""

from __future__ import annotations

import json

import nbformat

from gradcore.examples.export import entry
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.learner.notebook import notebook_text
from gradcore.learner.script import sections
from learner_support import mismatches, printed_values, run_notebook

BODY = "X: [[0.5, -1.0, 2.0], [1.0, 0.0, -1.0]]\ny: [[1.0], [0.0]]\nW1: [[0.1, -0.3], [0.4, 0.2], [-0.2, 0.5]]\n" \
       "b1: [[0.0, 0.1]]\nW2: [[0.7], [-0.6]]\nb2: [[0.2]]\nlr: 1.0"


def test_notebook_is_valid_and_holds_the_script_sections():
    """Assert nbformat validates the notebook and its code cells are the script's sections, in order."""
    example = compute(parse_spec("nb", BODY))
    notebook = nbformat.reads(notebook_text(example, "part-x"), as_version=4)
    nbformat.validate(notebook)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert code == [section.code for section in sections(example)]
    assert notebook.metadata.kernelspec.name == "python3"


def test_notebook_text_is_the_same_on_every_build():
    """Assert fixed cell ids: two generations give the same bytes (reproducible builds)."""
    example = compute(parse_spec("nb", BODY))
    assert notebook_text(example, "part-x") == notebook_text(example, "part-x")


def test_notebook_runs_and_prints_the_example(tmp_path):
    """Assert the notebook, executed on the python3 kernel, prints every value in the page's rounding."""
    example = compute(parse_spec("nb", BODY))
    path = tmp_path / "nb.ipynb"
    path.write_text(notebook_text(example, "part-x"), encoding="utf-8")
    entry_json = json.loads(json.dumps(entry("nb", "docs/x.md", example)))
    assert mismatches(printed_values(run_notebook(path)), entry_json) == []
