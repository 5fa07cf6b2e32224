"""What the build needs under Zensical, which runs no MkDocs hook; the MkDocs path never calls this module.

Zensical (0.0.x) ignores `hooks:` and gives a Markdown extension only its
configuration and the current page (its `rendering_context` preprocessor):
no build start or end, and no error type of its own. So under Zensical the
extension itself, through this module:

* refuses marker syntax in the site's name, description, copyright and
  navigation on the first page of a build, naming the config file and line;
* has an author's error printed as one line: Zensical calls Python-Markdown
  from Rust, and an exception that ends `zensical build` would otherwise be
  printed with two tracebacks. `sys.excepthook` (Python's documented hook for
  an uncaught exception) prints only the message when the exception carries
  one the extension raised; the process still exits with status 1;
* scans the built site when `zensical build` exits (`atexit`), and ends the
  process with status 1 on any unresolved syntax: only this sees files no
  Markdown passes through (static HTML, theme overrides, templates).
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from gradcore.engine.guard import scan_site
from gradcore.engine.site import SiteBuild, title_problems

__all__ = ["config_of", "print_author_errors", "site_problems"]

CONFIG_FILES = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")  # the order Zensical looks for one in


def config_of(preprocessors: Any) -> dict[str, Any] | None:
    """Zensical's configuration, from its `rendering_context` preprocessor; None under any other engine."""
    found = "rendering_context" in preprocessors  # Python-Markdown's Registry has no .get()
    context = preprocessors["rendering_context"] if found else None
    config = getattr(context, "config", None)
    return config if isinstance(config, dict) else None


def site_problems(build: SiteBuild, config: dict[str, Any]) -> list[str]:
    """Marker syntax in the site's titles, on the first call for `config`; the exit scan is armed then too."""
    if build.zensical_config == id(config):
        return []
    build.zensical_config = id(config)
    root = Path(str(config.get("root_dir") or "."))
    if sys.argv[1:2] == ["build"] and config.get("site_dir"):
        atexit.register(_scan_built_site, build, str(root / str(config["site_dir"])))
    return title_problems(config, _config_file(root))


def _config_file(root: Path) -> str | None:
    """The file Zensical read its configuration from: the one named on its command line, or its first default."""
    args = sys.argv
    named = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("-f", "--config-file")]
    named += [arg.split("=", 1)[1] for arg in args if arg.startswith("--config-file=")]
    candidates = [Path(name) for name in named] + [root / name for name in CONFIG_FILES]
    return next((str(path) for path in candidates if path.is_file()), None)


def print_author_errors(build: SiteBuild, message: str) -> None:
    """Keep `message`, and have an uncaught exception carrying it printed as the message alone."""
    build.raised.append(message)
    if getattr(sys.excepthook, "gradcore_build", None) is build:
        return
    previous = sys.excepthook

    def print_message(kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
        ours = next((m for m in reversed(build.raised) if m in str(error)), None)
        if ours is None:
            previous(kind, error, traceback)
        else:
            print(f"Error: {ours}", file=sys.stderr)

    print_message.gradcore_build = build  # type: ignore[attr-defined]
    sys.excepthook = print_message


def _scan_built_site(build: SiteBuild, site_dir: str) -> None:
    """At exit of `zensical build`: refuse any output file holding marker syntax (unless an error was shown)."""
    if build.raised or not Path(site_dir).is_dir():
        return
    found = scan_site(site_dir)
    if not found:
        return
    lines = "\n".join(str(item) for item in found[:10])
    print(f"Error: gradcore found marker syntax in the built site ({site_dir}):\n{lines}", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1)  # an exit handler cannot change the status otherwise
