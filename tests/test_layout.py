"""The package's layout: each stage imports only the stages before it, and the gradient module only numpy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import gradcore.core

PACKAGE = Path(gradcore.__file__).resolve().parent
# Each stage may import the stages of a lower rank (and its own); the disk cache is shared by figures and engine.
RANK = {"core": 0, "examples": 1, "markup": 2, "texcheck": 3, "figures": 3, "learner": 3, "cache": 3, "pages": 4,
        "engine": 5}
ALLOWED_THIRD_PARTY = {"core": {"numpy"}}


def stage_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported(path: Path) -> set[str]:
    """The modules a source file imports, wherever in the file (lazy imports inside functions included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names
                                      if node.module == "gradcore"}
    return names


SOURCES = sorted(path for path in PACKAGE.rglob("*.py") if path.parent != PACKAGE or path.name == "cache.py")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_a_stage_imports_only_earlier_stages(path):
    """Assert no module reaches up to a later stage (the layout reads as the order of the build)."""
    stage = stage_of(path)
    later = sorted(name for name in imported(path) if name.startswith("gradcore.")
                   and RANK[name.split(".")[1]] > RANK[stage])
    assert later == [], f"{path.relative_to(PACKAGE)} ({stage}) imports later stages: {later}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").glob("*.py")), ids=lambda path: path.name)
def test_the_gradient_module_imports_numpy_and_the_standard_library_only(path):
    """Assert every module of gradcore.core imports only numpy, the standard library and gradcore.core."""
    outside = sorted(name for name in imported(path) if name.split(".")[0] not in sys.stdlib_module_names
                     and name.split(".")[0] not in ALLOWED_THIRD_PARTY["core"]
                     and not name.startswith("gradcore.core") and name != "__future__")
    assert outside == []


def test_importing_the_gradient_module_loads_nothing_of_the_site():
    """Assert, in a fresh interpreter, that gradcore.core loads no later stage and no site library."""
    code = ("import sys, gradcore.core; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'markdown', 'mkdocs', 'yaml', 'lark', 'matplotlib', 'nbformat'} or "
            "(m.startswith('gradcore.') and not m.startswith('gradcore.core'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_package_itself_imports_nothing_and_leaves_the_environment_alone():
    """Assert `import gradcore` loads no numpy (a build served from the cache never needs it) and sets no variable."""
    code = ("import os, sys; before = dict(os.environ); import gradcore; "
            "print('numpy' in sys.modules, dict(os.environ) == before)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
