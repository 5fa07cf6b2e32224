"""Synthetic sites of any size, written like the series' pages, for the scale test.

Page k holds `examples` worked examples of a 3-2-1 network on a batch of
two rows; each is defined once and shown through the usual blocks and
inline values, in prose and in math. The numbers come from a seeded
generator, so every example differs (nothing is shared by the cache) and
the same call always writes the same site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from bench.project import Project

BLOCKS = ("inputs", "forward", "deltas", "gradients", "check", "step")


def _matrix(rng: np.random.Generator, rows: int, columns: int, low: float, high: float) -> str:
    return _written(np.round(rng.uniform(low, high, size=(rows, columns)), 2))


def _weights(rng: np.random.Generator, rows: int, columns: int) -> str:
    """Weights of size 0.1 to 1 and either sign: a weight near 0 makes the gradients below it so small
    that central differences' own truncation error fails the gradient check (page 83 of the old sites)."""
    return _written(np.round(rng.choice([-1.0, 1.0], size=(rows, columns)) * rng.uniform(0.1, 1, (rows, columns)), 2))


def _written(values: np.ndarray) -> str:
    return "[" + ", ".join("[" + ", ".join(f"{v:g}" for v in row) + "]" for row in values) + "]"


def example_section(name: str, rng: np.random.Generator, figure: str | None = None) -> str:
    """One worked example: its definition, a paragraph of inline values and every block."""
    definition = "\n".join([f"```gc:example {name}", f"X: {_matrix(rng, 2, 3, -1, 1)}",
                            f"y: {_matrix(rng, 2, 1, 0.1, 0.9)}", f"W1: {_weights(rng, 3, 2)}",
                            f"W2: {_weights(rng, 2, 1)}", "lr: 0.5", "```"])
    prose = (f"The loss starts at [[gc {name}.loss]]. The first prediction is "
             f"\\(\\hat{{y}}_1 = [[gc {name}.yhat[1]]]\\) and the corner weight's gradient is\n\n"
             f"$$\n\\frac{{\\partial L}}{{\\partial w_1^{{11}}}} = [[gc {name}.dW1[1,1]]]\n$$\n")
    parts = [f"## Example {name}", definition, prose]
    if figure:
        parts.append(figure.format(name=name))
    parts += [f"[[gc:{block} {name}]]" for block in BLOCKS]
    return "\n\n".join(parts) + "\n"


def page_text(number: int, examples: int, rng: np.random.Generator, figure: str | None = None) -> str:
    """The Markdown of synthetic page `number`."""
    sections = [example_section(f"p{number}e{j}", rng, figure if j == 1 else None)
                for j in range(1, examples + 1)]
    intro = (f"# Synthetic page {number}\n\nA generated page for the benchmark: "
             f"{examples} worked example(s) of a two-layer network, each shown in full.\n")
    return "\n".join([intro, *sections])


def write_site(docs: Path, project: Project, pages: int, examples: int, *, seed: int = 7,
               figure: str | None = None) -> list[dict[str, str]]:
    """Write a synthetic docs folder and return its nav.

    Args:
        docs: The folder to (re)create.
        project: The project whose stylesheets and scripts (`docs/assets`, if any) the pages load.
        pages: How many pages, besides the home page.
        examples: Worked examples on each page.
        seed: Seed of the numbers.
        figure: A figure marker written on each page, with `{name}` for the example
            (None: no figures).

    Returns:
        The nav: one entry per page, home first.
    """
    if pages < 1 or examples < 1:
        raise ValueError(f"a synthetic site needs at least one page and one example, got {pages} and {examples}")
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    if (project.docs / "assets").is_dir():
        shutil.copytree(project.docs / "assets", docs / "assets")
    (docs / "index.md").write_text(f"# Synthetic site\n\n{pages} generated pages.\n", encoding="utf-8")
    rng = np.random.default_rng(seed)
    nav = [{"Home": "index.md"}]
    for number in range(1, pages + 1):
        name = f"page-{number:04d}.md"
        (docs / name).write_text(page_text(number, examples, rng, figure), encoding="utf-8")
        nav.append({f"Page {number}": name})
    return nav
