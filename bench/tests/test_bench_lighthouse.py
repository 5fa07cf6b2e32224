"""The Lighthouse section's own parts: the gzip server, the MathML model of candidate (a), the table."""

import gzip
import urllib.request

from bench.lighthouse import FIGURES, native_mathml, serve_gzipped, table

DRAWN = ('<p><svg style="display: none;" id="MJX-SVG-global-cache"><defs></defs></svg>'
         '<span class="arithmatex"><mjx-container class="MathJax" jax="SVG"><svg><g></g></svg>'
         '<mjx-assistive-mml display="inline"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
         '</mjx-assistive-mml></mjx-container></span></p>'
         '<div class="arithmatex"><mjx-container class="MathJax" jax="SVG" display="true" width="full">'
         '<svg><g></g></svg>'
         '<svg class="gc-tag" data-tag="(1)"><g id="mjx-eqn:a"></g></svg>'
         '<mjx-assistive-mml display="block"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block">'
         '<mi>y</mi></math></mjx-assistive-mml></mjx-container></div>')


def test_text_is_served_gzipped_to_a_browser_that_accepts_it(tmp_path):
    """Assert an HTML file comes gzipped (and whole) when asked with Accept-Encoding: gzip, plain otherwise."""
    (tmp_path / "page.html").write_text("<p>hello</p>" * 100, encoding="utf-8")
    with serve_gzipped(tmp_path) as url:
        asked = urllib.request.Request(url + "page.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == "<p>hello</p>" * 100
        with urllib.request.urlopen(url + "page.html") as response:
            assert response.headers["Content-Encoding"] is None and response.read().startswith(b"<p>hello")


def test_the_mathml_model_keeps_the_math_and_the_numbers_and_drops_the_drawings(tmp_path):
    """Assert each drawing becomes its MathML, a display's number an HTML span with its anchor, no SVG left."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_text(DRAWN + '<script src="assets/mathjax-config.js"></script>',
                                                 encoding="utf-8")
    out = (native_mathml(tmp_path / "site", tmp_path / "mathml") / "page.html").read_text(encoding="utf-8")
    assert "<svg" not in out and "mjx-container" not in out and "mathjax-config" not in out
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>' in out
    assert '<span class="gc-eq-number" id="mjx-eqn:a">(1)</span>' in out and "<mi>y</mi>" in out


def test_the_table_lists_each_site_under_each_page():
    """Assert one row per site and page measured, the candidate only under its page."""
    median = {name: 1.0 for name in FIGURES}
    results = {"this site": {"a.html": {"median": median}, "b.html": {"median": median}},
               "(a) native MathML": {"b.html": {"median": median}}}
    rows = table(results).splitlines()[2:]
    assert [row.split(" | ")[:2] for row in rows] == [["| a.html", "this site"], ["| b.html", "this site"],
                                                      ["| b.html", "(a) native MathML"]]
