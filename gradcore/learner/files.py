"""The learner's blocks: a worked example's script and notebook beside the page, and one training step.

`[[gc:run EXAMPLE]]` offers `EXAMPLE.py` and `EXAMPLE.ipynb`, written into the
page's folder of the built site, so the page links them by their bare names.
Where no build writes files (an engine without the hook), the links carry the
bytes as `data:` URIs instead, as the figures do.

`[[gc:training-step EXAMPLE]]` shows the lines of one training step, cut from
the very script the page offers, so the two cannot drift apart.
"""

from __future__ import annotations

import base64
import html
import posixpath
import re

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.learner.script import script_text, training_step
from gradcore.markup.markers import Marker, MarkerError

LEARNER_BLOCKS = ("run", "training-step")
SCRIPT_TYPE = "text/x-python"
NOTEBOOK_TYPE = "application/x-ipynb+json"
_SAFE = re.compile(r"[^\w.-]")


def page_stem(page: str) -> str:
    """`docs/part-1-scalar.md` -> `part-1-scalar`: how the files name their page (letters, digits, `._-` only,
    so that no file name can end the script's docstring)."""
    return _SAFE.sub("_", posixpath.splitext(posixpath.basename(page))[0])


def page_folder(page: str) -> str:
    """The page's folder in the site: its folder under `docs/`, never above the site's root."""
    parts = posixpath.dirname(page.removeprefix("docs/")).split("/")
    return "/".join(_SAFE.sub("_", part) for part in parts if part not in ("", ".", ".."))


def learner_files(example: NetworkExample, page: str) -> dict[str, bytes]:
    """The script and the notebook of `example`, by their paths in the built site (beside `page`).

    Args:
        example: A network example.
        page: The page's source path, e.g. `docs/part-1-scalar.md`; its folder under `docs/`
            is its folder in the site.
    """
    from gradcore.learner.notebook import notebook_text  # nbformat is imported only where a page asks

    folder = page_folder(page)
    name, stem = example.spec.name, page_stem(page)
    return {posixpath.join(folder, f"{name}.py"): script_text(example, stem).encode("utf-8"),
            posixpath.join(folder, f"{name}.ipynb"): notebook_text(example, stem).encode("utf-8")}


def _link(path: str, data: bytes, media_type: str, inline: bool) -> str:
    name = html.escape(posixpath.basename(path))
    href = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}" if inline else name
    return f'<a href="{html.escape(href)}" download="{name}"><code>{name}</code></a>'


def run_links(files: dict[str, bytes], inline: bool = False) -> str:
    """The paragraph that offers the files of `learner_files`, with a one-line "how to run".

    Args:
        files: What `learner_files` returned (the script first, then the notebook).
        inline: Link `data:` URIs instead of files beside the page.
    """
    (script, script_bytes), (notebook, notebook_bytes) = files.items()
    name = html.escape(posixpath.basename(script))
    return (f'\n<p class="gc-run"><strong>Run it yourself.</strong> This example in plain numpy: the script '
            f"{_link(script, script_bytes, SCRIPT_TYPE, inline)} or the notebook "
            f"{_link(notebook, notebook_bytes, NOTEBOOK_TYPE, inline)}. How to run: "
            f"<code>python {name}</code> (it needs only numpy), or open the notebook in Jupyter and run "
            "all cells; each printed line is a value this page shows.</p>\n")


def training_step_block(example: NetworkExample) -> str:
    """One training step as a Python code block: the lines of the example's generated script."""
    code = "\n".join(training_step(script_text(example, "")))
    return f"\n```python\n{code}\n```\n"


def learner_block(marker: Marker, example: NetworkExample | SigmoidExample, page: str,
                  inline: bool) -> tuple[str, dict[str, bytes]]:
    """The Markdown of a `run` or `training-step` block, and the files it adds to the site."""
    if not isinstance(example, NetworkExample):
        raise MarkerError(marker.line, marker.text, f"block {marker.kind!r} needs a network example",
                          "a sigmoid example has: sigmoid")
    if marker.flags or marker.options:
        raise MarkerError(marker.line, marker.text, f"block {marker.kind!r} takes no options",
                          f"write [[gc:{marker.kind} {example.spec.name}]]")
    if marker.kind == "training-step":
        return training_step_block(example), {}
    files = learner_files(example, page)
    return run_links(files, inline), ({} if inline else files)
