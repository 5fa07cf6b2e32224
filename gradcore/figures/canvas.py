"""matplotlib set up for figures that are sharp, deterministic and readable on both palettes.

Importing this module imports matplotlib, so only drawing code imports it,
and only when a figure is not in the cache. No pyplot: every figure is a
plain `matplotlib.figure.Figure`, so no global backend or state is touched.

The figures are drawn in dark ink on a transparent background; the site's
stylesheet inverts them (keeping their hues) on the dark palette.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

INK = "#1a1a1a"
MUTED = "#6b6b6b"
GRID = "#d0d0d0"
BLUE = "#1546a0"
ORANGE = "#b04a00"
GREEN = "#1e6b2d"
PAPER = "#ffffff"  # behind labels that sit on lines; inverted with the rest on the dark palette

STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "path",  # text as outlines: sharp at any zoom, no font needed by the reader
    "svg.hashsalt": "gradcore-figures",  # fixed ids, so equal figures are equal bytes
    "path.simplify": False,  # every plotted point stays in the SVG
    "font.family": "DejaVu Sans",
    "mathtext.fontset": "dejavusans",
    "font.size": 10,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": GRID,
    "legend.frameon": False,
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Draw and save under the figure style (matplotlib reads some settings at save time)."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of `width` x `height` inches."""
    return Figure(figsize=(width, height))


def to_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, with no date, so the same figure is always the same bytes."""
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.04)
    return out.getvalue()
