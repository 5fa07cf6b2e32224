"""Size limits, so that an oversized request is refused before any work is done.

The worked examples are small by design. The limits keep a mistyped width or a
pasted data set from stalling a documentation build.
"""

from __future__ import annotations

from gradcore.core.errors import InputError

__all__ = ["MAX_CHECK_COST", "MAX_DEFINITION_CHARS", "MAX_EXAMPLES", "MAX_EXAMPLE_COST", "MAX_FIGURE_COST",
           "MAX_PAGE_CHARS", "MAX_PAGE_DEFINITIONS", "MAX_PAGE_FIGURES", "MAX_PAGE_MARKERS",
           "MAX_PAGE_RENDER_COST", "MAX_PARAMETERS", "MAX_STEPS", "MAX_TRAINING_STEPS", "block_cost",
           "check_example_cost", "check_examples", "check_figure_cost", "check_numerical_cost", "check_page",
           "check_parameters", "diagram_cost", "example_cost", "figure_cost", "graph_cost"]

MAX_PARAMETERS = 10_000
"""Largest number of parameters (weights and biases together) a network may have."""

MAX_EXAMPLES = 1_000
"""Largest number of examples (rows of X) a batch may have."""

MAX_STEPS = 100_000
"""Largest number of gradient-descent steps one training run may take through the library API."""

MAX_TRAINING_STEPS = 2000
"""Largest `steps:` a page's example may ask for: a page's run must also compute, check and render fast."""

MAX_CHECK_COST = 10**9
"""Largest parameters^2 x examples for a numerical gradient (about one second).

A numerical gradient evaluates the loss of the whole batch once or twice per
parameter, so its cost grows as parameters x (parameters x examples).
"""


def check_parameters(count: int) -> None:
    """Refuse a network with more than `MAX_PARAMETERS` parameters.

    Args:
        count: Number of weights and biases of the network.

    Raises:
        InputError: If `count` exceeds the limit.
    """
    if count > MAX_PARAMETERS:
        raise InputError(f"the network has {count:,} parameters (weights and biases); "
                         f"the limit is {MAX_PARAMETERS:,}")


def check_examples(count: int) -> None:
    """Refuse a batch with more than `MAX_EXAMPLES` examples.

    Args:
        count: Number of examples (rows of X).

    Raises:
        InputError: If `count` exceeds the limit.
    """
    if count > MAX_EXAMPLES:
        raise InputError(f"X has {count:,} examples (rows); the limit is {MAX_EXAMPLES:,}")


def check_numerical_cost(parameters: int, examples: int) -> None:
    """Refuse a numerical gradient whose cost, parameters^2 x examples, exceeds `MAX_CHECK_COST`.

    Args:
        parameters: Number of weights and biases of the network.
        examples: Number of examples (rows of X).

    Raises:
        InputError: If the cost exceeds the limit.
    """
    cost = parameters * parameters * examples
    if cost > MAX_CHECK_COST:
        raise InputError(f"a numerical gradient of {parameters:,} parameters on {examples:,} examples costs "
                         f"{parameters:,}^2 x {examples:,} = {cost:.2g}; the limit is {MAX_CHECK_COST:.2g} "
                         "(about a second): use fewer examples or a smaller network")


MAX_DEFINITION_CHARS = 500_000
"""Longest YAML body of one example definition, refused before it is parsed."""

MAX_PAGE_CHARS = 2_000_000
"""Longest page gradcore reads (the tutorial's pages are about 10,000 characters); refused before any scan."""

MAX_PAGE_MARKERS = 1_000
"""Most markers on one page (the tutorial's pages use at most about 40)."""

MAX_PAGE_DEFINITIONS = 50
"""Most `gc:example` mentions on one page (each definition is one)."""

MAX_PAGE_FIGURES = 30
"""Most figure markers on one page (each may be a new drawing)."""


def check_page(text: str) -> None:
    """Refuse a page too long, or with too many markers, definitions or figures, before it is scanned.

    Raises:
        InputError: Naming what was counted and the limit.
    """
    counts = [(len(text), MAX_PAGE_CHARS, "characters"), (text.count("[[gc"), MAX_PAGE_MARKERS, "markers ([[gc ...]])"),
              (text.count("gc:example"), MAX_PAGE_DEFINITIONS, "mentions of gc:example"),
              (text.count("[[gc:figure"), MAX_PAGE_FIGURES, "figure markers")]
    for count, limit, what in counts:
        if count > limit:
            raise InputError(f"the page has {count:,} {what}; gradcore reads pages of at most {limit:,} {what}")


MAX_MATH_SECONDS = 5.0
"""Longest time MathJax may take to draw one page's math at build time (`gradcore.engine.mathjax_v8`).

The tutorial's largest page takes about a third of a second; a hostile or runaway formula (tens of
thousands of terms in one row cost MathJax time that grows with the square of their number) is
stopped here instead of holding the build, and the page is refused.
"""

MAX_EXAMPLE_COST = 1_500_000
"""Largest estimated cost of one page example, in microseconds of this project's reference machine.

`example_cost` estimates what one example costs a build: the checks evaluate
the loss three times per parameter (twice in central differences, once with
complex numbers, which cost the most), each evaluation paying a fixed
overhead per layer plus the products and sigmoids of the whole batch;
training pays the same per step; and rendering writes every block once
(every input and activation). The constants were measured and rounded up,
so that every example under the limit computes, checks and renders its
blocks in under two seconds. Figures are limited one by one
(`MAX_FIGURE_COST`), since a page draws only those it asks for.
"""

MAX_FIGURE_COST = 1_500_000
"""Largest estimated cost of drawing one figure (`figure_cost`), in the same microseconds."""

MAX_PAGE_RENDER_COST = 6_000_000
"""Largest estimated cost of the blocks and figures of one page, in the same microseconds."""


def _sizes(layers: list[int]) -> tuple[int, int, int]:
    """(depth, weights, units) of a network with widths n_0, ..., n_L."""
    return len(layers) - 1, sum(a * b for a, b in zip(layers, layers[1:])), sum(layers[1:])


def block_cost(layers: list[int], examples: int) -> float:
    """Estimated microseconds to render one block marker (every number of the batch and the layers)."""
    depth, _weights, units = _sizes(layers)
    return 2_000 + 2_000 * depth + 20 * examples * (layers[0] + units)


def graph_cost(layers: list[int], examples: int) -> float:
    """Estimated microseconds to draw the computation graph of a network (it grows with depth)."""
    return 150_000 + 300_000 * (len(layers) - 1) + 1_000 * examples


def diagram_cost(layers: list[int], examples: int) -> float:
    """Estimated microseconds to draw the diagram of a network: a labelled node per unit, an arrow per weight."""
    depth, weights, units = _sizes(layers)
    return 100_000 + 50_000 * depth + 5_000 * weights + 25_000 * (layers[0] + units) + 500 * examples


def figure_cost(layers: list[int], examples: int) -> float:
    """Estimated microseconds to draw one figure of a network, whichever kind."""
    return max(graph_cost(layers, examples), diagram_cost(layers, examples))


def example_cost(layers: list[int], examples: int, steps: int, biases: bool) -> float:
    """Estimated microseconds to compute, check and render one network example.

    Args:
        layers: Widths n_0 (inputs), n_1, ..., n_L.
        examples: Rows of X.
        steps: Length of the training run.
        biases: Whether the network has biases.
    """
    depth, weights, units = _sizes(layers)
    parameters = weights + (units if biases else 0)
    evaluation = 150 * depth + examples * (0.1 * weights + 0.8 * units)
    training = steps * (80 * depth + examples * (0.01 * weights + 0.1 * units))
    terms = 120 * examples * depth
    return parameters * evaluation + training + terms + 8 * block_cost(layers, examples)


def check_figure_cost(kind: str, layers: list[int], examples: int) -> None:
    """Refuse a figure whose estimated drawing time exceeds `MAX_FIGURE_COST`.

    Raises:
        InputError: Naming the figure, the network's size and the limit.
    """
    cost = {"graph": graph_cost, "diagram": diagram_cost}.get(kind, figure_cost)(layers, examples)
    if cost > MAX_FIGURE_COST:
        raise InputError(f"the {kind} of a network of {_count(len(layers) - 1, 'layer')} ({_widths(layers)}) "
                         f"would take about {cost / 1e6:.2g} s to draw; the limit is about "
                         f"{MAX_FIGURE_COST / 1e6:.2g} s: draw a smaller example (fewer layers or units), "
                         "or show this one with blocks")


def _widths(layers: list[int]) -> str:
    widths = [str(n) for n in layers] if len(layers) <= 8 else [*map(str, layers[:3]), "...", str(layers[-1])]
    return " -> ".join(widths)


def check_example_cost(layers: list[int], examples: int, steps: int, biases: bool) -> None:
    """Refuse a page example whose `example_cost` exceeds `MAX_EXAMPLE_COST`.

    Raises:
        InputError: Naming the sizes that drive the cost and what to reduce.
    """
    cost = example_cost(layers, examples, steps, biases)
    if cost > MAX_EXAMPLE_COST:
        parameters = sum(a * b + (b if biases else 0) for a, b in zip(layers, layers[1:]))
        raise InputError(f"the example is too costly to check on every build: {_count(len(layers) - 1, 'layer')} "
                         f"({_widths(layers)}, {parameters:,} parameters), {_count(examples, 'example')} and "
                         f"{_count(steps, 'training step')} cost about {cost / 1e6:.2g} s; the limit is about "
                         f"{MAX_EXAMPLE_COST / 1e6:.2g} s: use fewer or narrower layers, fewer examples or fewer steps")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
