"""gradcore: the numbers behind a tutorial series on the gradients of small sigmoid networks.

The numerical core imports numpy only. Conventions (row vectors): X is m x n_0,
W_k is n_(k-1) x n_k, b_k is 1 x n_k, u_k = l_(k-1) . W_k (+ b_k),
l_k = sigma(u_k), l_0 = X, yhat = l_L, and L = 1/2 sum (y - yhat)^2 over every
example and output.
"""

from gradcore.activations import sigmoid, sigmoid_prime
from gradcore.backward import Gradients, backward
from gradcore.closed_forms import FORMULAS, closed_form_gradients
from gradcore.errors import GradcoreError, InputError, ShapeError
from gradcore.forward import ForwardPass, forward
from gradcore.gradcheck import TOLERANCE, GradCheck, check_formula, check_gradients
from gradcore.limits import MAX_CHECK_COST, MAX_EXAMPLES, MAX_PARAMETERS, MAX_STEPS
from gradcore.loss import check_targets, half_squared_error, loss_gradient
from gradcore.network import Network, make_network, random_network
from gradcore.numerical import (
                                COMPLEX_STEP,
                                EPS,
                                ParameterGradients,
                                complex_step_gradients,
                                numerical_gradients,
                                relative_error,
)
from gradcore.one_layer import part1_scalar, part2_vector, part3_batch, part3_batch_terms
from gradcore.training import TrainingRun, gradient_step, train
from gradcore.two_layers import part4_one_hidden, part5_hidden_layer, part6_batch, part6_batch_terms
from gradcore.validation import as_matrix

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
