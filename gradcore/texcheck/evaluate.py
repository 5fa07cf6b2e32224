"""Evaluate a parsed member of an equation on a worked example, enforcing the notation.

Every value is a 2-D float64 array; a 1 x 1 array is a scalar. The
notation of the series is enforced as the formula is evaluated:
`\\times` only between scalars, `\\cdot` only between matrices whose inner
sizes match, `*` (or `\\odot`) only between equal shapes, juxtaposition only
with a scalar on one side, + and - only between equal shapes (a written
number, as in 1 - l_k, counts for every entry, and a bias row b_k is added
to the row of every example), and `[...]_{a \\times b}`
must have that shape.
"""

from __future__ import annotations

import numpy as np
from lark import Token, Tree

from gradcore.core.activations import relu, relu_prime, sigmoid, sigmoid_prime, softmax, tanh, tanh_prime
from gradcore.core.choices import ACTIVATIONS
from gradcore.core.validation import shape_text
from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.texcheck.dots import flat_terms, run_of_terms
from gradcore.texcheck.grammar import parse_member
from gradcore.texcheck.partials import local_partial
from gradcore.texcheck.symbols import (
    IndexOutOfRangeError,
    Indices,
    NeedsNetworkError,
    NotationError,
    gradient_value,
    is_transpose,
    number_in_script,
    script,
    symbol_value,
)
from gradcore.texcheck.written import check_shape, written_matrix

__all__ = ["evaluate"]

Example = NetworkExample | SigmoidExample


def _is_scalar(value: np.ndarray) -> bool:
    return value.shape == (1, 1)


def _trees(node: Tree) -> list[Tree]:
    return [c for c in node.children if isinstance(c, Tree)]


def _token(node: Tree, kind: str) -> str | None:
    return next((c.value for c in node.children if isinstance(c, Token) and c.type == kind), None)


def _sup_text(token: str | None) -> str | None:
    if token is None:
        return None
    body = token[1:].strip()
    return body[1:-1].strip() if body.startswith("{") else body


def _is_bias(node: Tree) -> bool:
    """A bias b_k (a row, added to the row of every example)."""
    if isinstance(node, Tree) and node.data == "shaped":
        node = _trees(node)[0]
    return isinstance(node, Tree) and node.data == "symbol" and _token(node, "NAME") == "b"


_STEP = 1e-20
"""The complex step h of d/dx f = Im f(x + ih) / h: exact to rounding, with no cancellation."""


class _Evaluator:
    def __init__(self, example: Example, indices: Indices, moved: dict[str, np.ndarray] | None = None) -> None:
        self.example, self.indices = example, dict(indices)
        self.moved = moved or {}  # a letter stepped off the real line while a derivative is taken


    def value(self, node: Tree | Token) -> np.ndarray:
        kind = node.data if isinstance(node, Tree) else node.type
        method = getattr(self, f"_{kind}", None)
        if method is None:
            raise NotationError(f"cannot evaluate {kind}")
        return method(node)

    def _number(self, node: Tree) -> np.ndarray:
        return np.array([[float(str(node.children[0]))]])

    def _group(self, node: Tree) -> np.ndarray:
        return self.value(_trees(node)[0])

    def _underbrace(self, node: Tree) -> np.ndarray:
        """What the brace spans, which must equal the name written under it (Delta l_2 in Part 4)."""
        spanned = self.value(_trees(node)[0])
        name = _sup_text(_token(node, "SUB")) or ""
        named = self.value(parse_member(name))
        scale = np.abs(spanned) + np.abs(named)
        if named.shape != spanned.shape or np.any(np.abs(spanned - named) > 1e-9 * scale + 1e-300):
            raise NotationError(f"the brace is labelled {name}, which is {named.ravel()[:4]}, "
                                f"but what it spans is {spanned.ravel()[:4]}")
        return spanned

    def _add(self, node: Tree) -> np.ndarray:
        return self._sum_of(node, 1.0)

    def _sub(self, node: Tree) -> np.ndarray:
        return self._sum_of(node, -1.0)

    def _sum_of(self, node: Tree, sign: float) -> np.ndarray:
        terms = flat_terms(node)
        if any(t.data == "dots" for _, t in terms):
            return self._dots_sum(terms)
        left_node, right_node = _trees(node)
        left, right = self.value(left_node), self.value(right_node)
        numbers = (left_node.data == "number", right_node.data == "number")
        bias_row = _is_bias(right_node) and right.shape[0] == 1 and right.shape[1] == left.shape[1]
        if left.shape != right.shape and not any(numbers) and not bias_row:
            raise NotationError(f"{'+' if sign > 0 else '-'} between shapes {shape_text(left)} and {shape_text(right)}")
        return left + sign * right

    def _dots_sum(self, terms: list[tuple[float, Tree]]) -> np.ndarray:
        """a_1 + \\dots + a_n, term by term (`gradcore.texcheck.dots`)."""
        if isinstance(self.example, SigmoidExample):
            raise NotationError("a sum with \\dots needs a network example")
        example = self.example
        total: np.ndarray | None = None
        run = run_of_terms(terms, lambda t: number_in_script(t, self.indices, example))
        for number, (sign, term) in enumerate(run):
            try:
                value = sign * self.value(term) if number else self.value(term) * (1.0 if sign > 0 else -1.0)
            except IndexOutOfRangeError as error:
                if number == 0:
                    raise
                raise NotationError(f"the sum with \\dots runs past what the example has ({error})") from None
            if total is not None and total.shape != value.shape:
                raise NotationError(f"+ between shapes {shape_text(total)} and {shape_text(value)}")
            total = value if total is None else total + value
        assert total is not None
        return total

    def _dots(self, node: Tree) -> np.ndarray:
        raise NotationError("\\dots stands only between the terms of a sum: a_1 + \\dots + a_n")

    def _neg(self, node: Tree) -> np.ndarray:
        return -self.value(_trees(node)[0])

    def _times(self, node: Tree) -> np.ndarray:
        left, right = (self.value(t) for t in _trees(node))
        if not (_is_scalar(left) and _is_scalar(right)):
            raise NotationError(f"\\times between {shape_text(left)} and {shape_text(right)}; "
                                "\\times is for scalars (use \\cdot for a matrix product)")
        return left * right

    def _cdot(self, node: Tree) -> np.ndarray:
        left, right = (self.value(t) for t in _trees(node))
        if left.shape[1] != right.shape[0]:
            raise NotationError(f"\\cdot between {shape_text(left)} and {shape_text(right)}: inner sizes differ")
        return left @ right

    def _elementwise(self, node: Tree) -> np.ndarray:
        left, right = (self.value(t) for t in _trees(node))
        if left.shape != right.shape:
            raise NotationError(f"element-wise product of {shape_text(left)} and {shape_text(right)}: shapes differ")
        return left * right

    def _juxt(self, node: Tree) -> np.ndarray:
        left, right = (self.value(t) for t in _trees(node))
        if not (_is_scalar(left) or _is_scalar(right)):
            raise NotationError(f"{shape_text(left)} next to {shape_text(right)} with no operator; "
                                "write \\cdot or * between matrices")
        return left * right

    def _fraction(self, node: Tree) -> np.ndarray:
        top, bottom = (self.value(t) for t in _trees(node))
        if not _is_scalar(bottom):
            raise NotationError(f"division by a {shape_text(bottom)} matrix")
        return top / bottom

    def _power(self, node: Tree) -> np.ndarray:
        base, sup = self.value(_trees(node)[0]), _sup_text(_token(node, "SUP"))
        if is_transpose(sup):
            return base.T
        try:
            exponent = float(sup or "")
        except ValueError:
            raise NotationError(f"power ^{{{sup}}} is not a number") from None
        return base ** exponent

    def _exp(self, node: Tree) -> np.ndarray:
        return np.exp(self.value(parse_member(_sup_text(_token(node, "SUP")) or "")))

    def _exp_call(self, node: Tree) -> np.ndarray:
        return np.exp(self.value(_trees(node)[0]))

    def _sigma(self, node: Tree) -> np.ndarray:
        inner = self.value(_trees(node)[0])
        return sigmoid_prime(inner) if _token(node, "PRIME") else sigmoid(inner)

    def _tanh(self, node: Tree) -> np.ndarray:
        inner = self.value(_trees(node)[0])
        return tanh_prime(inner) if _token(node, "PRIME") else tanh(inner)

    def _relu(self, node: Tree) -> np.ndarray:
        inner = self.value(_trees(node)[0])
        return relu_prime(inner) if _token(node, "PRIME") else relu(inner)

    def _relu_max(self, node: Tree) -> np.ndarray:
        if float(_token(node, "NUMBER") or "nan") != 0.0:
            raise NotationError("\\max(0, u) is ReLU: the first argument is 0")
        return relu(self.value(_trees(node)[0]))

    def _softmax(self, node: Tree) -> np.ndarray:
        """Each row (each example) of the argument through softmax."""
        return softmax(self.value(_trees(node)[0]))

    def _log(self, node: Tree) -> np.ndarray:
        inner = self.value(_trees(node)[0])
        if not np.iscomplexobj(inner) and np.any(inner <= 0):
            raise NotationError(f"\\log of {_text_of(inner)}, which is not positive")
        return np.log(inner)

    def _indicator(self, node: Tree) -> np.ndarray:
        """\\mathbb{1}[u > 0]: 1 where the argument is positive, else 0 (the slope of ReLU)."""
        if float(_token(node, "NUMBER") or "nan") != 0.0:
            raise NotationError("the indicator is written \\mathbb{1}[u > 0]")
        return np.where(self.value(_trees(node)[0]).real > 0, 1.0, 0.0)

    def _activation(self, node: Tree) -> np.ndarray:
        """f(u_k) or f'(u_k): layer k's own activation (the example's choice), or its derivative."""
        group = _trees(node)[0]
        inner = _trees(group)[0] if group.data == "group" else group
        if isinstance(self.example, SigmoidExample) or inner.data != "symbol" or _token(inner, "NAME") != "u":
            raise NotationError("f is a layer's activation: write f(u_k) or f'(u_k), with a layer number, "
                                "on a network example")
        layer = script(_token(inner, "SUB")).layer
        depth = self.example.network.depth
        k = 1 if layer is None and depth == 1 else number_in_script(layer or "", self.indices, self.example)
        if not 1 <= k <= depth:
            raise IndexOutOfRangeError(f"f_{k}")
        activation = ACTIVATIONS[self.example.network.activations[k - 1]]
        value = self.value(inner)
        if not _token(node, "PRIME"):
            return activation.value(value)
        if activation.prime is None:
            raise NotationError(f"f'(u_{k}) of {activation.name} is not one number per entry (its Jacobian is "
                                "a matrix); write the delta of a softmax output in full")
        return activation.prime(value)

    def _derivative(self, node: Tree) -> np.ndarray:
        """d/dx of what follows, by the complex step: independent of any formula for the derivative."""
        letter = (_token(node, "DERIV") or "")[-2]
        point = self._symbol_named(letter)
        if not _is_scalar(point) or np.iscomplexobj(point):
            raise NotationError(f"d/d{letter} needs {letter} to be one real number, here {shape_text(point)}")
        inner = _Evaluator(self.example, self.indices, {**self.moved, letter: point + 1j * _STEP})
        return np.imag(inner.value(_trees(node)[0])) / _STEP

    def _symbol_named(self, letter: str) -> np.ndarray:
        if letter in self.moved:
            return self.moved[letter]
        return symbol_value(letter, None, None, False, self.indices, self.example)

    def _ones(self, node: Tree) -> np.ndarray:
        if isinstance(self.example, SigmoidExample):
            raise NotationError("\\mathbf{1} needs a network example")
        ones = np.ones((self.example.X.shape[0], 1))
        return ones.T if is_transpose(_sup_text(_token(node, "SUP"))) else ones

    def _shaped(self, node: Tree) -> np.ndarray:
        value = self.value(_trees(node)[0])
        check_shape(value, _token(node, "SUB"), self.indices, self.example)
        return value

    def _bmatrix(self, node: Tree) -> np.ndarray:
        rows = [[self.value(cell) for cell in _trees(row)] for row in _trees(_trees(node)[0])]
        return written_matrix(rows, _token(node, "SUB"), self.indices, self.example)

    def _row(self, node: Tree) -> np.ndarray:
        return written_matrix([[self.value(cell) for cell in _trees(node)]], None, self.indices, self.example)

    def _sum(self, node: Tree) -> np.ndarray:
        lower, upper = _token(node, "SUB"), _sup_text(_token(node, "SUP"))
        variable, _, start = (_sup_text(lower) or "").partition("=")
        if not variable.strip().isalpha() or not start.strip() or isinstance(self.example, SigmoidExample):
            raise NotationError(f"a sum is written \\sum_{{j=1}}^{{m}}, got {lower}")
        first = number_in_script(start, self.indices, self.example)
        last = number_in_script(upper or "", self.indices, self.example)
        total = None
        for value in range(first, last + 1):
            inner = _Evaluator(self.example, {**self.indices, variable.strip(): value}, self.moved)
            try:
                term = inner.value(_trees(node)[0])
            except IndexOutOfRangeError as error:
                if value == first:
                    raise  # another index is out of range: not this sum's doing
                raise NotationError(f"the sum over {variable.strip()} runs to {last}, "
                                    f"past what the example has ({error})") from None
            total = term if total is None else total + term
        if total is None:
            raise NotationError("an empty sum")
        return total

    def _symbol(self, node: Tree) -> np.ndarray:
        name, sub, sup = _token(node, "NAME") or "", _token(node, "SUB"), _sup_text(_token(node, "SUP"))
        transpose = is_transpose(sup)
        index_sup = None if transpose else sup
        name = _name(node)
        if name in self.moved and sub is None and sup is None:
            return self.moved[name]
        value = symbol_value(name, sub, index_sup, _token(node, "PRIME") is not None, self.indices, self.example)
        return value.T if transpose else value

    def _gradient(self, node: Tree) -> np.ndarray:
        top, bottom = _trees(node)
        if is_transpose(_sup_text(_token(bottom, "SUP"))):
            raise NotationError("a derivative with respect to a transpose")
        if top.data == "loss":
            return gradient_value(_token(top, "SUB"), _name(bottom), _token(bottom, "SUB"),
                                  _sup_text(_token(bottom, "SUP")), self.indices, self.example)
        if isinstance(self.example, SigmoidExample):
            raise NeedsNetworkError("a local derivative of the network has no value in a sigmoid example")
        return local_partial(_ref(top), _ref(bottom), self.indices, self.example)


def _text_of(value: np.ndarray) -> str:
    return np.array2string(np.asarray(value), precision=4).replace("\n", "")


def _name(node: Tree) -> str:
    name = _token(node, "NAME") or ""
    return "\\Delta l" if name.startswith("\\Delta") and name != "\\Delta" else name


def _ref(node: Tree) -> tuple[str, str | None, str | None]:
    return _name(node), _token(node, "SUB"), _sup_text(_token(node, "SUP"))

def evaluate(tree: Tree, example: Example, indices: Indices) -> np.ndarray:
    """The value of a parsed member under an assignment of the free indices.

    Raises:
        NotationError: If the formula breaks the notation or names something the example lacks.
        IndexOutOfRangeError: If a free index is out of range for this example (skip that assignment).
    """
    return np.asarray(_Evaluator(example, indices).value(tree), dtype=np.float64)
