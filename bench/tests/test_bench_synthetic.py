"""Synthetic sites for the scale test (bench.synthetic)."""

import re

import numpy as np
import pytest

from bench.project import Project
from bench.synthetic import page_text, write_site
from gradcore.engine.site import SiteBuild
from gradcore.pages.render import Page, render_page


@pytest.fixture()
def project(tmp_path):
    docs = tmp_path / "project" / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "site.css").write_text("body {}\n", encoding="utf-8")
    return Project(tmp_path / "project", tmp_path / "project" / "mkdocs.yml", docs, ())


def test_site_has_every_page_in_the_nav_and_the_assets(tmp_path, project):
    """Assert N pages plus the home page, each in the nav, and the project's assets copied."""
    nav = write_site(tmp_path / "docs", project, 3, 2)
    assert [next(iter(entry.values())) for entry in nav] == ["index.md", "page-0001.md", "page-0002.md",
                                                               "page-0003.md"]
    assert sorted(p.name for p in (tmp_path / "docs").glob("*.md")) == ["index.md", "page-0001.md",
                                                                         "page-0002.md", "page-0003.md"]
    assert (tmp_path / "docs" / "assets" / "site.css").is_file()


def test_every_page_renders_with_distinct_examples(tmp_path, project):
    """Assert gradcore renders every page without a marker left, with M unique examples per page."""
    write_site(tmp_path / "docs", project, 3, 2)
    build = SiteBuild()
    for path in sorted((tmp_path / "docs").glob("page-*.md")):
        result = render_page(path.read_text(encoding="utf-8"), Page(path.name))
        assert build.add(result) == []
        assert "[[gc" not in result.markdown and "gc:example" not in result.markdown
    examples = [d.example for result in build.results.values() for d in result.definitions]
    assert len(examples) == len(build.owners) == 6
    fingerprints = {example.spec.fingerprint for example in examples}
    assert len(fingerprints) == 6  # no two examples share numbers, so the cache cannot merge them


def test_same_seed_same_site_and_another_seed_other_numbers():
    """Assert the pages are reproducible from the seed."""
    def text(seed):
        return page_text(1, 2, np.random.default_rng(seed))

    assert text(1) == text(1) and text(1) != text(2)


def test_figure_marker_once_per_page_when_asked():
    """Assert the figure marker is written for the first example of a page only."""
    text = page_text(4, 3, np.random.default_rng(0), figure="[[gc:figure {name} diagram]]")
    assert re.findall(r"\[\[gc:figure (\S+) diagram\]\]", text) == ["p4e1"]
    assert "gc:figure" not in page_text(4, 3, np.random.default_rng(0))


def test_empty_site_is_refused(tmp_path, project):
    """Assert a site needs at least one page and one example."""
    with pytest.raises(ValueError, match="at least one page"):
        write_site(tmp_path / "docs", project, 0, 1)
