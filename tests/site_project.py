"""Throw-away site projects for build tests: a docs folder and a config derived from mkdocs.yml.

Every engine gets the project's own `mkdocs.yml`, with only what a test
needs changed: no nav (small test sites), an absolute hook path, the hook or
the `gradcore.engine.mdext` extension left out on request, and `site_dir: site`
(Zensical has no command-line option for it and wants it inside the project).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before MkDocs and Material are imported
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from built_site import adapted_config
from gradcore.engine import mdext

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs", "zensical")
REQUIRE_ENGINES = "GRADCORE_REQUIRE_ENGINES"
_COMMANDS = {
    "mkdocs": ["mkdocs", "build", "--clean"],
    "properdocs": ["properdocs", "build", "--clean", "--config-file", "mkdocs.yml"],
    "zensical": ["zensical", "build", "--clean", "--config-file", "mkdocs.yml"],
}


def site_config(*, hook: bool = True, extension: bool = True, nav: bool = False) -> str:
    """The text of the project's mkdocs.yml, adapted for a build in another folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = adapted_config(text, nav=nav)
    if not hook:
        text = re.sub(r"(?m)^hooks:\n(?:[ ]+- .*\n)+", "", text)
    if not extension:
        text = re.sub(r"(?m)^[ ]+- gradcore\.engine\.mdext\n", "", text)
    return text.replace("strict: true", "strict: false") + "\nsite_dir: site\n"


def snapshot_docs(folder: Path) -> Path:
    """Copy docs/ once, so that every build of a comparison sees the same pages even while they are edited."""
    shutil.copytree(ROOT / "docs", folder / "docs")
    return folder / "docs"


def make_project(folder: Path, pages: dict[str, str] | None = None, *, docs: Path | None = None,
                 **config: bool) -> Path:
    """Write a project into `folder`: a whole docs folder (or just `pages`, with docs/assets) and its config.

    Args:
        folder: An empty folder (pytest's tmp_path).
        pages: Page path (inside docs/) to Markdown; None copies a whole docs folder.
        docs: The docs folder to copy when `pages` is None (a `snapshot_docs`); the project's by default.
        **config: `hook`, `extension` and `nav`, as for `site_config`.

    Returns:
        `folder`, which now holds `mkdocs.yml` and `docs/`.
    """
    if pages is None:
        shutil.copytree(docs or ROOT / "docs", folder / "docs")
        config.setdefault("nav", True)
    else:
        shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets")
        for name, text in pages.items():
            (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "docs" / name).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(site_config(**config), encoding="utf-8")
    return folder


def engine_installed(engine: str) -> bool:
    """True when the engine's Python package is importable from this interpreter."""
    return importlib.util.find_spec(engine) is not None


def require_engine(engine: str) -> None:
    """Skip (or, under GRADCORE_REQUIRE_ENGINES=1, fail) when `engine` is not installed."""
    if engine_installed(engine):
        return
    reason = f"{engine} is not installed: pip install -e '.[engines]' to build with it"
    if os.environ.get(REQUIRE_ENGINES) == "1":
        pytest.fail(f"{REQUIRE_ENGINES}=1 but {reason}")
    pytest.skip(reason)


def run_engine(engine: str, project: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Build `project` with `engine` (into project/site); return the finished process.

    A build that has not ended after three minutes (the site's own takes seconds) is a hang: TimeoutExpired.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = [sys.executable, "-m", *_COMMANDS[engine]]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=180)


def docs_snapshot(project: Path) -> dict[str, bytes]:
    """Every file under project/docs with its bytes, to prove a build wrote nothing there."""
    docs = project / "docs"
    return {str(path.relative_to(docs)): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def build_in_process(project: Path) -> Path:
    """Build `project` in this process, as `mkdocs build` would; return the site folder."""
    mdext.STANDALONE.start()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    build(config)
    return project / "site"


def failed_build(tmp_path: Path, pages: dict[str, str], caplog: pytest.LogCaptureFixture) -> str:
    """Build pages that must fail; return what MkDocs logged as errors, after checking docs/ is untouched.

    MkDocs logs the hook's error and then raises `Abort`, as on the command line.
    """
    project = make_project(tmp_path, pages)
    before = docs_snapshot(project)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(MkDocsException):
        build_in_process(project)
    assert docs_snapshot(project) == before, "the failed build wrote into docs/"
    return "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
