"""The memo of rendered pages and the JSON texts kept between builds (gradcore.engine.page_cache)."""

import pytest

from gradcore.engine import page_cache
from gradcore.engine.page_cache import cached_json, rendered
from gradcore.engine.site import SiteBuild
from gradcore.pages.render import Page

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


def test_cached_json_is_reused_only_for_the_same_example_data():
    """Assert `make` runs again when an example's numbers (not just its name) change."""
    made = []
    (definition,) = rendered(PAGE, A).definitions
    sources = [("pc", "docs/a.md", definition.data)]
    first = cached_json("x.json", sources, lambda: made.append(1) or {"n": 1})
    assert cached_json("x.json", list(sources), lambda: made.append(2) or {"n": 2}) is first
    other = [("pc", "docs/a.md", {**definition.data, "loss": 0.5})]
    assert cached_json("x.json", other, lambda: made.append(3) or {"n": 3}) == '{\n "n": 3\n}\n'
    assert made == [1, 3]


def stored_pages(folder):
    return sorted((folder / "pages").glob("*.json")) if (folder / "pages").is_dir() else []


def test_a_later_process_reads_the_page_back_from_disk(tmp_path):
    """Assert a page rendered once is read back (memo forgotten) with the same Markdown, files and data."""
    first = rendered(PAGE, A)
    page_cache.clear_cache()
    before = page_cache.cache_info()
    again = rendered(PAGE, A)
    assert page_cache.cache_info()["disk_hits"] == before["disk_hits"] + 1
    assert page_cache.cache_info()["misses"] == before["misses"]
    assert (again.markdown, again.figures, again.errors) == (first.markdown, first.figures, ())
    shown = [[(d.name, d.line, d.data) for d in result.definitions] for result in (first, again)]
    assert shown[0] == shown[1]
    assert again.definitions[0].example is None and len(stored_pages(tmp_path / "cache")) == 1


def test_a_page_with_an_error_is_never_stored():
    """Assert a failing page is rendered, and fails, again in a later process: nothing of it is on disk."""
    broken = PAGE + "[[gc pc.nothing]]\n"
    assert rendered(broken, A).errors
    page_cache.clear_cache()
    misses = page_cache.cache_info()["misses"]
    assert "unknown quantity 'nothing'" in rendered(broken, A).message()
    assert page_cache.cache_info()["misses"] == misses + 1


@pytest.mark.parametrize("change", ["code", "libraries", "version"])
def test_a_change_of_code_or_library_renders_again_from_disk(monkeypatch, change):
    """Assert gradcore's sources, the libraries' versions and PAGES_VERSION are all in the disk key."""
    key = page_cache.disk_key(PAGE, A)
    rendered(PAGE, A)
    page_cache.clear_cache()
    if change == "code":
        monkeypatch.setattr(page_cache, "code_version", lambda: "another gradcore")
    elif change == "libraries":
        monkeypatch.setattr(page_cache, "library_versions", lambda: ["numpy 99.0"])
    else:
        monkeypatch.setattr(page_cache, "PAGES_VERSION", page_cache.PAGES_VERSION + 1)
    assert page_cache.disk_key(PAGE, A) != key
    misses = page_cache.cache_info()["misses"]
    rendered(PAGE, A)
    assert page_cache.cache_info()["misses"] == misses + 1


def test_one_changed_byte_of_any_source_changes_the_code_version(tmp_path):
    """Assert the digest reads every Python file under the package, so any edit of gradcore is a miss."""
    import shutil
    from pathlib import Path

    package = Path(page_cache.__file__).parent.parent
    copy = tmp_path / "gradcore"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert page_cache.source_digest(copy) == page_cache.code_version()
    deep = copy / "texcheck" / "grammar.py"
    data = bytearray(deep.read_bytes())
    data[len(data) // 2] ^= 0x01
    deep.write_bytes(bytes(data))
    assert page_cache.source_digest(copy) != page_cache.code_version()
    libraries = {version.split()[0] for version in page_cache.library_versions()[1:]}
    assert {"numpy", "lark", "PyYAML", "matplotlib", "nbformat"} <= libraries


def test_a_damaged_entry_renders_the_page_again(tmp_path):
    """Assert an entry whose bytes changed is a miss, and the page comes out as it did the first time."""
    first = rendered(PAGE, A)
    (entry,) = stored_pages(tmp_path / "cache")
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x20
    entry.write_bytes(bytes(data))
    page_cache.clear_cache()
    misses = page_cache.cache_info()["misses"]
    assert rendered(PAGE, A).markdown == first.markdown
    assert page_cache.cache_info()["misses"] == misses + 1


def test_an_edited_page_replaces_its_entry_and_its_old_text_is_never_served(tmp_path):
    """Assert one entry per page however often it is saved, and a stored result is used only for its own text."""
    old = rendered(PAGE, A)
    edited = rendered(PAGE + "\nMore.\n", A)
    assert len(stored_pages(tmp_path / "cache")) == 1
    page_cache.clear_cache()
    misses = page_cache.cache_info()["misses"]
    assert rendered(PAGE, A).markdown == old.markdown != edited.markdown
    assert page_cache.cache_info()["misses"] == misses + 1


BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "lark", "matplotlib", "nbformat", "gradcore"}))
"""


def test_a_build_of_unchanged_pages_imports_nothing_that_computes(tmp_path):
    """Assert a second build in a fresh process imports neither numpy, lark, matplotlib nor nbformat,
    and writes the very same pages, JSON, figures, scripts and notebooks as the first."""
    import os
    import subprocess
    import sys

    from site_project import make_project

    project = make_project(tmp_path / "project", {"index.md": "# Cached\n\n" + PAGE + "\n[[gc:run pc]]\n"})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GRADCORE_CACHE_DIR": str(tmp_path / "cache")}
    sites, imported = [], []
    for run in ("first", "second"):
        done = subprocess.run([sys.executable, "-c", BUILD, str(project / "mkdocs.yml"), str(tmp_path / run)],
                              env=env, capture_output=True, text=True, timeout=300, cwd=project)
        assert done.returncode == 0, done.stderr
        imported.append(done.stdout.strip())
        sites.append({p.relative_to(tmp_path / run).as_posix(): p.read_bytes()
                      for p in sorted((tmp_path / run).rglob("*")) if p.suffix in (".html", ".json", ".svg",
                                                                                  ".py", ".ipynb")})
    assert imported == ["['gradcore', 'lark', 'matplotlib', 'nbformat', 'numpy']", "['gradcore']"]
    assert any(name.endswith(".ipynb") for name in sites[0]) and any(name.endswith(".svg") for name in sites[0])
    assert sites[0] == sites[1]


@pytest.mark.parametrize("planted", [
    {"files": {"../../outside.svg": "PHN2Zy8+"}},
    {"files": {"/etc/outside.svg": "PHN2Zy8+"}},
    {"definitions": [["../up", 1, {}]]},
])
def test_an_entry_naming_a_file_outside_the_site_is_not_used(planted):
    """Assert a stored result whose file paths or example names would leave the site is a miss."""
    import json

    from gradcore import cache

    rendered(PAGE, A)
    key, slot = page_cache.disk_key(PAGE, A), page_cache.slot(A)
    value = json.loads(cache.read_slot("pages", slot, key, "json"))
    cache.write_slot("pages", slot, key, "json", json.dumps({**value, **planted}).encode("ascii"))
    page_cache.clear_cache()
    misses = page_cache.cache_info()["misses"]
    result = rendered(PAGE, A)
    assert page_cache.cache_info()["misses"] == misses + 1
    assert all(not path.startswith(("/", "..")) for path in result.figures)
