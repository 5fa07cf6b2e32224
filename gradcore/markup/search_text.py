"""Search results a reader can read: TeX in the search index turned into plain text.

MkDocs' search plugin indexes each page's HTML as it is before MathJax runs,
so a result would show `\\(\\hat{y} - y\\)` or `\\tag{9} \\label{p1-delta}`.
`readable_index` rewrites the index: inline math becomes readable text
(ŷ − y), display math is dropped (its words are in the prose around it), and
labels, tags and equation references disappear.
"""

from __future__ import annotations

import json
import re
import unicodedata

from gradcore.markup.mathfind import TEX_DELIMITED
from gradcore.markup.typography import SUPERSCRIPT_CHARACTERS, SUPERSCRIPTS

_TAGGED = re.compile(r"\\tag\{([^{}]*)\}\s*\\label\{([^{}]*)\}")
_REFERENCE = re.compile(r"\\eqref\{([^{}]*)\}")
_DROPPED_WITH_ARGUMENT = re.compile(r"\\(?:label|tag|ref|phantom)\{[^{}]*\}")
_WITH_ARGUMENT = re.compile(r"\\(?:hat|bar|tilde|mathbf|mathbb|mathrm|text|textstyle|operatorname|boldsymbol)"
                            r"\{([^{}]*)\}")
_FRACTION = re.compile(r"\\[td]?frac\{([^{}]*)\}\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_SCRIPT = re.compile(r"([_^])(\{([^{}]*)\}|(\S))")
_SPACES = re.compile(r"\s+")

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "varepsilon": "ε", "epsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "Sigma": "Σ", "sum": "Σ",
    "partial": "∂", "nabla": "∇", "times": "×", "cdot": "·", "odot": "⊙", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "approx": "≈", "neq": "≠", "ne": "≠", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "in": "∈", "infty": "∞", "dots": "…", "ldots": "…", "cdots": "⋯", "pm": "±", "mp": "∓", "prime": "′",
    ",": " ", ";": " ", ":": " ", "!": "", "quad": " ", "qquad": " ", " ": " ", "\\": "; ", "{": "{", "}": "}",
    "_": "_", "&": "", "|": "‖", "tanh": "tanh", "log": "log", "ln": "ln", "exp": "exp", "max": "max",
}
_SUBSCRIPTS = str.maketrans("0123456789×", "₀₁₂₃₄₅₆₇₈₉ₓ")


def _script(match: re.Match[str]) -> str:
    """A sub- or superscript in Unicode where it has the characters (x², W₁, Xᵀ), else inline (w₁ip)."""
    mark, body = match[1], match[3] if match[3] is not None else match[4]
    allowed, table = (SUPERSCRIPT_CHARACTERS, SUPERSCRIPTS) if mark == "^" else ("0123456789×", _SUBSCRIPTS)
    compact = body.replace(" ", "")
    return compact.translate(table) if compact and all(ch in allowed for ch in compact) else body


def readable_math(tex: str, tags: dict[str, str] | None = None) -> str:
    """Inline TeX as the plain text a search result can show, e.g. `\\hat{y} - y` as `ŷ − y`.

    `tags` maps equation labels to their numbers, so `\\eqref{p1-grad}` reads `(8)`.
    """
    text = _REFERENCE.sub(lambda m: f"({tags[m[1]]})" if tags and m[1] in tags else "", tex)
    text = _DROPPED_WITH_ARGUMENT.sub("", text)
    text = text.replace("&amp;", ",").replace("&", ",")
    for _ in range(4):  # nested arguments, innermost first
        text = _FRACTION.sub(r"\1/\2", text)
        text = _WITH_ARGUMENT.sub(lambda m: m[1] + "\u0302" if m[0].startswith("\\hat") else m[1], text)
    text = re.sub(r"\\begin\{[a-z]*\*?\}|\\end\{[a-z]*\*?\}", "", text)
    text = _COMMAND.sub(lambda m: _SYMBOLS.get(m[1], ""), text)
    for _ in range(2):
        text = _SCRIPT.sub(_script, text)
    text = text.replace("{", "").replace("}", "").replace("-", "−")
    return unicodedata.normalize("NFC", re.sub(r"\s+,", ",", _SPACES.sub(" ", text)).strip())


def readable_text(html_text: str, tags: dict[str, str] | None = None) -> str:
    """An index entry's text with display math removed and inline math made readable."""
    text = TEX_DELIMITED.sub(lambda m: " " if m["display"] is not None else readable_math(m["inline"], tags), html_text)
    return _SPACES.sub(" ", text).strip()


def readable_index(index_json: str) -> str:
    """MkDocs' search_index.json with every entry's title and text made readable."""
    index = json.loads(index_json)
    entries = [e for e in index.get("docs", []) if isinstance(e, dict)]
    tags = {label: tag for e in entries for tag, label in _TAGGED.findall(str(e.get("text", "")))}
    for entry in entries:
        for field in ("title", "text"):
            if isinstance(entry.get(field), str):
                entry[field] = readable_text(entry[field], tags)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
