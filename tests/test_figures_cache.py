"""The figure cache: where it lives, what its key sees, and that a failing disk never fails a build."""

from __future__ import annotations

import dataclasses
import os

import pytest

from figures_support import network, private_cache
from gradcore import cache as disk
from gradcore.core.training import TrainingRun
from gradcore.figures import CACHE_ENV, cache

__all__ = ["private_cache"]
EXAMPLE = network((3, 2, 1))


def test_the_cache_lives_under_the_project_unless_the_environment_says_otherwise(monkeypatch, tmp_path):
    """Assert .cache/gradcore/figures under the working directory, or under GRADCORE_CACHE_DIR."""
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() == tmp_path / ".cache" / "gradcore" / "figures"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere" / "figures"


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


def test_the_key_changes_with_the_drawing_code(monkeypatch):
    """Assert the version constant and the digest of the drawing code are part of the key."""
    before = cache.figure_key("diagram", {}, EXAMPLE)
    monkeypatch.setattr(cache, "FIGURES_VERSION", cache.FIGURES_VERSION + 1)
    assert cache.figure_key("diagram", {}, EXAMPLE) != before
    monkeypatch.undo()
    monkeypatch.setattr(cache, "drawing_digest", lambda: "other drawing code")
    assert cache.figure_key("diagram", {}, EXAMPLE) != before


def test_the_drawing_digest_reads_the_modules_that_shape_a_drawing():
    """Assert it covers this package, number formatting and the sigmoid, and not the rest of gradcore."""
    names = {path.name for path in cache.drawing_files()}
    assert {"latex.py", "activations.py", "diagram.py", "cache.py"} <= names
    assert not {"render.py", "site.py", "training.py"} & names
    assert all(path.is_file() for path in cache.drawing_files())


def test_write_then_read_leaves_no_temporary_file(private_cache):
    """Assert a written SVG reads back byte for byte and only the SVG is left in the folder."""
    assert cache.read("abc") is None
    cache.write("abc", b"<svg/>")
    assert cache.read("abc") == b"<svg/>"
    assert [p.name for p in private_cache.iterdir()] == ["abc.svg"]
    assert (private_cache / "abc.svg").read_bytes().startswith(b"<!-- gradcore sha256=")


def test_a_cache_that_cannot_be_written_is_skipped(monkeypatch, tmp_path):
    """Assert writing under a path that is a file neither raises nor stores anything."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    cache.write("abc", b"<svg/>")
    assert cache.read("abc") is None


SVG = b'<svg width="10pt" height="10pt"><use xlink:href="#a"/></svg>'


def test_a_damaged_cache_file_is_a_miss(private_cache):
    """Assert one changed byte in the middle of a cached SVG makes the read fail, so the figure is drawn again."""
    cache.write("abc", SVG)
    path = private_cache / "abc.svg"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))
    assert cache.read("abc") is None


@pytest.mark.parametrize("planted", [
    b"<svg><script>alert(1)</script></svg>", b'<svg onload="alert(1)"/>', b'<svg><a href="javascript:x()"/></svg>',
    b'<svg><image xlink:href="https://example.org/x.png"/></svg>', b"<svg><foreignObject/></svg>",
    b'<svg><style>rect { fill: url("https://example.org/p") }</style></svg>',
])
def test_a_planted_svg_is_refused_even_with_a_matching_digest(private_cache, planted):
    """Assert an SVG that could run or fetch something never comes out of the cache, whatever its header."""
    cache.write("abc", planted)
    assert (private_cache / "abc.svg").is_file() and cache.read("abc") is None
    assert cache.unsafe_svg(planted) and not cache.unsafe_svg(SVG)


def test_a_file_without_a_digest_is_a_miss(private_cache):
    """Assert an SVG put into the folder by hand (no digest line) is not used."""
    private_cache.mkdir(parents=True)
    (private_cache / "abc.svg").write_bytes(SVG)
    assert cache.read("abc") is None


def test_a_planted_symlink_is_neither_read_nor_written_through(private_cache, tmp_path):
    """Assert a symlink in the cache folder is not followed on read, and a write replaces it, not its target."""
    target = tmp_path / "victim.txt"
    target.write_bytes(b"precious")
    private_cache.mkdir(parents=True)
    (private_cache / "abc.svg").symlink_to(target)
    for pid in range(os.getpid() - 2, os.getpid() + 3):  # the old predictable temporary names
        (private_cache / f".abc.{pid}.tmp").symlink_to(target)
    assert cache.read("abc") is None
    cache.write("abc", SVG)
    assert target.read_bytes() == b"precious"
    assert not (private_cache / "abc.svg").is_symlink() and cache.read("abc") == SVG
    assert len(list(private_cache.glob(".abc.*.tmp"))) == 5  # only the planted links, no new temporary left


def test_a_key_that_is_not_a_digest_is_refused(private_cache):
    """Assert a key cannot name a path outside the cache folder."""
    with pytest.raises(ValueError, match="a cache key is a hex digest"):
        cache.read("../../etc/passwd")


def test_a_project_folder_roots_the_cache(monkeypatch, tmp_path):
    """Assert the cache of a named project folder is under that folder, whatever the working folder."""
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir(tmp_path / "project") == tmp_path / "project" / ".cache" / "gradcore" / "figures"


def test_an_mkdocs_build_keeps_its_figures_beside_its_config(monkeypatch, tmp_path):
    """Assert a build started from another folder caches its figures next to mkdocs.yml."""
    from site_project import build_in_process, make_project

    monkeypatch.delenv(CACHE_ENV, raising=False)
    page = "# F\n\n```gc:example f\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\n[[gc:figure f diagram]]\n"
    project = make_project(tmp_path / "project", {"index.md": page})
    build_in_process(project)
    assert len(list((project / ".cache" / "gradcore" / "figures").glob("*.svg"))) == 1


def test_stale_entries_go_and_used_ones_stay(private_cache):
    """Assert an entry unused for longer than STALE_DAYS is deleted and one read since is kept."""
    import os
    import time

    cache.write("aaa", b"<svg/>")
    cache.write("bbb", b"<svg/>")
    long_ago = time.time() - (disk.STALE_DAYS + 1) * 86_400
    for name in ("aaa", "bbb"):
        os.utime(private_cache / f"{name}.svg", (long_ago, long_ago))
    assert cache.read("aaa") == b"<svg/>"
    assert disk.remove_stale() == 1
    assert [p.name for p in private_cache.iterdir()] == ["aaa.svg"]
    assert disk.remove_stale() == 0
