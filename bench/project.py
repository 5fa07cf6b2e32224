"""The project under test and the small MkDocs configs the benchmark writes for it.

Every build the benchmark makes uses a config that inherits the project's
own `mkdocs.yml` (MkDocs' `INHERIT`) and overrides only what a variant
changes: which docs folder, which hooks, and for synthetic sites the nav.
Theme, Markdown extensions and plugins stay exactly the project's.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class BenchError(RuntimeError):
    """The benchmark could not measure something; the message says what and why."""


class _Tagged:
    """Stands for a value behind a custom YAML tag, which the benchmark cannot write back."""


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' custom tags (`!ENV`, `!!python/name:`) as `_Tagged`."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged())
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged())


@dataclass(frozen=True)
class Project:
    """Where the site's config, pages and hooks are.

    Attributes:
        root: The folder holding `mkdocs.yml`.
        config: The project's `mkdocs.yml`.
        docs: The docs folder it names (`docs` by default).
        hooks: The hook scripts it lists, as absolute paths.
        extensions: Its `markdown_extensions`, as listed.
        theme_dir: The theme's `custom_dir` (its partial overrides), as an absolute path, if it has one.
    """

    root: Path
    config: Path
    docs: Path
    hooks: tuple[Path, ...]
    extensions: tuple[Any, ...] = ()
    theme_dir: Path | None = None

    def without_gradcore(self) -> dict[str, Any]:
        """Config keys that take gradcore out of a build: no hooks, no `gradcore.*` extension.

        Raises:
            BenchError: If the extensions must be rewritten but hold a custom YAML tag.
        """
        kept = [e for e in self.extensions if not _extension_name(e).startswith("gradcore")]
        if len(kept) == len(self.extensions):
            return {"hooks": []}
        if "_Tagged" in repr(kept):
            raise BenchError("markdown_extensions uses a custom YAML tag; the benchmark cannot copy it "
                             "into the no-gradcore config")
        return {"hooks": [], "markdown_extensions": kept}


def _extension_name(entry: Any) -> str:
    """The name of a `markdown_extensions` entry (a string, or a one-key mapping)."""
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""


def find_project(root: str | Path) -> Project:
    """Read `root/mkdocs.yml` (safely) for the docs folder and the hooks.

    Raises:
        BenchError: If there is no mkdocs.yml or it lists no hooks.
    """
    root = Path(root).resolve()
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise BenchError(f"no mkdocs.yml in {root}: run the benchmark from the project root or pass --project")
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    hooks = tuple((root / h).resolve() for h in data.get("hooks") or [])
    if not hooks:
        raise BenchError(f"{config} lists no hooks: there is no hook to measure")
    extensions = tuple(data.get("markdown_extensions") or ())
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return Project(root, config, (root / data.get("docs_dir", "docs")).resolve(), hooks, extensions,
                   (root / custom).resolve() if isinstance(custom, str) else None)


def write_config(path: Path, project: Project, docs: Path, **overrides: Any) -> Path:
    """Write a config at `path` that inherits the project's and sets the docs folder.

    Args:
        path: Where to write it.
        project: The project whose mkdocs.yml it inherits.
        docs: The docs folder of this variant.
        **overrides: Any other top-level keys, e.g. `hooks`, `nav` or `extra`.
            Hook paths are made absolute against the project root.

    Returns:
        `path`.
    """
    data: dict[str, Any] = {"INHERIT": str(project.config), "docs_dir": str(docs.resolve())}
    if project.theme_dir is not None:  # relative to the config that names it, so named again from here
        data["theme"] = {"custom_dir": str(project.theme_dir)}
    data.update(overrides)
    if "hooks" in data:
        data["hooks"] = [str((project.root / h).resolve()) for h in data["hooks"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def snapshot_docs(project: Project, into: Path) -> Path:
    """Copy the docs folder, so pages edited meanwhile by others do not change the run."""
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(project.docs, into)
    return into


def files_under(folder: Path) -> dict[str, int]:
    """Every file below `folder` as relative POSIX path -> size in bytes."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
