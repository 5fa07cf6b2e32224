"""The whole-site checks the MkDocs hook makes, made by the extension under Zensical.

Under MkDocs and ProperDocs the hook refuses marker syntax in the site's
titles before the build and scans every output file after it
(`guard.scan_site`). Zensical (0.0.x) ignores `hooks:` and offers a Markdown
extension no plugin API and no build start or end: only its configuration
and the current page, through its `rendering_context` preprocessor. So,
under Zensical, the extension itself:

* on the first page of a process, refuses marker syntax in the site's name,
  description, copyright and navigation, naming the config file and line
  (`site.title_problems`), before any of it can reach a page's title or nav;
* checks each page's front matter and finished HTML (in `gradcore.engine.mdext`),
  which covers the page, its title, its table of contents and the search
  index Zensical builds from them;
* and, when the process is a `zensical build`, scans the built site once the
  build has returned and the process exits (`atexit`), ending it with status
  1 on any find. Only this sees files that no Markdown passes through: a
  static HTML or text file in docs/, a theme override, a template.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path
from typing import Any

from gradcore.engine import uncaught
from gradcore.engine.guard import scan_site
from gradcore.engine.site import title_problems

__all__ = ["site_problems"]

CONFIG_FILES = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")  # the order Zensical looks for one in
_seen: set[int] = set()  # the configurations already checked (one per build)


def site_problems(config: dict[str, Any]) -> list[str]:
    """Marker syntax in the site's titles, on the first call for `config`; the exit scan is armed then too."""
    if id(config) in _seen:
        return []
    _seen.add(id(config))
    if sys.argv[1:2] == ["build"] and config.get("site_dir"):
        atexit.register(_scan_built_site, str(Path(str(config.get("root_dir") or ".")) / str(config["site_dir"])))
    return title_problems(config, _config_file(Path(str(config.get("root_dir") or "."))))


def _config_file(root: Path) -> str | None:
    """The file Zensical read its configuration from: the one named on its command line, or its first default."""
    args = sys.argv
    named = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("-f", "--config-file")]
    named += [arg.split("=", 1)[1] for arg in args if arg.startswith("--config-file=")]
    candidates = [Path(name) for name in named] + [root / name for name in CONFIG_FILES]
    return next((str(path) for path in candidates if path.is_file()), None)


def _scan_built_site(site_dir: str) -> None:
    """At exit of `zensical build`: refuse any output file holding marker syntax (unless an error was shown)."""
    if uncaught.raised() or not Path(site_dir).is_dir():
        return
    found = scan_site(site_dir)
    if not found:
        return
    lines = "\n".join(str(item) for item in found[:10])
    print(f"Error: gradcore found marker syntax in the built site ({site_dir}):\n{lines}", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1)  # an exit handler cannot change the status otherwise
