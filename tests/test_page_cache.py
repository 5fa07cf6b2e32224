"""The memo of rendered pages and the JSON texts kept between builds (gradcore.page_cache)."""

import pytest

from gradcore import page_cache
from gradcore.page_cache import cached_json, rendered
from gradcore.render import Page
from gradcore.site import SiteBuild

PAGE = """```gc:example pc
X: [[1.0, -0.5]]
y: [[0.25]]
W1: [[0.3], [0.8]]
```

Loss [[gc pc.loss]], and in math \\(L = [[gc pc.loss]]\\).

[[gc:figure pc diagram]]
"""
A = Page("docs/a.md", "../")


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    """An empty memo, and a figure cache of the test's own."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    page_cache.clear_cache()
    yield
    page_cache.clear_cache()


def counts():
    info = page_cache.cache_info()
    return info["hits"], info["misses"]


def test_unchanged_page_is_served_from_the_memo():
    """Assert a second render of the same text for the same page is the very same result."""
    before = counts()
    first = rendered(PAGE, A)
    assert rendered(PAGE, A) is first
    assert counts() == (before[0] + 1, before[1] + 1)


def test_a_hit_still_carries_the_figures():
    """Assert the memo's result holds the figure's SVG, so a build served from it still writes the figure."""
    first = rendered(PAGE, A)
    (path,) = first.figures
    assert path.startswith("figures/pc-diagram-") and first.figures[path].lstrip().startswith(b"<")
    assert f'src="../{path}"' in rendered(PAGE, A).markdown


@pytest.mark.parametrize(("text", "page"), [
    (PAGE + "\nMore.\n", A),
    (PAGE, Page("docs/a.md", "")),
    (PAGE, Page("docs/b.md", "../")),
    (PAGE, Page("docs/a.md", "../", inline=True)),
])
def test_any_change_of_text_or_page_renders_again(text, page):
    """Assert a miss whenever the text, the page, its prefix or the output mode differs."""
    rendered(PAGE, A)
    hits, misses = counts()
    rendered(text, page)
    assert counts() == (hits, misses + 1)


def test_a_change_of_gradcore_renders_again(monkeypatch):
    """Assert the code version is part of the key."""
    rendered(PAGE, A)
    hits, misses = counts()
    monkeypatch.setattr(page_cache, "code_version", lambda: "another version")
    rendered(PAGE, A)
    assert counts() == (hits, misses + 1)


def test_a_name_taken_by_another_page_is_still_reported():
    """Assert a page served from the memo is still checked against the other pages of the build."""
    build = SiteBuild()
    assert build.add(rendered(PAGE, Page("docs/b.md"))) == []
    (error,) = build.add(rendered(PAGE, A))
    assert "duplicate example name 'pc'" in error.problem and "docs/b.md" in error.valid


def test_a_failing_page_fails_on_every_build():
    """Assert the errors are part of the memo's result, so a hit fails as the first render did."""
    broken = PAGE + "[[gc pc.nothing]]\n"
    for _ in range(2):
        assert "unknown quantity 'nothing'" in rendered(broken, A).message()
    assert counts()[0] >= 1


def test_cached_json_is_reused_only_for_the_same_example_objects():
    """Assert `make` runs again when an example object (not just its name) changes."""
    made = []
    (definition,) = rendered(PAGE, A).definitions
    sources = [("pc", "docs/a.md", definition.example)]
    first = cached_json("x.json", sources, lambda: made.append(1) or {"n": 1})
    assert cached_json("x.json", list(sources), lambda: made.append(2) or {"n": 2}) is first
    other = [("pc", "docs/a.md", object())]
    assert cached_json("x.json", other, lambda: made.append(3) or {"n": 3}) == '{\n "n": 3\n}\n'
    assert made == [1, 3]
