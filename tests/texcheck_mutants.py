"""Automatic mutants of an equation member, made from its parse tree.

- sign: a + becomes - or a - becomes + (or a leading minus is dropped);
- swap: the two sides of a matrix product \\cdot change places;
- transpose: a ^T is dropped;
- drop: one factor of a product is left out.

A mutant that cannot differ from the original is not made: swapping two
1 x 1 factors, dropping the transpose of a 1 x 1 value, or dropping a factor
made of numbers only that equals 1 (1/2 x 2).
"""

from __future__ import annotations

import numpy as np
from lark import Token, Tree

from gradcore.texcheck.check import index_assignments
from gradcore.texcheck.evaluate import evaluate
from gradcore.texcheck.grammar import parse_member
from gradcore.texcheck.symbols import IndexOutOfRangeError

_PRODUCTS = ("times", "cdot", "elementwise", "juxt")


def _span(node: Tree) -> tuple[int, int]:
    return node.meta.start_pos, node.meta.end_pos


def _children(node: Tree) -> list[Tree]:
    return [c for c in node.children if isinstance(c, Tree)]


def _sample(member: str, example) -> dict[str, int] | None:
    """An assignment of the free indices under which the member has a value."""
    tree = parse_member(member)
    for indices in index_assignments([member], example):
        try:
            evaluate(tree, example, indices)
            return indices
        except (IndexOutOfRangeError, ValueError):
            continue
    return None


def _is_one_by_one(node: Tree, example, indices: dict[str, int]) -> bool:
    try:
        return evaluate(node, example, indices).shape == (1, 1)
    except (IndexOutOfRangeError, ValueError):
        return False


def _is_constant_one(node: Tree, example) -> bool:
    """A factor made of numbers only that equals 1 (such as 1/2 x 2): dropping it changes nothing."""
    if any(n.data in ("symbol", "gradient", "ones") for n in node.iter_subtrees()):
        return False
    return bool(np.all(evaluate(node, example, {}) == 1.0))


def mutants(member: str, example) -> list[tuple[str, str]]:
    """(kind, mutated text) for every mutant of `member`."""
    tree, indices = parse_member(member), _sample(member, example)
    if indices is None:
        return []
    found = []
    for node in tree.iter_subtrees():
        start, end = _span(node)
        kids = _children(node)
        if node.data in ("add", "sub"):
            gap_start, gap_end = kids[0].meta.end_pos, kids[1].meta.start_pos
            gap = member[gap_start:gap_end]
            flipped = gap.replace("-", "+", 1) if node.data == "sub" else gap.replace("+", "-", 1)
            found.append(("sign", member[:gap_start] + flipped + member[gap_end:]))
        elif node.data == "neg":
            found.append(("sign", member[:start] + member[kids[0].meta.start_pos:]))
        if node.data == "cdot" and not all(_is_one_by_one(k, example, indices) for k in kids):
            (a0, a1), (b0, b1) = _span(kids[0]), _span(kids[1])
            found.append(("swap", member[:a0] + member[b0:b1] + member[a1:b0] + member[a0:a1] + member[b1:]))
        if node.data in _PRODUCTS:
            (a0, a1), (b0, b1) = _span(kids[0]), _span(kids[1])
            if not _is_constant_one(kids[1], example):
                found.append(("drop", member[:start] + member[a0:a1] + member[end:]))
            if not _is_constant_one(kids[0], example):
                found.append(("drop", member[:start] + member[b0:b1] + member[end:]))
        sup = next((c for c in node.children if isinstance(c, Token) and c.type == "SUP"
                    and c.value.replace("{", "").replace("}", "") == "^T"), None)
        if sup is not None and node.data != "sum" and not _is_one_by_one(node, example, indices):
            found.append(("transpose", member[:sup.start_pos] + member[sup.end_pos:]))
    return [(kind, text) for kind, text in found if text.strip() and text != member]


__all__ = ["mutants"]
