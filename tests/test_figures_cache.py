"""The figure cache: where it lives, what its key sees, and that a failing disk never fails a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from figures_support import private_cache
from gradcore.figures import CACHE_ENV, cache

__all__ = ["private_cache"]
KEY_PARTS = ("diagram", {"values": "names"}, '{"kind": "network"}')


def test_the_cache_lives_under_the_project_unless_the_environment_says_otherwise(monkeypatch, tmp_path):
    """Assert .cache/gradcore/figures under the working directory, or under GRADCORE_CACHE_DIR."""
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() == tmp_path / ".cache" / "gradcore" / "figures"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere" / "figures"


@pytest.mark.parametrize(("position", "other"), [
    (0, "loss"), (1, {"values": "weights"}), (1, {}), (2, '{"kind": "network", "x": 1}'),
])
def test_the_key_changes_with_every_input(position, other):
    """Assert kind, options and the example's fingerprint each change the key."""
    parts = list(KEY_PARTS)
    parts[position] = other
    assert cache.figure_key(*parts) != cache.figure_key(*KEY_PARTS)
    assert cache.figure_key(*KEY_PARTS) == cache.figure_key(*KEY_PARTS)


def test_the_key_changes_with_the_code(monkeypatch):
    """Assert the version constant and gradcore's source digest are part of the key."""
    before = cache.figure_key(*KEY_PARTS)
    monkeypatch.setattr(cache, "FIGURES_VERSION", cache.FIGURES_VERSION + 1)
    assert cache.figure_key(*KEY_PARTS) != before
    monkeypatch.undo()
    monkeypatch.setattr(cache, "source_digest", lambda: "another gradcore")
    assert cache.figure_key(*KEY_PARTS) != before


def test_the_source_digest_covers_the_numerical_code():
    """Assert the digest reads the modules that compute the numbers, not only the drawing code."""
    package = Path(cache.__file__).resolve().parent.parent
    assert (package / "training.py").is_file() and (package / "figures" / "diagram.py").is_file()
    assert len(cache.source_digest()) == 64


def test_write_then_read_leaves_no_temporary_file(private_cache):
    """Assert a written SVG reads back byte for byte and only the SVG is left in the folder."""
    assert cache.read("abc") is None
    cache.write("abc", b"<svg/>")
    assert cache.read("abc") == b"<svg/>"
    assert [p.name for p in private_cache.iterdir()] == ["abc.svg"]


def test_a_cache_that_cannot_be_written_is_skipped(monkeypatch, tmp_path):
    """Assert writing under a path that is a file neither raises nor stores anything."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    cache.write("abc", b"<svg/>")
    assert cache.read("abc") is None
