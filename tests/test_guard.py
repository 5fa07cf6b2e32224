"""The guard that finds unresolved marker syntax in built HTML."""

from __future__ import annotations

import pytest

from gradcore.guard import Unresolved, find_unresolved, main, scan_site


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
