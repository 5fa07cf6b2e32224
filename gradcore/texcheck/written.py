"""Matrices written out in a formula, and shapes written under a bracket.

`\\begin{bmatrix} ... \\end{bmatrix}` and `\\big[a \\;\\; b\\big]` are matrices
whose entries are scalars; `[...]_{m \\times n}` states the shape of what it
encloses, with sizes that may be numbers or names (m, n_k, n_{k-1}).
"""

from __future__ import annotations

import numpy as np

from gradcore.examples.worked import NetworkExample, SigmoidExample
from gradcore.texcheck.symbols import Indices, NotationError, WrittenShapeError, number_in_script

__all__ = ["check_shape", "written_matrix"]


def _body(token: str | None) -> str:
    body = (token or "")[1:].strip()
    return body[1:-1].strip() if body.startswith("{") else body


def check_shape(value: np.ndarray, sub: str | None, indices: Indices,
                example: NetworkExample | SigmoidExample) -> None:
    """Raise NotationError unless `value` has the shape written in `sub` (`_{rows \\times columns}`)."""
    body = _body(sub)
    sizes = body.split("\\times")
    if len(sizes) != 2 or isinstance(example, SigmoidExample):
        raise NotationError(f"a shape is written [...]_{{rows \\times columns}}, got _{{{body}}}")
    expected = tuple(number_in_script(s.strip(), indices, example) for s in sizes)
    if value.shape != expected:
        raise WrittenShapeError(f"shape written as {expected[0]} x {expected[1]} "
                            f"but the value is {value.shape[0]} x {value.shape[1]}")


def written_matrix(rows: list[list[np.ndarray]], sub: str | None, indices: Indices,
                   example: NetworkExample | SigmoidExample) -> np.ndarray:
    """The matrix of scalar entries `rows`, checked against a written shape if there is one."""
    if any(cell.shape != (1, 1) for row in rows for cell in row) or len({len(r) for r in rows}) != 1:
        raise NotationError("every entry of a written matrix must be a scalar, in rows of equal length")
    value = np.array([[float(cell[0, 0]) for cell in row] for row in rows])
    if sub is not None:
        check_shape(value, sub, indices, example)
    return value
