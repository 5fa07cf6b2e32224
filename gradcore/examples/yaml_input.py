"""Reading the YAML body of a definition: safe, strict and bounded.

A definition is a small mapping of names to numbers and lists. The reader
refuses what a careless or hostile page could use against the build or
against the author's intent, each with the line inside the definition:

* anchors reused through aliases (`*name`): a few hundred bytes of nested
  aliases describe billions of values;
* a key given twice (YAML would silently keep the last value);
* keys that YAML does not read as text (`1:`, `null:`, `yes:`, `on:`);
* integers longer than any float (`int()` of 5,000 digits is itself an error);
* a body longer than `MAX_DEFINITION_CHARS`, before it is parsed at all.

libyaml reads the body when PyYAML has it (about 8x faster); on a syntax
error the pure-Python reader, which names the problem more precisely, reads
it again, unless libyaml stopped at its nesting limit.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from gradcore.core.errors import SpecError, shown
from gradcore.examples.budgets import MAX_DEFINITION_CHARS

__all__ = ["load_definition"]

_INT_TAG = "tag:yaml.org,2002:int"
_MAX_INT_DIGITS = 309  # the largest float64, 1.8e308, has 309 digits
_ALIAS = re.compile(r"(?:^|[\s,\[{:-])\*[^\s,\[\]{}]+", re.MULTILINE)
_TAG_WORDS = {"tag:yaml.org,2002:int": "a whole number", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:bool": "true/false (YAML reads yes, no, on and off as true/false)",
              "tag:yaml.org,2002:null": "null (nothing)",
              "tag:yaml.org,2002:merge": "a merge key, which copies another mapping"}


class _Strict:
    """Construction rules shared by the fast and the pure-Python safe loaders."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:  # type: ignore[attr-defined]
            raise SpecError("a YAML alias (*name) reuses a value; aliases and merge keys are not allowed "
                            "in a definition: write the numbers out", line=_alias_line(self, node))
        return super().construct_object(node, deep)  # type: ignore[misc]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        for key_node, _value in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                text = shown(key_node.value) if isinstance(key_node, ScalarNode) else "a list or a mapping"
                raise SpecError(f"the key {text} is read by YAML as {_TAG_WORDS.get(key_node.tag, 'not a name')}; "
                                "keys are names such as X, y, W1, b1, lr or steps", line=line)
            if key_node.value in seen:
                above = line - seen[key_node.value]
                raise SpecError(f"the key {shown(key_node.value)} is given a second time (first {above} line(s) "
                                "above); give each key once: YAML would keep only the last", key_node.value, line)
            seen[key_node.value] = line
        return super().construct_mapping(node, deep)  # type: ignore[misc]

    def construct_bounded_int(self, node: ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > _MAX_INT_DIGITS:
            raise SpecError(f"a whole number of {digits:,} digits; numbers must be finite floats "
                            "(at most about 1.8e308)", line=node.start_mark.line + 1)
        return super().construct_yaml_int(node)  # type: ignore[misc]


class _FastLoader(_Strict, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (or PyYAML's when libyaml is missing), with the strict rules."""


class _ClearLoader(_Strict, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, with the strict rules: slower, clearer syntax errors."""


for _loader in (_FastLoader, _ClearLoader):
    _loader.add_constructor(_INT_TAG, _Strict.construct_bounded_int)  # type: ignore[type-var]


def _alias_line(loader: Any, node: Node) -> int:
    """The line of the first alias in the document (the reused node's own line if none is found)."""
    text = getattr(loader, "_gradcore_text", "")
    match = _ALIAS.search(text)
    return text.count("\n", 0, match.start()) + 1 + (match.group(0)[0] == "\n") if match else node.start_mark.line + 1


def _read(body: str, loader_class: type) -> Any:
    loader = loader_class(body)
    loader._gradcore_text = body
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_definition(body: str) -> Any:
    """The definition body as plain Python values, or SpecError naming the line inside the definition."""
    if len(body) > MAX_DEFINITION_CHARS:
        raise SpecError(f"the definition is {len(body):,} characters long; the limit is {MAX_DEFINITION_CHARS:,} "
                        "(a worked example is small: a few layers and examples)", line=1)
    try:
        return _read(body, _FastLoader)
    except yaml.YAMLError as error:
        first = error
    if "nesting depth" not in str(first):
        try:
            _read(body, _ClearLoader)
        except yaml.YAMLError as error:
            first = error
        except RecursionError:
            pass
    mark = getattr(first, "problem_mark", None)
    problem = getattr(first, "problem", None) or str(first)
    problem = problem if len(problem) <= 120 else problem[:117] + "..."
    raise SpecError(f"the definition is not valid YAML: {problem}",
                    line=mark.line + 1 if mark else None) from None
