"""Sums written out with \\dots: `a_{(1)} + \\dots + a_{(m)}`, read as the terms they stand for.

The first and the last term must be the same formula but for one index
expression, in the same place of every subscript or superscript that
differs (`(1)` and `(m)`, or `1` and `n_K`); that expression runs from its
value in the first term to its value in the last, one at a time. A term
written out between them (`a_{(1)} + a_{(2)} + \\dots`) must be the next one
of that run. Every term after the first is added, or every one subtracted.
Anything else is refused: a sum with \\dots whose terms cannot be told is not
a formula the checker can read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lark import Token, Tree

from gradcore.texcheck.symbols import NotationError

__all__ = ["flat_terms", "run_of_terms"]

_ATOM = re.compile(r"n_\{[^{}]*\}|n_\w|[A-Za-z0-9]|\S")
_SCRIPTS = ("SUB", "SUP")


def flat_terms(node: Tree) -> list[tuple[float, Tree]]:
    """The terms of a chain of + and -, each with its sign (+1 or -1), in order."""
    if node.data not in ("add", "sub"):
        return [(1.0, node)]
    left, right = (c for c in node.children if isinstance(c, Tree))
    return [*flat_terms(left), (1.0 if node.data == "add" else -1.0, right)]


def _tokens(node: Tree) -> list[Token]:
    """The tokens of a tree, depth first, in the order of the text."""
    found: list[Token] = []
    for child in node.children:
        found.extend(_tokens(child) if isinstance(child, Tree) else [child])
    return found


def _shape(node: Tree) -> list[str]:
    return [str(t.data) for t in node.iter_subtrees_topdown()]


def _atoms(token: str) -> list[str]:
    body = token[1:].strip()
    body = body[1:-1] if body.startswith("{") and body.endswith("}") else body
    return _ATOM.findall(body)


def _difference(first: list[str], last: list[str]) -> tuple[int, int, str, str]:
    """Where two atom lists differ: (length of the common start, of the common end, first middle, last middle)."""
    start = 0
    while start < min(len(first), len(last)) and first[start] == last[start]:
        start += 1
    end = 0
    while end < min(len(first), len(last)) - start and first[-1 - end] == last[-1 - end]:
        end += 1
    return start, end, "".join(first[start:len(first) - end]), "".join(last[start:len(last) - end])


def _template(first: Tree, last: Tree) -> tuple[str, str, Callable[[int], Tree]]:
    """The index expression's first and last text, and the term for any value of it."""
    if _shape(first) != _shape(last):
        raise NotationError("the first and the last term around \\dots are not the same formula")
    a, b = _tokens(first), _tokens(last)
    if [t.type for t in a] != [t.type for t in b]:
        raise NotationError("the first and the last term around \\dots are not the same formula")
    places, ends = {}, set()
    for position, (x, y) in enumerate(zip(a, b)):
        if x.value.replace(" ", "") == y.value.replace(" ", ""):
            continue
        if x.type not in _SCRIPTS:
            raise NotationError(f"the terms around \\dots differ in {x.value!r} and {y.value!r}, not in an index")
        atoms = _atoms(x.value)
        start, end, low, high = _difference(atoms, _atoms(y.value))
        places[position] = (x.value[:1], atoms[:start], atoms[len(atoms) - end:])
        ends.add((low, high))
    if len(ends) != 1:
        raise NotationError("the terms around \\dots must differ in one index, the same in every place")
    (low, high), = ends

    def term(value: int) -> Tree:
        tokens = iter(range(len(a)))

        def rebuild(node: Tree) -> Tree:
            children: list[Tree | Token] = []
            for child in node.children:
                if isinstance(child, Tree):
                    children.append(rebuild(child))
                    continue
                position = next(tokens)
                if position in places:
                    mark, before, after = places[position]
                    child = Token(child.type, mark + "{" + "".join(before) + str(value) + "".join(after) + "}")
                children.append(child)
            return Tree(node.data, children, node.meta if not node.meta.empty else None)

        return rebuild(first)

    return low, high, term


def _same(x: Tree, y: Tree) -> bool:
    return _shape(x) == _shape(y) and [_atoms(t.value) if t.type in _SCRIPTS else t.value for t in _tokens(x)] == [
        _atoms(t.value) if t.type in _SCRIPTS else t.value for t in _tokens(y)]


def run_of_terms(terms: list[tuple[float, Tree]], number: Callable[[str], int]) -> list[tuple[float, Tree]]:
    """The terms a chain with \\dots stands for; `number` reads an index expression (m, n_K, 3)."""
    at = [i for i, (_, t) in enumerate(terms) if t.data == "dots"]
    if len(at) != 1 or at[0] in (0, len(terms) - 1):
        raise NotationError("a sum with \\dots is written a_1 + \\dots + a_n: one \\dots, with terms on both sides")
    signs = {sign for sign, _ in terms[1:]}
    if len(signs) != 1:
        raise NotationError("every term of a sum with \\dots after the first is added, or every one subtracted")
    (sign,) = signs
    first = terms[0][1]
    if sign < 0 and first.data == "neg":
        first = next(c for c in first.children if isinstance(c, Tree))
    elif sign < 0:
        raise NotationError("a sum with \\dots that subtracts its terms starts with -: -a_1 - \\dots - a_n")
    before = [first] + [t for _, t in terms[1:at[0]]]
    after = [t for _, t in terms[at[0] + 1:]]
    low, high, term = _template(first, after[-1])
    start, stop = number(low), number(high)
    step = 1 if stop >= start else -1
    values = list(range(start, stop + step, step))
    if len(values) < len(before) + len(after):
        raise NotationError(f"the terms written around \\dots are more than {low} to {high} holds")
    written = list(zip(values[1:], before[1:])) + list(zip(values[len(values) - len(after):], after[:-1]))
    for value, tree in written:
        if not _same(term(value), tree):
            raise NotationError(f"a term written beside \\dots is not the one for {value} of the run {low} to {high}")
    return [(sign, term(value)) for value in values]
