"""Figures in the disk cache: what a figure's key sees, and that a planted SVG is never used."""

from __future__ import annotations

import dataclasses

import pytest

from figures_support import network, private_cache
from gradcore import cache as disk
from gradcore.cache import CACHE_ENV
from gradcore.core.training import TrainingRun
from gradcore.figures import cache

__all__ = ["private_cache"]
EXAMPLE = network((3, 2, 1))
KEY = "a" * 64


@pytest.mark.parametrize(("kind", "options", "example"), [
    ("loss", {"values": "names"}, EXAMPLE),
    ("diagram", {"values": "weights"}, EXAMPLE),
    ("diagram", {}, EXAMPLE),
    ("diagram", {"values": "names"}, network((3, 2, 1), seed=1)),
])
def test_the_key_changes_with_kind_options_and_example(kind, options, example):
    """Assert kind, options and the example each change the key, and equal inputs give equal keys."""
    key = cache.figure_key("diagram", {"values": "names"}, EXAMPLE)
    assert cache.figure_key(kind, options, example) != key
    assert cache.figure_key("diagram", {"values": "names"}, network((3, 2, 1))) == key


def test_the_key_sees_the_numbers_not_only_the_inputs():
    """Assert a gradcore that computed other numbers from the same inputs would draw again."""
    changed = dataclasses.replace(EXAMPLE, training=TrainingRun((1.0, 0.5), EXAMPLE.network))
    assert changed.spec.fingerprint == EXAMPLE.spec.fingerprint
    assert cache.figure_key("loss", {}, changed) != cache.figure_key("loss", {}, EXAMPLE)


def test_the_key_changes_with_the_code_version(monkeypatch):
    """Assert a change to gradcore (its code version) draws every figure again."""
    before = cache.figure_key("diagram", {}, EXAMPLE)
    monkeypatch.setattr(disk, "code_version", lambda: "other code")
    assert cache.figure_key("diagram", {}, EXAMPLE) != before


SVG = b'<svg width="10pt" height="10pt"><use xlink:href="#a"/></svg>'


@pytest.mark.parametrize("planted", [
    b"<svg><script>alert(1)</script></svg>", b'<svg onload="alert(1)"/>', b'<svg><a href="javascript:x()"/></svg>',
    b'<svg><image xlink:href="https://example.org/x.png"/></svg>', b"<svg><foreignObject/></svg>",
    b'<svg><style>rect { fill: url("https://example.org/p") }</style></svg>',
])
def test_a_planted_svg_is_refused_even_with_a_matching_digest(private_cache, planted):
    """Assert an SVG that could run or fetch something never comes out of the cache, whatever its header."""
    cache.write(KEY, planted)
    assert (private_cache / KEY).is_file() and cache.read(KEY) is None
    assert cache.unsafe_svg(planted) and not cache.unsafe_svg(SVG)


def test_an_mkdocs_build_keeps_its_figures_beside_its_config(monkeypatch, tmp_path):
    """Assert a build started from another folder caches its figures next to mkdocs.yml."""
    from site_project import build_in_process, make_project

    monkeypatch.delenv(CACHE_ENV, raising=False)
    page = "# F\n\n```gc:example f\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\n[[gc:figure f diagram]]\n"
    project = make_project(tmp_path / "project", {"index.md": page})
    build_in_process(project)
    assert len(list((project / ".cache" / "gradcore" / "figures").iterdir())) == 1
