"""What a page may ask of a build: plain size caps, each refused before any work with what to do instead.

A documentation build must not stall on a mistyped width or a pasted data
set. Every page-build cap is a size the author can see (characters,
markers, layers, units, rows, steps); the one cost that really grows as a
product, the numerical gradient check (parameters^2 x examples), has its
cap in the gradient module itself (`gradcore.core.limits`).
"""

from __future__ import annotations

from gradcore.core.errors import InputError

MAX_DEFINITION_CHARS = 500_000
"""Longest YAML body of one example definition, refused before it is parsed."""

MAX_PAGE_CHARS = 2_000_000
"""Longest page gradcore reads; the series' pages are about 10,000 characters."""

MAX_PAGE_MARKERS = 1_000
"""Most markers on one page; the series uses at most about 40."""

MAX_PAGE_DEFINITIONS = 50
"""Most `gc:example` mentions on one page (each definition is one)."""

MAX_PAGE_FIGURES = 30
"""Most figure markers on one page (each may be a new drawing)."""

MAX_PAGE_BLOCKS = 40
"""Most block markers (`[[gc:forward ...]]` and the like) on one page."""

MAX_LAYERS = 10
"""Deepest network a page's example may have (weight matrices)."""

MAX_WIDTH = 16
"""Widest layer, inputs included, a page's example may have."""

MAX_ROWS = 64
"""Most examples (rows of X) a page's example may have."""

MAX_TRAINING_STEPS = 2000
"""Longest training run (`steps:`) a page's example may ask for."""

MAX_PAGE_CHECK_COST = 4 * 10**7
"""Largest parameters^2 x examples of a page's example: what its numerical gradient check costs."""

MAX_GRAPH_LAYERS = 4
"""Deepest network drawn as a computation graph (its drawing grows with depth)."""

MAX_DIAGRAM_UNITS = 24
"""Most units (inputs included) drawn in a network diagram, each a labelled node."""

MAX_DIAGRAM_WEIGHTS = 96
"""Most weights drawn in a network diagram, each an arrow."""


class PageTooLargeError(InputError):
    """A page over one of the page caps; `offset` is where in the text the cap was passed."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def check_page(text: str) -> None:
    """Refuse a page too long, or with too many markers, definitions, figures or blocks, before it is scanned.

    Raises:
        PageTooLargeError: Naming what was counted and the cap, and where the cap was passed.
    """
    if len(text) > MAX_PAGE_CHARS:
        raise PageTooLargeError(f"the page has {len(text):,} characters; gradcore reads pages of at most "
                                f"{MAX_PAGE_CHARS:,} characters: split the page", MAX_PAGE_CHARS)
    kinds = [("[[gc", MAX_PAGE_MARKERS, "markers ([[gc ...]])", ""), ("gc:example", MAX_PAGE_DEFINITIONS,
             "mentions of gc:example", ""), ("[[gc:figure", MAX_PAGE_FIGURES, "figure markers", ""),
             ("[[gc:", MAX_PAGE_BLOCKS, "block markers ([[gc:KIND ...]])", "[[gc:figure")]
    for opening, limit, what, besides in kinds:
        count = text.count(opening) - (text.count(besides) if besides else 0)
        if count > limit:
            raise PageTooLargeError(f"the page has {count:,} {what}; gradcore reads pages of at most {limit:,} "
                                    f"{what}: split the page", _passed_at(text, opening, besides, limit))


def _passed_at(text: str, opening: str, besides: str, limit: int) -> int:
    """Where the (limit + 1)-th `opening` that does not start `besides` stands in `text`."""
    seen, at = 0, text.find(opening)
    while at >= 0:
        if not (besides and text.startswith(besides, at)):
            seen += 1
            if seen > limit:
                return at
        at = text.find(opening, at + 1)
    return 0


def check_example_size(layers: list[int], rows: int, biases: bool) -> None:
    """Refuse a page's example deeper, wider or with more rows than a page may show, or too costly to check.

    Args:
        layers: Widths n_0 (inputs), n_1, ..., n_L.
        rows: Examples (rows of X).
        biases: Whether the network has biases.
    """
    depth, widest = len(layers) - 1, max(layers)
    for size, limit, what in ((depth, MAX_LAYERS, "layers"), (widest, MAX_WIDTH, "units in its widest layer"),
                              (rows, MAX_ROWS, "examples (rows of X)")):
        if size > limit:
            raise InputError(f"the example has {size:,} {what} ({_widths(layers)}); a page's example has at most "
                             f"{limit:,}: show a smaller example")
    parameters = sum(a * b + (b if biases else 0) for a, b in zip(layers, layers[1:]))
    if parameters * parameters * rows > MAX_PAGE_CHECK_COST:
        raise InputError(f"the example is too costly to check on every build: its numerical gradient check grows as "
                         f"parameters^2 x examples = {parameters:,}^2 x {rows:,} = {parameters**2 * rows:.2g}; "
                         f"a page's example has at most {MAX_PAGE_CHECK_COST:.2g}: use fewer or narrower layers, "
                         "or fewer examples")


def check_figure_size(kind: str, layers: list[int]) -> None:
    """Refuse a figure of a network too large to draw legibly and quickly."""
    depth, units, weights = len(layers) - 1, sum(layers), sum(a * b for a, b in zip(layers, layers[1:]))
    caps = {"graph": [(depth, MAX_GRAPH_LAYERS, "layers")],
            "diagram": [(units, MAX_DIAGRAM_UNITS, "units"), (weights, MAX_DIAGRAM_WEIGHTS, "weights")]}
    for size, limit, what in caps.get(kind, []):
        if size > limit:
            raise InputError(f"the {kind} of a network with {size:,} {what} ({_widths(layers)}) cannot be drawn: "
                             f"a {kind} shows at most {limit:,} {what}; draw a smaller example, or show this one "
                             "with blocks")


def _widths(layers: list[int]) -> str:
    widths = [str(n) for n in layers] if len(layers) <= 8 else [*map(str, layers[:3]), "...", str(layers[-1])]
    return " -> ".join(widths)
