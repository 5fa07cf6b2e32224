"""What the Markdown extension puts in a page instead of files: JSON and figures as `data:` URIs.

The MkDocs hook writes `examples/NAME.json` and `figures/*.svg` into the site
once every page is rendered. A Markdown extension has no end-of-build step,
so `gradcore.mdext` puts the same bytes into the page itself: each example's
JSON behind a download link, each figure's SVG in the `<img>`.
"""

from __future__ import annotations

import base64
import html
import re

from gradcore.export import entry, to_json
from gradcore.markers import Marker
from gradcore.render import Example, SiteRenderer

__all__ = ["data_uri", "embed_data_links", "inline_figure"]

# The closing paragraph that SiteRenderer.render_page appends when a page defines examples.
_DATA_PARAGRAPH = re.compile(r'\n*<p class="gc-data">.*?</p>\n*\Z', re.DOTALL)


def data_uri(media_type: str, data: bytes) -> str:
    """`data` as a base64 `data:` URI of the given media type."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def embed_data_links(markdown: str, renderer: SiteRenderer, page: str) -> str:
    """Swap the page's links to `examples/*.json` files for links that carry the JSON.

    Args:
        markdown: What `renderer.render_page` returned for `page`.
        renderer: The renderer that just rendered `page`.
        page: The page's name, as given to `render_page`.

    Returns:
        The same Markdown, its closing data paragraph linking `data:` URIs.
    """
    names = [name for name, owner in renderer.owners.items() if owner == page]
    if not names:
        return markdown
    links = ", ".join(
        f'<a href="{data_uri("application/json", to_json(entry(name, page, renderer.examples[name])).encode())}" '
        f'download="{html.escape(name)}.json">{html.escape(name)}</a>'
        for name in names)
    paragraph = ("\n\n<p class=\"gc-data\">The numbers on this page are computed when the site is built; "
                 f"save them as JSON: {links}.</p>\n")
    rendered, count = _DATA_PARAGRAPH.subn(lambda _match: paragraph, markdown, count=1)
    if count != 1:
        raise RuntimeError("gradcore.mdext found no data paragraph at the end of the rendered page; "
                           "render.py and mdext_output.py disagree about its form")
    return rendered


def inline_figure(example: Example, marker: Marker, prefix: str) -> str:
    """The figure markup of `gradcore.figures`, its SVG inlined instead of written to a file.

    `prefix` is not needed: nothing refers to a file.
    """
    from gradcore.figures import FigureSet  # imported late: figures are optional for a page

    figures = FigureSet()
    markup = figures.markup(example, marker, "")
    for path, svg in figures.files.items():
        markup = markup.replace(f'src="{html.escape(path)}"', f'src="{data_uri("image/svg+xml", svg)}"')
        markup = markup.replace(f' href="{html.escape(path)}" title="Open the figure at full size"', "")
    return markup
