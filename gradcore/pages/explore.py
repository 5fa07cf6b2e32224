"""The "Try your own numbers" panel: `[[gc:explore NAME]]` becomes a closed `<details>` holding the example.

The panel carries everything in the page, so it works from file:// (where a
browser fetches nothing): the example's given numbers, its activations and
loss, and the page's own display math that shows the example's numbers, as
templates in which each value marker is a slot the browser fills with the
site's number rule. Closed, it costs nothing: no script runs and nothing is
fetched; opening it loads `assets/explore/panel.js` (the `ontoggle` handler).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from gradcore.examples.quantities import is_given
from gradcore.examples.worked import NetworkExample
from gradcore.markup.latex import DEFAULT_DIGITS
from gradcore.markup.markers import MARKER_RE, Marker, MarkerError, parse_marker
from gradcore.markup.mathfind import markdown_math
from gradcore.pages.values import digits_of, value_target

EXPLORE = "explore"
ASSETS = "assets/explore/"
# The quantities the browser computes (docs/assets/explore/panel.js); a display asking for another is not offered.
_QUANTITY = re.compile(r"(X|y|lr|yhat|loss|step\.yhat|step\.loss|(step\.)?(W|b)\d+|(u|l|delta|dW|db|dl|ds)\d+"
                       r"|term\d+\.(dW|db|delta)\d+)\Z")
_SLIDER = re.compile(r"(?P<name>[Wb])(?P<k>[1-9]\d*)\[(?P<i>[1-9]\d*),(?P<j>[1-9]\d*)\]\Z")
_LABEL = re.compile(r"\\label\{[^{}]*\}")
_VALUE_FLAGS = ("paren", "matrix", "noshape", "T")
# Loads the panel on the first opening, and opens a panel whose state a shared link carries in its query string.
_TOGGLE = ("if(this.open){if(window.gcExplore)gcExplore.open(this);else if(!this.dataset.gcLoading){"
           "this.dataset.gcLoading='1';var s=document.createElement('script');"
           "s.src=this.dataset.gcAssets+'panel.js';document.head.appendChild(s)}}")
_SHARED = "if(new URLSearchParams(location.search).has({key}))document.getElementById({id}).open=true"


def explore_block(marker: Marker, example: NetworkExample, text: str, prefix: str) -> str:
    """The panel's HTML for one example: the data, the page's display templates and the loader."""
    unknown = [*marker.flags, *(k for k in marker.options if k != "slider")]
    if unknown:
        raise MarkerError(marker.line, marker.text, f"unknown option {unknown[0]!r}",
                          "valid option: slider=W1[1,1] (a weight, or a bias b1[1,1], to slide)")
    name = example.spec.name
    data = {"name": name, "digits": DEFAULT_DIGITS, "activations": list(example.network.activations),
            "loss": example.network.loss, "slider": _slider(marker, example),
            "equations": page_templates(text, name, example)}
    data.update({key: value for key, value in example.spec.values.items() if key[0] in "XyWb" or key == "lr"})
    element_id = f"gc-explore-{name}"
    shared = _SHARED.format(key=json.dumps(f"try-{name}"), id=json.dumps(element_id))
    return (f'\n<details class="gc-explore" id="{html.escape(element_id)}" data-search-exclude '
            f'data-gc-assets="{html.escape(prefix + ASSETS)}" '
            f'data-gc-example="{html.escape(json.dumps(data, separators=(",", ":"), allow_nan=False))}" '
            f'ontoggle="{html.escape(_TOGGLE)}">\n'
            '<summary>Try your own numbers</summary>\n'
            '<div class="gc-explore-body"><p>Change the example&rsquo;s numbers here and see every result '
            'recomputed in your browser.</p></div>\n'
            '</details>\n'
            f'<script>{shared}</script>\n')


def _slider(marker: Marker, example: NetworkExample) -> list[Any] | None:
    """[W or b, k, i, j] (1-based) of the parameter the panel's slider moves, or None."""
    text = marker.options.get("slider")
    if text is None:
        return None
    match = _SLIDER.match(text)
    net = example.network
    params = net.weights if match is None or match["name"] == "W" else net.biases
    if match is None or params is None or int(match["k"]) > len(params):
        raise MarkerError(marker.line, marker.text, f"bad slider={text!r}",
                          "name one entry of a parameter the example has, e.g. slider=W1[1,1]")
    k, i, j = int(match["k"]), int(match["i"]), int(match["j"])
    rows, cols = params[k - 1].shape
    if i > rows or j > cols:
        raise MarkerError(marker.line, marker.text, f"slider={text} is outside {match['name']}{k}, "
                          f"which is {rows} x {cols}", "indices start at 1")
    return [match["name"], k, i, j]


def page_templates(text: str, name: str, example: NetworkExample) -> list[list[Any]]:
    """Every display of the page that shows this example's numbers, as TeX pieces and slots.

    A display qualifies when it is checked (no `\\notchecked`, no planted mistake)
    and each of its markers is a value of this example that the browser computes;
    its `\\label`s are dropped (the page keeps them).
    """
    templates = []
    for span in markdown_math(text):
        if not span.display or "\\notchecked" in span.body or "expected wrong" in span.body:
            continue  # not checked, or a planted mistake: only checked TeX is offered
        template = _template(span.body, name, example)
        if template is not None:
            templates.append(template)
    return templates


def _template(tex: str, name: str, example: NetworkExample) -> list[Any] | None:
    pieces: list[Any] = []
    cursor = 0
    for match in MARKER_RE.finditer(tex):
        slot = _slot(parse_marker(match, tex), name, example)
        if slot is None:
            return None
        pieces += [_LABEL.sub("", tex[cursor:match.start()]), slot]
        cursor = match.end()
    pieces.append(_LABEL.sub("", tex[cursor:]))
    return pieces if len(pieces) > 1 else None


def _slot(marker: Marker, name: str, example: NetworkExample) -> dict[str, Any] | None:
    """What the browser needs to write one marker's value, or None if it cannot."""
    if marker.kind != "value":
        return None
    try:
        target = value_target(marker)
    except MarkerError:
        return None
    if (target["example"] != name or not _QUANTITY.match(target["name"])
            or any(f not in _VALUE_FLAGS for f in marker.flags) or set(marker.options) - {"digits"}):
        return None
    index = target["index"]
    return {"q": target["name"], "index": None if index is None else [int(p) for p in index.split(",")],
            "flags": list(marker.flags), "digits": digits_of(marker), "exact": is_given(example, target["name"])}
