"""Worked examples as JSON: what `site/examples.json` holds, at full float64 precision.

Every page that defines examples ends with a paragraph linking their JSON
(`data_paragraph`): files the build writes, or, where no build writes files
(Zensical, plain Python-Markdown), the same JSON inside the link as a `data:` URI.
"""

from __future__ import annotations

import base64
import html
from typing import Any

import numpy as np

from gradcore.core.gradcheck import TOLERANCE
from gradcore.examples.json_text import to_json
from gradcore.examples.worked import NetworkExample, SigmoidExample


def _lists(arrays) -> list | None:
    return None if arrays is None else [np.asarray(a).tolist() for a in arrays]


def network_entry(name: str, page: str, example: NetworkExample) -> dict[str, Any]:
    """One network example in the documented JSON layout."""
    net = example.network
    return {
        "id": name,
        "kind": "network",
        "page": page,
        "layers": list(net.layers),
        "functions": {"activations": list(net.activations), "loss": net.loss},
        "X": example.X.tolist(),
        "y": example.y.tolist(),
        "weights": _lists(net.weights),
        "biases": _lists(net.biases),
        "pre_activations": _lists(example.forward.pre_activations),
        "activations": _lists(example.forward.activations),
        "loss": example.loss,
        "deltas": _lists(example.gradients.deltas),
        "grad_weights": _lists(example.gradients.weights),
        "grad_biases": _lists(example.gradients.biases),
        "check": {
            "method": example.check.method,
            "max_rel_error": example.check.max_rel_error,
            "max_rel_error_complex_step": example.check.max_rel_error_complex,
            "tolerance": TOLERANCE,
            "passed": example.check.passed,
            "central_resolution": example.check.central_resolution,
            "closed_form": example.spec.values["formula"],
            "closed_form_max_rel_error": example.closed_form_error,
        },
        "learning_rate": example.learning_rate,
        "step": {"weights": _lists(example.stepped.weights), "biases": _lists(example.stepped.biases),
                 "yhat": example.stepped_forward.yhat.tolist(), "loss": example.stepped_loss},
        "training": {"steps": example.spec.values["steps"], "losses": list(example.training.losses)},
    }


def sigmoid_entry(name: str, page: str, example: SigmoidExample) -> dict[str, Any]:
    """One sigmoid example: sigma, sigma' and the finite-difference check at each point."""
    return {
        "id": name, "kind": "sigmoid", "page": page,
        "u": example.u[0].tolist(), "sigmoid": example.s[0].tolist(),
        "derivative": example.ds[0].tolist(), "central_difference": example.fd[0].tolist(),
        "check": {"method": "central-difference", "max_rel_error": float(example.error.max()),
                  "tolerance": TOLERANCE, "passed": bool(example.error.max() <= TOLERANCE)},
    }


def entry(name: str, page: str, example: NetworkExample | SigmoidExample) -> dict[str, Any]:
    """The JSON entry of any example."""
    if isinstance(example, SigmoidExample):
        return sigmoid_entry(name, page, example)
    return network_entry(name, page, example)


def data_uri(media_type: str, data: bytes) -> str:
    """`data` as a base64 `data:` URI of the given media type."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def data_paragraph(examples: list[tuple[str, dict[str, Any]]], prefix: str, inline: bool) -> str:
    """The closing paragraph of a page: a link to the JSON of every example it defines ("" for none).

    Args:
        examples: (name, its `entry`) of each example the page defines.
        prefix: The relative path from the page to the site root.
        inline: Put the JSON into the links instead of linking `examples/NAME.json`.
    """
    if not examples:
        return ""
    if inline:
        links = ", ".join(f'<a href="{data_uri("application/json", to_json(data).encode())}" '
                          f'download="{html.escape(n)}.json">{html.escape(n)}</a>' for n, data in examples)
        return ("\n\n<p class=\"gc-data\">The numbers on this page are computed when the site is built; "
                f"save them as JSON: {links}.</p>\n")
    root = html.escape(prefix)
    links = ", ".join(f'<a href="{root}examples/{html.escape(n)}.json">{html.escape(n)}</a>' for n, _ in examples)
    return (f'\n\n<p class="gc-data">The numbers on this page are computed when the site is built; '
            f'get them as JSON: {links} (or all of them in <a href="{root}examples.json">examples.json</a>).</p>\n')
