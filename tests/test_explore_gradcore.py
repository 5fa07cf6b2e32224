"""The JavaScript arithmetic of the "Try your own numbers" panel (docs/assets/explore/gradcore.js), held to gradcore.

Chromium runs the module on every example of the site and on 200 random
networks of every part's shape, with every activation and loss, saturated
weights (|u| up to 30), a zero input and targets equal to the output; every
quantity must equal gradcore's, computed here, to 1e-12 relative (with an
absolute floor near zero). The stable derivatives are also held to gradcore's
where a unit saturates, and a naive sigma (1 - sigma) must fail that test.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from built_site import ROOT
from explore_support import script_page
from gradcore.core import activations as f
from gradcore.core import loss as losses
from gradcore.core.backward import backward
from gradcore.core.choices import ACTIVATIONS, output_gradient, target_problem
from gradcore.core.forward import forward
from gradcore.core.gradcheck import kink_problem
from gradcore.core.network import Network, make_network
from gradcore.core.numerical import numerical_gradients
from gradcore.core.training import gradient_step, loss_of
from gradcore.examples.spec import parse_spec
from gradcore.markup.markers import find_example_fences, hide_literals

MODULE = ROOT / "docs" / "assets" / "explore" / "gradcore.js"
RTOL = 1e-12
# The absolute floor near zero: an entry may differ by ABS_FLOOR x (the quantity's largest entry, or 1 if that is
# smaller). A target equal to the output makes yhat - y pure rounding (about 1e-15 for u near 30) in both.
ABS_FLOOR = 1e-13
# The widths of each part's network (Part 3 and 6 with a batch) and the (output activation, loss) pairs.
SHAPES = [((1, 1), 1), ((3, 1), 1), ((3, 1), 4), ((2, 1, 1), 1), ((3, 2, 1), 1), ((2, 2, 1), 4),
          ((2, 3, 2, 1), 2), ((3, 2, 2), 3)]
OUTPUTS = [("sigmoid", "half_squared_error"), ("tanh", "half_squared_error"), ("relu", "half_squared_error"),
           ("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy"), ("softmax", "half_squared_error")]
HIDDEN = ("sigmoid", "tanh", "relu")
RANDOM_NETWORKS = 200


@pytest.fixture(scope="module")
def page(playwright_session):
    """A blank Chromium page with the module loaded."""
    with script_page(playwright_session, MODULE) as tab:
        yield tab


def _site_examples() -> list[tuple[str, dict]]:
    """(name, checked values) of every network example defined in docs/."""
    found = []
    for md in sorted((ROOT / "docs").glob("*.md")):
        for fence in find_example_fences(hide_literals(md.read_text(encoding="utf-8"))):
            spec = parse_spec(fence.name, fence.body)
            if spec.kind == "network":
                found.append((fence.name, spec.values))
    return found


def _case_of(values: dict) -> tuple[Network, np.ndarray, np.ndarray, float]:
    depth = sum(1 for key in values if key.startswith("W"))
    biases = [values[f"b{k}"] for k in range(1, depth + 1)] if "b1" in values else None
    net = make_network([values[f"W{k}"] for k in range(1, depth + 1)], biases,
                       activations=values["activations"], loss=values["loss"])
    return net, np.asarray(values["X"], dtype=np.float64), np.asarray(values["y"], dtype=np.float64), values["lr"]


def _random_case(index: int) -> tuple[Network, np.ndarray, np.ndarray, float]:
    """A network of one part's shape with random choices; some saturated, some with a zero input or y = yhat."""
    rng = np.random.default_rng(28_000 + index)
    (widths, m), (output, loss) = SHAPES[index % len(SHAPES)], OUTPUTS[(index // len(SHAPES)) % len(OUTPUTS)]
    if output == "softmax" and widths[-1] < 2:
        widths = (*widths[:-1], 3)
    scale = 30.0 / max(widths[:-1]) if index % 5 == 0 else 1.5  # every fifth: |u| up to about 30
    weights = [rng.uniform(-scale, scale, (a, b)) for a, b in itertools.pairwise(widths)]
    biases = [rng.uniform(-1, 1, (1, b)) for b in widths[1:]] if index % 2 else None
    activations = [str(rng.choice(HIDDEN)) for _ in widths[2:]] + [output]
    net = make_network(weights, biases, activations=activations, loss=loss)
    X = rng.uniform(-1, 1, (m, widths[0])) if index % 7 != 3 else np.zeros((m, widths[0]))  # a zero input
    if loss == "cross_entropy":
        y = np.eye(widths[-1])[rng.integers(0, widths[-1], m)]
    elif loss == "binary_cross_entropy" or output != "tanh":
        y = rng.uniform(0, 1, (m, widths[-1]))
    else:
        y = rng.uniform(-1, 1, (m, widths[-1]))
    if index % 11 == 4:
        y = forward(net, X).yhat.copy()  # the target equals the output
    return net, X, y, float(rng.choice([0.1, 0.5, 1.0, 2.0]))


def _expected(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> dict[str, list]:
    """Every quantity gradcore computes for the case."""
    fwd = forward(net, X)
    grads = backward(net, X, y, fwd)
    stepped = gradient_step(net, X, y, lr)
    stepped_fwd = forward(stepped, X)
    out = {
        "u": list(fwd.pre_activations), "l": list(fwd.activations), "loss": [np.array([[loss_of(net, fwd, y)]])],
        "dl": [output_gradient(net.loss, net.activations[-1], fwd.pre_activations[-1], fwd.yhat, y)],
        "delta": list(grads.deltas), "dW": list(grads.weights),
        "stepW": list(stepped.weights), "stepYhat": [stepped_fwd.yhat],
        "stepLoss": [np.array([[loss_of(stepped, stepped_fwd, y)]])],
    }
    if grads.biases is not None and stepped.biases is not None:
        out["db"], out["stepB"] = list(grads.biases), list(stepped.biases)
    return out


RUN_IN_BROWSER = """cases => cases.map(c => {
  const g = window.gradcore;
  const net = {weights: c.weights, biases: c.biases, activations: c.activations, loss: c.loss};
  const fwd = g.forward(net, c.X);
  const grads = g.backward(net, fwd, c.y);
  const stepped = g.gradientStep(net, grads, c.lr);
  const sf = g.forward(stepped, c.X);
  const out = {u: fwd.preActivations, l: fwd.activations, loss: [[[g.lossOf(net, fwd, c.y)]]],
    dl: [g.outputGradient(net, fwd, c.y)], delta: grads.deltas, dW: grads.weights,
    stepW: stepped.weights, stepYhat: [sf.yhat], stepLoss: [[[g.lossOf(stepped, sf, c.y)]]]};
  if (grads.biases) { out.db = grads.biases; out.stepB = stepped.biases; }
  const kink = g.kinkProblem(net, fwd);
  out.kink = kink === null ? "" : kink;
  out.numeric = g.numericalGradients(net, c.X, c.y).weights;
  return out;
})"""


def _payload(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> dict:
    return {"weights": [w.tolist() for w in net.weights],
            "biases": None if net.biases is None else [b.tolist() for b in net.biases],
            "activations": list(net.activations), "loss": net.loss, "X": X.tolist(), "y": y.tolist(), "lr": lr}


def _mismatches(name: str, expected: dict[str, list], got: dict) -> list[str]:
    """Every entry of every quantity where the browser and gradcore differ by more than the tolerance."""
    problems = []
    for quantity, matrices in expected.items():
        for k, want in enumerate(matrices, start=1):
            have = np.asarray(got[quantity][k - 1], dtype=np.float64)
            if have.shape != want.shape:
                problems.append(f"{name} {quantity}[{k}]: shape {have.shape}, gradcore {want.shape}")
                continue
            floor = ABS_FLOOR * max(1.0, float(np.max(np.abs(want))))
            bad = np.abs(have - want) > np.maximum(RTOL * np.abs(want), floor)
            for i, j in np.argwhere(bad)[:3]:
                problems.append(f"{name} {quantity}[{k}][{i + 1},{j + 1}]: browser {float(have[i, j])!r}, "
                                f"gradcore {float(want[i, j])!r}")
    return problems


def _check(page, cases: list[tuple[str, tuple]]) -> None:
    got = page.evaluate(RUN_IN_BROWSER, [_payload(*case) for _, case in cases])
    problems = []
    for (name, case), result in zip(cases, got, strict=True):
        net, X, y, _ = case
        problems += _mismatches(name, _expected(*case), result)
        assert (result["kink"] != "") == (kink_problem(net, X) is not None), f"{name}: kink check differs"
        if not result["kink"]:  # central differences of both: equal to the differences' own rounding
            numeric = numerical_gradients(net, X, y)
            scale = 1e-8 * (1.0 + abs(loss_of(net, forward(net, X), y)))
            for k, (a, b) in enumerate(zip(result["numeric"], numeric.weights, strict=True), start=1):
                if np.max(np.abs(np.asarray(a) - b)) > scale:
                    problems.append(f"{name} numerical dW{k}: browser {a}, gradcore {b.tolist()}")
    assert not problems, "\n".join([f"{len(problems)} mismatch(es):", *problems[:40]])


def test_every_example_of_the_site(page):
    """Assert the browser computes every quantity of every example of docs/ as gradcore does."""
    cases = [(name, _case_of(values)) for name, values in _site_examples()]
    assert len(cases) >= 15, "fewer examples than expected: is docs/ read?"
    _check(page, cases)


def test_random_networks(page):
    """Assert the same for 200 random networks: every part's shape, every activation and loss, saturated units."""
    cases = [(f"random {i}", _random_case(i)) for i in range(RANDOM_NETWORKS)]
    covered = {(c[0].activations[-1], c[0].loss) for _, c in cases}
    assert covered == set(OUTPUTS)
    assert any(np.max(np.abs(forward(c[0], c[1]).pre_activations[-1])) > 20 for _, c in cases), "none saturated"
    _check(page, cases)


SATURATED = [-40.0, -30.0, -25.0, -12.5, -1e-8, 0.0, 3e-9, 7.25, 20.0, 30.0, 36.5, 40.0]
STABLE = """(args) => { const g = window.gradcore; const [u, y] = args;
  const col = u.map(v => [v]); const ones = u.map(() => [y]);
  return {sp: u.map(g.sigmoidPrime), tp: u.map(g.tanhPrime),
          res: g.outputResidual(col, ones).map(r => r[0]), tres: g.tanhResidual(col, ones).map(r => r[0]),
          bce: u.map(v => g.LOSSES.binary_cross_entropy.value([[v]], [[0]], [[y]])),
          smres: g.softmaxResidual([u.slice(0, 3)], [[0, 0, 1]])[0]}; }"""


def _stable_expected(u: np.ndarray, y: float) -> dict[str, np.ndarray]:
    col, ones = u[:, None], np.full((u.size, 1), y)
    return {"sp": f.sigmoid_prime(u), "tp": f.tanh_prime(u), "res": losses.output_residual(col, ones)[:, 0],
            "tres": ACTIVATIONS["tanh"].residual(col, ones)[:, 0],
            "bce": np.array([losses.binary_cross_entropy(np.array([[v]]), np.array([[y]])) for v in u]),
            "smres": losses.softmax_residual(u[None, :3], np.array([[0.0, 0.0, 1.0]]))[0]}


def _stable_problems(page, script: str) -> list[str]:
    problems = []
    for u, y in ((np.array(SATURATED), 1.0), (np.array(SATURATED), 0.0), (np.array([30.0, -5.0, 34.0]), 1.0)):
        got = page.evaluate(script, [u.tolist(), y])
        for name, want in _stable_expected(u, y).items():
            have = np.asarray(got[name], dtype=np.float64)
            bad = np.abs(have - want) > RTOL * np.abs(want)  # no floor: these must keep every digit
            problems += [f"{name}({float(u[i])!r}, y={y}): browser {have[i]!r}, gradcore {want[i]!r}" for i in
                         np.flatnonzero(bad)]
    return problems


def test_saturated_units_keep_their_digits(page):
    """Assert sigma', tanh', the residuals and the cross-entropy keep gradcore's digits where a unit saturates."""
    problems = _stable_problems(page, STABLE)
    assert not problems, "\n".join(problems)


def test_a_naive_sigmoid_derivative_fails(page):
    """Assert the saturation test catches sigma (1 - sigma), which loses its digits by u = 30 (test the tester)."""
    naive = STABLE.replace("u.map(g.sigmoidPrime)", "u.map(v => g.sigmoid(v) * (1 - g.sigmoid(v)))")
    assert naive != STABLE
    problems = _stable_problems(page, naive)
    assert any(p.startswith("sp(30.0") for p in problems), problems


@pytest.mark.parametrize(("loss", "y"), [
    ("half_squared_error", [[-3.0, 2.0]]), ("binary_cross_entropy", [[0.0, 1.0]]),
    ("binary_cross_entropy", [[0.5, 1.5]]), ("binary_cross_entropy", [[-1e-9, 0.5]]),
    ("cross_entropy", [[0.25, 0.75]]), ("cross_entropy", [[0.5, 0.6]]), ("cross_entropy", [[1.2, -0.2]]),
    ("cross_entropy", [[0.1, 0.2, 0.7], [0.3, 0.3, 0.4]]),
])
def test_targets_are_refused_where_gradcore_refuses_them(page, loss, y):
    """Assert the browser refuses the same targets as gradcore's target_problem, at the same entry."""
    got = page.evaluate("([loss, y]) => window.gradcore.targetProblem(loss, y)", [loss, y])
    want = target_problem(loss, np.asarray(y, dtype=np.float64))
    assert (got is None) == (want is None), (got, want)
    if want is not None and "outside" in want:
        assert want.startswith(f"y[{got[0]},{got[1]}]")
