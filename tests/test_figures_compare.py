"""The comparison figures: their data are gradcore's own backward pass and training, under each choice."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from figures_support import network, sigmoid
from gradcore.core.activations import relu_prime, sigmoid_prime, tanh_prime
from gradcore.core.backward import backward
from gradcore.core.training import train
from gradcore.figures import activations_plot, canvas, slowdown, vanishing
from gradcore.figures.compare import deltas_by_activation, losses_by_loss


def _lines(figure, prefix: str) -> dict[str, object]:
    return {line.get_gid(): line for axes in figure.axes for line in axes.lines
            if (line.get_gid() or "").startswith(prefix)}


def test_vanishing_plots_each_layers_mean_delta_under_each_activation():
    """Assert each line is mean |Delta l_k| of the network with that hidden activation, layer 1 first."""
    example = network((3, 4, 4, 4, 1), m=3)
    with canvas.style():
        lines = _lines(vanishing.build(example, {"digits": "3"}), "deltas-")
    assert set(lines) == {"deltas-sigmoid", "deltas-tanh", "deltas-relu"}
    for name in ("sigmoid", "tanh", "relu"):
        net = replace(example.network, activations=(name, name, name, "sigmoid"))
        expected = [np.mean(np.abs(d)) for d in backward(net, example.X, example.y).deltas]
        np.testing.assert_array_equal(lines[f"deltas-{name}"].get_ydata(), expected)
        np.testing.assert_array_equal(lines[f"deltas-{name}"].get_xdata(), [1, 2, 3, 4])


def test_vanishing_sigmoid_deltas_shrink_by_at_most_a_quarter_times_the_weights():
    """Assert the bound the page states: through a sigmoid layer, |delta_k| <= |delta_k+1| |W_k+1| / 4."""
    example = network((3, 4, 4, 4, 1), m=1)
    deltas = backward(example.network, example.X, example.y).deltas
    for k in range(len(deltas) - 1):
        bound = np.linalg.norm(deltas[k + 1]) * np.linalg.norm(example.network.weights[k + 1], 2) / 4
        assert np.linalg.norm(deltas[k]) <= bound * (1 + 1e-12)
    assert deltas_by_activation(example)["sigmoid"] == [float(np.mean(np.abs(d))) for d in deltas]


def test_slowdown_plots_both_training_runs():
    """Assert the two curves are gradcore's training losses with half the squared error and with cross-entropy."""
    example = network((2, 1), m=2, steps=25)
    with canvas.style():
        lines = _lines(slowdown.build(example, {"digits": "4"}), "loss-")
    runs = losses_by_loss(example)
    for name in ("half_squared_error", "binary_cross_entropy"):
        expected = train(replace(example.network, loss=name), example.X, example.y, example.learning_rate, 25).losses
        assert runs[name] == expected
        np.testing.assert_array_equal(lines[f"loss-{name}"].get_ydata(), expected)
    assert runs["half_squared_error"] == example.training.losses  # the example's own loss is the first


def test_activations_plot_draws_gradcores_functions_and_slopes():
    """Assert the slope curves are gradcore's derivatives, ReLU's a step at 0."""
    with canvas.style():
        lines = _lines(activations_plot.build(sigmoid([-2.0, 1.0]), {}), "slope-")
    for name, prime in (("sigmoid", sigmoid_prime), ("tanh", tanh_prime), ("relu", relu_prime)):
        line = lines[f"slope-{name}"]
        np.testing.assert_array_equal(line.get_ydata(), prime(line.get_xdata()))
    assert max(lines["slope-sigmoid"].get_ydata()) <= 0.25 + 1e-15  # at u = +-1e-12, a rounding above
    assert max(lines["slope-tanh"].get_ydata()) <= 1.0 + 1e-15
    assert set(lines["slope-relu"].get_ydata()) == {0.0, 1.0}
