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
