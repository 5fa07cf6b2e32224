"""The background renderer of a first build (gradcore.engine.prefetch): what it takes, what it leaves on disk."""

from __future__ import annotations

import pytest

from gradcore.engine import page_cache, prefetch
from gradcore.pages.page import Page

GOOD = ("```gc:example pf{n}\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.{n}]]\n```\n\n"
        "Loss [[gc pf{n}.loss]].\n\n[[gc:figure pf{n} diagram]]\n")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """A disk cache of the test's own and an empty memo."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(prefetch, "_cores", lambda: 2)
    page_cache.clear_cache()
    yield
    page_cache.clear_cache()


def pages(*texts: str) -> list[tuple[str, Page]]:
    return [(text, Page(f"docs/p{n}.md", "", project="")) for n, text in enumerate(texts)]


def test_the_helper_stores_every_good_page_and_no_page_with_an_error():
    """Assert the pages it rendered come from the disk afterwards, and a failing page is left to the build."""
    work = pages(GOOD.format(n=1), GOOD.format(n=2), GOOD.format(n=3) + "[[gc pf3.nothing]]\n")
    helper = prefetch.start(work)
    assert helper is not None and helper.wait(timeout=300) == 0
    assert [page_cache.is_cached(text, page) for text, page in work] == [True, True, False]
    assert prefetch.missing(work) == work[2:]
    misses = page_cache.cache_info()["misses"]
    assert all(not page_cache.rendered(text, page).errors for text, page in work[:2])
    assert page_cache.cache_info()["misses"] == misses


def test_no_helper_for_one_page_or_one_core(monkeypatch):
    """Assert a helper starts only with pages and a core to share."""
    assert prefetch.start(pages(GOOD.format(n=1))) is None
    monkeypatch.setattr(prefetch, "_cores", lambda: 1)
    assert prefetch.start(pages(GOOD.format(n=1), GOOD.format(n=2))) is None


def test_stop_ends_a_running_helper():
    """Assert the build can end the helper at any time, and ending an ended or absent helper is harmless."""
    helper = prefetch.start(pages(GOOD.format(n=4), GOOD.format(n=5)))
    assert helper is not None
    prefetch.stop(helper)
    assert helper.poll() is not None
    prefetch.stop(helper)
    prefetch.stop(None)


def test_the_hook_hands_over_the_very_texts_the_extension_renders(tmp_path, monkeypatch):
    """Assert the pages the hook gives the helper are the (text, page) pairs the extension then renders,
    front matter and Windows line ends included, so that what the helper stores is what the build reads."""
    from gradcore.engine import mdext
    from site_project import build_in_process, make_project

    handed, rendered_by_build = [], []
    monkeypatch.setattr(prefetch, "start", lambda pages: handed.extend(pages))
    original = mdext.rendered
    monkeypatch.setattr(mdext, "rendered", lambda text, page: rendered_by_build.append((text, page))
                        or original(text, page))
    first = "---\ntitle: With front matter\n---\n\n# One\n\n" + GOOD.format(n=6)
    project = make_project(tmp_path / "project", {"index.md": first, "sub/two.md": "# Two\r\n\r\n"
                                                  + GOOD.format(n=7).replace("\n", "\r\n")})
    build_in_process(project)
    assert len(handed) == 2 and sorted(handed, key=repr) == sorted(rendered_by_build, key=repr)


def test_v8_is_started_early_only_when_pages_must_be_rendered(tmp_path, monkeypatch):
    """Assert the hook has V8 start while pages render when some page is not in the page cache, and not otherwise."""
    from gradcore.engine import mathsvg
    from site_project import build_in_process, make_project

    early = []
    monkeypatch.setattr(prefetch, "start", lambda pages: None)
    monkeypatch.setattr(mathsvg, "start_early", lambda: early.append("build"))
    project = make_project(tmp_path / "project", {"index.md": "# One\n\n" + GOOD.format(n=6)})
    build_in_process(project)
    assert early == ["build"]
    build_in_process(project)  # every page from the cache now
    assert early == ["build"]


def test_the_helper_takes_only_spare_time(monkeypatch):
    """Assert the helper lowers its own priority before rendering, so the build and its math drawing come first."""
    import io
    import json
    import sys

    niced, rendered = [], []
    monkeypatch.setattr(prefetch.os, "nice", lambda step: niced.append(step))
    monkeypatch.setattr(page_cache, "rendered", lambda text, page: rendered.append(niced[:]))
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps([["# A\n", "docs/a.md", "", ""]])))
    prefetch.main()
    assert rendered == [[19]]
