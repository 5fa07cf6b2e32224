"""A figure marker becomes an `<img>` of an SVG that is drawn once, cached, and written into the site (or inlined)."""

from __future__ import annotations

import hashlib
import html
import math
import re

from gradcore.examples.export import data_uri
from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.figures import cache
from gradcore.figures.alt import ALT
from gradcore.figures.captions import DESCRIBE, caption_html
from gradcore.figures.kinds import FigureKind, draw, figure_kind, figure_options
from gradcore.markup.markers import Marker

FOLDER = "figures"
PIXELS_PER_POINT = 4 / 3  # CSS pixels are 1/96 inch, SVG points 1/72
# Every label is drawn at SMALLEST_LABEL_PT or more (a test checks each kind), and a figure is never
# shown so small that such a label falls under READABLE_PX CSS pixels: narrower than that, it scrolls.
SMALLEST_LABEL_PT = 8.0
READABLE_PX = 10.0
_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="(?P<width>[\d.]+)pt" height="(?P<height>[\d.]+)pt"')

Example = NetworkExample | SigmoidExample


def figure_svg(kind: FigureKind, example: Example, options: dict[str, str], project: str = "") -> bytes:
    """The SVG of one figure: from the project's cache when its inputs are unchanged, else drawn and cached."""
    key = cache.figure_key(kind.name, options, example)
    svg = cache.read(key, project)
    if svg is None or not _SIZE.search(svg[:2000]) or not svg.rstrip().endswith(b"</svg>"):
        svg = draw(kind, example, options)
        cache.write(key, svg, project)
    return svg


def svg_size(svg: bytes) -> tuple[int, int]:
    """The width and height of an SVG drawn by matplotlib, in CSS pixels."""
    found = _SIZE.search(svg[:2000])
    if not found:
        raise ValueError("the figure's SVG has no width and height in points")
    width, height = (round(float(found[name]) * PIXELS_PER_POINT) for name in ("width", "height"))
    return width, height


def smallest_width(width: int) -> int:
    """The narrowest a figure `width` pixels wide may be shown with its labels still READABLE_PX or more."""
    return math.ceil(width * READABLE_PX / (SMALLEST_LABEL_PT * PIXELS_PER_POINT))


def figure_html(src: str, alt: str, caption: str, size: tuple[int, int], *, link: bool = True) -> str:
    """A raw-HTML figure block with blank lines around it; `caption` must already be HTML.

    The image shrinks with the column down to `smallest_width`, then its frame
    scrolls sideways; with `link`, tapping it opens the SVG at full size.
    """
    width, height = size
    label_px = SMALLEST_LABEL_PT * PIXELS_PER_POINT
    anchor = f'<a href="{html.escape(src)}" title="Open the figure at full size">' if link else "<a>"
    return (f'\n\n<figure class="gc-figure"><div class="gc-figure-frame">{anchor}'
            f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" width="{width}" height="{height}" '
            f'style="min-width: {smallest_width(width)}px" data-label-px="{label_px:.2f}"></a></div>'
            f'<figcaption>{caption}</figcaption></figure>\n\n')


def figure_markup(example: Example, marker: Marker, prefix: str, inline: bool,
                  project: str = "") -> tuple[str, str, bytes]:
    """The HTML of the figure `marker` asks for, with the figure's path in the site and its SVG.

    Args:
        example: The example the marker names.
        marker: A `[[gc:figure EXAMPLE KIND ...]]` marker.
        prefix: The relative path from the page to the site root.
        inline: Put the SVG into the `<img>` as a `data:` URI instead of linking the file.
        project: The project's folder, whose figure cache is used ("" for the working folder).

    Raises:
        MarkerError: For a kind or option that is not valid.
    """
    kind = figure_kind(example, marker)
    options = figure_options(kind, example, marker)
    svg = figure_svg(kind, example, options, project)
    digest = hashlib.sha256(svg).hexdigest()[:12]
    path = f"{FOLDER}/{marker.target}-{kind.name}-{digest}.svg"
    pieces = DESCRIBE[kind.name](marker.target, example, options)
    src = data_uri("image/svg+xml", svg) if inline else prefix + path
    # An inlined figure links to nothing: a data: URI opened in a tab of its own is blocked by browsers.
    alt = ALT[kind.name](example, options)
    markup = figure_html(src, alt, caption_html(pieces), svg_size(svg), link=not inline)
    return markup, path, svg
