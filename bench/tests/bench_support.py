"""A tiny project for the benchmark's tests: two pages, one example, the real hook, a fast theme."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "hooks" / "gradcore_hook.py"
PAGE = """# One

```gc:example tiny
X: [[1.0, -0.5]]
y: [[0.25]]
W1: [[0.3], [0.8]]
```

The loss is [[gc tiny.loss]], in math \\(L = [[gc tiny.loss]]\\); written literally: `[[!gc tiny.loss]]`.

[[gc:forward tiny]]
"""


def tiny_project(folder: Path, *, extensions: list | None = None) -> Path:
    """Write a project (mkdocs.yml, docs/index.md, docs/one.md) into `folder`; return `folder`."""
    config = {"site_name": "Tiny", "use_directory_urls": False, "strict": True, "theme": {"name": "mkdocs"},
              "nav": [{"Home": "index.md"}, {"One": "one.md"}], "hooks": [str(HOOK)],
              "markdown_extensions": extensions if extensions is not None
              else ["gradcore.engine.mdext", {"pymdownx.arithmatex": {"generic": True}}, "tables"]}
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Tiny\n\nNo markers here.\n", encoding="utf-8")
    (folder / "docs" / "one.md").write_text(PAGE, encoding="utf-8")
    return folder
