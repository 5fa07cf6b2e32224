"""The same pages built by MkDocs, ProperDocs and Zensical: the same numbers, and no silent failure.

Every engine fills the markers through the extension `gradcore.engine.mdext`.
MkDocs and ProperDocs also run the hook, which only writes the JSON and
figure files and reports errors; MkDocs with the hook taken out and Zensical
(which ignores `hooks:`) run the extension alone, which then puts the JSON
and figures inside the pages. Each full build is checked against the numbers
of the MkDocs build's `examples.json`.

ProperDocs and Zensical come from the `engines` extra
(`pip install -e ".[engines]"`); without it their tests are skipped, unless
GRADCORE_REQUIRE_ENGINES=1 (as in CI), which turns the skip into a failure.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from built_site import DRAWN_MATH, reader_text, shown_forms
from gradcore.engine import mathjax_v8, mathsvg
from gradcore.engine.guard import scan_site
from gradcore.markup.latex import format_number
from site_project import docs_snapshot, make_project, require_engine, run_engine, snapshot_docs
from test_bad_input import CASES, page_with

# name: (engine, hook configured, extension configured)
FULL_BUILDS = {
    "mkdocs": ("mkdocs", True, True),
    "mkdocs-extension-only": ("mkdocs", False, True),
    "properdocs": ("properdocs", True, True),
    "zensical": ("zensical", True, True),
}

FIGURE_SRC = re.compile(r'<figure class="gc-figure"><div class="gc-figure-frame"><a[^>]*><img src="(?P<src>[^"]*)"')
BAD_PAGE = "# Bad\n\n```gc:example e\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\nValue: [[gc e.dW7]]\n"
GOOD_PAGE = BAD_PAGE.replace("e.dW7", "e.loss")
_built: dict[str, Path] = {}
MATHJAX = mathjax_v8.MathJax()  # draws the math of the pages an engine left as TeX, as the hook would


@pytest.fixture(scope="module")
def figure_cache(tmp_path_factory) -> dict[str, str]:
    """One figure cache for every build of this module, so each figure is drawn once."""
    return {"GRADCORE_CACHE_DIR": str(tmp_path_factory.mktemp("figure-cache"))}


@pytest.fixture(scope="module")
def full_build(tmp_path_factory, figure_cache):
    """Build the whole site once per variant of FULL_BUILDS (on first use); return its site folder."""
    docs = snapshot_docs(tmp_path_factory.mktemp("docs-snapshot"))

    def site_of(name: str) -> Path:
        engine, hook, extension = FULL_BUILDS[name]
        require_engine(engine)
        if name not in _built:
            project = make_project(tmp_path_factory.mktemp(name), docs=docs, hook=hook, extension=extension)
            done = run_engine(engine, project, figure_cache)
            assert done.returncode == 0, f"{name} build failed:\n{done.stdout}\n{done.stderr}"
            _built[name] = project / "site"
        return _built[name]
    return site_of


def reference_examples(full_build) -> list[dict]:
    return json.loads((full_build("mkdocs") / "examples.json").read_text(encoding="utf-8"))["examples"]


def page_of(site: Path, entry: dict) -> str:
    return drawn((site / Path(entry["page"]).relative_to("docs").with_suffix(".html")), site)


def drawn(page: Path, site: Path) -> str:
    """A built page as a reader gets it: math an engine left as TeX (no hook ran) drawn as the hook draws it."""
    return mathsvg.prerender(page.read_text(encoding="utf-8"), MATHJAX.typeset, str(site.parent))


def numbers_of(entry: dict) -> list[float]:
    """The loss and every gradient entry of a network example."""
    grads = entry["grad_weights"] + (entry["grad_biases"] or [])
    return [entry["loss"]] + [value for grad in grads for row in grad for value in row]


@pytest.mark.parametrize("name", FULL_BUILDS)
def test_every_number_of_examples_json_is_on_its_page(full_build, name):
    """Assert each network example's loss and gradient entries appear on its page, in math or prose form."""
    site = full_build(name)
    missing = []
    for entry in (e for e in reference_examples(full_build) if e["kind"] == "network"):
        text = reader_text(page_of(site, entry))
        for value in numbers_of(entry):
            # alone, or in a matrix that one tiny entry has turned scientific
            forms = shown_forms(value)
            if not any(form in text for form in forms):
                missing.append(f"{entry['id']}: {format_number(value)}")
    assert not missing, f"{name}: numbers missing from their pages: {missing[:10]}"


@pytest.mark.parametrize("name", [n for n in FULL_BUILDS if n != "mkdocs"])
def test_every_page_has_the_same_math_as_the_mkdocs_build(full_build, name):
    """Assert each page's math, numbers included, draws exactly as on the hook-built page.

    Without the hook the math reaches the page as TeX; drawn here as the hook draws it, every formula must
    give the same drawing as the MkDocs build's.
    """
    reference, site = full_build("mkdocs"), full_build(name)
    pages = sorted(path.relative_to(reference) for path in reference.glob("*.html"))
    assert pages
    for page in pages:
        expected = DRAWN_MATH.findall((reference / page).read_text(encoding="utf-8"))
        assert DRAWN_MATH.findall(drawn(site / page, site)) == expected, f"{name}: {page}"
    assert DRAWN_MATH.findall((reference / "part-7-any-depth.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FULL_BUILDS)
def test_no_unresolved_syntax_in_any_build(full_build, name):
    """Assert the guard finds no marker, fence or literal token in any page of the build."""
    assert scan_site(full_build(name)) == []


@pytest.mark.parametrize("name", ["mkdocs-extension-only", "zensical"])
def test_without_the_hook_json_and_figures_travel_inside_the_page(full_build, name):
    """Assert the extension links each example's JSON as a data: URI equal to the hook's file, and inlines figures.

    MkDocs without the hook gives the extension no page (only the hook does, through `mdx_configs`), so there the
    JSON names its page by heading and hash; everything else is the same.
    """
    reference, site = full_build("mkdocs"), full_build(name)
    for entry in reference_examples(full_build):
        html = page_of(site, entry)
        link = re.search(r'href="data:application/json;base64,(?P<data>[^"]+)" download="'
                         + re.escape(entry["id"]) + r'\.json"', html)
        assert link, f"{name}: no JSON link for {entry['id']}"
        expected = json.loads((reference / "examples" / f"{entry['id']}.json").read_text(encoding="utf-8"))
        carried = json.loads(base64.b64decode(link["data"]).decode("utf-8"))
        if name == "mkdocs-extension-only":  # MkDocs alone does not tell the extension the page's file
            assert carried.pop("page").startswith("page '") and expected.pop("page") == entry["page"]
        assert carried == expected
        assert f'examples/{entry["id"]}.json"' not in html
        hook_figures = FIGURE_SRC.findall(page_of(reference, entry))
        figures = FIGURE_SRC.findall(html)
        assert len(figures) == len(hook_figures) and all(s.startswith("data:image/svg+xml;base64,") for s in figures)


@pytest.mark.parametrize(("engine", "hook"), [("mkdocs", True), ("mkdocs", False), ("properdocs", True),
                                              ("zensical", True)],
                         ids=["mkdocs", "mkdocs-extension-only", "properdocs", "zensical"])
def test_a_bad_marker_fails_the_build_with_file_and_line(tmp_path, figure_cache, engine, hook):
    """Assert an unknown quantity stops each engine's build, naming the page and line 9, with no traceback.

    Zensical hands the extension's exception back as a RuntimeError with two tracebacks; the extension's
    `gradcore.engine.uncaught` prints the message alone. docs/ is untouched.
    """
    require_engine(engine)
    project = make_project(tmp_path, {"index.md": BAD_PAGE}, hook=hook)
    before = docs_snapshot(project)
    done = run_engine(engine, project, figure_cache)
    output = done.stdout + done.stderr
    assert done.returncode != 0, f"{engine} built a page with a bad marker"
    # MkDocs without the hook tells the extension nothing of the page: it is named by its heading and hash.
    page = "page 'Bad' (sha256 " if (engine, hook) == ("mkdocs", False) else "docs/index.md"
    assert ":9: unknown quantity 'dW7' for example 'e'" in output and "valid: X, y, lr" in output
    assert re.search(re.escape(page) + r"[0-9a-f)]*:9: unknown quantity", output), output
    assert "Traceback" not in output and "File \"" not in output, output
    assert docs_snapshot(project) == before


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_with_neither_hook_nor_extension_the_guard_catches_the_raw_markers(tmp_path, engine):
    """Assert a build without gradcore ships raw markers, and `python -m gradcore.engine.guard` fails on it."""
    require_engine(engine)
    project = make_project(tmp_path, {"index.md": GOOD_PAGE}, hook=False, extension=False)
    assert run_engine(engine, project).returncode == 0  # the engine alone cannot know
    guard = subprocess.run([sys.executable, "-m", "gradcore.engine.guard", str(project / "site")],
                           capture_output=True, text=True, timeout=60)
    assert guard.returncode == 1
    assert "index.html:" in guard.stderr and "unresolved gradcore syntax '[[gc e.loss]]" in guard.stderr


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_page_whose_markers_survive_to_the_html_fails(tmp_path, engine):
    """Assert the extension's last check stops every engine when Markdown itself makes marker syntax (an escape)."""
    require_engine(engine)
    project = make_project(tmp_path, {"index.md": GOOD_PAGE + "\nEscaped: \\[\\[gc e.loss]]\n"})
    done = run_engine(engine, project)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "docs/index.md: unresolved gradcore syntax reached the HTML: " in output and "'[[gc e.loss]]'" in output
    assert "Traceback" not in output, output


@pytest.mark.parametrize(("replace", "line", "wrong", "valid"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_every_hostile_page_fails_the_zensical_build_cleanly(tmp_path, figure_cache, replace, line, wrong, valid):
    """Assert each hostile page of test_bad_input stops Zensical with file, line, problem and remedy, no traceback.

    Nothing of the page may reach the site: Zensical stops at the page, before writing it.
    """
    require_engine("zensical")
    project = make_project(tmp_path, page_with(*replace))
    done = run_engine("zensical", project, figure_cache)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    located = [text for text in output.splitlines() if text.startswith(f"docs/index.md:{line}: ")]
    assert located and wrong in located[0] and valid in located[0], output
    assert "Traceback" not in output, output
    assert not (project / "site").exists() or scan_site(project / "site") == []


def test_a_marker_in_a_navigation_title_fails_the_zensical_build(tmp_path):
    """Assert a nav title marker (never filled in) stops Zensical, naming mkdocs.yml and its line."""
    require_engine("zensical")
    project = make_project(tmp_path, {"index.md": GOOD_PAGE})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - 'Loss [[gc e.loss]]': index.md\n",
                      encoding="utf-8")
    done = run_engine("zensical", project)
    output = done.stdout + done.stderr
    line = config.read_text(encoding="utf-8").splitlines().index("  - 'Loss [[gc e.loss]]': index.md") + 1
    assert done.returncode != 0 and "Traceback" not in output, output
    assert f"mkdocs.yml:{line}: marker syntax in the site's names or navigation" in output, output


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_marker_syntax_in_a_file_no_markdown_passes_through_fails_the_build(tmp_path, engine):
    """Assert a static file copied into the site with a marker fails the build: only the whole-site scan sees it."""
    require_engine(engine)
    project = make_project(tmp_path, {"index.md": GOOD_PAGE, "notes.txt": "Notes: [[gc e.loss]]\n"})
    done = run_engine(engine, project)
    output = done.stdout + done.stderr
    assert done.returncode != 0, f"{engine} shipped a static file with a marker"
    assert "notes.txt:1: unresolved gradcore syntax '[[gc e.loss]]'" in output and "Traceback" not in output, output
