"""Each figure kind draws valid SVG whose drawn elements match the example's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from figures_support import (
    affine_residual,
    element,
    ids,
    marker_points,
    network,
    parse_svg,
    path_points,
    private_cache,
    sigmoid,
)
from gradcore.examples.worked import SigmoidExample
from gradcore.figures import KINDS, canvas, diagram, loss_curve
from gradcore.figures.kinds import draw
from gradcore.figures.layout import all_labelled
from gradcore.figures.markup import PIXELS_PER_POINT, READABLE_PX, SMALLEST_LABEL_PT, smallest_width
from gradcore.figures.names import weight_name
from gradcore.markup.latex import format_number

__all__ = ["private_cache"]
OPTIONS = {"values": "names", "row": "1", "digits": "3"}


def drawn(kind: str, example, **options: str) -> bytes:
    defaults = KINDS[kind].defaults
    return draw(KINDS[kind], example, {**defaults, **options})


@pytest.mark.parametrize("layers", [(1, 1), (3, 1, 1), (3, 2, 1), (3, 4, 3, 1), (2, 2, 2)])
def test_diagram_has_a_node_per_unit_and_an_edge_per_weight(layers):
    """Assert node-K-J and edge-K-I-J ids match the network exactly, and which edges carry a label."""
    root = parse_svg(drawn("diagram", network(layers)))
    nodes = {f"node-{k}-{j}" for k, width in enumerate(layers) for j in range(1, width + 1)}
    edges = {f"edge-{k}-{i}-{j}" for k in range(1, len(layers))
             for i in range(1, layers[k - 1] + 1) for j in range(1, layers[k] + 1)}
    assert sorted(ids(root, r"node-\d+-\d+")) == sorted(nodes)
    assert sorted(ids(root, r"edge-\d+-\d+-\d+")) == sorted(edges)
    labelled = {f"weight-label-{k}-{i}-{j}" for k in range(1, len(layers))
                for i in range(1, layers[k - 1] + 1) for j in range(1, layers[k] + 1)
                if all_labelled(layers[k - 1], layers[k]) or i == 1}
    assert set(ids(root, r"weight-label-\d+-\d+-\d+")) == labelled


@pytest.mark.parametrize(("values", "label_ids", "count"), [
    ("activations", r"node-value-\d+-\d+", 3 + 2 + 1),
    ("weights", r"weight-label-\d+-\d+-\d+", 6 + 2),
    ("gradients", r"weight-label-\d+-\d+-\d+", 6 + 2),
])
def test_diagram_values_are_drawn(values, label_ids, count):
    """Assert each values= option puts one number per node or per labelled edge."""
    root = parse_svg(drawn("diagram", network((3, 2, 1)), values=values))
    assert len(ids(root, label_ids)) == count


def _texts(figure, prefix: str) -> dict[str, str]:
    return {t.get_gid(): t.get_text() for t in figure.axes[0].texts if (t.get_gid() or "").startswith(prefix)}


def test_diagram_numbers_come_from_the_example():
    """Assert the drawn labels are the example's weights, gradients and activations of the chosen row."""
    example, layers = network((3, 2, 1), m=2), (3, 2, 1)
    weights = _texts(diagram.build(example, {**OPTIONS, "values": "weights"}), "weight-label")
    gradients = _texts(diagram.build(example, {**OPTIONS, "values": "gradients"}), "weight-label")
    activations = _texts(diagram.build(example, {**OPTIONS, "values": "activations", "row": "2"}), "node-value")
    for gid in weights:
        k, i, j = (int(n) for n in gid.split("-")[2:])
        value = example.network.weights[k - 1][i - 1, j - 1]
        assert weights[gid] == f"${weight_name(k, i, j, layers)} = {format_number(value, exact=True)}$"
        assert gradients[gid] == f"${format_number(example.gradients.weights[k - 1][i - 1, j - 1], 3)}$"
    outputs = [example.X, *example.forward.activations]
    assert activations == {f"node-value-{k}-{j}": f"${format_number(outputs[k][1, j - 1], 3)}$"
                           for k in range(3) for j in range(1, layers[k] + 1)}


def test_loss_curve_plots_the_training_run():
    """Assert the curve's data are gradcore's training losses, and the SVG path is their affine image."""
    example = network((3, 2, 1), m=4, steps=15)
    losses = np.asarray(example.training.losses)
    with canvas.style():
        figure = loss_curve.build(example, {"digits": "3"})
        (line,) = [line for line in figure.axes[0].lines if line.get_gid() == "loss-curve"]
        np.testing.assert_array_equal(line.get_ydata(), losses)
        np.testing.assert_array_equal(line.get_xdata(), np.arange(losses.size))
        points = path_points(element(parse_svg(canvas.to_svg(figure)), "loss-curve"))
    assert points.shape == (losses.size, 2)
    x_slope, x_miss = affine_residual(np.arange(losses.size), points[:, 0])
    y_slope, y_miss = affine_residual(losses, points[:, 1])
    assert x_slope > 0 and y_slope < 0  # steps go right, a larger loss goes up
    assert x_miss < 1e-4 and y_miss < 1e-4


def test_loss_curve_axes_are_labelled():
    """Assert both axes of the loss plot have a label."""
    figure = loss_curve.build(network((3, 1)), {"digits": "3"})
    assert figure.axes[0].get_xlabel() and figure.axes[0].get_ylabel()


def test_sigmoid_plot_marks_every_point_on_both_curves():
    """Assert one marker per point on sigma and on sigma', at the example's values."""
    example = sigmoid([-2.5, -1, 0, 0.5, 3])
    root = parse_svg(drawn("sigmoid", example))
    on_sigma = marker_points(element(root, "sigmoid-points"))
    on_slope = marker_points(element(root, "derivative-points"))
    assert len(on_sigma) == len(on_slope) == 5
    np.testing.assert_allclose(on_sigma[:, 0], on_slope[:, 0])
    u = example.u[0]
    assert affine_residual(u, on_sigma[:, 0])[1] < 1e-4
    values = np.concatenate([example.s[0], example.ds[0]])  # both curves share the y axis
    slope, miss = affine_residual(values, np.concatenate([on_sigma[:, 1], on_slope[:, 1]]))
    assert slope < 0 and miss < 1e-4


@pytest.mark.parametrize("layers", [(1, 1), (3, 2, 1), (3, 4, 3, 1)])
def test_graph_has_every_variable_and_edge(layers):
    """Assert X, W_k, u_k, l_k, y and L are nodes and every step of the computation is an arrow."""
    depth = len(layers) - 1
    root = parse_svg(drawn("graph", network(layers)))
    assert len(ids(root, r"graph-node-.+")) == 3 * depth + 3
    assert len(ids(root, r"graph-op-.+")) == 2 * depth + 1
    assert len(ids(root, r"graph-edge-.+")) == 5 * depth + 3
    assert len(ids(root, r"graph-gradient-.+")) == 3 * depth + 1  # every node but the data X and y


def test_graph_names_the_chosen_activations_and_loss():
    """Assert the operation nodes show each layer's activation and the loss, and L and dL/dyhat are the loss's own."""
    from gradcore.examples.spec import parse_spec
    from gradcore.examples.worked import compute
    from gradcore.figures.graph_nodes import graph_nodes

    example = compute(parse_spec("ce", "X: [[1.0, -0.5]]\ny: [[0.0, 1.0]]\nW1: [[0.3, 0.2], [-0.8, 0.6]]\n"
                                       "W2: [[0.5, 0.1], [-0.7, 0.2]]\n"
                                       "activations: [relu, softmax]\nloss: cross_entropy"))
    nodes = {node.gid: node for node in graph_nodes(example, 1, 4)[0]}
    assert nodes["op-sigma-1"].name == r"\mathrm{ReLU}" and "soft" in nodes["op-sigma-2"].name
    assert nodes["op-loss"].name == r"\mathrm{CE}" and nodes["op-sigma-2"].wide
    assert nodes["loss"].value == ("0.8429",)  # -log 0.4305: the cross-entropy, not half the squared error
    assert nodes["l2"].gradient == ("0", "-2.323")  # dL/dyhat = -y / yhat


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_transparent_and_sized(kind):
    """Assert a width and height in points and no opaque page-sized background."""
    example = sigmoid([0.0]) if KINDS[kind].example is SigmoidExample else network((2, 2, 1))
    svg = drawn(kind, example)
    root = parse_svg(svg)
    assert root.get("width").endswith("pt") and root.get("height").endswith("pt")
    background = element(root, "patch_1").find(".//{http://www.w3.org/2000/svg}path")
    assert "fill: none" in background.get("style") or "fill-opacity: 0" in background.get("style")


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("values", ["names", "activations", "weights", "gradients"])
def test_no_label_is_smaller_than_the_readable_size(kind, values):
    """Assert every text of every kind is at least SMALLEST_LABEL_PT, which the page's min-width relies on."""
    import importlib

    from matplotlib.text import Text

    example = sigmoid([-2.0, 0.0, 1.5]) if KINDS[kind].example is SigmoidExample else network((3, 2, 1), m=2)
    options = {**KINDS[kind].defaults, **({"values": values} if "values" in KINDS[kind].defaults else {})}
    with canvas.style():
        figure = importlib.import_module(f"gradcore.figures.{KINDS[kind].module}").build(example, options)
        figure.canvas.draw()  # tick labels exist only once drawn
        sizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]
    assert sizes, "the figure has no text"
    assert min(sizes) >= SMALLEST_LABEL_PT, f"{kind}: a label at {min(sizes)} pt"


def test_a_figure_never_shrinks_its_labels_below_the_readable_size():
    """Assert the min-width a figure carries keeps its smallest label at READABLE_PX or more."""
    for width in (100, 390, 690, 1200):
        scale = smallest_width(width) / width
        assert scale * SMALLEST_LABEL_PT * PIXELS_PER_POINT >= READABLE_PX
        assert (smallest_width(width) - 1) / width * SMALLEST_LABEL_PT * PIXELS_PER_POINT < READABLE_PX
