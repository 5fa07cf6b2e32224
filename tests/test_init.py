"""Tests for the gradcore package itself: its public names and its imports."""

from __future__ import annotations

import subprocess
import sys

import gradcore


def test_every_public_name_exists() -> None:
    """Assert __all__ lists only names the package really has."""
    missing = [name for name in gradcore.__all__ if not hasattr(gradcore, name)]
    assert missing == []


def test_core_imports_numpy_only() -> None:
    """Assert importing gradcore loads none of markdown, mkdocs or yaml (checked in a fresh interpreter)."""
    code = ("import sys, gradcore; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown', 'mkdocs', 'yaml'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_gradcore_leaves_the_environment_alone() -> None:
    """Assert importing gradcore sets no environment variable (no process-wide side effect)."""
    code = "import os; before = dict(os.environ); import gradcore; print(dict(os.environ) == before)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_importing_gradcore_imports_no_numpy_until_a_name_is_used() -> None:
    """Assert the package's names load on first use, and `forward` stays the function after its module loads."""
    code = ("import sys, gradcore; print('numpy' in sys.modules); import gradcore.examples.worked; "
            "from gradcore import forward, backward; print(callable(forward), type(backward).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "function"]
