"""Figures in a page: the HTML a marker becomes, the files a build writes, the cache, lazy matplotlib."""

from __future__ import annotations

import html.parser
import os
import subprocess
import sys
import textwrap

from figures_support import DEFINITIONS, parse_svg, private_cache
from gradcore.cache import CACHE_ENV
from gradcore.engine.site import SiteBuild
from gradcore.figures import figures_drawn
from gradcore.figures.captions import Math, alt_text, caption_html
from render_support import render

__all__ = ["private_cache"]
FIGURES = ["[[gc:figure net diagram]]", "[[gc:figure net diagram values=gradients]]", "[[gc:figure net loss]]",
           "[[gc:figure net graph]]", "[[gc:figure sig sigmoid]]"]
PAGE = DEFINITIONS + "".join(f"\n{line}\n" for line in FIGURES)


class _Figures(html.parser.HTMLParser):
    """The attributes of every <img> and the text of every <figcaption>."""

    def __init__(self) -> None:
        super().__init__()
        self.images, self.captions, self._in_caption = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        self._in_caption = self._in_caption or tag == "figcaption"
        if tag == "figcaption":
            self.captions.append("")

    def handle_endtag(self, tag):
        self._in_caption = self._in_caption and tag != "figcaption"

    def handle_data(self, data):
        if self._in_caption:
            self.captions[-1] += data


def build(tmp_path, page: str = PAGE) -> tuple[str, SiteBuild]:
    site = SiteBuild()
    out = render(page, "docs/part/figs.md", prefix="../", build=site)
    site.write_outputs(tmp_path / "site")
    return out, site


def test_each_marker_becomes_a_figure_block_with_alt_text(private_cache, tmp_path):
    """Assert one raw-HTML figure per marker, between blank lines, its SVG written where the src points."""
    out, _ = build(tmp_path)
    parsed = _Figures()
    parsed.feed(out)
    opening = '\n\n<figure class="gc-figure"><div class="gc-figure-frame"><a '
    assert len(parsed.images) == len(FIGURES) == out.count(opening)
    for image in parsed.images:
        assert image["src"].startswith("../figures/") and image["src"].endswith(".svg")
        root = parse_svg((tmp_path / "site" / image["src"].removeprefix("../")).read_bytes())
        assert round(float(root.get("width").removesuffix("pt")) * 4 / 3) == int(image["width"])
        assert len(image["alt"]) > 60 and image["alt"] not in out.replace(f'alt="{image["alt"]}"', "")
    assert "3 circles (x superscript 1 to x superscript 3)" in parsed.images[0]["alt"]
    assert "gradients" in parsed.captions[1] and "training run of 20 steps" in parsed.captions[2]
    assert "sigmoid, an S" in parsed.images[4]["alt"] and r"\(\sigma(u)\)" in parsed.captions[4]


def test_alt_and_caption_are_escaped():
    """Assert words are HTML-escaped in the caption and math goes to MathJax inside arithmatex spans."""
    pieces = ["a <b> & 'c' ", Math(r"x^{1} < \hat{y}")]
    assert alt_text(pieces) == "a <b> & 'c' x^1 < y-hat"
    assert caption_html(pieces) == ("a &lt;b&gt; &amp; &#x27;c&#x27; "
                                    r'<span class="arithmatex">\(x^{1} &lt; \hat{y}\)</span>')


def test_a_second_build_reads_every_figure_from_the_cache(private_cache, tmp_path):
    """Assert the rebuild draws nothing and writes byte-identical SVG files under the same names."""
    first, _ = build(tmp_path / "one")
    drawn = figures_drawn()
    second, _ = build(tmp_path / "two")
    assert figures_drawn() == drawn
    assert first == second
    files = sorted(p.name for p in (tmp_path / "one" / "site" / "figures").iterdir())
    assert len(files) == len(FIGURES)
    for name in files:
        one, two = (tmp_path / run / "site" / "figures" / name for run in ("one", "two"))
        assert one.read_bytes() == two.read_bytes()


def test_a_changed_example_draws_again(private_cache, tmp_path):
    """Assert new weights miss the cache and give a new file; a broken cache entry is drawn again."""
    build(tmp_path / "one")
    drawn = figures_drawn()
    build(tmp_path / "two", PAGE.replace("W2: [[0.6], [-0.3]]", "W2: [[0.7], [-0.3]]"))
    assert figures_drawn() == drawn + 4  # every figure of `net`; the sigmoid one is unchanged
    for entry in private_cache.iterdir():
        entry.write_bytes(b"<svg")  # as if a write had been cut short
    build(tmp_path / "three")
    assert figures_drawn() == drawn + 4 + len(FIGURES)


LAZY = textwrap.dedent("""
    import pathlib, sys
    import gradcore.figures
    from gradcore.pages.render import Page, render_page
    from gradcore.engine.site import SiteBuild
    site = SiteBuild()
    site.add(render_page(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"), Page("docs/figs.md")))
    site.write_outputs(sys.argv[2])
    print("matplotlib" in sys.modules, gradcore.figures.figures_drawn())
""")


def test_matplotlib_is_imported_only_to_draw(private_cache, tmp_path):
    """Assert a cold build imports matplotlib and draws; a warm one does neither."""
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    env = {**os.environ, CACHE_ENV: str(private_cache.parent)}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", LAZY, str(page), str(tmp_path / "site")], env=env,
                              capture_output=True, text=True, timeout=300, check=True)
        return done.stdout.strip()

    assert run() == f"True {len(FIGURES)}"
    assert run() == "False 0"
