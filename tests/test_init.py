"""Tests for the gradcore package itself: its public names and its imports."""

from __future__ import annotations

import os
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


def _blas_threads(env: dict[str, str]) -> str:
    code = "import os, gradcore; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    clean = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**clean, **env}).stdout.strip()


def test_blas_runs_one_thread_unless_the_user_chose() -> None:
    """Assert importing gradcore asks OpenBLAS for one thread, and a value already set is kept."""
    assert _blas_threads({}) == "1"
    assert _blas_threads({"OPENBLAS_NUM_THREADS": "4"}) == "4"
