"""One real `mkdocs build --strict` of the site per test session, shared by the site tests."""

from __future__ import annotations

import atexit
import functools
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gradcore.markup.latex import format_column, format_number

ROOT = Path(__file__).resolve().parent.parent


def run_mkdocs_build(site_dir: Path, *, config: Path = ROOT / "mkdocs.yml", strict: bool = True,
                     extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real MkDocs command line; return the finished process (never raises)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(command + (["--strict"] if strict else []), cwd=config.parent, env=env,
                          capture_output=True, text=True, timeout=600)


def adapted_config(text: str, *, nav: bool = False) -> str:
    """mkdocs.yml's text for another folder: hooks and theme overrides by absolute path, no nav unless asked."""
    if not nav:
        text = re.sub(r"(?ms)^nav:.*?(?=^\S)", "", text)
    text = re.sub(r"(?m)^([ ]+custom_dir: )(\S+)$", lambda m: m[1] + str(ROOT / m[2]), text)
    return re.sub(r"(?m)^([ ]+- )hooks/", lambda m: m[1] + str(ROOT / "hooks") + "/", text)


DRAWN_MATH = re.compile(r"(?s)<mjx-container\b.*?</mjx-container>")
MATHML = re.compile(r"(?s)<math\b.*?</math>")
PHANTOM = re.compile(r"(?s)<mphantom>.*?</mphantom>")
TEX_PHANTOM = re.compile(r"\\phantom\{[^{}]*\}")
TAG = re.compile(r"<[^>]+>")
CELL = re.compile(r"<(?:mtd|mtr|mspace)\b[^>]*>")  # cells of a table and explicit spaces read apart


def read_math(mathml: str) -> str:
    """A drawn formula as a reader gets it: the text of its MathML tokens in order, minus signs as '-'.

    Phantoms (padding that lines up decimal points: it takes room but shows nothing) are left out.
    """
    return html.unescape(TAG.sub("", CELL.sub(" ", PHANTOM.sub("", mathml)))).replace("\u2212", "-")


def drawn_formulas(page_html: str) -> list[str]:
    """The assistive MathML of every formula drawn in a page (what screen readers read, and what the SVG shows)."""
    return [found[0] for found in (MATHML.search(drawn) for drawn in DRAWN_MATH.findall(page_html)) if found]


def reader_text(page_html: str) -> str:
    """A built page's text as a reader gets it: each drawn formula as `read_math` reads it, tags removed."""
    def formula(drawn: re.Match[str]) -> str:
        mathml = MATHML.search(drawn[0])
        return f" {read_math(mathml[0]) if mathml else ''} "
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page_html)
    return html.unescape(TAG.sub(" ", DRAWN_MATH.sub(formula, body))).replace("\u2212", "-")


def read_tex(tex: str) -> str:
    """A number written in TeX as `read_math` reads it once drawn: `-5.459 \\times 10^{-2}` -> `-5.459×10-2`."""
    plain = TEX_PHANTOM.sub("", tex).replace("\\times", "\u00d7")
    return re.sub(r"[\s^{}]", "", plain).replace("\u2212", "-")


def shown_forms(value: float) -> tuple[str, ...]:
    """How a computed number may read in a page: in math, in prose, or in a matrix one tiny entry made scientific."""
    scientific = format_column([value, 1e-9])[0]
    prose = format_number(value, math_mode=False).replace("\u2212", "-")
    return read_tex(format_number(value)), prose, read_tex(scientific)


@functools.cache
def built_site() -> Path:
    """The site built once from the working tree (removed when the process ends); fails loudly if the build fails."""
    folder = Path(tempfile.mkdtemp(prefix="gradcore-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    site_dir = folder / "site"
    done = run_mkdocs_build(site_dir)
    if done.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return site_dir
