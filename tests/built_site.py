"""One real `mkdocs build --strict` of the site per test session, shared by the site tests."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from gradcore.latex import format_column, format_number

ROOT = Path(__file__).resolve().parent.parent


def run_mkdocs_build(site_dir: Path, *, config: Path = ROOT / "mkdocs.yml", strict: bool = True,
                     extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real MkDocs command line; return the finished process (never raises)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(command + (["--strict"] if strict else []), cwd=config.parent, env=env,
                          capture_output=True, text=True, timeout=600)


def adapted_config(text: str, *, nav: bool = False) -> str:
    """mkdocs.yml's text for a build in another folder: hooks by absolute path, the nav left out unless asked."""
    if not nav:
        text = re.sub(r"(?ms)^nav:.*?(?=^\S)", "", text)
    return re.sub(r"(?m)^([ ]+- )hooks/", lambda m: m[1] + str(ROOT / "hooks") + "/", text)


def shown_forms(value: float) -> tuple[str, ...]:
    """How a computed number may appear in a page: in math, in prose, or in a matrix one tiny entry made scientific."""
    scientific = format_column([value, 1e-9])[0].replace(r"\phantom{-}", "")
    return format_number(value), format_number(value, math_mode=False), scientific


@functools.cache
def built_site() -> Path:
    """The site built once from the working tree; fails loudly if the build fails."""
    site_dir = Path(tempfile.mkdtemp(prefix="gradcore-site-")) / "site"
    done = run_mkdocs_build(site_dir)
    if done.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return site_dir
