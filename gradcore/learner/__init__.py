"""For the learner: run a worked example yourself, and answer exercises with computed words.

- `script.py` writes an example's computation as plain numpy, in the order and
  with the names the page uses;
- `notebook.py` puts the same code into a Jupyter notebook, one cell per step;
- `files.py` renders the `run` and `training-step` blocks and names the files
  written beside the page;
- `answers.py` gives the `sign` and `shape` words of an inline value.
"""
