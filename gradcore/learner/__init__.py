"""For the learner: a worked example as a standalone numpy script and a notebook.

`script.py` writes the example's computation as plain numpy, in the order and
with the names the page uses; `notebook.py` puts the same code into a Jupyter
notebook, one cell per step; `files.py` names and links both beside the page.
"""
