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
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_svg import _short_float_fmt
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

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


PAD_INCHES = 0.04  # the margin around everything drawn
# The root element's size as matplotlib's SVG writer puts it: the whole figure, in points.
_ROOT_SIZE = re.compile(rb'width="[^"]*" height="[^"]*" viewBox="[^"]*"')


def to_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes cropped to what is drawn, with no date, so the same figure is always the same bytes.

    matplotlib's own cropping (`bbox_inches="tight"`) lays out every label
    twice, once to measure and once to draw, with two renderers that share no
    cache; laying out the TeX labels is most of a figure's cost. Here the
    figure is drawn once, its extent is measured by the renderer that drew it
    (every label's size already cached), and the SVG's size and viewBox are
    set to that extent: the same picture for half the work.
    """
    boxes: list[Bbox] = []
    listener = figure.canvas.mpl_connect("draw_event", lambda event: boxes.append(
        figure.get_tightbbox(event.renderer)))  # in inches, measured while the figure is set up for SVG
    out = io.BytesIO()
    try:
        figure.savefig(out, format="svg", metadata={"Date": None})
    finally:
        figure.canvas.mpl_disconnect(listener)
    return _cropped(out.getvalue(), boxes[0].padded(PAD_INCHES), figure.get_figheight())


def _cropped(svg: bytes, box: Bbox, figure_height: float) -> bytes:
    """`svg` showing only `box` (inches, origin bottom left); SVG's own origin is the top left, in points."""
    width, height = (_short_float_fmt(72 * size) for size in (box.width, box.height))
    left, top = _short_float_fmt(72 * box.x0), _short_float_fmt(72 * (figure_height - box.y1))
    size = f'width="{width}pt" height="{height}pt" viewBox="{left} {top} {width} {height}"'.encode()
    cropped, found = _ROOT_SIZE.subn(size, svg, count=1)
    if not found:
        raise ValueError("matplotlib's SVG has no width, height and viewBox on its root element")
    return cropped
