"""No code execution from page text, no unsafe YAML, and no page text that becomes markup.

The scan reads every Python file of gradcore/ and hooks/ as a syntax tree,
so a comment or a docstring that mentions eval( does not count, and an
aliased call such as `from yaml import load` still does.
"""

from __future__ import annotations

import ast

import pytest

from site_project import ROOT, failed_build

SOURCES = sorted([*(ROOT / "gradcore").rglob("*.py"), *(ROOT / "hooks").rglob("*.py")])
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill"}
UNSAFE_YAML = {"load", "load_all", "full_load", "full_load_all", "unsafe_load", "unsafe_load_all"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
UNSAFE_LOADERS = {"Loader", "CLoader", "FullLoader", "CFullLoader", "UnsafeLoader", "CUnsafeLoader"}


def _called_name(call: ast.Call) -> tuple[str | None, str]:
    """(module or object name, function name) of a call: yaml.load -> ("yaml", "load"), eval -> (None, "eval")."""
    func = call.func
    if isinstance(func, ast.Attribute):
        # A method of any object (`self.context.eval`) is not the builtin: only a bare name can be.
        owner = func.value.id if isinstance(func.value, ast.Name) else ast.unparse(func.value)
        return owner, func.attr
    return None, func.id if isinstance(func, ast.Name) else ""


def _name(node: ast.AST) -> str:
    """`yaml.SafeLoader` -> "SafeLoader", `SafeLoader` -> "SafeLoader", anything else -> ""."""
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _mentions(node: ast.AST) -> set[str]:
    """Every name, attribute and string in an expression: `getattr(yaml, "CSafeLoader", x)` gives all three."""
    words = {_name(n) for n in ast.walk(node)}
    return words | {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _safe_loaders(tree: ast.Module) -> set[str]:
    """The safe loaders, every class of the module derived from one, and every name bound only to them."""
    safe = set(SAFE_LOADERS)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(_name(base) in SAFE_LOADERS for base in node.bases):
            safe.add(node.name)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            words = _mentions(node.value)
            if words & SAFE_LOADERS and not words & UNSAFE_LOADERS:
                safe.add(node.targets[0].id)
    return safe


def _loader_is_safe(call: ast.Call, safe: set[str]) -> bool:
    loaders = [k.value for k in call.keywords if k.arg == "Loader"] + call.args[1:2]
    return any(_name(node) in safe for node in loaders)


def problems_in(source: str) -> list[str]:
    """Every forbidden call or import in one module's source, as 'line: what'."""
    found, yaml_names = [], {"yaml"}
    tree = ast.parse(source)
    safe = _safe_loaders(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            yaml_names |= {alias.asname or alias.name for alias in node.names if alias.name in UNSAFE_YAML}
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{node.lineno}: imports {m}" for m in modules if m.split(".")[0] in FORBIDDEN_MODULES]
        if isinstance(node, ast.Call):
            owner, name = _called_name(node)
            if owner is None and name in FORBIDDEN_CALLS:
                found.append(f"{node.lineno}: calls {name}()")
            unsafe_yaml = (owner == "yaml" and name in UNSAFE_YAML) or (owner is None and name in yaml_names - {"yaml"})
            if unsafe_yaml and not _loader_is_safe(node, safe):
                found.append(f"{node.lineno}: calls yaml {name}() without a safe loader")
    return found


@pytest.mark.parametrize("snippet", [
    "eval('1')", "exec('x = 1')", "import pickle", "from pickle import loads", "import yaml\nyaml.load(text)",
    "import yaml\nyaml.unsafe_load(text)", "from yaml import load\nload(text)",
    "import yaml\nyaml.load(t, Loader=yaml.Loader)",
    "import yaml\nclass Loose(yaml.Loader): pass\nyaml.load(text, Loader=Loose)",
    "import yaml\nFAST = getattr(yaml, 'CLoader', yaml.SafeLoader)\nyaml.load(text, Loader=FAST)",
])
def test_the_scan_finds_each_forbidden_form(snippet):
    """Assert the scanner itself catches every form it is meant to refuse."""
    assert problems_in(snippet)


@pytest.mark.parametrize("snippet", [
    "import yaml\nyaml.safe_load(text)", "import yaml\nyaml.load(text, Loader=yaml.SafeLoader)",
    "spec.loader.exec_module(module)", "ast.literal_eval('1')", "# eval( in a comment",
    "import yaml\nclass Strict(yaml.SafeLoader): pass\nyaml.load(text, Loader=Strict)",
    "import yaml\nFAST = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\nyaml.load(text, Loader=FAST)",
])
def test_the_scan_allows_safe_forms(snippet):
    """Assert safe loading, module loading and comments are not flagged."""
    assert problems_in(snippet) == []


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_eval_exec_pickle_or_unsafe_yaml(path):
    """Assert the module neither runs code from text, unpickles, nor loads YAML unsafely."""
    assert problems_in(path.read_text(encoding="utf-8")) == [], path


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "a&amp;b"])
def test_an_example_name_with_html_is_refused_by_a_build(tmp_path, caplog, name):
    """Assert a definition named with HTML stops the build and says what a name may hold."""
    page = f"# T\n\n```gc:example {name}\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\nText.\n"
    message = failed_build(tmp_path, {"index.md": page}, caplog)
    assert f"docs/index.md:3: bad example name {name!r}" in message
    assert "a name starts with a letter and uses letters, digits, '-' and '_'" in message
    assert not (tmp_path / "site" / "index.html").exists()
