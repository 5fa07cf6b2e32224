"""examples.json entries: the documented keys at full float64 precision."""

import json

from gradcore.examples.export import entry, to_json
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute


def test_network_entry_round_trips_at_full_precision():
    """Assert the loss and gradients survive JSON bit for bit."""
    example = compute(parse_spec("ex", "X: [[1.0, 2.0]]\ny: [[0.3]]\nW1: [[0.1], [-0.2]]\n"))
    item = json.loads(to_json(entry("ex", "docs/p.md", example)))
    assert item["id"] == "ex" and item["page"] == "docs/p.md" and item["layers"] == [2, 1]
    assert item["loss"] == example.loss
    assert item["grad_weights"][0] == example.gradients.weights[0].tolist()
    assert item["biases"] is None and item["grad_biases"] is None
    assert item["check"]["method"] and item["check"]["passed"] is True
    assert item["training"]["losses"][0] == example.loss


def test_json_text_is_stable():
    """Assert sorted keys and a final newline, so rebuilds give identical bytes."""
    assert to_json({"b": 1, "a": [0.1]}) == '{\n "a": [\n  0.1\n ],\n "b": 1\n}\n'


def test_a_list_of_encoded_values_is_the_text_of_encoding_them_together():
    """Assert examples.json made from the examples' own texts is byte for byte what encoding them all gives."""
    from gradcore.examples.json_text import to_json_list

    values = [{"b": [1.5, {"c": None}], "a": "x\ny"}, {"z": []}, {}]
    for items in (values, values[:1], []):
        assert to_json_list("examples", [to_json(v) for v in items]) == to_json({"examples": items})
