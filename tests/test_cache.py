"""gradcore's one disk cache (gradcore.cache): the key rule, what a read trusts, and what a clean-up may delete."""

from __future__ import annotations

import os
import time

import pytest

from gradcore import cache

A, B, C = ("a" * 64, "b" * 64, "c" * 64)


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A cache of the test's own."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_key_sees_the_section_the_inputs_and_the_code_version(monkeypatch):
    """Assert equal inputs give equal keys, and a section, an input or the code version changes the key."""
    key = cache.key("pages", ["text", 1])
    assert cache.key("pages", ["text", 1]) == key
    assert cache.key("figures", ["text", 1]) != key and cache.key("pages", ["text", 2]) != key
    monkeypatch.setattr(cache, "code_version", lambda: "other code")
    assert cache.key("pages", ["text", 1]) != key


def test_the_code_version_covers_every_source_file_and_library():
    """Assert the version names the libraries that shape an output, and reads the package's own files."""
    assert {"numpy", "matplotlib", "lark", "django-static-mathjax", "mini-racer"} <= set(cache.LIBRARIES)
    assert len(cache.code_version()) == 64 and any(cache._PACKAGE.rglob("core/backward.py"))


def test_sections_keep_their_entries_apart(root):
    """Assert one key in two sections names two entries, each read back as written, private to this user."""
    cache.write("pages", A, b"{}")
    cache.write("figures", A, b"<svg/>")
    assert cache.read("pages", A) == b"{}" and cache.read("figures", A) == b"<svg/>"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        "figures", f"figures/{A}", "pages", f"pages/{A}"]
    assert (root / "pages" / A).stat().st_mode & 0o777 == 0o600
    assert (root / "pages" / A).read_bytes().startswith(b"<!-- gradcore sha256=")


@pytest.mark.parametrize(("section", "entry"), [("../x", A), ("pages", "../" + A[3:]), ("pages", "abc"),
                                                ("Pages", A)])
def test_a_name_cannot_leave_the_cache(root, section, entry):
    """Assert sections are lowercase words and entries full digests, never paths."""
    with pytest.raises(ValueError):
        cache.read(section, entry)


def test_the_cache_lives_under_the_project_unless_the_environment_says_otherwise(monkeypatch, tmp_path):
    """Assert .cache/gradcore under the project (or the working folder), or GRADCORE_CACHE_DIR."""
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_root() == tmp_path / ".cache" / "gradcore"
    assert cache.cache_root(tmp_path / "p") == tmp_path / "p" / ".cache" / "gradcore"
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache.cache_root(tmp_path / "p") == tmp_path / "elsewhere"


def test_a_damaged_or_hand_made_entry_is_a_miss(root):
    """Assert one changed byte, or a file without the digest line, makes the read fail."""
    cache.write("pages", A, b"0123456789" * 10)
    path = root / "pages" / A
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))
    assert cache.read("pages", A) is None
    path.write_bytes(b"0123456789")
    assert cache.read("pages", A) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners on this system")
def test_an_entry_others_may_write_is_not_trusted(root):
    """Assert an entry that another user could have changed is a miss, however good its digest."""
    cache.write("pages", A, b"{}")
    entry = root / "pages" / A
    os.chmod(entry, 0o620)
    assert cache.read("pages", A) is None
    os.chmod(entry, 0o600)
    assert cache.read("pages", A) == b"{}"


def test_a_planted_symlink_is_neither_read_nor_written_through(root, tmp_path):
    """Assert a symlink in the cache folder is not followed on read, and a write replaces it, not its target."""
    target = tmp_path / "victim.txt"
    target.write_bytes(b"precious")
    (root / "pages").mkdir(parents=True)
    (root / "pages" / A).symlink_to(target)
    assert cache.read("pages", A) is None
    cache.write("pages", A, b"{}")
    assert target.read_bytes() == b"precious"
    assert not (root / "pages" / A).is_symlink() and cache.read("pages", A) == b"{}"
    assert [p.name for p in (root / "pages").iterdir()] == [A]  # no temporary left


def test_a_cache_that_cannot_be_written_is_skipped(monkeypatch, tmp_path):
    """Assert writing under a path that is a file neither raises nor stores anything."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker))
    cache.write("pages", A, b"{}")
    assert cache.read("pages", A) is None


def test_a_clean_up_deletes_only_old_entries(root):
    """Assert stale entries of every section go, and neither fresh or read entries nor files the cache did not make."""
    cache.write("pages", A, b"{}")
    cache.write("figures", B, b"<svg/>")
    cache.write("pages", C, b"{}")
    (root / "pages" / "notes.txt").write_text("mine", encoding="utf-8")
    long_ago = time.time() - (cache.STALE_DAYS + 1) * 86_400
    for path in (root / "pages" / A, root / "figures" / B, root / "pages" / C, root / "pages" / "notes.txt"):
        os.utime(path, (long_ago, long_ago))
    assert cache.read("pages", C) == b"{}"  # read since: used, so kept
    assert cache.remove_stale() == 2
    assert sorted(p.name for p in root.rglob("*") if p.is_file()) == [C, "notes.txt"]
    assert cache.remove_stale() == 0


def test_tidying_removes_stale_entries_at_most_once_a_day(tmp_path, monkeypatch):
    """Assert `tidy` removes stale entries, then leaves the cache alone until a day has passed."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    long_ago = time.time() - (cache.STALE_DAYS + 1) * 86_400
    for digest in ("a1", "b2"):
        cache.write("pages", digest * 32, b"{}")
        os.utime(cache.entry_path("pages", digest * 32), (long_ago, long_ago))
        assert cache.tidy() == (1 if digest == "a1" else 0)  # the second is left: tidied less than a day ago
    stamp = tmp_path / cache.TIDIED
    os.utime(stamp, (long_ago, long_ago))
    assert cache.tidy() == 1 and not cache.entry_path("pages", "b2" * 32).exists()
