"""Rendered pages and JSON texts kept between builds (gradcore.page_cache)."""

import pytest

from gradcore import page_cache
from gradcore.page_cache import CachedRenderer, cached_json
from gradcore.render import PageError

PAGE = """```gc:example pc
X: [[1.0, -0.5]]
y: [[0.25]]
W1: [[0.3], [0.8]]
```

Loss [[gc pc.loss]], and in math \\(L = [[gc pc.loss]]\\).

[[gc:figure pc diagram]]
"""


class Recorder:
    """A figure renderer that writes a placeholder and remembers each request."""

    def __init__(self):
        self.calls = []

    def __call__(self, example, marker, prefix):
        self.calls.append((example, marker.text, prefix))
        return f"<img src='{prefix}fig-{marker.target}.svg'>"


@pytest.fixture(autouse=True)
def empty_cache():
    page_cache.clear_cache()
    yield
    page_cache.clear_cache()


def renderer():
    return CachedRenderer(figure_markup=Recorder())


def counts():
    info = page_cache.cache_info()
    return info["hits"], info["misses"]


def test_unchanged_page_is_served_from_the_cache():
    """Assert a second build gets the same output from a hit, with the page's examples registered."""
    first, second = renderer(), renderer()
    before = counts()
    out = first.render_page(PAGE, "docs/a.md", "../")
    assert second.render_page(PAGE, "docs/a.md", "../") == out
    assert counts() == (before[0] + 1, before[1] + 1)
    assert second.owners == {"pc": "docs/a.md"} and second.examples["pc"] is first.examples["pc"]


def test_a_hit_asks_for_the_figures_again():
    """Assert the figure renderer gets the same request on a hit, so the build writes the figure."""
    first, second = renderer(), renderer()
    first.render_page(PAGE, "docs/a.md", "../")
    second.render_page(PAGE, "docs/a.md", "../")
    assert second.figure_markup.calls == first.figure_markup.calls
    assert [(text, prefix) for _, text, prefix in second.figure_markup.calls] == [("[[gc:figure pc diagram]]", "../")]


@pytest.mark.parametrize(("text", "page", "prefix"), [
    (PAGE + "\nMore.\n", "docs/a.md", "../"),
    (PAGE, "docs/a.md", ""),
    (PAGE, "docs/b.md", "../"),
])
def test_any_change_of_text_prefix_or_page_renders_again(text, page, prefix):
    """Assert a miss whenever the text, the URL prefix or the page differs."""
    renderer().render_page(PAGE, "docs/a.md", "../")
    hits, misses = counts()
    out = renderer().render_page(text, page, prefix)
    assert counts() == (hits, misses + 1)
    assert ("src='fig-pc.svg'" in out) == (prefix == "")


def test_a_name_taken_by_another_page_is_still_reported():
    """Assert a cached page whose example name another page now defines fails as a duplicate."""
    renderer().render_page(PAGE, "docs/a.md")
    build = renderer()
    build.render_page(PAGE, "docs/b.md")
    with pytest.raises(PageError, match="duplicate example name 'pc'"):
        build.render_page(PAGE, "docs/a.md")


def test_errors_are_not_cached():
    """Assert a failing page fails on every build."""
    broken = PAGE + "[[gc pc.nothing]]\n"
    for _ in range(2):
        with pytest.raises(PageError, match="nothing"):
            renderer().render_page(broken, "docs/a.md")
    assert page_cache.cache_info()["size"] == 0


def test_cached_json_is_reused_only_for_the_same_example_objects():
    """Assert `make` runs again when an example object (not just its name) changes."""
    made = []
    build = renderer()
    build.render_page(PAGE, "docs/a.md")
    sources = [("pc", "docs/a.md", build.examples["pc"])]
    first = cached_json("x.json", sources, lambda: made.append(1) or {"n": 1})
    assert cached_json("x.json", list(sources), lambda: made.append(2) or {"n": 2}) is first
    other = [("pc", "docs/a.md", object())]
    assert cached_json("x.json", other, lambda: made.append(3) or {"n": 3}) == '{\n "n": 3\n}\n'
    assert made == [1, 3]
