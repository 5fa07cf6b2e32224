"""Lighter drawings: MathJax's SVG with its bookkeeping groups folded away.

MathJax wraps every glyph in a `<g data-mml-node=...>` per MathML node, often
several deep, so a formula has about two SVG elements per glyph. Each element
costs a browser style and layout work on every full restyle of a page, and
the long pages have thousands. `trim(drawing)` lifts the children of every
group that only carries MathJax's data attributes and a transform: the
transform moves onto each child (an SVG transform list composes left to
right, so `g(T) > use(U)` draws as `use(T U)`), and empty groups go. Groups
that carry anything else (colour, stroke, an id) stay, and so does any group
holding a nested `<svg>` (whose own transform attribute older browsers ignore).
The drawing looks the same, pixel for pixel; only the element count falls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["trim"]

# Tags and text of MathJax's serialized SVG: attributes are always double-quoted, with `<` and `>` escaped.
_TOKEN = re.compile(r'<(?P<close>/)?(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:\s+[\w:-]+="[^"]*")*)\s*(?P<empty>/)?>'
                    r'|(?P<text>[^<]+)')
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
# What a foldable group may carry: MathJax's notes on the MathML node it drew, and a transform.
_FOLDABLE = re.compile(r"data-mml-node|data-mjx-texclass|transform")
# Children that take a transform attribute in every current browser.
_TRANSFORMABLE = frozenset({"g", "use", "rect", "path", "line", "text", "polygon", "polyline", "circle", "ellipse"})


@dataclass
class _Element:
    name: str
    attrs: list[tuple[str, str]]
    children: list[_Element | str] = field(default_factory=list)

    def attribute(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def with_transform(self, outer: str) -> _Element:
        own = self.attribute("transform")
        transform = outer if own is None else f"{outer} {own}"
        attrs = [(key, value) for key, value in self.attrs if key != "transform"] + [("transform", transform)]
        return _Element(self.name, attrs, self.children)


def _parse(svg: str) -> list[_Element | str]:
    """The nodes of a serialized SVG fragment; ValueError when its tags do not nest."""
    root = _Element("", [])
    stack = [root]
    position = 0
    for token in _TOKEN.finditer(svg):
        if token.start() != position:
            raise ValueError(f"unreadable SVG at {position}")
        position = token.end()
        if token["text"] is not None:
            stack[-1].children.append(token["text"])
        elif token["close"]:
            if len(stack) == 1 or stack[-1].name != token["name"]:
                raise ValueError(f"</{token['name']}> closes nothing open")
            stack.pop()
        else:
            element = _Element(token["name"], _ATTRIBUTE.findall(token["attrs"]))
            stack[-1].children.append(element)
            if not token["empty"]:
                stack.append(element)
    if position != len(svg) or len(stack) != 1:
        raise ValueError("unclosed SVG")
    return root.children


def _foldable(group: _Element) -> bool:
    return (group.name == "g" and all(_FOLDABLE.fullmatch(key) for key, _ in group.attrs)
            and all(isinstance(child, _Element) and child.name in _TRANSFORMABLE for child in group.children))


def _folded(nodes: list[_Element | str]) -> list[_Element | str]:
    out: list[_Element | str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        node = _Element(node.name, node.attrs, _folded(node.children))
        if not _foldable(node):
            out.append(node)
            continue
        transform = node.attribute("transform")
        for child in node.children:
            assert isinstance(child, _Element)  # _foldable holds only elements
            out.append(child if transform is None else child.with_transform(transform))
    return out


def _serialize(nodes: list[_Element | str]) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
            continue
        attrs = "".join(f' {key}="{value}"' for key, value in node.attrs)
        parts.append(f"<{node.name}{attrs}>{_serialize(node.children)}</{node.name}>")
    return "".join(parts)


def trim(drawing: str) -> str:
    """A drawn formula (MathJax's `mjx-container`) with its SVG groups folded; the MathML copy is untouched.

    A drawing whose SVG does not parse as MathJax writes it is returned unchanged.
    """
    end = drawing.find("<mjx-assistive-mml")
    start = drawing.find("<svg")
    if start < 0 or end < start:
        return drawing
    try:
        svg = _serialize(_folded(_parse(drawing[start:end])))
    except ValueError:
        return drawing
    return drawing[:start] + svg + drawing[end:]
