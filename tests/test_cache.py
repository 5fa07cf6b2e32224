"""gradcore's disk cache (gradcore.cache): sections, what a read trusts, and what a clean-up may delete."""

from __future__ import annotations

import os
import time

import pytest

from gradcore import cache


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A cache of the test's own."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_sections_keep_their_entries_apart(root):
    """Assert one key in two sections names two entries, each read back as written."""
    cache.write("pages", "abc", "json", b"{}")
    cache.write("figures", "abc", "svg", b"<svg/>")
    assert cache.read("pages", "abc", "json") == b"{}" and cache.read("figures", "abc", "svg") == b"<svg/>"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        "figures", "figures/abc.svg", "pages", "pages/abc.json"]
    assert (root / "pages" / "abc.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("section", "key", "suffix"), [("../x", "abc", "json"), ("pages", "abc", "json/../x"),
                                                        ("pages", "../abc", "json")])
def test_a_name_cannot_leave_the_cache(root, section, key, suffix):
    """Assert sections, keys and suffixes are plain words and digests, never paths."""
    with pytest.raises(ValueError):
        cache.read(section, key, suffix)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners on this system")
def test_an_entry_others_may_write_is_not_trusted(root):
    """Assert an entry that another user could have changed is a miss, however good its digest."""
    cache.write("pages", "abc", "json", b"{}")
    entry = root / "pages" / "abc.json"
    os.chmod(entry, 0o620)
    assert cache.read("pages", "abc", "json") is None
    os.chmod(entry, 0o600)
    assert cache.read("pages", "abc", "json") == b"{}"


def test_a_clean_up_deletes_only_old_entries(root):
    """Assert stale entries of every section go, and neither fresh entries nor files the cache did not make."""
    cache.write("pages", "aaa", "json", b"{}")
    cache.write("figures", "bbb", "svg", b"<svg/>")
    cache.write("pages", "ccc", "json", b"{}")
    (root / "pages" / "notes.txt").write_text("mine", encoding="utf-8")
    long_ago = time.time() - (cache.STALE_DAYS + 1) * 86_400
    for path in (root / "pages" / "aaa.json", root / "figures" / "bbb.svg", root / "pages" / "notes.txt"):
        os.utime(path, (long_ago, long_ago))
    assert cache.remove_stale() == 2
    assert sorted(p.name for p in root.rglob("*.*")) == ["ccc.json", "notes.txt"]


def test_a_slot_holds_one_entry_and_answers_only_for_its_key(root):
    """Assert a slot written under a new key replaces the old entry, and reading with the old key is a miss."""
    cache.write_slot("pages", "abc", "k1", "json", b"first")
    assert cache.read_slot("pages", "abc", "k1", "json") == b"first"
    cache.write_slot("pages", "abc", "k2", "json", b"second")
    assert cache.read_slot("pages", "abc", "k1", "json") is None
    assert cache.read_slot("pages", "abc", "k2", "json") == b"second"
    assert [p.name for p in (root / "pages").iterdir()] == ["abc.json"]


def test_remembered_makes_once_per_parts(root):
    """Assert `make` runs for new parts only, and its result comes back byte for byte."""
    made = []

    def make(value: bytes):
        return lambda: made.append(value) or value

    slot = cache.digest(["project"])
    assert cache.remembered("search", slot, ["code", "index 1"], make(b"one")) == b"one"
    assert cache.remembered("search", slot, ["code", "index 1"], make(b"again")) == b"one"
    assert cache.remembered("search", slot, ["other code", "index 1"], make(b"two")) == b"two"
    assert made == [b"one", b"two"] and len(list((root / "search").iterdir())) == 1


def test_files_digest_sees_names_bytes_and_missing_files(tmp_path):
    """Assert the code digest changes with a file's bytes, its name, or a missing file appearing."""
    code = tmp_path / "a.py"
    code.write_text("x = 1\n", encoding="utf-8")
    first = cache.files_digest([("a.py", code)])
    assert cache.files_digest([("a.py", code)]) == first
    assert cache.files_digest([("b.py", code)]) != first
    code.write_text("x = 2\n", encoding="utf-8")
    assert cache.files_digest([("a.py", code)]) != first
    missing = cache.files_digest([("a.py", code), ("c.py", tmp_path / "c.py")])
    (tmp_path / "c.py").write_text("", encoding="utf-8")
    assert cache.files_digest([("a.py", code), ("c.py", tmp_path / "c.py")]) != missing
