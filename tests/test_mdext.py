"""The Markdown extension, through a real `markdown.Markdown`: the one path of every engine."""

from __future__ import annotations

import base64
import re
from types import SimpleNamespace

import markdown
import pytest
from markdown.preprocessors import Preprocessor

from gradcore.engine import mdext
from gradcore.engine.site import PageSource, SiteBuild
from gradcore.examples.export import entry, to_json

EXTENSIONS = ["gradcore.engine.mdext", "pymdownx.snippets", "pymdownx.superfences", "pymdownx.arithmatex", "md_in_html"]
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


DOCS: list = []  # the docs folder of the current test (see `fresh_site`)


@pytest.fixture(autouse=True)
def fresh_site(tmp_path):
    """Every test starts with an empty build of its own and a docs folder of its own."""
    mdext.STANDALONE.start()
    DOCS[:] = [tmp_path / "docs"]
    yield
    mdext.STANDALONE.start()


def hook_page(src_uri: str, url: str, text: str) -> PageSource:
    """What the MkDocs hook gives the extension for each page: the page's file, written into the docs folder."""
    source = DOCS[0] / src_uri
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    return PageSource(f"docs/{src_uri}", url, source, str(DOCS[0].parent))


class FakeContext(Preprocessor):
    """What Zensical registers: a preprocessor that holds the page."""

    def __init__(self, path: str, url: str, text: str) -> None:
        super().__init__()
        self.page = SimpleNamespace(path=path, url=url)
        self.config = {"docs_dir": "docs", "root_dir": str(DOCS[0].parent)}
        (DOCS[0] / path).parent.mkdir(parents=True, exist_ok=True)
        (DOCS[0] / path).write_text(text, encoding="utf-8")

    def run(self, lines):
        return lines


def convert(text: str, *, extensions=EXTENSIONS, page: tuple[str, str] | None = None,
            context: tuple[str, str] | None = None, build: SiteBuild | None = None) -> str:
    if page:  # as the hook does: its build, named the page before MkDocs converts it
        build = build or SiteBuild()
        build.page = hook_page(*page, text)
    configs = {**CONFIGS, "gradcore.engine.mdext": {"build": build}}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    if context:
        md.preprocessors.register(FakeContext(*context, text), "rendering_context", 0)
    return md.convert(text)


def test_with_a_build_the_page_links_files_and_without_it_carries_them():
    """Assert the HTML is the same with the hook's build and without it, but for where the JSON is."""
    build = SiteBuild()
    hooked = convert(PAGE, page=("a.md", "a.html"), build=build)
    alone = convert(PAGE, context=("a.md", "a.html"))
    data = re.compile(r'<p class="gc-data">.*?</p>', re.DOTALL)
    assert data.sub("", alone).strip() == data.sub("", hooked).strip()
    assert 'href="examples/hk.json"' in hooked and 'href="data:application/json;base64,' in alone
    assert list(build.owners) == ["hk"] and len(MATH.findall(hooked)) == 2  # the inline value and the block


def test_the_loss_is_the_hand_computed_value():
    """Assert u = 1 x 0.5 - 2 x 0.25 = 0, so yhat = 1/2 and L = 1/2 (0 - 1/2)^2 = 0.125 is on the page."""
    assert "Loss: 0.1250;" in convert(PAGE)


def test_with_a_build_errors_go_to_the_build_for_the_hook_to_report():
    """Assert a bad marker under a hook's build does not raise: the build keeps the message, no marker is left."""
    build = SiteBuild()
    html = convert(PAGE.replace("hk.loss", "hk.nope"), page=("c.md", "c.html"), build=build)
    (message,) = build.take_errors()
    assert message.startswith("docs/c.md:9: unknown quantity 'nope' for example 'hk'")
    assert "[[gc" not in html and build.take_errors() == []


def test_a_marker_made_after_the_preprocessor_fails_at_the_end():
    """Assert marker syntax that only Markdown itself produces (an escaped bracket) is caught, naming the page."""
    unresolved = r"docs/x\.md: unresolved gradcore syntax .*'\[\[gc hk\.loss\]\]'"
    with pytest.raises(mdext.GradcoreMarkdownError, match=unresolved):
        convert("\\[\\[gc hk.loss]]\n", context=("x.md", "x.html"))
    build = SiteBuild()
    convert("\\[\\[gc hk.loss]]\n", page=("x.md", "x.html"), build=build)
    assert "unresolved gradcore syntax" in build.take_errors()[0]


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
    ({"context": ("q.md", "q.html")}, "docs/q.md"),
    ({}, "page 'Demo page' (sha256 "),
])
def test_errors_name_the_page_the_engine_reports(where, name):
    """Assert, without a hook, the page in the error comes from Zensical's context, or the first heading."""
    with pytest.raises(mdext.GradcoreMarkdownError) as caught:
        convert(PAGE.replace("hk.loss", "hk.nope"), **where)
    assert f"{name}" in str(caught.value) and ":9: unknown quantity 'nope' for example 'hk'" in str(caught.value)


def test_errors_name_the_page_the_hook_names():
    """Assert, under a hook, the build's message names the page as the hook named it in the build."""
    build = SiteBuild()
    convert(PAGE.replace("hk.loss", "hk.nope"), page=("sub/p.md", "sub/p.html"), build=build)
    (message,) = build.take_errors()
    assert message.startswith("docs/sub/p.md:9: unknown quantity 'nope' for example 'hk'")


def test_an_untitled_page_is_named_by_its_hash():
    """Assert a page without a heading is named 'untitled page' with the hash of its text."""
    with pytest.raises(mdext.GradcoreMarkdownError, match=r"untitled page \(sha256 [0-9a-f]{8}\):1: unknown example"):
        convert("[[gc nope.loss]]\n")


def test_pages_of_one_site_share_names_but_plain_conversions_do_not():
    """Assert two engine pages cannot both define 'hk', while two plain conversions each may."""
    convert(PAGE)
    convert(PAGE)  # no engine: no site, no clash
    convert(PAGE, context=("a.md", "a.html"))
    convert(PAGE, context=("a.md", "a.html"))  # the same page rendered again replaces its examples
    with pytest.raises(mdext.GradcoreMarkdownError, match=r"docs/b\.md:3: duplicate example name 'hk'.*docs/a\.md"):
        convert(PAGE, context=("b.md", "b.html"))


def test_a_renamed_page_keeps_its_names_in_a_long_running_engine():
    """Assert a page renamed while the engine runs (Zensical's serve) is not a duplicate of its old self."""
    convert(PAGE, context=("old-name.md", "old-name.html"))
    (DOCS[0] / "old-name.md").unlink()
    assert "Loss: 0.1250;" in convert(PAGE, context=("new-name.md", "new-name.html"))


def test_the_json_link_carries_the_examples_entry():
    """Assert the page links the example's JSON as a data: URI holding exactly export.entry's text."""
    html = convert(PAGE, context=("a.md", "a.html"))
    link = re.search(r'href="data:application/json;base64,([^"]+)" download="hk\.json"', html)
    example = next(iter(mdext.STANDALONE.results["docs/a.md"].definitions)).example
    assert link and base64.b64decode(link[1]).decode() == to_json(entry("hk", "docs/a.md", example))
    assert "examples.json" not in html


def test_make_extension_is_the_entry_point():
    """Assert makeExtension builds the extension Python-Markdown loads for the name gradcore.engine.mdext."""
    assert isinstance(mdext.makeExtension(), mdext.GradcoreExtension)
