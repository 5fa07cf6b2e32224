"""Automatic mutants of an equation member, made from its parse tree.

- sign: a + becomes - or a - becomes + (or a leading minus is dropped);
- swap: the two sides of a matrix product \\cdot change places;
- transpose: a ^T is dropped;
- drop: one factor of a product is left out;
- kind: a matrix product \\cdot becomes an element-wise * or the reverse;
- dots: a sum written with \\dots stops one term short, or has every sign flipped;
- range: an index range k = a, \\dots, b starts or ends one off, or runs the other way
  (`range_mutants`, made from a statement).

A mutant that cannot differ from the original is not made: swapping two
factors, dropping a transpose or changing the kind of a product where every
value is 1 x 1 on the page's example and, for a member in matrix notation, on
its widened networks too (a member in scalar notation is checked on the page's
shapes only); or dropping a factor made of numbers only that equals 1 (1/2 x 2).
"""

from __future__ import annotations

import re

import numpy as np
from lark import Token, Tree

from gradcore.texcheck.check import index_assignments, is_matrix_notation
from gradcore.texcheck.equations import Statement, split_top_level
from gradcore.texcheck.evaluate import evaluate
from gradcore.texcheck.grammar import parse_member
from gradcore.texcheck.symbols import IndexOutOfRangeError
from gradcore.texcheck.variant import variants

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


def _hidden(nodes: list[Tree], member: str, example, indices: dict[str, int]) -> bool:
    """Whether every node is 1 x 1 wherever the checker evaluates the member: a slip in them cannot show."""
    examples = [example]
    page_bound = re.search(r"\]_\{\s*\d+\s*\\times\s*\d+\s*\}|bmatrix", member)  # written for the page's shapes
    if is_matrix_notation(Statement((member,))) and not page_bound:
        examples += [e for e in variants(example)[1:] if e is not None]
    return all(_is_one_by_one(n, e, indices) for n in nodes for e in examples)


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
        if node.data == "cdot" and not _hidden(kids, member, example, indices):
            (a0, a1), (b0, b1) = _span(kids[0]), _span(kids[1])
            found.append(("swap", member[:a0] + member[b0:b1] + member[a1:b0] + member[a0:a1] + member[b1:]))
        if node.data in ("cdot", "elementwise") and not _hidden(kids, member, example, indices):
            operator = next(c for c in node.children if isinstance(c, Token))
            other = "*" if node.data == "cdot" else "\\cdot"
            found.append(("kind", member[:operator.start_pos] + other + member[operator.end_pos:]))
        if node.data in ("add", "sub") and any(c.data == "dots" for c in node.iter_subtrees()):
            found += _dots_mutants(member, start, end)
        if node.data in _PRODUCTS:
            (a0, a1), (b0, b1) = _span(kids[0]), _span(kids[1])
            if not _is_constant_one(kids[1], example):
                found.append(("drop", member[:start] + member[a0:a1] + member[end:]))
            if not _is_constant_one(kids[0], example):
                found.append(("drop", member[:start] + member[b0:b1] + member[end:]))
        sup = next((c for c in node.children if isinstance(c, Token) and c.type == "SUP"
                    and c.value.replace("{", "").replace("}", "") == "^T"), None)
        if sup is not None and node.data != "sum" and not _hidden([node], member, example, indices):
            found.append(("transpose", member[:sup.start_pos] + member[sup.end_pos:]))
    return [(kind, text) for kind, text in found if text.strip() and text != member]


def _dots_mutants(member: str, start: int, end: int) -> list[tuple[str, str]]:
    """The \\dots sum at member[start:end] one term short, and with every sign flipped."""
    text = member[start:end]
    at = text.index("\\dots")
    found = []
    short = re.sub(r"\((\w+)\)", r"(\1-1)", text[at:], count=1)
    if short != text[at:]:
        found.append(("dots", member[:start] + text[:at] + short + member[end:]))
    if not text.lstrip().startswith("-") and "- \\dots" not in text:
        found.append(("dots", member[:start] + "-" + text.replace("+", "-") + member[end:]))
    return found


def range_mutants(statement: Statement) -> list[tuple[str, Statement]]:
    """k = a, \\dots, b with a or b one off, and with the order reversed."""
    letter, text = statement.members
    items = [i.strip() for i in split_top_level(text, re.compile(","))]
    first, last = items[0], items[-1]
    made = [[f"{first}-1", *items[1:]], [f"{first}+1", *items[1:]], [*items[:-1], f"{last}+1"],
            [*items[:-1], f"{last}-1"]]
    if any("dots" in i for i in items):
        made.append(list(reversed(items)))  # the order matters where the formula uses the layer above or below
    return [("range", Statement((letter, ", ".join(m)))) for m in made if m != items]


__all__ = ["mutants", "range_mutants"]
