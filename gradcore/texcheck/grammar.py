"""The grammar of the series' formulas, and a parser for one member of an equation.

Covers what the result equations use: sums and differences, products by
juxtaposition, `\\cdot` (matrix product), `*` or `\\odot` (element-wise),
`\\times` (product of scalars), `^T` (or `^\\top`, `^{\\mathsf T}`), `\\hat{y}`, indices as subscripts and
superscripts, `\\sigma(...)`, `\\tanh(...)`,
`\\mathrm{ReLU}(...)` or `\\max(0, ...)`, `\\mathrm{softmax}(...)` (row by row), `\\log`, the indicator
`\\mathbb{1}[u > 0]`, a layer's own activation `f(u_k)` and `f'(u_k)`, `e^{...}` and `\\exp(...)`,
`a_1 + \\dots + a_n`, `\\frac`, `\\tfrac`, `\\sum_{j=1}^{m}`,
`\\mathbf{1}`, `[...]_{a \\times b}` (a shape), `\\begin{bmatrix}` and
`\\partial L / \\partial ...` for the gradients, the local derivatives of the
chain rule (`\\partial u_2 / \\partial l_1`), the derivative `\\frac{d}{dx} f` of
what follows it with respect to one scalar letter, and `\\underbrace{...}_{name}`.
Subscripts and superscripts are kept as text and read by `gradcore.texcheck.symbols`.

The parser is lark's LALR(1) parser (fast, and it refuses an ambiguous
grammar when it is built); products of every kind share one level and group
to the left, as the pages read them: (a . b) * c * d. A sum
\\sum_{j=1}^{m}, and a derivative \\frac{d}{dx}, run over the whole product after it.
"""

from __future__ import annotations

from functools import lru_cache

from lark import Lark, Tree
from lark.exceptions import LarkError

__all__ = ["TexSyntaxError", "parse_member"]

_GRAMMAR = r"""
?start: expr

?expr: expr "+" product             -> add
     | expr "-" product             -> sub
     | "-" product                  -> neg
     | product

?product: plain
        | plain sum                 -> juxt
        | sum
        | plain derivative          -> juxt
        | derivative

sum: SUM SUB SUP product
derivative: DERIV product

?plain: plain TIMES factor          -> times
      | plain CDOT factor           -> cdot
      | plain STAR factor           -> elementwise
      | plain factor                -> juxt
      | factor

?factor: atom

?atom: NUMBER                       -> number
     | symbol
     | gradient
     | group
     | group SUP                    -> power
     | FRAC "{" expr "}" "{" expr "}"   -> fraction
     | SIGMA PRIME? group           -> sigma
     | TANH PRIME? group            -> tanh
     | RELU PRIME? group            -> relu
     | MAX "(" NUMBER "," expr ")"  -> relu_max
     | SOFTMAX group                -> softmax
     | LOG atom                     -> log
     | INDICATOR "[" expr ">" NUMBER "]"  -> indicator
     | FN PRIME? group              -> activation
     | EXP SUP                      -> exp
     | EXP_FN group                 -> exp_call
     | DOTS                         -> dots
     | ONES SUP?                    -> ones
     | "[" expr "]" SUB             -> shaped
     | BEGIN_B rows END_B SUB?      -> bmatrix
     | BIG_L "[" expr ("&" expr)+ BIG_R "]"  -> row
     | UNDERBRACE "{" expr "}" SUB  -> underbrace

group: "(" expr ")" | BIG_L "(" expr BIG_R ")" | "\\left(" expr "\\right)" | BIG_L "[" expr BIG_R "]"

symbol: NAME SUB? SUP? PRIME?

gradient: FRAC "{" PARTIAL numerator "}" "{" PARTIAL symbol "}"
        | PARTIAL numerator "/" PARTIAL symbol
?numerator: loss | symbol
loss: LOSS SUB?

rows: row ("\\\\" row)*
row: expr ("&" expr)*

TIMES: "\\times"
CDOT: "\\cdot"
STAR: "*" | "\\odot" | "\\circ"
SUM: "\\sum"
FRAC: "\\frac" | "\\tfrac" | "\\dfrac"
DERIV.3: /\\[dt]?frac\{(d|\\mathrm\{d\})\}\{(d|\\mathrm\{d\})\s*[A-Za-z]\}/
SIGMA: "\\sigma"
TANH: "\\tanh"
RELU: "\\mathrm{ReLU}" | "\\operatorname{ReLU}"
MAX: "\\max"
SOFTMAX: "\\mathrm{softmax}" | "\\operatorname{softmax}"
LOG: "\\log" | "\\ln"
INDICATOR: "\\mathbb{1}"
FN.2: /f(?=\s*'?\s*\()/
PRIME: "'"
EXP.2: /e(?=\^)/
EXP_FN: "\\exp"
DOTS: "\\dots" | "\\cdots" | "\\ldots"
ONES: "\\mathbf{1}"
PARTIAL: "\\partial" | "\\mathrm{d}" | "\\mathrm d"
UNDERBRACE: "\\underbrace"
LOSS.2: /L(?![A-Za-z])/
BEGIN_B: "\\begin{bmatrix}"
END_B: "\\end{bmatrix}"
BIG_L: /\\(big|Big|bigg|Bigg)l?(?=[(\[])/
BIG_R: /\\(big|Big|bigg|Bigg)r?(?=[)\]])/
NAME: /\\hat\{y\}|\\Delta(\s*l(?![A-Za-z]))?|\\eta|[A-Za-z](?![A-Za-z])/
SUB: /_(\{([^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])/
SUP: /\^(\{([^{}]|\{[^{}]*\})*\}|[A-Za-z0-9]|\\top(?![A-Za-z])|\\intercal(?![A-Za-z]))/
NUMBER: /\d+(\.\d+)?/

SPACE: /\\[,;:!](?![A-Za-z])|\\quad|\\qquad|\\textstyle|\\displaystyle/
%import common.WS
%ignore WS
%ignore SPACE
"""

_PARSER = Lark(_GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False)


class TexSyntaxError(ValueError):
    """A member of an equation that the grammar does not cover."""


@lru_cache(maxsize=4096)
def parse_member(text: str) -> Tree:
    """The parse tree of one member of an equation (the text between two '=').

    Raises:
        TexSyntaxError: If the text is outside the series' notation.
    """
    try:
        return _PARSER.parse(text)
    except LarkError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise TexSyntaxError(f"cannot read {text.strip()!r}: {first[:160]}") from None
