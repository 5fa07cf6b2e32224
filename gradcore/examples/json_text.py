"""The one way gradcore writes JSON text, apart from `gradcore.examples.export` so that it imports nothing heavy."""

from __future__ import annotations

import json
from typing import Any


def to_json(value: Any) -> str:
    """Stable, strictly valid JSON text: sorted keys, shortest round-trip floats, a final newline.

    Raises:
        ValueError: If `value` holds NaN or an infinity, which JSON cannot express
            (`gradcore.examples.worked` refuses such examples first, with a message for the author).
    """
    return json.dumps(value, indent=1, sort_keys=True, allow_nan=False) + "\n"


def to_json_list(key: str, texts: list[str]) -> str:
    """`to_json({key: values})` for values whose `to_json` texts are given, without encoding them again.

    With one space per level, a value one level down in a list is its own text with every line moved
    two spaces right.
    """
    if not texts:
        return to_json({key: []})
    items = ",\n".join("\n".join("  " + line for line in text.rstrip("\n").split("\n")) for text in texts)
    return f"{{\n {json.dumps(key)}: [\n{items}\n ]\n}}\n"
