"""The checks page's table of counts, across builds: a dirty build keeps the pages it did not convert."""

from __future__ import annotations

import re

from mkdocs.commands.build import build
from mkdocs.config import load_config

from gradcore.engine import mdext
from gradcore.engine.site import stored_counts
from site_project import make_project

EXAMPLE = "```gc:example {name}\nX: [[1.0, 2.0]]\ny: [[0.0]]\nW1: [[0.5], [-0.25]]\n```\n\n"
EQUATION = ("$$\n\\frac{{\\partial L}}{{\\partial W_1}} = X^T \\cdot \\Delta l_1\n"
            "\\tag{{{tag}}} \\label{{{name}-g{tag}}}\n$$\n\n")


def page(name: str, equations: int) -> str:
    return f"# {name}\n\n" + EXAMPLE.format(name=name) + "".join(EQUATION.format(name=name, tag=t)
                                                                 for t in range(1, equations + 1))


def counts_rows(site) -> dict[str, str]:
    """The table's rows on the built checks page: short page name -> its first count (equations checked)."""
    html = (site / "checks.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>([^<]+)</td><td align=\"right\">(\d+)</td>", html)
    return dict(rows)


def run(project, *, dirty: bool) -> None:
    mdext.STANDALONE.start()
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site")), dirty=dirty)


def test_a_dirty_build_refills_the_table_with_every_page(tmp_path, monkeypatch):
    """Assert a build that converts one changed page still lists every page, with the changed page's new count."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "p", {"a.md": page("pa", 1), "b.md": page("pb", 2),
                                            "checks.md": "# Checks\n\n[[gc:check-counts site]]\n"})
    run(project, dirty=False)
    assert counts_rows(project / "site") == {"a": "1", "b": "2"}
    (project / "docs" / "a.md").write_text(page("pa", 3), encoding="utf-8")
    run(project, dirty=True)  # converts a.md only: neither b.md nor the checks page
    assert counts_rows(project / "site") == {"a": "3", "b": "2"}


def test_stored_counts_read_back_only_what_was_stored():
    """Assert the cache's record of counts is read defensively: anything not of its shape reads as nothing."""
    assert stored_counts(b'{"docs/a.md": [["checked", 2]]}') == {"docs/a.md": (("checked", 2),)}
    for bad in (None, b"", b"[1]", b'{"a": [["x"]]}', b'{"a": [[1, "y"]]}', b"\xff"):
        assert stored_counts(bad) == {}
