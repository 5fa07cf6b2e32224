"""A figure marker becomes an `<img>` of an SVG file that is drawn once, cached, and written into the site."""

from __future__ import annotations

import hashlib
import math
import html
import os
import re
from pathlib import Path

from gradcore.figures import cache
from gradcore.figures.captions import DESCRIBE, alt_text, caption_html
from gradcore.figures.kinds import FigureKind, draw, figure_kind, figure_options
from gradcore.markers import Marker
from gradcore.worked import NetworkExample, SigmoidExample

FOLDER = "figures"
PIXELS_PER_POINT = 4 / 3  # CSS pixels are 1/96 inch, SVG points 1/72
# Every label is drawn at SMALLEST_LABEL_PT or more (a test checks each kind), and a figure is never
# shown so small that such a label falls under READABLE_PX CSS pixels: narrower than that, it scrolls.
SMALLEST_LABEL_PT = 8.0
READABLE_PX = 10.0
_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="(?P<width>[\d.]+)pt" height="(?P<height>[\d.]+)pt"')

Example = NetworkExample | SigmoidExample


def figure_svg(kind: FigureKind, example: Example, options: dict[str, str]) -> bytes:
    """The SVG of one figure: from the cache when its inputs are unchanged, else drawn and cached."""
    key = cache.figure_key(kind.name, options, example)
    svg = cache.read(key)
    if svg is None or not _SIZE.search(svg[:2000]) or not svg.rstrip().endswith(b"</svg>"):
        svg = draw(kind, example, options)
        cache.write(key, svg)
    return svg


def svg_size(svg: bytes) -> tuple[int, int]:
    """The width and height of an SVG drawn by matplotlib, in CSS pixels."""
    found = _SIZE.search(svg[:2000])
    if not found:
        raise ValueError("the figure's SVG has no width and height in points")
    return tuple(round(float(found[name]) * PIXELS_PER_POINT) for name in ("width", "height"))


def smallest_width(width: int) -> int:
    """The narrowest a figure `width` pixels wide may be shown with its labels still READABLE_PX or more."""
    return math.ceil(width * READABLE_PX / (SMALLEST_LABEL_PT * PIXELS_PER_POINT))


def figure_html(src: str, alt: str, caption: str, size: tuple[int, int]) -> str:
    """A raw-HTML figure block with blank lines around it; `caption` must already be HTML.

    The image shrinks with the column down to `smallest_width`, then its frame
    scrolls sideways; tapping it opens the SVG at full size.
    """
    width, height = size
    label_px = SMALLEST_LABEL_PT * PIXELS_PER_POINT
    return (f'\n\n<figure class="gc-figure"><div class="gc-figure-frame">'
            f'<a href="{html.escape(src)}" title="Open the figure at full size">'
            f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" width="{width}" height="{height}" '
            f'style="min-width: {smallest_width(width)}px" data-label-px="{label_px:.2f}"></a></div>'
            f'<figcaption>{caption}</figcaption></figure>\n\n')


class FigureSet:
    """The figures one build asks for, keyed by their path in the site.

    `markup` is what `SiteRenderer.figure_markup` calls for a figure marker;
    `write` puts every figure asked for into the built site.
    """

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def markup(self, example: Example, marker: Marker, prefix: str) -> str:
        """The HTML of the figure `marker` asks for; MarkerError for a kind or option that is not valid."""
        kind = figure_kind(example, marker)
        options = figure_options(kind, example, marker)
        svg = figure_svg(kind, example, options)
        digest = hashlib.sha256(svg).hexdigest()[:12]
        path = f"{FOLDER}/{marker.target}-{kind.name}-{digest}.svg"
        self.files[path] = svg
        pieces = DESCRIBE[kind.name](marker.target, example, options)
        return figure_html(prefix + path, alt_text(pieces), caption_html(pieces), svg_size(svg))

    def write(self, site_dir: str | os.PathLike) -> None:
        """Write every figure into `site_dir`."""
        for path, svg in self.files.items():
            target = Path(site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(svg)
