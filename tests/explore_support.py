"""What the panel tests share: a panel's data read back from HTML, and its TeX templates filled by gradcore."""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from browser_support import chromium_path
from gradcore.examples.worked import NetworkExample
from gradcore.markup.markers import MARKER_RE, parse_marker
from gradcore.pages.values import value_text
from local_web import CHROMIUM_ARGS

PANEL_DATA = re.compile(r'<details class="gc-explore" id="gc-explore-(?P<name>[^"]+)"[^>]*'
                        r'data-gc-example="(?P<data>[^"]*)"')


def panel_data(page_html: str) -> dict[str, dict[str, Any]]:
    """The data of every panel of a page's HTML, by example name."""
    return {m["name"]: json.loads(html.unescape(m["data"])) for m in PANEL_DATA.finditer(page_html)}


def fill(template: list[Any], example: NetworkExample) -> str:
    """A display template with each slot written by gradcore (gradcore/pages/values.py), as the page writes it."""
    pieces = []
    for piece in template:
        if isinstance(piece, str):
            pieces.append(piece)
            continue
        index = "" if piece["index"] is None else "[" + ",".join(map(str, piece["index"])) + "]"
        options = [*piece["flags"], *([] if piece["digits"] == 4 else [f"digits={piece['digits']}"])]
        text = f"[[gc {example.spec.name}.{piece['q']}{index} {' '.join(options)}]]"
        match = MARKER_RE.search(text)
        assert match is not None, text
        pieces.append(value_text(parse_marker(match, text), example, True))
    return "".join(pieces)


@contextlib.contextmanager
def script_page(playwright: Any, script: Path) -> Iterator[Any]:
    """A blank Chromium page with one of the panel's scripts loaded, for tests that call it directly."""
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    try:
        tab = browser.new_page()
        tab.add_script_tag(content=script.read_text(encoding="utf-8"))
        yield tab
    finally:
        browser.close()
