"""A worked example as a Jupyter notebook: the script's sections, one code cell each.

Written with `nbformat` (and validated by it), so the file is a valid notebook of
the current format; the cells are the very code of `gradcore.learner.script`.
"""

from __future__ import annotations

import nbformat

from gradcore.examples.worked import NetworkExample
from gradcore.learner.script import sections


def notebook_text(example: NetworkExample, page: str) -> str:
    """The notebook as JSON text: a title cell, then a heading and a code cell per step.

    Args:
        example: A network example.
        page: The page it belongs to, as the title names it (e.g. `part-1-scalar`).
    """
    name = example.spec.name
    cells = [nbformat.v4.new_markdown_cell(
        f"# The worked example `{name}` of the page `{page}`\n\n"
        "Plain numpy, in the page's order and with its names. Run the cells from the top "
        "(in Jupyter: *Run All*); each printed line is a value the page shows, rounded as the page rounds it.")]
    for section in sections(example):
        cells += [nbformat.v4.new_markdown_cell(f"## {section.title}"), nbformat.v4.new_code_cell(section.code)]
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"  # fixed ids (nbformat draws random ones), so rebuilds are identical
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"
