"""The Markdown extension, through a real `markdown.Markdown`: same numbers as the hook, no second pass."""

from __future__ import annotations

import base64
import re
from types import SimpleNamespace

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from gradcore import mdext, site
from gradcore.export import entry, to_json
from gradcore.render import SiteRenderer

EXTENSIONS = ["gradcore.mdext", "pymdownx.snippets", "pymdownx.superfences", "pymdownx.arithmatex", "md_in_html"]
CONFIGS = {"pymdownx.arithmatex": {"generic": True}}
PAGE = """# Demo page

```gc:example hk
X: [[1.0, -2.0]]
y: [[0.0]]
W1: [[0.5], [0.25]]
```

Loss: [[gc hk.loss]]; in math \\(\\frac{\\partial L}{\\partial W_1} = [[gc hk.dW1]]\\).

[[gc:gradients hk]]

```python
print("[[!gc hk.loss]]")
```
"""
MATH = re.compile(r'class="arithmatex">(.*?)</(?:span|div)>', re.DOTALL)


@pytest.fixture(autouse=True)
def fresh_site():
    """Every test starts with an empty shared renderer."""
    mdext.reset()
    yield
    mdext.reset()


class FakeRelpath(Treeprocessor):
    """What MkDocs and ProperDocs register: a treeprocessor that knows the page's file."""

    def __init__(self, src_uri: str, url: str) -> None:
        super().__init__()
        self.file = SimpleNamespace(src_uri=src_uri, url=url)

    def run(self, root):
        return None


class FakeContext(Preprocessor):
    """What Zensical registers: a preprocessor that holds the page."""

    def __init__(self, path: str, url: str) -> None:
        super().__init__()
        self.page = SimpleNamespace(path=path, url=url)

    def run(self, lines):
        return lines


def convert(text: str, *, extensions=EXTENSIONS, relpath: tuple[str, str] | None = None,
            context: tuple[str, str] | None = None) -> str:
    md = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
    if relpath:
        md.treeprocessors.register(FakeRelpath(*relpath), "relpath", 0)
    if context:
        md.preprocessors.register(FakeContext(*context), "rendering_context", 0)
    return md.convert(text)


def test_same_html_as_the_hook_path():
    """Assert the extension's HTML equals the hook's rendering fed to Markdown, but for the JSON links."""
    rendered = site.mark_rendered(SiteRenderer().render_page(PAGE, "docs/a.md"))
    hooked = site.finish_html(markdown.markdown(rendered, extensions=EXTENSIONS[1:], extension_configs=CONFIGS))
    extended = convert(PAGE, relpath=("a.md", "a.html"))
    data = re.compile(r'<p class="gc-data">.*?</p>', re.DOTALL)
    assert data.sub("", extended).strip() == data.sub("", hooked).strip()
    assert len(MATH.findall(extended)) == 2  # the inline value and the gradients block


def test_the_loss_is_the_hand_computed_value():
    """Assert u = 1 x 0.5 - 2 x 0.25 = 0, so yhat = 1/2 and L = 1/2 (0 - 1/2)^2 = 0.125 is on the page."""
    assert "Loss: 0.1250;" in convert(PAGE)


def test_a_page_the_hook_rendered_is_left_alone():
    """Assert the hook's mark is removed and nothing else happens (no second rendering)."""
    spy = []
    original = SiteRenderer.render_page
    SiteRenderer.render_page = lambda self, *args: spy.append(args) or original(self, *args)
    try:
        html = convert("Already rendered: 0.25\n\n" + site.RENDERED_MARK + "\n")
    finally:
        SiteRenderer.render_page = original
    assert html == "<p>Already rendered: 0.25</p>" and spy == []


def test_a_marker_behind_a_forged_mark_fails_at_the_end():
    """Assert a raw marker that skipped rendering is caught by the postprocessor, naming the page."""
    unresolved = r"docs/x\.md: unresolved gradcore syntax .*'\[\[gc hk\.loss\]\]'"
    with pytest.raises(mdext.GradcoreMarkdownError, match=unresolved):
        convert("[[gc hk.loss]]\n\n" + site.RENDERED_MARK, relpath=("x.md", "x.html"))


def test_priorities_put_the_preprocessor_between_snippets_and_fences():
    """Assert order: snippets, gradcore, normalize, fences, html_block; finish after raw HTML returns."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    order = ["snippet", "gradcore", "normalize_whitespace", "fenced_code_block", "html_block"]
    positions = [md.preprocessors.get_index_for_name(name) for name in order]
    assert positions == sorted(positions)
    post = md.postprocessors
    assert post.get_index_for_name("gradcore_finish") > post.get_index_for_name("amp_substitute") > \
        post.get_index_for_name("raw_html")


def test_fences_and_literal_markers_on_the_page_still_work():
    """Assert the python fence is highlighted and the literal marker shows as entities."""
    html = convert(PAGE)
    assert '<div class="highlight">' in html and "&#91;&#91;gc hk.loss]]" in html
    assert "gc:example" not in html and "GRADCORE" not in html


@pytest.mark.parametrize(("where", "name"), [
    ({"relpath": ("sub/p.md", "sub/p.html")}, "docs/sub/p.md"),
    ({"context": ("q.md", "q.html")}, "docs/q.md"),
    ({}, "page 'Demo page' (sha256 "),
])
def test_errors_name_the_page_the_engine_reports(where, name):
    """Assert the page in the error comes from MkDocs' relpath, Zensical's context, or the first heading."""
    with pytest.raises(mdext.GradcoreMarkdownError) as caught:
        convert(PAGE.replace("hk.loss", "hk.nope"), **where)
    assert f"{name}" in str(caught.value) and ":9: unknown quantity 'nope' for example 'hk'" in str(caught.value)


def test_an_untitled_page_is_named_by_its_hash():
    """Assert a page without a heading is named 'untitled page' with the hash of its text."""
    with pytest.raises(mdext.GradcoreMarkdownError, match=r"untitled page \(sha256 [0-9a-f]{8}\):1: unknown example"):
        convert("[[gc nope.loss]]\n")


def test_pages_of_one_site_share_names_but_plain_conversions_do_not():
    """Assert two engine pages cannot both define 'hk', while two plain conversions each may."""
    convert(PAGE)
    convert(PAGE)  # no engine: no site, no clash
    convert(PAGE, relpath=("a.md", "a.html"))
    convert(PAGE, relpath=("a.md", "a.html"))  # the same page rendered again replaces its examples
    with pytest.raises(mdext.GradcoreMarkdownError, match=r"docs/b\.md:3: duplicate example name 'hk'.*docs/a\.md"):
        convert(PAGE, relpath=("b.md", "b.html"))


def test_the_json_link_carries_the_examples_entry():
    """Assert the page links the example's JSON as a data: URI holding exactly export.entry's text."""
    html = convert(PAGE, context=("a.md", "a.html"))
    link = re.search(r'href="data:application/json;base64,([^"]+)" download="hk\.json"', html)
    example = mdext._SITE.examples["hk"]
    assert link and base64.b64decode(link[1]).decode() == to_json(entry("hk", "docs/a.md", example))
    assert "examples.json" not in html


def test_make_extension_is_the_entry_point():
    """Assert makeExtension builds the extension Python-Markdown loads for the name gradcore.mdext."""
    assert isinstance(mdext.makeExtension(), mdext.GradcoreExtension)
