"""Every series page offers its worked example as a script and a notebook; both print the page's numbers.

The files are taken from a real build and run as a reader would: the script
with `python`, the notebook on the python3 kernel. What they print is compared
with the site's own `examples.json`, in the page's rounding.
"""

from __future__ import annotations

import json
import re

import pytest

from built_site import ROOT, built_site
from learner_support import mismatches, printed_values, run_notebook, run_script

SERIES = sorted(p.stem for p in (ROOT / "docs").glob("part-*.md"))
RUN_RE = re.compile(r'<p class="gc-run">.*?</p>', re.DOTALL)


def _offered(page: str) -> tuple[str, str]:
    """The script and notebook names the built page links."""
    html = (built_site() / f"{page}.html").read_text(encoding="utf-8")
    paragraphs = RUN_RE.findall(html)
    assert len(paragraphs) == 1, f"{page}: expected one run-it-yourself paragraph, found {len(paragraphs)}"
    links = re.findall(r'href="([^"]+)"', paragraphs[0])
    assert [link.rsplit(".", 1)[1] for link in links] == ["py", "ipynb"], links
    assert "How to run" in paragraphs[0]
    return links[0], links[1]


def _entry(name: str) -> dict:
    examples = json.loads((built_site() / "examples.json").read_text(encoding="utf-8"))["examples"]
    return next(e for e in examples if e["id"] == name)


def test_every_series_page_is_covered():
    """Assert the nine parts are all here (a renamed page must not drop out of the test silently)."""
    assert len(SERIES) == 9


@pytest.mark.parametrize("page", SERIES)
def test_script_prints_the_page_numbers(page):
    """Assert the page's script, beside it in the site, prints its worked example's numbers."""
    script, _ = _offered(page)
    printed = printed_values(run_script(built_site() / script))
    assert mismatches(printed, _entry(script.removesuffix(".py"))) == []


@pytest.mark.parametrize("page", SERIES)
def test_notebook_prints_the_page_numbers(page):
    """Assert the page's notebook, executed as Jupyter would, prints its worked example's numbers."""
    _, notebook = _offered(page)
    printed = printed_values(run_notebook(built_site() / notebook))
    assert mismatches(printed, _entry(notebook.removesuffix(".ipynb"))) == []


def test_part_7_shows_the_training_step_of_its_script():
    """Assert the algorithm section's code is the training step of the script the page offers."""
    from gradcore.learner.script import training_step

    script = (built_site() / "p7.py").read_text(encoding="utf-8")
    html = (built_site() / "part-7-any-depth.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
    for line in training_step(script):
        assert line in text, f"part 7 does not show {line!r}"
