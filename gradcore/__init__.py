"""gradcore: the numbers behind a tutorial series on the gradients of small sigmoid networks.

The numerical core imports numpy only. Conventions (row vectors): X is m x n_0,
W_k is n_(k-1) x n_k, b_k is 1 x n_k, u_k = l_(k-1) . W_k (+ b_k),
l_k = sigma(u_k), l_0 = X, yhat = l_L, and L = 1/2 sum (y - yhat)^2 over every
example and output.

The names below are imported on first use (`from gradcore import forward`
works as usual), so that importing a submodule, such as the Markdown
extension in a build whose pages all come from the disk cache, does not
import numpy.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gradcore.core.activations import sigmoid, sigmoid_prime
    from gradcore.core.backward import Gradients, backward
    from gradcore.core.closed_forms import FORMULAS, closed_form_gradients
    from gradcore.core.errors import GradcoreError, InputError, ShapeError
    from gradcore.core.forward import ForwardPass, forward
    from gradcore.core.gradcheck import TOLERANCE, GradCheck, check_formula, check_gradients
    from gradcore.core.limits import MAX_CHECK_COST, MAX_EXAMPLES, MAX_PARAMETERS, MAX_STEPS
    from gradcore.core.loss import check_targets, half_squared_error, loss_gradient
    from gradcore.core.network import Network, make_network, random_network
    from gradcore.core.numerical import (
        COMPLEX_STEP,
        EPS,
        ParameterGradients,
        complex_step_gradients,
        numerical_gradients,
        relative_error,
    )
    from gradcore.core.one_layer import part1_scalar, part2_vector, part3_batch, part3_batch_terms
    from gradcore.core.training import TrainingRun, gradient_step, train
    from gradcore.core.two_layers import part4_one_hidden, part5_hidden_layer, part6_batch, part6_batch_terms
    from gradcore.core.validation import as_matrix

_MODULES = {
    "core.activations": ("sigmoid", "sigmoid_prime"),
    "core.backward": ("Gradients", "backward"),
    "core.closed_forms": ("FORMULAS", "closed_form_gradients"),
    "core.errors": ("GradcoreError", "InputError", "ShapeError"),
    "core.forward": ("ForwardPass", "forward"),
    "core.gradcheck": ("TOLERANCE", "GradCheck", "check_formula", "check_gradients"),
    "core.limits": ("MAX_CHECK_COST", "MAX_EXAMPLES", "MAX_PARAMETERS", "MAX_STEPS"),
    "core.loss": ("check_targets", "half_squared_error", "loss_gradient"),
    "core.network": ("Network", "make_network", "random_network"),
    "core.numerical": ("COMPLEX_STEP", "EPS", "ParameterGradients", "complex_step_gradients", "numerical_gradients",
                  "relative_error"),
    "core.one_layer": ("part1_scalar", "part2_vector", "part3_batch", "part3_batch_terms"),
    "core.training": ("TrainingRun", "gradient_step", "train"),
    "core.two_layers": ("part4_one_hidden", "part5_hidden_layer", "part6_batch", "part6_batch_terms"),
    "core.validation": ("as_matrix",),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "COMPLEX_STEP", "EPS", "FORMULAS", "MAX_CHECK_COST", "MAX_EXAMPLES", "MAX_PARAMETERS", "MAX_STEPS", "TOLERANCE",
    "ForwardPass", "GradCheck", "GradcoreError", "Gradients", "InputError", "Network", "ParameterGradients",
    "ShapeError", "TrainingRun",
    "as_matrix", "backward", "check_formula", "check_gradients", "check_targets", "closed_form_gradients",
    "complex_step_gradients", "forward", "gradient_step", "half_squared_error", "loss_gradient",
    "make_network", "numerical_gradients", "part1_scalar", "part2_vector", "part3_batch", "part3_batch_terms",
    "part4_one_hidden", "part5_hidden_layer", "part6_batch", "part6_batch_terms", "random_network",
    "relative_error", "sigmoid", "sigmoid_prime", "train",
]


def __getattr__(name: str) -> Any:
    """Import the module that defines `name` on first use (PEP 562)."""
    if name not in _HOME:
        raise AttributeError(f"module 'gradcore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"gradcore.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package: `gradcore.core.forward` and `gradcore.core.backward` stay the functions, as they always were.

    Importing a submodule sets it as an attribute of its package; for these
    two that would hide the function of the same name, which an eager
    `from gradcore.core.forward import forward` used to put back.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _HOME and isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}":
            return  # the function is found by __getattr__; the module stays in sys.modules
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
