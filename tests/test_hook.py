"""The MkDocs hook: a thin adapter, tested with stub configs and pages and no MkDocs build."""

import importlib.util
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from gradcore.pages.render import Page, render_page

HOOK = Path(__file__).resolve().parent.parent / "hooks" / "gradcore_hook.py"
PAGE = "```gc:example hk\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\nLoss: [[gc hk.loss]]\n"


@pytest.fixture()
def hook():
    spec = importlib.util.spec_from_file_location("gradcore_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def config(**values):
    return SimpleNamespace(**{"markdown_extensions": ["gradcore.engine.mdext"], "mdx_configs": {},
                              "config_file_path": "/project/mkdocs.yml", **values})


def page(src_uri):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def test_the_hook_hands_its_build_to_the_extension(hook):
    """Assert on_config passes the hook's build as the extension's `build` option, rooted at the config's folder."""
    done = hook.on_config(config())
    assert done.mdx_configs["gradcore.engine.mdext"]["build"] is hook.build and hook.build.project == "/project"


def test_the_hook_needs_the_extension(hook):
    """Assert a config without gradcore.engine.mdext stops with a message saying what to add."""
    with pytest.raises(PluginError, match="needs `gradcore.engine.mdext` under markdown_extensions"):
        hook.on_config(config(markdown_extensions=["toc"]))


def test_errors_become_plugin_errors_with_file_and_line(hook):
    """Assert a page's errors, kept by the build, stop the build at that page naming docs/<file>:<line>."""
    hook.on_pre_build(config=config())
    hook.build.add(render_page(PAGE.replace("hk.loss", "hk.nope"), Page("docs/c.md")))
    with pytest.raises(PluginError, match=r"docs/c\.md:7: unknown quantity 'nope'"):
        hook.on_page_content("<p>Loss:</p>", page=page("c.md"), config=None, files=None)
    assert hook.on_page_content("<p>Fine</p>", page=page("d.md"), config=None, files=None) == "<p>Fine</p>"


def test_post_build_writes_the_json(hook, tmp_path):
    """Assert examples.json and one file per example are written into the site folder."""
    hook.on_config(config(config_file_path=str(tmp_path / "mkdocs.yml")))
    hook.on_pre_build(config=config())
    hook.build.add(render_page(PAGE, Page("docs/d.md")))
    hook.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site" / "examples.json").is_file() and (tmp_path / "site" / "examples" / "hk.json").is_file()


def test_a_new_build_forgets_the_last_one(hook, tmp_path):
    """Assert on_pre_build starts afresh: a page renamed between two builds of `mkdocs serve` is no duplicate."""
    hook.on_pre_build(config=config())
    hook.build.add(render_page(PAGE, Page("docs/old-name.md")))
    hook.on_pre_build(config=config())
    assert hook.build.add(render_page(PAGE, Page("docs/new-name.md"))) == []


def test_tex_mathjax_cannot_read_is_a_build_error_at_its_line(hook, tmp_path, monkeypatch):
    """Assert broken TeX stops the build naming docs/<file>:<line>, and good math is drawn, with no TeX left."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    hook.on_config(config(config_file_path=str(tmp_path / "mkdocs.yml")))
    where = SimpleNamespace(docs_dir=str(tmp_path / "docs"))
    shown = SimpleNamespace(file=SimpleNamespace(src_uri="c.md"), markdown="# C\n\n$$\nx^2^3\n$$\n")
    broken = '<div class="arithmatex">\\[\nx^2^3\n\\]</div>'
    with pytest.raises(PluginError, match=r"^docs/c\.md:4: MathJax cannot typeset 'x\^2\^3': Double exponent"):
        hook.on_post_page(f"<p>{broken}</p>", page=shown, config=where)
    drawn = hook.on_post_page(broken.replace("^3", ""), page=shown, config=where)
    assert "<svg" in drawn and "\\[" not in drawn


def test_only_a_server_keeps_drawn_math_in_memory(hook):
    """Assert a one-off `mkdocs build` keeps no drawings for a next build, and `mkdocs serve` does."""
    from gradcore.engine.mathjax_v8 import MATHJAX

    try:
        hook.on_startup(command="build", dirty=False)
        assert MATHJAX.memory() is None
        hook.on_startup(command="serve", dirty=False)
        assert MATHJAX.memory() is MATHJAX.drawings
    finally:
        MATHJAX.keep_drawings = True


def test_the_engine_outlives_the_hook_module_that_serve_reloads(hook):
    """Assert every load of the hook (mkdocs serve loads it for each rebuild) draws with the process's one MathJax."""
    from gradcore.engine import mathjax_v8

    again = importlib.util.module_from_spec(importlib.util.spec_from_file_location("gradcore_hook_again", HOOK))
    again.__spec__.loader.exec_module(again)
    assert again.build is not hook.build and again.mathjax_v8.MATHJAX is hook.mathjax_v8.MATHJAX is mathjax_v8.MATHJAX


def test_the_cache_is_tidied_once_when_mkdocs_is_done(hook, tmp_path, monkeypatch):
    """Assert stale cache entries go at shutdown (once per process), not in every rebuild of `mkdocs serve`."""
    from gradcore import cache

    hook.on_config(config(config_file_path=str(tmp_path / "mkdocs.yml")))
    cache.write("pages", "a1" * 32, b"{}", str(tmp_path))
    entry = cache.entry_path("pages", "a1" * 32, str(tmp_path))
    long_ago = time.time() - (cache.STALE_DAYS + 1) * 86_400
    os.utime(entry, (long_ago, long_ago))
    monkeypatch.setattr(hook.guard, "scan_site", lambda site_dir: [])
    hook.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path / "site")))
    assert entry.is_file()
    hook.on_shutdown()
    assert not entry.is_file()
