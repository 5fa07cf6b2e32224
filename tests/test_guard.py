"""The guard that finds unresolved marker syntax in built HTML."""

from __future__ import annotations

import pytest

from gradcore.engine.guard import Unresolved, find_unresolved, main, scan_site


@pytest.mark.parametrize(("html", "found"), [
    ("<p>0.1250</p>", []),
    ("<p>&#91;&#91;gc demo.loss]]</p>", []),  # a literal marker, as the site shows it
    ("<p>a</p>\n<p>[[gc demo.loss]]</p>", [Unresolved("p.html", 2, "[[gc demo.loss]]")]),
    ("<p>[[!gc demo.loss]]</p>", [Unresolved("p.html", 1, "[[!gc demo.loss]]")]),
    ('<pre><code class="language-gc:example demo">', [Unresolved("p.html", 1, 'gc:example demo">')]),
    ("<p>GRADCORELITERALMARKER x</p>", [Unresolved("p.html", 1, "GRADCORELITERALMARKER x")]),
])
def test_find_unresolved(html, found):
    """Assert raw markers, fences and literal tokens are found with their line; entities are not."""
    assert find_unresolved(html, "p.html") == found


def test_scan_site_and_command_line(tmp_path, capsys):
    """Assert the command exits 0 on a clean site, 1 naming file and line otherwise, 2 on bad usage."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text("<p>0.5</p>\n", encoding="utf-8")
    assert scan_site(tmp_path) == [] and main([str(tmp_path)]) == 0
    (tmp_path / "sub" / "page.html").write_text("<p>x</p>\n<p>[[gc e.loss]]</p>\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert "sub/page.html:2: unresolved gradcore syntax '[[gc e.loss]]'" in capsys.readouterr().err
    assert main([]) == 2 and main([str(tmp_path / "missing")]) == 2


def test_scan_site_reads_every_output_but_only_the_titles_of_a_search_index(tmp_path):
    """Assert JSON, SVG, the gzipped sitemap and search titles are scanned; decoded literals in search text are not."""
    import gzip
    import json

    (tmp_path / "search").mkdir()
    index = {"docs": [{"location": "a.html", "title": "Loss [[gc e.loss]]", "text": "<code>[[gc e.loss]]</code>"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "search" / "search_index.js").write_text("var __index = " + json.dumps(index) + ";", encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>gc:example</loc>"))
    (tmp_path / "e.json").write_text('{"page": "[[gc x.y]]"}', encoding="utf-8")
    (tmp_path / "f.svg").write_text("<svg><text>[[gc x.y]]</text></svg>", encoding="utf-8")
    found = {(item.path, item.text) for item in scan_site(tmp_path)}
    assert found == {("search/search_index.json", "[[gc e.loss]]"), ("search/search_index.js", "[[gc e.loss]]"),
                     ("sitemap.xml.gz", "gc:example"), ("e.json", '[[gc x.y]]"}'), ("f.svg", "[[gc x.y]]")}


def test_front_matter_problems_name_the_line_and_the_key():
    """Assert a marker in a nested front-matter value is reported at its line, with what to do."""
    from gradcore.engine.guard import metadata_problems

    source = "---\ntitle: Plain\nsocial:\n  cards: 'Loss [[gc e.loss]]'\n---\n# Page\n"
    meta = {"title": "Plain", "social": {"cards": "Loss [[gc e.loss]]"}}
    (problem,) = metadata_problems(meta, source, "docs/p.md")
    assert problem.startswith("docs/p.md:4: marker syntax in the front matter (cards: 'Loss [[gc e.loss]]')")
    assert metadata_problems({"title": "Plain", "n": 3}, source, "docs/p.md") == []
