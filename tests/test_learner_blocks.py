"""The learner's markers on a page: run links with their files, the training step, sign and shape answers."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from gradcore.learner.answers import answer_text, shape_words, sign_word
from gradcore.pages.render import Page, render_page
from render_support import PageFailedError
from render_support import render as render_text

DEFINITION = """```gc:example ex
X: [[1.0, 0.5, -1.5]]
y: [[1.0]]
W1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]
W2: [[0.6], [0.0]]
```

```gc:example sig
kind: sigmoid
points: [0, 1]
```

```gc:example th
X: [[1.0, 0.5, -1.5]]
y: [[1.0]]
W1: [[0.2, -0.4], [0.3, 0.1], [-0.5, 0.2]]
W2: [[0.6], [0.0]]
activations: tanh
```
"""


def test_run_block_links_files_written_beside_the_page():
    """Assert `run` links ex.py and ex.ipynb by bare name and hands both files to the build, in the page's folder."""
    result = render_page(DEFINITION + "[[gc:run ex]]\n", Page("docs/guide/p.md", "../"))
    assert result.errors == ()
    assert 'href="ex.py"' in result.markdown and 'href="ex.ipynb"' in result.markdown
    assert "How to run: <code>python ex.py</code>" in result.markdown
    assert set(result.figures) == {"guide/ex.py", "guide/ex.ipynb"}
    assert b"recomputed in plain numpy" in result.figures["guide/ex.py"]


def test_run_block_on_an_inline_page_carries_the_files():
    """Assert an inline page (no build writes files) links data: URIs holding the script and writes nothing."""
    result = render_page(DEFINITION + "[[gc:run ex]]\n", Page("docs/p.md", "", inline=True))
    assert result.figures == {}
    script = result.markdown.split('href="data:text/x-python;base64,')[1].split('"')[0]
    assert base64.b64decode(script).decode().startswith('"""The worked example \'ex\' of the page \'p\'')


def test_training_step_block_is_python_code():
    """Assert the training step renders as a python code block of the script's lines."""
    markdown = render_text(DEFINITION + "[[gc:training-step ex]]\n")
    assert "```python\nu1 = X @ W1" in markdown and "W2_new = W2 - eta * dW2\n```" in markdown


@pytest.mark.parametrize(("body", "words"), [
    ("[[gc:run sig]]", "needs a network example"),
    ("[[gc:training-step sig]]", "needs a network example"),
    ("[[gc:run ex digits=3]]", "takes no options"),
    ("[[gc ex.dW1 sign]]", "sign needs one number"),
])
def test_learner_markers_refuse_what_they_cannot_show(body, words):
    """Assert a misuse names the marker and what would work."""
    with pytest.raises(PageFailedError, match=words):
        render_text(DEFINITION + body + "\n")


def test_the_training_step_follows_the_chosen_activation():
    """Assert an example with tanh hidden units gets its own training step (tanh and its slope), not the sigmoid's."""
    markdown = render_text(DEFINITION + "[[gc:training-step th]]\n")
    assert "l1 = tanh(u1)" in markdown and "delta1 = (delta2 @ W2.T) * (1 - l1 ** 2)" in markdown


def test_sign_and_shape_answers_in_prose_and_math():
    """Assert sign and shape come from the computed quantity, in prose and in math."""
    markdown = render_text(DEFINITION + "[[gc ex.delta1[2] sign]] [[gc ex.dW1[3,1] sign]] \\([[gc ex.X T shape]]\\) "
                           "[[gc ex.dW1 shape]] \\([[gc ex.delta1[1,1] sign]]\\)\n")
    assert "zero positive \\(3 \\times 1\\) 3\u00a0\u00d7\u00a02 \\(\\text{negative}\\)" in markdown


def test_answer_words():
    """Assert the words for each sign, and the shape text."""
    assert [sign_word(np.array([[v]])) for v in (-0.5, 0.0, -0.0, 2.0)] == ["negative", "zero", "zero", "positive"]
    assert shape_words(np.zeros((4, 2)), in_math=True) == r"4 \times 2"
    assert answer_text("sign", np.array([[1.0]]), in_math=True) == r"\text{positive}"
    with pytest.raises(ValueError, match="pick an entry"):
        sign_word(np.zeros((1, 2)))


@pytest.mark.parametrize(("page", "folder", "stem"), [
    ("docs/part-1-scalar.md", "", "part-1-scalar"),
    ("docs/guide/p.md", "guide", "p"),
    ("docs/../../etc/x.md", "etc", "x"),
    ('docs/a b/x""";import os;""".md', "a_b", "x____import_os____"),
])
def test_file_names_stay_inside_the_site_and_the_docstring(page, folder, stem):
    """Assert a hostile page name can neither place files above the site nor end the script's docstring."""
    from gradcore.learner.files import page_folder, page_stem

    assert (page_folder(page), page_stem(page)) == (folder, stem)
