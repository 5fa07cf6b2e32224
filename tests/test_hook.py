"""The MkDocs hook: a thin adapter, tested with stub pages and no MkDocs build."""

import importlib.util
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

HOOK = Path(__file__).resolve().parent.parent / "hooks" / "gradcore_hook.py"
PAGE = "```gc:example hk\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\nLoss: [[gc hk.loss]]\n"


@pytest.fixture()
def hook():
    spec = importlib.util.spec_from_file_location("gradcore_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.on_pre_build(config=SimpleNamespace(config_file_path="mkdocs.yml", get=lambda key: None))
    return module


def page(src_uri, url):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url, meta={})


def test_pages_without_markers_are_left_alone(hook):
    """Assert None (page unchanged) for a page with no marker."""
    assert hook.on_page_markdown("# Plain\n", page=page("a.md", "a.html"), config=None, files=None) is None


def test_markers_become_numbers_and_links_are_relative(hook):
    """Assert the loss is filled in and JSON links climb to the site root."""
    out = hook.on_page_markdown(PAGE, page=page("sub/b.md", "sub/b.html"), config=None, files=None)
    expected = 0.5 * (1 / (1 + math.exp(-0.5))) ** 2  # L = 1/2 (0 - sigma(1 x 0.5))^2
    assert "[[gc" not in out and f"Loss: {expected:.4f}\n" in out
    assert 'href="../examples/hk.json"' in out


def test_errors_become_plugin_errors_with_file_and_line(hook):
    """Assert a bad marker raises PluginError naming docs/<file>:<line>."""
    with pytest.raises(PluginError, match=r"docs/c\.md:7: unknown quantity 'nope'"):
        hook.on_page_markdown(PAGE.replace("hk.loss", "hk.nope"), page=page("c.md", "c.html"), config=None,
                              files=None)


def test_post_build_writes_the_json(hook, tmp_path):
    """Assert examples.json and one file per example are written into the site folder."""
    hook.on_page_markdown(PAGE, page=page("d.md", "d.html"), config=None, files=None)
    hook.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    assert (tmp_path / "examples.json").is_file() and (tmp_path / "examples" / "hk.json").is_file()
