"""Rendered pages kept in memory and on disk between builds (gradcore.engine.page_cache)."""

import pytest

from gradcore import cache
from gradcore.engine.page_cache import page_key, rendered
from gradcore.engine.site import SiteBuild
from gradcore.pages import render
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
    """An empty memory, and a disk cache of the test's own."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    rendered.cache_clear()
    yield
    rendered.cache_clear()


@pytest.fixture
def renders(monkeypatch):
    """The pages actually rendered (not served from memory or disk), in order."""
    done = []
    real = render.render_page

    def counting(text, page):
        done.append((text, page))
        return real(text, page)

    monkeypatch.setattr(render, "render_page", counting)
    return done


def test_unchanged_page_is_served_from_memory(renders):
    """Assert a second render of the same text for the same page is the very same result, rendered once."""
    first = rendered(PAGE, A)
    assert rendered(PAGE, A) is first
    assert len(renders) == 1


def test_a_hit_still_carries_the_figures():
    """Assert the kept result holds the figure's SVG, so a build served from it still writes the figure."""
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
def test_any_change_of_text_or_page_renders_again(renders, text, page):
    """Assert a miss whenever the text, the page, its prefix or the output mode differs."""
    rendered(PAGE, A)
    rendered(text, page)
    assert len(renders) == 2 and page_key(text, page) != page_key(PAGE, A)


def test_a_change_of_gradcore_renders_again_from_disk(renders, monkeypatch):
    """Assert the code version is part of the key of a stored page."""
    rendered(PAGE, A)
    rendered.cache_clear()
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    rendered(PAGE, A)
    assert len(renders) == 2


def test_a_name_taken_by_another_page_is_still_reported():
    """Assert a page served from memory is still checked against the other pages of the build."""
    build = SiteBuild()
    assert build.add(rendered(PAGE, Page("docs/b.md"))) == []
    (error,) = build.add(rendered(PAGE, A))
    assert "duplicate example name 'pc'" in error.problem and "docs/b.md" in error.valid


def stored_pages(folder):
    return sorted((folder / "pages").iterdir()) if (folder / "pages").is_dir() else []


def test_a_later_process_reads_the_page_back_from_disk(tmp_path, renders):
    """Assert a page rendered once is read back (memory forgotten) with the same Markdown, files and data."""
    first = rendered(PAGE, A)
    rendered.cache_clear()
    again = rendered(PAGE, A)
    assert len(renders) == 1
    assert (again.markdown, again.figures, again.errors) == (first.markdown, first.figures, ())
    shown = [[(d.name, d.line, d.data) for d in result.definitions] for result in (first, again)]
    assert shown[0] == shown[1]
    assert again.definitions[0].example is None and len(stored_pages(tmp_path / "cache")) == 1


def test_a_page_with_an_error_is_never_stored(tmp_path, renders):
    """Assert a failing page is rendered, and fails, again in a later process: nothing of it is on disk."""
    broken = PAGE + "[[gc pc.nothing]]\n"
    assert rendered(broken, A).errors
    rendered.cache_clear()
    assert "unknown quantity 'nothing'" in rendered(broken, A).message()
    assert len(renders) == 2 and stored_pages(tmp_path / "cache") == []


def test_a_damaged_entry_renders_the_page_again(tmp_path, renders):
    """Assert an entry whose bytes changed is a miss, and the page comes out as it did the first time."""
    first = rendered(PAGE, A)
    (entry,) = stored_pages(tmp_path / "cache")
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x20
    entry.write_bytes(bytes(data))
    rendered.cache_clear()
    assert rendered(PAGE, A).markdown == first.markdown
    assert len(renders) == 2


def test_a_stored_result_is_used_only_for_its_own_text(tmp_path, renders):
    """Assert an edited page gets an entry of its own, and its old text still gets its old result."""
    old = rendered(PAGE, A)
    edited = rendered(PAGE + "\nMore.\n", A)
    rendered.cache_clear()
    assert rendered(PAGE, A).markdown == old.markdown != edited.markdown
    assert len(renders) == 2 and len(stored_pages(tmp_path / "cache")) == 2


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
def test_an_entry_naming_a_file_outside_the_site_is_not_used(renders, planted):
    """Assert a stored result whose file paths or example names would leave the site is a miss."""
    import json

    rendered(PAGE, A)
    key = page_key(PAGE, A)
    value = json.loads(cache.read("pages", key))
    cache.write("pages", key, json.dumps({**value, **planted}).encode("ascii"))
    rendered.cache_clear()
    result = rendered(PAGE, A)
    assert len(renders) == 2
    assert all(not path.startswith(("/", "..")) for path in result.figures)
